#!/usr/bin/env node
// Keukentafel accessibility gate: checks many pages in ONE Chromium with pa11y (axe + htmlcs,
// WCAG2AA), several pages at a time, and streams one JSON line per page to stdout.
//
// Input (stdin, one JSON object per line): first the settings
//   {"chromium": "/usr/bin/chromium", "args": [...], "concurrency": 2, "keyboard": {...} | false},
// then one line per page, as long as the build has pages to add:
//   {"id": "/slug/path/", "url": "http://127.0.0.1:PORT/path/", "site": "http://127.0.0.1:PORT"}
// Output (stdout, one JSON object per line):
//   {"type": "ready", "versions": {...}}   as soon as Chromium runs
//   {"type": "page", "id", "url", "issues": [...], "requests": [...], "reflow": {...}, "zoom": {...},
//    "csp": {"policies": [...], "violations": [...]}, "keyboard": {...}, "error": null | "message", "attempts": n}
//   {"type": "done", "versions": {...}}   or   {"type": "fatal", "error": "..."} (exit 3)
// A page that cannot be tested is tried once more, then reported with "error" set: never as passed.
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");


function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

// WCAG 1.4.10: at 320 CSS px wide the page must not scroll sideways.
async function measureReflow(page) {
  await useViewport(page, { width: 320, height: 640 });
  return page.evaluate(() => {
    const doc = document.documentElement;
    const overflow = doc.scrollWidth - doc.clientWidth;
    let widest = null;
    if (overflow > 1) {
      let max = 0;
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.right > max && r.width > 0 && getComputedStyle(el).position !== "fixed") {
          max = r.right;
          widest = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
        }
      }
    }
    return { width: 320, scrollWidth: doc.scrollWidth, overflow: overflow, widest: widest };
  });
}

// WCAG 1.4.4: with text at 200% (desktop width), no text may be clipped by its container.
async function measureTextZoom(page) {
  await useViewport(page, { width: 1280, height: 1024 });
  return page.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
    document.body.style.fontSize = "200%";
    const clipped = [];
    const root = document.querySelector(".md-content") || document.body;
    for (const el of root.querySelectorAll("p, li, h1, h2, h3, label, td, th, legend")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const hides = style.overflow === "hidden" || style.overflowX === "hidden" || style.overflowY === "hidden";
      if (hides && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        clipped.push(el.tagName.toLowerCase() + ": " + el.textContent.trim().slice(0, 60));
      }
    }
    return { factor: 2, clipped: clipped.slice(0, 10) };
  });
}

// --- Keyboard checks: what someone who uses Tab sees (WCAG 2.4.7, 2.4.11, 1.4.11, 4.1.2, 2.1.1) ----
//
// On every page, at each width in input.keyboard.viewports (320 and 1280 px), real keyboard focus
// walks the page from the top: Tab key events go to Chromium over CDP (not synthetic DOM events),
// so focus moves, :focus-visible matches and the browser scrolls exactly as for a person. The keys
// are sent in one batch, without waiting for a reply per key; a capture-phase keydown listener in
// the page measures the focused element just before the next Tab moves focus on (and after the
// last one), so a stop costs no round trip between Node and Chromium. The walk ends when focus
// comes back to an element it has visited or leaves the page, or at maxStops.
//
// Per Tab stop the page measures:
//   - visible? Its box after the browser scrolled it into view, sampled with elementsFromPoint on a
//     grid of 5 x 3 points (3 x 2 per line box for a link that wraps): off the screen, clipped away
//     (overflow, clip, clip-path), opacity 0, no size, or wholly under something else
//     → "onzichtbaar-focusbaar";
//   - covered by a fixed or sticky element (not its own ancestor or descendant, with paint of its
//     own: a background, an image or text) at more than maxCovered of the sampled points
//     → "focus-onder-vaste-balk";
//   - role and name: a DOM approximation (native or valid ARIA role; name from aria-labelledby,
//     aria-label, labels, alt, title, placeholder, visible text). Only a stop the approximation
//     cannot name is put to Chromium's accessibility tree (Accessibility.getPartialAXTree), and
//     Chromium decides: the approximation makes the check cheaper, it never reports a missing
//     name by itself. A focusable scroll container needs no role → "bediening-zonder-naam";
//   - its focus style: a signature of its computed outline, shadow, border, background and text
//     colours when focused, and the colour behind it. The first time a signature occurs (per site
//     and width) the walk pauses at that stop: Node takes a screenshot of the element's box plus
//     8 px as it is, focused, then after blur(), and finds the contrast ratio that at least N
//     changed pixels reach between their unfocused and focused colour, N being the element's width
//     (the smallest indicator a person can find: a 1-px line along the element, an underline).
//     Below minFocusContrast (3:1) → "focusring-te-zwak"; nothing changes → no indicator at all.
//     The walk then puts focus back (el.focus() after keyboard use, so :focus-visible holds) and
//     goes on. Screenshots are taken at the moment of the stop, so the page is in the state the
//     person sees there (Material, for one, opens its search when its field gets focus).
//
// Sharing work between pages. Most Tab stops repeat: the header, the menu and the footer on every
// page, and content links that Markdown makes all alike. A stop is known by its shape: its theme
// region, the tags and classes of its containers, its opening tag without the attributes that name
// a target (href, id, title, for, aria-controls, aria-current...), and whether it has a name. A
// shape judged before on the same site at the same width is not measured again: at its keydown the
// page moves focus (programmatically, without scrolling) over the whole run of known stops that
// follow in document order, and the next Tab goes on from there; the verdict of the shape is
// reused for each skipped element, with that element's own text and selector in the finding. So
// a problem in the header is still reported on every page, and each page pays only for shapes it
// is the first to show. Skipping is only done where Tab order is document order (no positive
// tabindex). A verdict that depends on where an element happens to land (under a bar, off the
// screen in the content) is not reused. Transitions and the text caret are switched off during a
// walk, so measurements see final states and screenshots are stable; afterwards the page is put
// back (focus, toggles the walk changed, scroll position).
//
// Once per site (the first page checked with JavaScript) at 320 px, the header's menu and search
// buttons are operated by keyboard: Tab reaches the button, Enter opens its panel (aria-expanded
// "true"; focus inside, or the next Tab inside), Escape closes it and focus is back on the button.
// The header is the same on every page, so once per site is enough.

const KEYBOARD_DEFAULTS = {
  viewports: [{ width: 320, height: 640 }, { width: 1280, height: 1024 }],
  maxStops: 250,
  maxCovered: 0.5,
  minFocusContrast: 3,
};

// The parts of Material's theme a finding can sit in (.md-search sits inside .md-header and comes
// first). The functions that run in the page get this list as an argument: they cannot see Node's.
const THEME_REGIONS = [".md-search", ".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-banner", ".md-skip"];

