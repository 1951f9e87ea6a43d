/* Realisasi page: Bootstrap classes on the plain form widgets (was an inline script). */
document.querySelectorAll("form.row input, form.row select, form.row textarea").forEach(function (e) {
  e.classList.add(e.tagName === "SELECT" ? "form-select" : "form-control");
});
