// Copy buttons: <button data-salin="#id-of-input">. Falls back to selecting the text.
document.addEventListener("click", function (e) {
  var tombol = e.target.closest("[data-salin]");
  if (!tombol) return;
  var sumber = document.querySelector(tombol.getAttribute("data-salin"));
  if (!sumber) return;
  sumber.select();
  var selesai = function () { tombol.textContent = "Tersalin"; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(sumber.value).then(selesai, function () { document.execCommand("copy"); selesai(); });
  } else {
    document.execCommand("copy");
    selesai();
  }
});