// Everything the keyboard checks do inside the page, installed once per page as window.__ktKeys.
function installKeyboardLibrary(REGIONS) {
  if (window.__ktKeys) return;
  const CANDIDATES = "a[href], area[href], button, input, select, textarea, summary, iframe, audio[controls], video[controls], [tabindex], [contenteditable]";
  const SCROLL_BOXES = "pre, code, table, [class*=scroll], [class*=table], [data-md-scrollfix]";
  const NAME_FROM_CONTENT = new Set(["link", "button", "checkbox", "radio", "switch", "tab", "menuitem", "menuitemcheckbox", "menuitemradio", "option", "treeitem", "cell", "gridcell", "columnheader", "rowheader", "heading", "tooltip", "summary"]);
  const ROLES = new Set(["alert", "alertdialog", "application", "article", "banner", "blockquote", "button", "caption", "cell", "checkbox", "code", "columnheader", "combobox", "complementary", "contentinfo", "definition", "deletion", "dialog", "document", "emphasis", "feed", "figure", "form", "grid", "gridcell", "group", "heading", "img", "insertion", "link", "list", "listbox", "listitem", "log", "main", "marquee", "math", "menu", "menubar", "menuitem", "menuitemcheckbox", "menuitemradio", "meter", "navigation", "note", "option", "paragraph", "progressbar", "radio", "radiogroup", "region", "row", "rowgroup", "rowheader", "scrollbar", "search", "searchbox", "separator", "slider", "spinbutton", "status", "strong", "subscript", "superscript", "switch", "tab", "table", "tablist", "tabpanel", "term", "textbox", "time", "timer", "toolbar", "tooltip", "tree", "treegrid", "treeitem"]);
  // Attributes that name a target or this one element, not its kind: left out of its shape.
  const NAMING = new Set(["href", "src", "id", "name", "for", "title", "value", "alt", "aria-label", "aria-labelledby", "aria-describedby", "aria-controls", "aria-current", "data-md-state", "style"]);
  const walk = { stops: [], facts: [], done: false, paused: null, resumed: false, known: new Map(), rings: new Set(), candidates: null, opts: null, saved: [], listening: false, keys: new WeakMap() };

  // The nearest theme region around el (.md-search sits inside .md-header and comes first).
  const ANY_REGION = REGIONS.join(", ");
  const regionOf = (el) => {
    const around = el.closest(ANY_REGION);
    return around ? REGIONS.find((r) => around.matches(r)) : "";
  };
  const themed = !!document.querySelector(".md-container");
  const inArticle = (el) => !!el.closest("article.md-content__inner") || (!themed && !regionOf(el));
  const clean = (s, n) => (s || "").replace(/\s+/g, " ").trim().slice(0, n);
  const classes = (el) => (typeof el.getAttribute("class") === "string" ? el.getAttribute("class") : "").split(/\s+/).filter((c) => c && c !== "focus-visible");

  function openingTag(el) {
    const attrs = [...el.attributes].filter((a) => a.name !== "class" && a.name !== "style" && a.name !== "data-focus-visible-added").map((a) => `${a.name}="${a.value.slice(0, 80)}"`);
    const cls = classes(el);
    if (cls.length) attrs.unshift(`class="${cls.join(" ")}"`);
    return `<${el.tagName.toLowerCase()}${attrs.length ? " " + attrs.join(" ") : ""}>`.slice(0, 300);
  }
  // A CSS selector that finds this element again: its id, or a path of :nth-of-type steps.
  function selectorOf(el) {
    const steps = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e.id && document.getElementById(e.id) === e) {
        steps.unshift("#" + CSS.escape(e.id));
        break;
      }
      let before = 0, after = 0;
      for (let c = e.previousElementSibling; c; c = c.previousElementSibling) if (c.tagName === e.tagName) before++;
      for (let c = e.nextElementSibling; c && !after; c = c.nextElementSibling) if (c.tagName === e.tagName) after++;
      steps.unshift(e.tagName.toLowerCase() + (before || after ? `:nth-of-type(${before + 1})` : ""));
    }
    return steps.join(" > ");
  }
  // The shape of a Tab stop (see above), cached per element for the page's lifetime.
  function keyOf(el) {
    let key = walk.keys.get(el);
    if (key) return key;
    const shape = (e) => e.tagName.toLowerCase() + classes(e).map((c) => "." + c).join("");
    const path = [];
    for (let e = el.parentElement, n = 0; e && n < 5 && e !== document.body && !e.matches("main, article, nav, header, footer, form, [role=dialog]"); e = e.parentElement, n++) path.unshift(shape(e));
    const attrs = [...el.attributes].filter((a) => !NAMING.has(a.name) && a.name !== "class" && !a.name.startsWith("data-")).map((a) => `${a.name}=${a.value.slice(0, 40)}`).sort();
    const rn = roleAndName(el, true);
    key = `${regionOf(el)}|${path.join(">")}|${shape(el)}[${attrs.join(",")}]|${rn.role}|${rn.name ? "naam" : "geen naam"}`;
    walk.keys.set(el, key);
    return key;
  }

  const described = new WeakMap();
  function describe(el) {
    if (!described.has(el)) described.set(el, describeNow(el));
    return described.get(el);
  }
  function describeNow(el) {
    return {
      selector: selectorOf(el),
      region: regionOf(el),
      inArticle: inArticle(el),
      tag: el.tagName.toLowerCase(),
      text: clean(el.textContent || el.getAttribute("aria-label") || el.getAttribute("alt") || el.getAttribute("value") || el.getAttribute("placeholder") || "", 160),
      href: el.getAttribute("href") || el.getAttribute("src") || "",
      context: openingTag(el),
    };
  }

  // Does this element put paint of its own on the screen (so it hides what lies under it)?
  function paints(e) {
    if (/^(IMG|SVG|VIDEO|CANVAS|INPUT|SELECT|TEXTAREA|IFRAME|OBJECT|EMBED|PATH|USE|CIRCLE|RECT|POLYGON)$/i.test(e.tagName)) return true;
    const s = getComputedStyle(e);
    if (s.backgroundImage !== "none") return true;
    const bg = s.backgroundColor.match(/[\d.]+/g);
    if (bg && (bg.length < 4 || parseFloat(bg[3]) > 0.1)) return true;
    for (const n of e.childNodes) if (n.nodeType === 3 && n.textContent.trim()) return true;
    return false;
  }
  function fixedAncestor(e) {
    for (; e && e !== document.documentElement; e = e.parentElement) {
      const p = getComputedStyle(e).position;
      if (p === "fixed" || p === "sticky") return e;
    }
    return null;
  }
  function opacityOf(el) {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  }
  function clippedAway(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      const inset = s.clipPath.match(/^inset\(([\d.]+)%/);
      if (inset && parseFloat(inset[1]) >= 50) return true;
      const rect = s.clip.match(/^rect\(([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px\)$/);
      if (rect && (s.position === "absolute" || s.position === "fixed")) {
        const [top, right, bottom, left] = rect.slice(1).map(parseFloat);
        if (right - left <= 1 || bottom - top <= 1) return true;
      }
    }
    return false;
  }
  function boxOf(el) {
    let r = el.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) {
      const range = document.createRange();
      range.selectNodeContents(el);
      const inner = range.getBoundingClientRect();
      if (inner.width * inner.height > r.width * r.height) r = inner;
    }
    return r;
  }

  // Where the element is visible and whether a fixed or sticky bar covers it, from a 5 x 3 grid.
  function sight(el) {
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const r = boxOf(el);
    const box = { x: Math.round(r.left), y: Math.round(r.top), width: Math.round(r.width), height: Math.round(r.height) };
    if (r.width < 1 || r.height < 1) return { box, hidden: "geen-afmeting" };
    if (r.right <= 0 || r.bottom <= 0 || r.left >= vw || r.top >= vh) return { box, hidden: "buiten-beeld" };
    if (opacityOf(el) < 0.05) return { box, hidden: "doorzichtig" };
    if (clippedAway(el)) return { box, hidden: "afgesneden" };
    // A link that wraps over two lines has two boxes; its bounding box covers text that is not its own.
    const lines = [...el.getClientRects()].filter((q) => q.width >= 1 && q.height >= 1);
    const areas = lines.length > 1 ? lines.slice(0, 4) : [r];
    const points = [];
    for (const q of areas) {
      const cols = areas.length > 1 ? 3 : 5, rows = areas.length > 1 ? 2 : 3;
      for (let i = 0; i < cols; i++) for (let j = 0; j < rows; j++) points.push([q.left + ((i + 0.5) * q.width) / cols, q.top + ((j + 0.5) * q.height) / rows]);
    }
    let inView = 0, hit = 0, underBar = 0, underOther = 0, bar = null, other = null;
    for (const [x, y] of points) {
      if (x < 0 || y < 0 || x >= vw || y >= vh) continue;
      inView++;
      const stack = document.elementsFromPoint(x, y);
      const at = stack.findIndex((e) => e === el || el.contains(e));
      if (at < 0) continue;
      hit++;
      for (let k = 0; k < at; k++) {
        const e = stack[k];
        if (e.contains(el) || !paints(e)) continue;
        const fixed = fixedAncestor(e);
        if (fixed && !fixed.contains(el) && opacityOf(fixed) > 0.1) {
          underBar++;
          bar = bar || fixed;
        } else {
          underOther++;
          other = other || e;
        }
        break;
      }
    }
    if (!inView) return { box, hidden: "buiten-beeld" };
    if (!hit) return getComputedStyle(el).pointerEvents === "none" ? { box } : { box, hidden: "afgesneden" };
    if (underOther === hit) return { box, hidden: "bedekt", by: selectorOf(other) };
    const result = { box, covered: Math.round((100 * underBar) / hit) / 100 };
    if (bar) {
      result.bar = selectorOf(bar);
      result.barRegion = regionOf(bar);
    }
    return result;
  }

  // Text that names an element, without hidden parts (markupOnly: judged by markup alone, the same
  // at every width: for the shape of a stop).
  function visibleText(node, markupOnly) {
    let out = "";
    for (const n of node.childNodes) {
      if (n.nodeType === 3) out += n.textContent;
      else if (n.nodeType === 1) {
        if (n.getAttribute("aria-hidden") === "true" || n.hidden || (!markupOnly && n.checkVisibility && !n.checkVisibility({ visibilityProperty: true }))) continue;
        if (n.tagName === "IMG" || n.tagName === "AREA") out += " " + (n.getAttribute("alt") || "");
        else if (n.getAttribute("aria-label")) out += " " + n.getAttribute("aria-label");
        else if (n.tagName.toLowerCase() === "svg") out += " " + ((n.querySelector("title") || {}).textContent || "");
        else out += " " + visibleText(n, markupOnly);
      }
    }
    return out;
  }
  function implicitRole(el) {
    const tag = el.tagName.toLowerCase();
    if ((tag === "a" || tag === "area") && el.hasAttribute("href")) return "link";
    if (tag === "button" || tag === "summary") return tag;
    if (tag === "select") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "textarea") return "textbox";
    if (tag === "iframe" || tag === "audio" || tag === "video") return tag;
    if (tag === "input") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      return { checkbox: "checkbox", radio: "radio", range: "slider", number: "spinbutton", button: "button", submit: "button", reset: "button", image: "button", search: "searchbox" }[type] || "textbox";
    }
    return "";
  }
  // A name and role as Chromium would most likely compute them; "" when unsure.
  function roleAndName(el, markupOnly) {
    const explicit = (el.getAttribute("role") || "").trim().split(/\s+/).find((r) => ROLES.has(r)) || "";
    const role = explicit || implicitRole(el);
    let name = "";
    const labelledby = (el.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    if (labelledby.length) name = labelledby.map((id) => (document.getElementById(id) || {}).textContent || "").join(" ");
    if (!clean(name, 1)) name = el.getAttribute("aria-label") || "";
    if (!clean(name, 1) && el.labels && el.labels.length) name = [...el.labels].map((l) => visibleText(l, markupOnly)).join(" ");
    if (!clean(name, 1) && el.tagName === "INPUT") {
      const type = (el.getAttribute("type") || "text").toLowerCase();
      if (type === "image") name = el.getAttribute("alt") || "";
      else if (["button", "submit", "reset"].includes(type)) name = el.value || (type === "button" ? "" : type);
    }
    if (!clean(name, 1) && NAME_FROM_CONTENT.has(role)) name = visibleText(el, markupOnly);
    if (!clean(name, 1)) name = el.getAttribute("title") || el.getAttribute("placeholder") || "";
    if (markupOnly) return { role, name: clean(name, 80) };
    const s = getComputedStyle(el);
    const scroller = /(auto|scroll)/.test(s.overflowX + " " + s.overflowY);
    return { role, name: clean(name, 80), scroller };
  }

  // The colour behind el: the first ancestor with a (mostly) opaque background, and that ancestor.
  function backdropOf(el) {
    for (let e = el.parentElement; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      const a = bg.match(/[\d.]+/g);
      if (a && (a.length < 4 || parseFloat(a[3]) > 0.5)) return { color: bg, element: e };
    }
    return { color: "rgb(255, 255, 255)", element: null };
  }
  const backdrop = (el) => backdropOf(el).color;
  const rgba = (css) => {
    const v = (css.match(/[\d.]+/g) || ["0", "0", "0", "0"]).map(parseFloat);
    return v.length < 4 ? [v[0], v[1], v[2], 1] : v;
  };
  const lum = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  // A focus ring whose contrast the computed style already makes plain: a solid outline of at
  // least 2 px, outside the element, over an opaque colour, that nothing between clips, and that
  // is not there without focus. Only a pass is decided this way (no screenshots needed); anything
  // else, and every result below the threshold, is measured in pixels.
  function plainRing(el, minimum) {
    const s = getComputedStyle(el);
    if (s.outlineStyle !== "solid" || parseFloat(s.outlineWidth) < 2 || parseFloat(s.outlineOffset) < 0) return null;
    const behind = backdropOf(el);
    for (let e = el.parentElement; e && e !== behind.element; e = e.parentElement) if (getComputedStyle(e).overflow !== "visible") return null;
    const [r, g, b, a] = rgba(s.outlineColor);
    const bg = rgba(behind.color);
    const ring = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    const l1 = lum(ring), l2 = lum(bg);
    const contrast = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (contrast < minimum) return null;
    const outline = s.outlineStyle + s.outlineColor + s.outlineWidth;
    el.blur();
    const unfocused = getComputedStyle(el);
    const always = unfocused.outlineStyle + unfocused.outlineColor + unfocused.outlineWidth === outline;
    el.focus({ preventScroll: true });
    if (always || deepActive() !== el) return null;
    return { contrast: Math.round(contrast * 100) / 100, changed: null, plain: true };
  }
  // What decides how focus looks: the focused element's own colours and lines, and what is behind it.
  function styleSignature(el) {
    const s = getComputedStyle(el);
    return [el.tagName, el.getAttribute("role") || "", s.outlineStyle, s.outlineColor, s.outlineWidth, s.outlineOffset, s.boxShadow,
      s.borderTopColor, s.borderBottomColor, s.borderTopWidth, s.borderBottomWidth, s.backgroundColor, s.backgroundImage.slice(0, 80), s.color, s.textDecorationLine,
      s.textDecorationColor, s.textDecorationThickness, backdrop(el)].join("|");
  }

  function measure(el, key) {
    const rn = roleAndName(el);
    return { key, ...describe(el), ...sight(el), role: rn.role, name: rn.name, askChromium: !rn.scroller && (!rn.role || !rn.name), signature: styleSignature(el) };
  }

  function deepActive() {
    let a = document.activeElement;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
    return a && a !== document.body && a !== document.documentElement ? a : null;
  }

  // Elements that Tab would visit, in document order; null when Tab order is not document order.
  // Besides what can take focus by its markup, Chromium also stops at a scroll box that has
  // nothing focusable inside; the usual ones (code blocks, wide tables, Material's wrappers)
  // are added when they really scroll.
  function tabCandidates() {
    const all = [...document.querySelectorAll(CANDIDATES)];
    if (all.some((e) => e.tabIndex > 0)) return null;
    const stops = all.filter((e) => e.tabIndex >= 0 && !e.disabled && !e.closest("[inert]") && (!e.checkVisibility || e.checkVisibility({ visibilityProperty: true })));
    const scrollers = [...document.querySelectorAll(SCROLL_BOXES)].filter((e) => {
      if (e.tabIndex >= 0 || e.querySelector(CANDIDATES) || e.closest("[inert]")) return false;
      if (e.checkVisibility && !e.checkVisibility({ visibilityProperty: true })) return false;
      const s = getComputedStyle(e);
      return (/(auto|scroll)/.test(s.overflowX) && e.scrollWidth > e.clientWidth) || (/(auto|scroll)/.test(s.overflowY) && e.scrollHeight > e.clientHeight);
    });
    if (!scrollers.length) return stops;
    return [...stops, ...scrollers].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  // A stop whose shape was judged before: only described when that verdict has findings.
  function knownFact(el, key, skipped) {
    return walk.known.get(key) ? { key, known: true, skipped, ...describe(el) } : { key, known: true, skipped };
  }

  // Called at each Tab keydown, before focus moves on: the element that has focus now is a stop.
  // Returns true when the walk pauses here (the key must then not move focus).
  function record() {
    const el = deepActive();
    if (!el) {
      if (walk.stops.length) walk.done = true;
      return false;
    }
    if (walk.stops.includes(el) || walk.stops.length >= walk.opts.maxStops) {
      walk.done = true;
      return false;
    }
    walk.stops.push(el);
    const key = keyOf(el);
    if (walk.known.has(key)) {
      walk.facts.push(knownFact(el, key, false));
      skipKnownRun(el);
      return false;
    }
    const fact = measure(el, key);
    walk.facts.push(fact);
    // A focus style not seen before on this site at this width: pause, so Node can compare pixels
    // of this element focused and unfocused, in the state the page is in at this very moment.
    if (!fact.hidden && !(fact.covered > walk.opts.maxCovered) && !walk.rings.has(fact.signature)) {
      walk.rings.add(fact.signature);
      fact.ring = plainRing(el, walk.opts.minFocusContrast);
      if (fact.ring) return false;
      walk.paused = walk.stops.length - 1;
      return true;
    }
    return false;
  }
  // Move focus over the run of known stops that follows el, so the next Tab lands after it.
  function skipKnownRun(el) {
    if (!walk.candidates) return;
    const at = walk.candidates.indexOf(el);
    if (at < 0) return;
    let last = at;
    while (last + 1 < walk.candidates.length && walk.known.has(keyOf(walk.candidates[last + 1]))) last++;
    if (last === at) return;
    const target = walk.candidates[last];
    target.focus({ preventScroll: true });
    if (deepActive() !== target) {
      el.focus({ preventScroll: true });
      return;
    }
    for (let i = at + 1; i <= last; i++) {
      walk.stops.push(walk.candidates[i]);
      walk.facts.push(knownFact(walk.candidates[i], keyOf(walk.candidates[i]), true));
    }
  }
  function onKeydown(event) {
    if (event.key !== "Tab" || !walk.opts) return;
    if (walk.resumed) {
      walk.resumed = false; // focus is back where the walk paused; this key moves it on
      return;
    }
    // While paused or after the end, the rest of the batch does nothing at all.
    if (walk.paused !== null || walk.done || record()) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }
  // Toggles that the walk changed as a side effect (Material opens its search when its field gets
  // focus) are put back, so later checks see the page as loaded.
  function toggles() {
    return [...document.querySelectorAll("input[type=checkbox], input[type=radio], details")].map((e) => [e, e.tagName === "DETAILS" ? e.open : e.checked]);
  }
  function restore(saved) {
    for (const [e, was] of saved) {
      if (e.tagName === "DETAILS") e.open = was;
      else if (e.checked !== was) {
        e.checked = was;
        e.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }
  // The walk's own style stays until the page is left: it changes no layout (so the text-zoom check
  // after the walks measures the same), and adding and removing it would restyle the whole page.
  function end() {
    walk.opts = null;
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
    restore(walk.saved);
  }

  // The header's menu and search controls: a button (or Material's label) that opens a panel.
  // Links are never operated: Enter on a link would leave the page.
  const controls = [];
  function panelFor(control) {
    const id = control.getAttribute("aria-controls");
    if (id) return document.getElementById(id.split(/\s+/)[0]);
    const toggle = control.tagName === "LABEL" && control.htmlFor ? document.getElementById(control.htmlFor) : null;
    if (toggle && toggle.dataset.mdToggle === "drawer") return document.querySelector(".md-sidebar--primary");
    if (toggle && toggle.dataset.mdToggle === "search") return document.querySelector(".md-search__inner") || document.querySelector(".md-search");
    return null;
  }
  function kindOf(control) {
    const toggle = control.tagName === "LABEL" && control.htmlFor ? document.getElementById(control.htmlFor) : null;
    if (toggle && toggle.dataset.mdToggle === "drawer") return "menu";
    if (toggle && toggle.dataset.mdToggle === "search") return "zoeken";
    const panel = panelFor(control);
    if (panel && panel.querySelector("input[type=search], input[name=query], [role=search], [role=searchbox]")) return "zoeken";
    if (panel && (panel.matches("nav, [role=navigation]") || panel.querySelector("nav, [role=navigation], a[href]"))) return "menu";
    const words = `${control.getAttribute("aria-label") || ""} ${control.textContent || ""} ${control.getAttribute("title") || ""}`.toLowerCase();
    if (/\b(menu|navigatie)\b/.test(words)) return "menu";
    if (/\b(zoek|zoeken|search)\b/.test(words)) return "zoeken";
    return "";
  }
  function shown(el) {
    if (!el || el.closest("[hidden], [inert]")) return false;
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
    const r = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    const left = Math.max(0, r.left), right = Math.min(vw, r.right), top = Math.max(0, r.top), bottom = Math.min(vh, r.bottom);
    if (right - left < 10 || bottom - top < 10) return false;
    const stack = document.elementsFromPoint((left + right) / 2, (top + bottom) / 2);
    return stack.some((e) => e === el || el.contains(e));
  }
  function headerControls() {
    controls.length = 0;
    const header = document.querySelector(".md-header, header, [role=banner]");
    if (!header) return [];
    const out = [];
    for (const control of header.querySelectorAll("button, [role=button], label[for], summary, input[type=button]")) {
      const kind = kindOf(control);
      if (!kind || out.some((c) => c.kind === kind)) continue;
      if (control.closest(".md-search__form")) continue; // the search form's own buttons
      if (!control.getClientRects().length || getComputedStyle(control).visibility !== "visible") continue; // not shown at this width
      controls.push(control);
      out.push({ kind, reachable: walk.stops.includes(control), hasExpanded: control.hasAttribute("aria-expanded"), ...describe(control) });
    }
    return out;
  }
  function controlState(i) {
    const control = controls[i], panel = panelFor(control), active = deepActive();
    return {
      expanded: control.getAttribute("aria-expanded"),
      panelShown: panel ? shown(panel) : null,
      focusInPanel: !!(active && (panel ? panel.contains(active) && active !== control : active !== control && !control.contains(active))),
      focusOnControl: active === control,
      active: active ? selectorOf(active) : "",
    };
  }

  const walkStyle = new CSSStyleSheet();
  walkStyle.replaceSync("*,*::before,*::after{transition:none!important;caret-color:transparent!important}html,body{scroll-behavior:auto!important}");
  window.__ktKeys = {
    // Start a walk: focus off the page, the starting point at the top. Returns how many Tab keys
    // to send first: the stops still to measure plus one per run of known stops, plus a few.
    // Start a walk. When every element that Tab would visit has a shape judged before (and Tab
    // order is document order), no key needs pressing: the facts come back at once. Otherwise
    // focus is taken off the page, the starting point set to the top, and the answer is how many
    // Tab keys to send first: the stops still to measure plus one per run of known stops, plus a few.
    start(opts) {
      walk.opts = opts;
      walk.stops = [];
      walk.facts = [];
      walk.done = false;
      walk.paused = null;
      walk.resumed = false;
      walk.known = new Map(opts.known);
      walk.rings = new Set(opts.rings);
      // First the transitions off: a panel that the last viewport change is still fading out
      // (visibility after a delay) is then hidden at once, as it will be for the person.
      // A constructed style sheet, not a <style> element: the page's Content-Security-Policy
      // (style-src without 'unsafe-inline') would block an inline style element.
      if (!document.adoptedStyleSheets.includes(walkStyle)) {
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, walkStyle];
      }
      walk.candidates = opts.maxStops && walk.known.size ? tabCandidates() : null;
      if (walk.candidates && walk.candidates.length && walk.candidates.every((e) => walk.known.has(keyOf(e)))) {
        walk.done = true;
        walk.facts = walk.candidates.slice(0, opts.maxStops).map((e) => knownFact(e, keyOf(e), true));
        return { facts: walk.facts };
      }
      walk.saved = toggles();
      const start = document.createElement("span");
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus({ preventScroll: true });
      start.remove();
      if (document.activeElement && document.activeElement !== document.body) document.activeElement.blur();
      window.scrollTo(0, 0);
      if (!walk.listening) {
        window.addEventListener("keydown", onKeydown, true);
        walk.listening = true;
      }
      if (opts.maxStops === 0) return { keys: 0 };
      const candidates = walk.candidates || [...document.querySelectorAll(CANDIDATES)];
      let estimate = 0;
      candidates.forEach((e, i) => {
        if (!walk.candidates || !walk.known.has(keyOf(e)) || i === 0 || !walk.known.has(keyOf(candidates[i - 1]))) estimate++;
      });
      walk.estimate = estimate;
      return { keys: estimate + 3 };
    },
    // After a batch of keys: paused at a stop, still walking (how many keys more), or done (the
    // facts; the page is then put back as it was).
    afterKeys() {
      if (walk.paused !== null) return { paused: walk.paused };
      if (!walk.done && walk.stops.length < walk.opts.maxStops) return { more: Math.max(5, walk.estimate - walk.stops.length + 3), stops: walk.stops.length };
      const facts = walk.facts;
      end();
      return { done: true, facts };
    },
    // The walk could not end by itself within the keys Node is willing to send.
    finish() {
      if (!walk.done && walk.paused === null) record();
      walk.done = true;
      const facts = walk.facts;
      end();
      return { done: true, facts };
    },
    // The paused stop, focused as the walk left it: its box in document coordinates.
    pausedBox() {
      const el = walk.stops[walk.paused];
      const r = boxOf(el);
      return { signature: walk.facts[walk.paused].signature, x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height, viewLeft: window.scrollX, viewTop: window.scrollY, viewWidth: document.documentElement.clientWidth, viewHeight: document.documentElement.clientHeight, focused: deepActive() === el };
    },
    refocusPaused() {
      walk.stops[walk.paused].focus({ preventScroll: true });
    },
    blurPaused() {
      walk.stops[walk.paused].blur();
      return deepActive() === null;
    },
    // Focus back on the paused stop (after keyboard use, so :focus-visible holds) and go on.
    resume() {
      const el = walk.stops[walk.paused];
      el.focus({ preventScroll: true });
      walk.paused = null;
      walk.resumed = true;
      return Math.max(5, walk.estimate - walk.stops.length + 3);
    },
    stop(i) {
      return walk.stops[i];
    },
    end,
    headerControls,
    controlState,
    focusControl(i) {
      controls[i].focus();
      return deepActive() === controls[i];
    },
    sight,
    describe,
    deepActive,
    selectorOf,
    regionOf,
    roleAndName,
  };
}

// --- Node side of the keyboard checks -------------------------------------------------------------

const TAB = { key: "Tab", code: "Tab", windowsVirtualKeyCode: 9, nativeVirtualKeyCode: 9 };

// Send n Tab keys at once; Chromium handles them in order.
async function pressTabs(cdp, n) {
  const sent = [];
  for (let i = 0; i < n; i++) {
    sent.push(cdp.send("Input.dispatchKeyEvent", { type: "rawKeyDown", ...TAB }));
    sent.push(cdp.send("Input.dispatchKeyEvent", { type: "keyUp", ...TAB }));
  }
  await Promise.all(sent);
}

// Minimal PNG decoder for Chromium's own screenshots (8-bit RGB or RGBA, not interlaced): the gate
// needs pixels, and a dependency for 40 lines is not worth it.
function decodePng(buf) {
  let pos = 8;
  let width = 0, height = 0, bitDepth = 0, colorType = 0, interlace = 0;
  const idat = [];
  while (pos < buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + length);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      bitDepth = data[8];
      colorType = data[9];
      interlace = data[12];
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + length;
  }
  if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || interlace) throw new Error(`schermafbeelding in onverwacht PNG-formaat (kleurtype ${colorType}, ${bitDepth} bits)`);
  const bpp = colorType === 6 ? 4 : 3;
  const stride = width * bpp;
  const raw = require("zlib").inflateSync(Buffer.concat(idat));
  const rgb = Buffer.alloc(width * height * 3);
  let prev = Buffer.alloc(stride), line = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let v = src[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      line[i] = v & 255;
    }
    for (let x = 0; x < width; x++) {
      rgb[(y * width + x) * 3] = line[x * bpp];
      rgb[(y * width + x) * 3 + 1] = line[x * bpp + 1];
      rgb[(y * width + x) * 3 + 2] = line[x * bpp + 2];
    }
    [prev, line] = [line, prev];
  }
  return { width, height, rgb };
}

