/* Keukentafel: submitting the search form (button or Enter) opens the first search result.
   Material searches while typing; this gives the form the explicit submit WCAG expects. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.name !== "search") return;
    event.preventDefault();
    var first = document.querySelector(".md-search-result__link");
    if (first && first.href) window.location.href = first.href;
  });
})();
