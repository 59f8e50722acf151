/* Keukentafel: what Material's search results need for residents (the dialog itself: kop.js).
   - Submitting the form (Enter or the button, WCAG H32) opens the first hit in the language of
     the current page: standard and easy pages have the same titles, so from a standard page
     Enter on "bezwaar" should not land on the easy twin (and the other way round).
   - A live region (#kt-zoekstatus) says how many pages were found, once typing pauses.
   - Result titles are not headings (Material makes every hit an h1 or h2 inside a link).
   - Hits on easy pages carry a visible label "Makkelijke taal"; hits in the language of the
     current page come first.
   - Hits can be reached with Tab, not only with the arrow keys. */
(function () {
  "use strict";

  var EASY = /\/makkelijk\//;
  var easyHere = EASY.test(window.location.pathname);

  function isEasy(link) {
    try {
      return EASY.test(new URL(link.getAttribute("href"), window.location.href).pathname);
    } catch (e) {
      return false;
    }
  }

  /* --- submit: the first hit in this page's language ----------------------------------------- */
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || form.name !== "search") return;
    event.preventDefault();
    var links = Array.prototype.slice.call(document.querySelectorAll(".md-search-result__link"));
    var same = links.filter(function (link) { return isEasy(link) === easyHere; });
    var first = same[0] || links[0];
    if (first && first.href) window.location.href = first.href;
  });

  var result = document.querySelector("[data-md-component='search-result']");
  if (!result) return;
  var meta = result.querySelector(".md-search-result__meta");
  var list = result.querySelector(".md-search-result__list");
  var status = document.getElementById("kt-zoekstatus");
  var input = document.querySelector(".md-search__input");

  /* --- result markup ------------------------------------------------------------------------- */
  function retag(heading, className) {
    var replacement = document.createElement("div");
    replacement.className = className;
    while (heading.firstChild) replacement.appendChild(heading.firstChild);
    heading.parentNode.replaceChild(replacement, heading);
    return replacement;
  }

  function fix(root) {
    var links = root.querySelectorAll(".md-search-result__link:not([data-kt])");
    Array.prototype.forEach.call(links, function (link) {
      link.setAttribute("data-kt", "");
      link.removeAttribute("tabindex");
      var article = link.querySelector("article") || link;
      var h1 = article.querySelector("h1");
      var h2 = article.querySelector("h2");
      var title = h1 ? retag(h1, "kt-zoek-titel") : null;
      var sub = h2 ? retag(h2, "kt-zoek-kop") : null;
      if (isEasy(link)) {
        var label = document.createElement("span");
        label.className = "kt-zoek-label";
        label.textContent = "Makkelijke taal";
        var where = title || sub;
        if (where) where.insertBefore(label, where.firstChild);
        else article.insertBefore(label, article.firstChild);
      }
    });
    Array.prototype.forEach.call(root.querySelectorAll(".md-search-result__more > summary[tabindex]"), function (summary) {
      summary.removeAttribute("tabindex");
    });
    sameLanguageFirst(root);
  }

  /* Hits in the language of this page first, each group in Material's order. */
  function sameLanguageFirst(list) {
    var items = Array.prototype.slice.call(list.children);
    var ours = items.filter(function (item) {
      var link = item.querySelector(".md-search-result__link");
      return link && isEasy(link) === easyHere;
    });
    var ordered = ours.concat(items.filter(function (item) { return ours.indexOf(item) < 0; }));
    for (var i = 0; i < ordered.length; i++) {
      if (list.children[i] !== ordered[i]) list.insertBefore(ordered[i], list.children[i] || null);
    }
  }

  if (list && window.MutationObserver) {
    new MutationObserver(function () { fix(list); }).observe(list, { childList: true, subtree: true });
  }

  /* --- live region: the number of pages found, once typing pauses ----------------------------- */
  var timer = null;
  function announce() {
    if (!status) return;
    var text = meta ? meta.textContent.replace(/\s+/g, " ").trim() : "";
    if (!input || !input.value.trim()) text = "";
    if (status.textContent === text) return;
    status.textContent = text;
  }
  if (meta && window.MutationObserver) {
    new MutationObserver(function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(announce, 700);
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  }
})();