function luminance(r, g, b) {
  const f = (v) => (v /= 255) <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}

// The contrast that at least `enough` changed pixels reach between their unfocused and focused
// colour (WCAG 2.4.13's "change of contrast", used as the measure for 2.4.7 and 1.4.11 here).
function focusChange(before, after, enough) {
  const ratios = [];
  for (let i = 0; i < before.rgb.length; i += 3) {
    const dr = before.rgb[i] - after.rgb[i], dg = before.rgb[i + 1] - after.rgb[i + 1], db = before.rgb[i + 2] - after.rgb[i + 2];
    if (Math.abs(dr) + Math.abs(dg) + Math.abs(db) <= 6) continue;
    const l1 = luminance(before.rgb[i], before.rgb[i + 1], before.rgb[i + 2]);
    const l2 = luminance(after.rgb[i], after.rgb[i + 1], after.rgb[i + 2]);
    ratios.push((Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05));
  }
  ratios.sort((a, b) => b - a);
  const contrast = ratios.length >= enough ? ratios[enough - 1] : 1;
  return { changed: ratios.length, contrast: Math.round(contrast * 100) / 100 };
}

// KEUKENTAFEL_GATE_RINGS=<folder>: keep each measured pair (unfocused above, focused below) as a
// PPM image, to see what the gate saw.
let ringsSaved = 0;
function saveRing(folder, unfocused, focused, change) {
  const fs = require("fs");
  fs.mkdirSync(folder, { recursive: true });
  const header = Buffer.from(`P6 ${unfocused.width} ${unfocused.height * 2} 255\n`, "latin1");
  const name = `${String(++ringsSaved).padStart(3, "0")}-${change.contrast}.ppm`;
  fs.writeFileSync(require("path").join(folder, name), Buffer.concat([header, unfocused.rgb, focused.rgb]));
}

