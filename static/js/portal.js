/* Site-wide behaviour without inline handlers (the Content-Security-Policy forbids onsubmit=""
   and inline <script>): a form with data-konfirmasi="Pertanyaan?" asks before it is sent. */
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var pesan = e.target.getAttribute && e.target.getAttribute("data-konfirmasi");
    if (pesan && !window.confirm(pesan)) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
  }, true);
})();
