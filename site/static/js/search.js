// Pagefind's search interface on the search page.
window.addEventListener("DOMContentLoaded", function () {
  new PagefindUI({ element: "#search", showSubResults: true, showImages: false });
});