async function screenshot(cdp, clip) {
  const shot = await cdp.send("Page.captureScreenshot", { format: "png", clip: { ...clip, scale: 1 }, captureBeyondViewport: false, optimizeForSpeed: true });
  return decodePng(Buffer.from(shot.data, "base64"));
}

// The paused stop as the person sees it, focused, then the same clip after blur(). null when it
// cannot be measured (focus is not where the walk left it, or nothing of it is on the screen).
async function measureFocusRing(page, cdp, box, settings) {
  const pad = 8;
  const left = Math.max(box.viewLeft, Math.floor(box.x - pad)), top = Math.max(box.viewTop, Math.floor(box.y - pad));
  const right = Math.min(box.viewLeft + box.viewWidth, Math.ceil(box.x + box.width + pad)), bottom = Math.min(box.viewTop + box.viewHeight, Math.ceil(box.y + box.height + pad));
  if (!box.focused || right - left < 2 || bottom - top < 2) return null;
  const clip = { x: left, y: top, width: right - left, height: bottom - top };
  const enough = Math.max(4, Math.round(Math.min(box.width, box.viewWidth)));
  const pair = async (careful) => {
    // careful: wait for two frames before each picture, so that neither can be a frame from
    // before the change of focus (only for a result that would fail: the common case stays fast).
    if (careful) await page.evaluate(() => window.__ktKeys.refocusPaused());
    if (careful) await nextFrames(page);
    const focused = await screenshot(cdp, clip);
    if (!(await page.evaluate(() => window.__ktKeys.blurPaused()))) return null;
    if (careful) await nextFrames(page);
    const unfocused = await screenshot(cdp, clip);
    const change = focusChange(unfocused, focused, enough);
    if (process.env.KEUKENTAFEL_GATE_RINGS) saveRing(process.env.KEUKENTAFEL_GATE_RINGS, unfocused, focused, change);
    return change;
  };
  const first = await pair(false);
  return first && first.contrast < settings.minFocusContrast ? whileVisible(page, () => pair(true)) : first;
}

