// Pagefind's search interface on the search page. Result links are made from the site's root
// (the folder above search/), so search also works when the site sits in a sub-folder. A term
// in the address (search/?q=dignity, as the search box in every page's header sends) is
// searched at once. Opened from the file system, the browser will not let the page read the
// index: the page says so instead of showing a search box that finds nothing.
(function () {
  var script = document.currentScript;
  var root = new URL(script.getAttribute("data-root") || "../", window.location.href).pathname;
  window.addEventListener("DOMContentLoaded", function () {
    if (window.location.protocol === "file:" || typeof PagefindUI === "undefined") {
      document.getElementById("search-needs-server").hidden = false;
      return;
    }
    var ui = new PagefindUI({
      element: "#search", baseUrl: root, showSubResults: true, showImages: false, pageSize: 20
    });
    // Each result's "Type" says what it is ("criterion of …"); the Show list keeps only the
    // results of one kind, by how that starts.
    var kind = document.getElementById("search-kind");
    function narrow() {
      var want = kind.value;
      Array.prototype.forEach.call(document.querySelectorAll("#search .pagefind-ui__result"),
        function (result) {
          var tag = result.querySelector("[data-pagefind-ui-meta=type]");
          var what = tag ? tag.textContent.replace(/^\s*Type:\s*/, "") : "";
          result.classList.toggle("cw-filter-hidden", want !== "" && what.indexOf(want) !== 0);
        });
    }
    document.getElementById("search-kind-group").hidden = false;
    kind.addEventListener("change", narrow);
    new MutationObserver(narrow).observe(document.getElementById("search"),
      { childList: true, subtree: true });
    // Pagefind's input is labelled only by its title: name it by the visible sentence above it.
    var input = document.querySelector("#search input[type=text]");
    if (input) { input.setAttribute("aria-labelledby", "search-label"); }
    var term = new URLSearchParams(window.location.search).get("q");
    if (term && term.trim()) {
      ui.triggerSearch(term.trim());
      var box = document.getElementById("header-search");
      if (box) { box.value = term.trim(); }
    }
  });
})();
