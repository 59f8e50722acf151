/* Keukentafel: the header's menu and search buttons, for keyboard, screen reader and touch alike.
   Material opens its drawer and its search with hidden checkboxes (#__drawer, #__search) and
   labels that cannot get focus. Our buttons (overrides/partials/header.html) switch those same
   checkboxes, so Material's own behaviour stays, and add what was missing:
   - aria-expanded on the button; focus into the panel on open and back to the button on close;
   - Escape closes; while open, the rest of the page is inert (not reachable, not read out);
   - the menu's section buttons ("In makkelijke taal") open and close their list.
   It also measures the header (for scroll-padding, WCAG 2.4.11) and switches off Material's
   one-letter shortcuts (WCAG 2.1.4), which speech-input users set off by accident.
   Without JavaScript the buttons are hidden and every page is linked from the footer. */
(function () {
  "use strict";

  var root = document.documentElement;
  var header = document.querySelector(".md-header");

  /* --- the header's height, for scroll-padding-top in keukentafel.css ---------------------- */
  function measure() {
    if (header) root.style.setProperty("--kt-kop-hoogte", header.offsetHeight + "px");
  }
  measure();
  if (header && window.ResizeObserver) new ResizeObserver(measure).observe(header);

  /* --- while a panel is open, everything else is inert --------------------------------------- */
  function inertAround(keep) {
    var made = [];
    for (var node = keep; node && node !== document.body; node = node.parentElement) {
      var parent = node.parentElement;
      if (!parent) break;
      for (var i = 0; i < parent.children.length; i++) {
        var sibling = parent.children[i];
        /* Material's checkboxes and the drawer's overlay stay live: a tap beside the drawer closes it. */
        if (sibling !== node && !sibling.inert && sibling.tagName !== "SCRIPT" &&
            !sibling.classList.contains("md-toggle") && !sibling.classList.contains("md-overlay")) {
          sibling.inert = true;
          made.push(sibling);
        }
      }
    }
    return function release() {
      made.forEach(function (el) { el.inert = false; });
    };
  }

  function focusable(container) {
    return Array.prototype.filter.call(
      container.querySelectorAll("a[href], button, input, summary, [tabindex='0']"),
      function (el) { return !el.disabled && el.getClientRects().length > 0; }
    );
  }

  /* A panel that a header button opens: Material's checkbox is the state, the button shows it. */
  function Panel(options) {
    var toggle = options.toggle, button = options.button, panel = options.panel;
    var release = null;

    function isOpen() { return toggle.checked; }

    function sync(returnFocus) {
      var open = isOpen() && !(options.skip && options.skip());
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (open && !release) {
        release = inertAround(panel);
      } else if (!open && release) {
        release();
        release = null;
        var active = document.activeElement;
        if (returnFocus || !active || active === document.body || panel.contains(active)) button.focus();
      }
    }

    function open() {
      if (!isOpen()) toggle.click(); /* Material listens to the checkbox's change event */
      sync(false);
      var target = options.first();
      if (target) target.focus();
    }

    function close() {
      if (isOpen()) toggle.click();
      sync(true);
    }

    button.addEventListener("click", function () {
      if (isOpen()) close(); else open();
    });
    /* Opened or closed by Material itself (a link in the drawer, ?q= in the address, ...). */
    toggle.addEventListener("change", function () { sync(false); });
    sync(false);
    return { open: open, close: close, isOpen: isOpen, sync: sync };
  }

  /* --- the menu (drawer) ---------------------------------------------------------------------- */
  var drawerToggle = document.getElementById("__drawer");
  var menuButton = document.querySelector(".kt-menuknop");
  var menu = document.getElementById("kt-menu");
  var drawer = menu && menu.closest(".md-sidebar--primary");
  var wide = window.matchMedia("(min-width: 76.25em)");
  var drawerPanel = null;
  if (drawerToggle && menuButton && menu && drawer) {
    drawerPanel = Panel({
      toggle: drawerToggle,
      button: menuButton,
      panel: drawer,
      skip: function () { return wide.matches; },
      first: function () {
        var links = focusable(menu.querySelector(".md-nav__list"));
        return links[0] || menu.querySelector(".kt-lade__sluiten");
      }
    });
    var closeMenu = menu.querySelector(".kt-lade__sluiten");
    if (closeMenu) closeMenu.addEventListener("click", drawerPanel.close);
    /* Growing to desktop width: the menu is a sidebar there, never a drawer. */
    var onWide = function () {
      if (wide.matches && drawerPanel.isOpen()) drawerToggle.click();
      drawerPanel.sync(false);
    };
    if (wide.addEventListener) wide.addEventListener("change", onWide);
  }

  /* The menu's sections open and close with their button. */
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".kt-navgroep__knop");
    if (!button) return;
    button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });

  /* --- search ---------------------------------------------------------------------------------- */
  var searchToggle = document.getElementById("__search");
  var searchButton = document.querySelector(".kt-zoekknop");
  var dialog = document.getElementById("kt-zoeken");
  var searchPanel = null;
  if (searchToggle && searchButton && dialog) {
    var input = dialog.querySelector(".md-search__input");
    searchPanel = Panel({
      toggle: searchToggle,
      button: searchButton,
      panel: dialog,
      first: function () { return input; }
    });
    var closeSearch = dialog.querySelector(".kt-zoeken-sluiten");
    if (closeSearch) closeSearch.addEventListener("click", searchPanel.close);
    /* A click on the dimmed page closes the search; focus goes back to the search button
       (Material would put focus in the field again). */
    var overlay = dialog.querySelector(".md-search__overlay");
    if (overlay) {
      overlay.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        searchPanel.close();
      }, true);
    }
    input.addEventListener("focus", function () { searchPanel.sync(false); });
  }

  /* --- keys -------------------------------------------------------------------------------------
     Capture phase on window, before Material's own handler (which listens on window too):
     - Escape closes an open menu or search and returns focus to its button;
     - while searching, Material would close the search on Tab, move focus to the field on any
       other key (also Shift, so Shift+Tab jumped back to the field) and open the highest-scoring
       hit on Enter; we keep only its arrow keys and its "type anywhere to search again";
     - outside the search, Material's one-letter shortcuts (f, s, / open search; n, p, ",", "."
       open the next or previous page) are switched off: WCAG 2.1.4. */
  var SHORTCUTS = ["f", "s", "/", "n", "p", ",", "."];

  function editable(el) {
    if (!el) return false;
    var tag = el.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  window.addEventListener("keydown", function (event) {
    var key = event.key;
    if (searchPanel && searchPanel.isOpen()) {
      if (key === "Escape") {
        event.preventDefault();
        searchPanel.close();
      }
      var printable = key.length === 1 && key !== " ";
      if (key !== "ArrowUp" && key !== "ArrowDown" && !(printable && !event.altKey)) event.stopPropagation();
      return;
    }
    if (drawerPanel && drawerPanel.isOpen() && !wide.matches) {
      if (key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        drawerPanel.close();
      }
      return;
    }
    if (!event.ctrlKey && !event.metaKey && !event.altKey && SHORTCUTS.indexOf(key) >= 0 && !editable(document.activeElement)) {
      event.stopPropagation();
    }
  }, true);
})();
