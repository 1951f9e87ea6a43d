/* The public map (D96): pointing at or focusing a region writes its name and value under the map.
   Without this script every region still has its <title> and is a link. */
(function () {
  "use strict";
  var info = document.getElementById("peta-info");
  var svg = document.querySelector("[data-testid=peta-svg]");
  if (!info || !svg) { return; }
  var asal = info.textContent;
  function tampil(ev) {
    var a = ev.target.closest ? ev.target.closest("a[data-kode]") : null;
    if (a) { info.textContent = a.getAttribute("data-nama") + ": " + a.getAttribute("data-nilai"); }
  }
  svg.addEventListener("mouseover", tampil);
  svg.addEventListener("focusin", tampil);
  svg.addEventListener("mouseleave", function () { info.textContent = asal; });
}());
