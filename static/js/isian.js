/* Live checks on the per-desa grid: whole numbers >= 0, F6 0/1, numerator <= denominator,
   and live totals and coverage in the footer. The server re-checks everything on save. */
(function () {
  "use strict";
  var table = document.querySelector("table.grid");
  if (!table) return;
  var heads = Array.prototype.slice.call(table.querySelectorAll("thead tr:nth-child(2) th"));
  var kode = heads.map(function (h) { return h.dataset.k; });
  var posisi = {};
  kode.forEach(function (k, i) { posisi[k] = i; });
  var penyebut = heads.map(function (h) { return h.dataset.p ? h.dataset.p.split(" ") : null; });
  var yaTidak = heads.map(function (h) { return h.dataset.yt === "1"; });
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var fmt = new Intl.NumberFormat("id-ID");
  var fmtPersen = new Intl.NumberFormat("id-ID", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

  function teks(td) {
    var input = td.querySelector("input");
    return (input ? input.value : td.textContent).trim();
  }
  function baca(td, i) {
    var s = teks(td).replace(/\./g, "");
    if (s === "") return { nilai: null };
    if (!/^-?\d+([.,]\d+)?$/.test(s)) return { salah: "bukan angka" };
    if (s.charAt(0) === "-") return { salah: "tidak boleh negatif" };
    if (/[.,]/.test(s)) return { salah: "harus bilangan bulat" };
    var n = parseInt(s, 10);
    if (yaTidak[i] && n > 1) return { salah: "isi 1 (ya) atau 0 (tidak)" };
    return { nilai: n };
  }
  function tandai(td, pesan) {
    if (!td.querySelector("input")) return;
    td.classList.toggle("salah", !!pesan);
    if (pesan) td.title = pesan; else if (!td.classList.contains("konflik")) td.removeAttribute("title");
  }
  function periksaBaris(tr) {
    var cells = Array.prototype.slice.call(tr.cells, 1);
    var nilai = cells.map(function (td, i) {
      var r = baca(td, i);
      tandai(td, r.salah ? kode[i] + ": " + r.salah : "");
      return r.salah ? null : r.nilai;
    });
    penyebut.forEach(function (p, i) {
      if (!p || nilai[i] === null) return;
      var jumlah = 0;
      for (var j = 0; j < p.length; j++) {
        var v = nilai[posisi[p[j]]];
        if (v === null || v === undefined) return;
        jumlah += v;
      }
      if (nilai[i] > jumlah) tandai(cells[i], kode[i] + ": pembilang " + nilai[i] + " melebihi penyebut " + p.join("+") + " = " + jumlah);
    });
    return nilai;
  }
  function hitungTotal() {
    var total = kode.map(function () { return null; });
    rows.forEach(function (tr) {
      periksaBaris(tr).forEach(function (v, i) { if (v !== null) total[i] = (total[i] || 0) + v; });
    });
    var jumlahRow = table.tFoot.rows[0].cells, cakupanRow = table.tFoot.rows[1].cells;
    total.forEach(function (t, i) {
      jumlahRow[i + 1].textContent = t === null ? "–" : fmt.format(t);
      if (!penyebut[i]) return;
      var d = 0;
      penyebut[i].forEach(function (k) { d += total[posisi[k]] || 0; });
      cakupanRow[i + 1].textContent = t === null || !d ? "" : fmtPersen.format(t * 100 / d) + "%";
    });
    table.tFoot.rows[0].cells[0].textContent = "Jumlah";
  }
  table.querySelectorAll("input").forEach(function (input) { input.setAttribute("inputmode", "numeric"); });
  table.addEventListener("input", function (e) {
    if (e.target.tagName === "INPUT") hitungTotal();
  });
  hitungTotal();
})();

/* A refused save lists conflicting cells: "pakai nilai tersimpan" puts the stored value back. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("button.pakai-nilai"), function (b) {
    b.addEventListener("click", function () {
      var input = document.querySelector('input[name="' + b.dataset.sel + '"]');
      if (!input) return;
      input.value = b.dataset.nilai;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      b.closest("li").classList.add("text-decoration-line-through");
    });
  });
})();