// Each tab is opened in a window of its own (openTab), so every tab is visible and gets animation
// frames and screenshots. (Tabs sharing one window were hidden behind each other: a hidden tab's
// requestAnimationFrame and Page.captureScreenshot wait until it is in front, which stalled a
// worker for good when three sites were checked one page each.) What depends on having the
// keyboard focus of the browser (the header controls, the careful second look at a focus ring)
// still brings its tab to the front, one worker at a time.
let visibleTurn = Promise.resolve();
function whileVisible(page, task) {
  const turn = visibleTurn.then(async () => {
    await page.bringToFront();
    return task();
  });
  visibleTurn = turn.catch(() => {});
  return turn;
}

// Opening or closing a window moves the browser's focus to another window, so it waits for the
// other worker's turn in front to end (it would take the focus from that worker mid-task).
function betweenVisibleTurns(action) {
  const turn = visibleTurn.then(action);
  visibleTurn = turn.catch(() => {});
  return turn;
}

function closeTab(page) {
  return betweenVisibleTurns(() => page.close()).catch(() => {});
}

// Two animation frames, then extraMs. A tab that gets no frames (hidden after all) is an error
// after FRAME_TIMEOUT_MS, so the page is checked again in a fresh tab instead of waiting forever.
const FRAME_TIMEOUT_MS = 5000;
async function afterFrames(page, extraMs = 0) {
  const ok = await page.evaluate(
    (wait, extra) =>
      new Promise((done) => {
        const timer = setTimeout(() => done(false), wait);
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); done(true); }, extra)));
      }),
    FRAME_TIMEOUT_MS,
    extraMs
  );
  if (!ok) throw new Error("het tabblad kreeg geen animatieframes binnen " + FRAME_TIMEOUT_MS / 1000 + " s (niet zichtbaar)");
}

