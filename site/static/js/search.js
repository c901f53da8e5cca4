// Pagefind's search interface on the search page. Result links are made from the site's root
// (the folder above search/), so search also works when the site sits in a sub-folder.
(function () {
  var script = document.currentScript;
  var root = new URL(script.getAttribute("data-root") || "../", window.location.href).pathname;
  window.addEventListener("DOMContentLoaded", function () {
    new PagefindUI({ element: "#search", baseUrl: root, showSubResults: true, showImages: false });
    // Pagefind's input is labelled only by its title: name it by the visible sentence above it.
    var input = document.querySelector("#search input[type=text]");
    if (input) { input.setAttribute("aria-labelledby", "search-label"); }
  });
})();
