// Filters the models table by setting and impact evidence. Without JavaScript the whole
// table shows, with the same information in its columns.
(function () {
  var form = document.getElementById("model-filter");
  var rows = document.querySelectorAll("#model-table tbody tr");
  var count = document.getElementById("model-count");
  function checked(name) {
    return Array.prototype.map.call(
      form.querySelectorAll('input[name="' + name + '"]:checked'), function (i) { return i.value; });
  }
  function apply() {
    var settings = checked("setting");
    var impacts = checked("impact");
    var shown = 0;
    rows.forEach(function (row) {
      var has = row.dataset.settings ? row.dataset.settings.split(" ") : [];
      var ok = (settings.length === 0 || settings.some(function (s) { return has.indexOf(s) >= 0; })) &&
               (impacts.length === 0 || impacts.indexOf(row.dataset.impact) >= 0);
      row.classList.toggle("cw-filter-hidden", !ok);
      if (ok) { shown += 1; }
    });
    count.textContent = shown + (shown === 1 ? " model" : " models");
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
})();