function nextFrames(page) {
  return afterFrames(page, 0);
}

// Chromium's own role and name for stop i (only asked when the page's approximation is unsure).
// Roles that do not tell a screen reader user what a focusable element does.
const NO_ROLE = new Set(["", "generic", "none", "presentation", "GenericContainer", "Unknown", "LabelText", "StaticText", "InlineTextBox", "paragraph"]);
async function chromiumRoleAndName(cdp, index) {
  const { result } = await cdp.send("Runtime.evaluate", { expression: `window.__ktKeys.stop(${index})` });
  if (!result || !result.objectId) return null;
  const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { objectId: result.objectId, fetchRelatives: false });
  await cdp.send("Runtime.releaseObject", { objectId: result.objectId }).catch(() => {});
  const node = (nodes || [])[0];
  if (!node) return null;
  return { role: node.ignored ? "" : (node.role && node.role.value) || "", name: ((node.name && node.name.value) || "").trim() };
}

// What is wrong with one measured stop: a list of problems (empty when it is fine), without the
// element's description, so that the verdict can be reused for other elements of the same shape.
async function judgeStop(cdp, index, fact, memory, settings) {
  const problems = [];
  if (fact.hidden) problems.push({ check: "onzichtbaar-focusbaar", reason: fact.hidden, by: fact.by || "" });
  else if (fact.covered > settings.maxCovered) problems.push({ check: "focus-onder-vaste-balk", covered: fact.covered, bar: fact.bar, barRegion: fact.barRegion });
  if (fact.askChromium) {
    const ax = await chromiumRoleAndName(cdp, index);
    if (ax && (NO_ROLE.has(ax.role) || !ax.name)) problems.push({ check: "bediening-zonder-naam", role: NO_ROLE.has(ax.role) ? "" : ax.role, name: ax.name });
  }
  // The focus ring of a stop that cannot be seen is not judged: the stop itself is the problem.
  const ring = fact.hidden || fact.covered > settings.maxCovered ? null : memory.rings.get(fact.signature);
  if (ring && ring.contrast < settings.minFocusContrast) problems.push({ check: "focusring-te-zwak", contrast: ring.contrast, changed: ring.changed });
  return problems;
}

// May this verdict stand for every element of the same shape? Not when it depends on where the
// element happened to land: under a bar, or out of sight in the page's own content.
function reusable(fact, problems) {
  return !problems.some((p) => p.check === "focus-onder-vaste-balk" || (p.check === "onzichtbaar-focusbaar" && !fact.region && (p.reason === "buiten-beeld" || p.reason === "bedekt")));
}

const ELEMENT_FIELDS = ["selector", "region", "inArticle", "tag", "text", "href", "context"];
function elementOf(fact) {
  const out = {};
  for (const field of ELEMENT_FIELDS) out[field] = fact[field];
  return out;
}

// Per site and width: verdicts by shape. Focus-ring results by focus style, for every site and
// width: the signature holds every colour and line that decides what the ring looks like.
const keyboardMemory = new Map();
const ringMemory = new Map();
function memoryFor(site, width) {
  const key = site + "|" + width;
  if (!keyboardMemory.has(key)) keyboardMemory.set(key, { verdicts: new Map(), rings: ringMemory });
  return keyboardMemory.get(key);
}

// KEUKENTAFEL_GATE_PROFILE=1: milliseconds (and counts, name + "N") per part of a page's check,
// on stderr at the end.
const PROFILE = process.env.KEUKENTAFEL_GATE_PROFILE ? {} : null;
function profiled(name, since, count = 0) {
  if (!PROFILE) return;
  PROFILE[name] = (PROFILE[name] || 0) + (Date.now() - since);
  if (count) PROFILE[name + "N"] = (PROFILE[name + "N"] || 0) + count;
}
// The same for one awaited step: timed("goto", page.goto(...)).
async function timed(name, promise) {
  const since = Date.now();
  try {
    return await promise;
  } finally {
    profiled(name, since, 1);
  }
}
process.on("exit", () => {
  if (PROFILE) process.stderr.write("PROFILE " + JSON.stringify(PROFILE) + "\n");
});

// One Tab walk at the current viewport; returns {width, stops, measured, findings}.
async function keyboardWalk(page, cdp, site, width, settings) {
  const memory = memoryFor(site, width);
  const opts = {
    known: [...memory.verdicts].map(([key, problems]) => [key, problems.length > 0]),
    rings: [...memory.rings.keys()],
    maxStops: settings.maxStops,
    maxCovered: settings.maxCovered,
    minFocusContrast: settings.minFocusContrast,
  };
  let t = Date.now();
  // The library goes into each loaded page once (checkOnce clears the flag at every navigation).
  const install = page.keukentafelLibrary ? "" : `(${installKeyboardLibrary})(${JSON.stringify(THEME_REGIONS)});`;
  const started = await page.evaluate(`${install} window.__ktKeys.start(${JSON.stringify(opts)})`);
  page.keukentafelLibrary = true;
  profiled("start", t, 1);
  let walked = started.facts ? { facts: started.facts } : null;
  profiled((started.facts ? "withoutKeys" : "withKeys") + width, Date.now(), 1);
  let batch = started.keys;
  let keys = 0;
  for (let sent = 0; !walked; sent += batch) {
    keys += batch;
    t = Date.now();
    await pressTabs(cdp, batch);
    profiled("keys", t, batch);
    t = Date.now();
    const state = sent + batch > settings.maxStops * 3 ? await page.evaluate(() => window.__ktKeys.finish()) : await page.evaluate(() => window.__ktKeys.afterKeys());
    profiled("state", t, 1);
    if (state.done) walked = state;
    else if (state.paused !== undefined) {
      t = Date.now();
      const box = await page.evaluate(() => window.__ktKeys.pausedBox());
      if (!memory.rings.has(box.signature)) memory.rings.set(box.signature, await measureFocusRing(page, cdp, box, settings));
      const more = await page.evaluate(() => window.__ktKeys.resume());
      profiled("ring", t, 1);
      // The next pause may come soon: keys after it would only be swallowed. Start small.
      batch = Math.min(more, 8);
    } else batch = Math.min(state.more, 2 * batch);
  }
  t = Date.now();
  const findings = [];
  let measured = 0;
  for (const fact of walked.facts) if (fact.ring && !memory.rings.has(fact.signature)) memory.rings.set(fact.signature, fact.ring);
  for (let i = 0; i < walked.facts.length; i++) {
    const fact = walked.facts[i];
    let problems = memory.verdicts.get(fact.key);
    if (!fact.known || !problems) {
      if (fact.known) continue; // cannot happen: a known shape has a verdict
      measured++;
      problems = await judgeStop(cdp, i, fact, memory, settings);
      if (reusable(fact, problems)) memory.verdicts.set(fact.key, problems);
    }
    for (const problem of problems) findings.push({ ...elementOf(fact), ...problem });
  }
  profiled("judge", t, measured);
  if (PROFILE) PROFILE.stops = (PROFILE.stops || 0) + walked.facts.length;
  return { width, stops: walked.facts.length, measured, keys, findings };
}

