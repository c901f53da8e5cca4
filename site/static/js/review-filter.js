// Narrows and sorts a link set's review page. Without JavaScript the form stays hidden and
// every link is listed in id order; the links keep their ids (review/SET.html#link-ID), so a
// link to one of them works whatever the filter shows.
(function () {
  var form = document.getElementById("review-filter");
  var list = document.getElementById("review-links");
  var count = document.getElementById("review-count");
  if (!form || !list) { return; }
  var items = Array.prototype.slice.call(list.querySelectorAll("li.cw-link"));
  var RANK = { strong: 0, partial: 1, weak: 2 };
  var statuses = Array.prototype.map.call(form.status.options, function (o) { return o.value; });
  var keys = {
    id: function (li) { return [Number(li.dataset.id)]; },
    strength: function (li) { return [RANK[li.dataset.strength], Number(li.dataset.id)]; },
    object: function (li) { return [li.dataset.objectName.toLowerCase(), Number(li.dataset.id)]; },
    status: function (li) { return [statuses.indexOf(li.dataset.status), Number(li.dataset.id)]; }
  };
  function compare(a, b) {
    for (var i = 0; i < a.length; i += 1) {
      if (a[i] < b[i]) { return -1; }
      if (a[i] > b[i]) { return 1; }
    }
    return 0;
  }
  function apply() {
    var want = { strength: form.strength.value, status: form.status.value, object: form.object.value };
    var key = keys[form.sort.value] || keys.id;
    var shown = 0;
    items.slice().sort(function (a, b) { return compare(key(a), key(b)); }).forEach(function (li) {
      var ok = Object.keys(want).every(function (k) { return !want[k] || li.dataset[k] === want[k]; });
      li.hidden = !ok;
      if (ok) { shown += 1; }
      list.appendChild(li);
    });
    count.textContent = "Showing " + shown + " of " + items.length + " links";
  }
  form.hidden = false;
  count.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