function settle(page) {
  return afterFrames(page, 20);
}

// The header's menu and search, by keyboard, at the current (phone) width, right after the Tab
// walk there. Returns {findings, disturbed}: disturbed means a panel may still be open, so the
// caller loads the page again before measuring anything else.
async function checkHeaderControls(page) {
  const controls = await page.evaluate(() => window.__ktKeys.headerControls());
  const findings = [];
  let disturbed = false;
  await page.evaluate(() => window.__ktKeys.start({ known: [], rings: [], maxStops: 0 }));
  for (let i = 0; i < controls.length; i++) {
    const { kind, reachable, hasExpanded, key, ...element } = controls[i];
    const problem = (name, extra = {}) => findings.push({ check: kind, problem: name, ...element, ...extra });
    if (!reachable) {
      problem("niet-bereikbaar");
      continue;
    }
    if (!(await page.evaluate((k) => window.__ktKeys.focusControl(k), i))) {
      problem("niet-bereikbaar");
      continue;
    }
    disturbed = true;
    await page.keyboard.press("Enter");
    await settle(page);
    const open = await page.evaluate((k) => window.__ktKeys.controlState(k), i);
    if (!(open.panelShown || open.expanded === "true")) {
      problem("opent-niet");
      continue;
    }
    if (open.expanded !== "true") problem("geen-aria-expanded", { expanded: open.expanded });
    let inside = open.focusInPanel;
    if (!inside && open.focusOnControl) {
      // A disclosure may keep focus on its button; then the next Tab must go into the panel.
      await page.keyboard.press("Tab");
      await settle(page);
      inside = (await page.evaluate((k) => window.__ktKeys.controlState(k), i)).focusInPanel;
    }
    if (!inside) problem("focus-niet-in-paneel", { active: open.active });
    await page.keyboard.press("Escape");
    await settle(page);
    const closed = await page.evaluate((k) => window.__ktKeys.controlState(k), i);
    if (closed.panelShown || closed.expanded === "true") problem("sluit-niet");
    else if (!closed.focusOnControl) problem("focus-niet-terug", { active: closed.active });
  }
  await page.evaluate(() => window.__ktKeys.end());
  return { checked: controls.map((c) => `${c.kind}: ${c.selector}`), findings, disturbed };
}

// Anything not on this machine's loopback is a request that leaves the resident's device.
function isExternal(url) {
  if (/^(data|blob|about):/.test(url)) return false;
  try {
    const host = new URL(url).hostname;
    return !(host === "127.0.0.1" || host === "localhost" || host === "[::1]");
  } catch (e) {
    return true;
  }
}

// Material's search builds its index in a background worker on every page load. It adds nothing
// to the page until someone types, but it competes with the checks for the two cores, so the
// check does not load it (the search dialog itself is still checked).
const BLOCKED = process.env.KEUKENTAFEL_GATE_SEARCH === "1" ? [] : ["*/search/search_index.json", "*/assets/javascripts/workers/search.*"];

// Where each element with a finding sits, so Python can point at the Markdown line or template
// it came from: inside the article (content), or in which part of the theme.
async function describeElements(page, selectors) {
  if (!selectors.length) return {};
  return page.evaluate((selectors, regions) => {
    const out = {};
    for (const selector of selectors) {
      let el = null;
      try {
        el = document.querySelector(selector);
      } catch (e) {
        el = null;
      }
      if (!el) continue;
      const region = regions.find((r) => el.closest(r)) || "";
      const inArticle = !!el.closest("article.md-content__inner") || (!region && !document.querySelector(".md-container"));
      out[selector] = {
        inArticle,
        region,
        tag: el.tagName.toLowerCase(),
        text: (el.textContent || el.getAttribute("alt") || "").replace(/\s+/g, " ").trim().slice(0, 160),
        href: el.getAttribute("href") || el.getAttribute("src") || "",
      };
    }
    return out;
  }, selectors, THEME_REGIONS);
}

// --- Content-Security-Policy: every page has one, and nothing on the page breaks it ------------
//
// Each tab listens for "securitypolicyviolation" in every document, from before the page's own
// scripts run (evaluateOnNewDocument), and hands each violation to Node through a binding: no
// extra page load, the violations of the whole visit (loading, the keyboard walk, the menu and
// search) are recorded. Violations caused by the gate's own injected scripts (pa11y's runners, the
// keyboard library, axe fetching a style sheet to read it: their source is "pptr") are not the
// page's and are left out. The policy itself is read from the <meta http-equiv=
// "Content-Security-Policy"> elements in <head>; Python (browser.py) judges it.
function recordCspViolations(REGIONS) {
  function selectorOf(el) {
    const steps = [];
    for (let e = el; e && e.nodeType === 1 && e !== document.documentElement; e = e.parentElement) {
      if (e.id && document.getElementById(e.id) === e) {
        steps.unshift("#" + CSS.escape(e.id));
        break;
      }
      let before = 0;
      for (let c = e.previousElementSibling; c; c = c.previousElementSibling) if (c.tagName === e.tagName) before++;
      steps.unshift(e.tagName.toLowerCase() + (before ? `:nth-of-type(${before + 1})` : ""));
    }
    return steps.join(" > ");
  }
  function describe(el) {
    if (!el || el.nodeType !== 1) return null;
    const region = REGIONS.find((r) => el.closest(r)) || "";
    return {
      tag: el.tagName.toLowerCase(),
      selector: selectorOf(el),
      region,
      inArticle: !!el.closest("article.md-content__inner") || (!region && !document.querySelector(".md-container")),
      context: el.outerHTML.split(">")[0].slice(0, 300) + ">",
      text: (el.textContent || "").replace(/\s+/g, " ").trim().slice(0, 160),
      href: el.getAttribute("href") || el.getAttribute("src") || "",
    };
  }
  document.addEventListener("securitypolicyviolation", (e) => {
    if (typeof window.__ktCspViolation !== "function") return;
    window.__ktCspViolation({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
      disposition: e.disposition,
      element: describe(e.target),
    });
  }, true);
}

function cspOf(page) {
  const seen = new Set();
  const here = page.url().split("#")[0];
  const violations = page.keukentafelCsp.filter((v) => {
    // Chromium names the gate's own injected scripts "pptr:..." or, cut to their origin, "pptr".
    if (/^pptr(:|$)/.test(v.source || "")) return false;
    // Inline code is "in" the page itself: its line in the built HTML helps nobody.
    if ((v.source || "").split("#")[0] === here) v.source = "";
    const key = [v.directive, v.blocked, v.source, v.line, v.element && v.element.selector].join("|");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { policies: page.keukentafelPolicies, violations };
}

// One tab per worker, reused for every page it checks: opening a tab per page costs more than
// the check itself. Each check navigates the tab anew, so no page sees another's state.
async function openTab(browser, blocked = BLOCKED) {
  const page = await betweenVisibleTurns(() => browser.newPage({ type: "window" }));
  await page.setViewport({ width: 1280, height: 1024 });
  const cdp = await page.createCDPSession();
  page.keukentafelCdp = cdp;
  if (blocked.length) {
    await cdp.send("Network.enable");
    await cdp.send("Network.setBlockedURLs", { urls: blocked });
  }
  page.keukentafelCsp = [];
  await page.exposeFunction("__ktCspViolation", (violation) => {
    page.keukentafelCsp.push(violation);
  });
  await page.evaluateOnNewDocument(recordCspViolations, THEME_REGIONS);
  page.keukentafelRequests = [];
  page.keukentafelRecorder = (req) => {
    const url = req.url();
    if (isExternal(url) && !page.keukentafelRequests.includes(url)) page.keukentafelRequests.push(url);
  };
  return page;
}

// How many pages one tab checks before it is replaced by a fresh one (see the worker loop in main).
const PAGES_PER_TAB = 40;

// A page listed with "#zonder-js" is checked as a resident with JavaScript switched off sees it:
// in a fresh tab that blocks the site's own scripts (pa11y's runners are injected separately).
const NO_JS = "#zonder-js";

async function checkWithoutJavaScript(browser, item, keyboard) {
  const page = await openTab(browser, ["*.js", "*.mjs"]);
  try {
    return await checkOnce(browser, page, item, keyboard);
  } finally {
    await closeTab(page);
  }
}

// A viewport change makes Chromium lay the page out again: only when it really changes.
async function useViewport(page, viewport) {
  const now = page.viewport();
  if (!now || now.width !== viewport.width || now.height !== viewport.height) await page.setViewport(viewport);
}

// Sites whose header controls (menu, search) have been checked by keyboard in this run.
const headerChecked = new Set();

async function checkOnce(browser, page, item, keyboard) {
  page.keukentafelRequests = [];
  page.keukentafelCsp = [];
  // pa11y's clean-up calls page.off("request", undefined), which drops every request listener
  // of the tab; so the recorder is attached again for each page.
  page.off("request", page.keukentafelRecorder);
  page.on("request", page.keukentafelRecorder);
  const response = await timed("goto", page.goto(item.url, { waitUntil: "load", timeout: 30000 }));
  page.keukentafelLibrary = false;
  if (!response || response.status() >= 400) {
    throw new Error("HTTP " + (response ? response.status() : "geen antwoord") + " voor " + item.url);
  }
  page.keukentafelPolicies = await page.evaluate(() =>
    [...document.querySelectorAll("head meta[http-equiv]")].filter((m) => m.httpEquiv.trim().toLowerCase() === "content-security-policy").map((m) => m.content)
  );
  const result = await timed("pa11y", pa11y(item.url, {
    browser,
    page,
    ignoreUrl: true,
    runners: ["axe", "htmlcs"],
    standard: "WCAG2AA",
    timeout: 30000,
    log: { debug() {}, error() {}, info() {} },
  }));
  const elements = await describeElements(page, result.issues.filter((i) => i.type === "error").map((i) => i.selector));
  // The keyboard checks share this visit, in an order that needs no extra viewport change: the
  // reflow check sets 320 px, the Tab walk follows at that width (and once per site the header's
  // menu and search), then the desktop widths, and the text-zoom check stays at 1280 px after it.
  // Each walk puts the page back as it found it (focus, toggles, scroll), so the checks after it
  // measure the page as loaded.
  const reflow = await timed("reflow", measureReflow(page));
  const walks = [];
  let controls = null;
  if (keyboard) {
    // Without JavaScript the same markup may behave differently: its own memory of shapes.
    const site = (item.site || new URL(item.url).origin) + (item.url.endsWith(NO_JS) ? NO_JS : "");
    const ordered = [...keyboard.viewports].sort((a, b) => a.width - b.width);
    for (const viewport of ordered) {
      await useViewport(page, viewport);
      walks.push(await keyboardWalk(page, page.keukentafelCdp, site, viewport.width, keyboard));
      if (viewport.width === 320 && !item.url.endsWith(NO_JS) && !headerChecked.has(site)) {
        headerChecked.add(site);
        try {
          const checked = await whileVisible(page, () => checkHeaderControls(page));
          controls = { width: viewport.width, checked: checked.checked, findings: checked.findings };
          if (checked.disturbed) {
            await page.goto(item.url, { waitUntil: "load", timeout: 30000 });
            page.keukentafelLibrary = false;
          }
        } catch (err) {
          headerChecked.delete(site);
          throw err;
        }
      }
    }
  }
  const zoom = await timed("zoom", measureTextZoom(page));
  const checked = { issues: result.issues, elements, title: result.documentTitle, requests: page.keukentafelRequests.slice(), reflow, zoom, csp: cspOf(page) };
  if (keyboard) checked.keyboard = { walks, controls };
  return checked;
}

function packageVersion(name) {
  try {
    const path = require("path");
    const fs = require("fs");
    let dir = path.dirname(require.resolve(name));
    while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  } catch (e) {
    return "onbekend";
  }
}

// The request arrives as lines on stdin: the first holds the settings, every further line one page
// to check. Pages are checked while more are still coming (the build adds sites as MkDocs finishes
// them); the end of stdin means no more pages.
function requestLines() {
  const readline = require("readline");
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  const pending = [];
  const waiting = [];
  let ended = false;
  lines.on("line", (line) => {
    if (!line.trim()) return;
    const item = JSON.parse(line);
    if (waiting.length) waiting.shift()(item);
    else pending.push(item);
  });
  lines.on("close", () => {
    ended = true;
    while (waiting.length) waiting.shift()(null);
  });
  // The next line as an object, or null once stdin has ended and every line was taken.
  return () =>
    new Promise((resolve) => {
      if (pending.length) resolve(pending.shift());
      else if (ended) resolve(null);
      else waiting.push(resolve);
    });
}

async function main() {
  const next = requestLines();
  const input = await next();
  if (!input) {
    emit({ type: "fatal", error: "geen verzoek ontvangen" });
    process.exit(3);
  }
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: input.chromium,
      args: input.args,
      headless: true,
    });
  } catch (err) {
    emit({ type: "fatal", error: "Chromium start niet: " + err.message });
    process.exit(3);
  }
  let crashed = null;
  browser.on("disconnected", () => {
    crashed = crashed || "Chromium is onverwacht gestopt";
  });
  // The versions first: the build writes them into each toegankelijkheidsverklaring before it
  // sends that site's pages.
  const versions = {
    pa11y: require("pa11y/package.json").version,
    "axe-core": require("axe-core/package.json").version,
    html_codesniffer: packageVersion("@pa11y/html_codesniffer"),
    chromium: await browser.version(),
  };
  emit({ type: "ready", versions });

  // Keyboard checks: on unless the request says "keyboard": false; settings from Python.
  const keyboard = input.keyboard === false ? null : { ...KEYBOARD_DEFAULTS, ...(input.keyboard || {}) };
  const workers = [];
  const concurrency = Math.max(1, input.concurrency || 2);
  for (let w = 0; w < concurrency; w++) {
    workers.push(
      (async () => {
        let page = null;
        let checkedInTab = 0;
        let item;
        while (!crashed && (item = await next())) {
          // A tab that has checked many pages holds on to memory (each page's runners, caches of
          // every site it saw): a fresh tab now and then keeps Chromium small for hundreds of sites.
          if (page && checkedInTab >= PAGES_PER_TAB) {
            await closeTab(page);
            page = null;
          }
          if (!page) checkedInTab = 0;
          checkedInTab++;
          let lastError = null;
          let attempts = 0;
          for (attempts = 1; attempts <= 2 && !crashed; attempts++) {
            try {
              let result;
              if (item.url.endsWith(NO_JS)) {
                result = await checkWithoutJavaScript(browser, item, keyboard);
              } else {
                if (!page) page = await openTab(browser);
                result = await checkOnce(browser, page, item, keyboard);
              }
              emit({ type: "page", id: item.id, url: item.url, error: null, attempts, ...result });
              lastError = null;
              break;
            } catch (err) {
              lastError = err.message || String(err);
              // Start the retry in a fresh tab: the old one may be in any state.
              if (page) await closeTab(page);
              page = null;
            }
          }
          if (lastError !== null || crashed) {
            emit({ type: "page", id: item.id, url: item.url, error: crashed || lastError, attempts: Math.min(attempts, 2), issues: [], requests: [] });
          }
        }
        if (page) await closeTab(page);
      })()
    );
  }
  await Promise.all(workers);
  if (crashed) {
    emit({ type: "fatal", error: crashed });
    process.exit(3);
  }
  await browser.close();
  emit({ type: "done", versions });
}

main().catch((err) => {
  emit({ type: "fatal", error: err && err.stack ? err.stack : String(err) });
  process.exit(3);
});
