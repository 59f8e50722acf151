"""Header, drawer menu and search for a resident on a phone with a keyboard or screen reader.

Real Chromium on the built example sites (the `built_site` fixture), served over HTTP on 127.0.0.1.
At 360 px: Tab from the top reaches the menu button in a few stops; the closed drawer and the
closed search have no Tab stops; Enter opens the menu with focus inside it, Escape closes it with
focus back on the button; the same for search, which announces the number of pages found, has no
headings in its results and labels hits on easy pages. Also: focus never hides under the sticky
header when tabbing backwards, the gemeente's name is in the header at 320 px, the start pages'
heading names the gemeente and their first screen holds the phone number and the way to make a
melding, every page is linked from the footer without JavaScript, the open menu and search
pass axe (the gate only sees them closed), and at 320 px no heading breaks inside a word except at
a (soft) hyphen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import playwright.sync_api as sync_api
import pytest

from keukentafel.config.loader import discover, load_all
from keukentafel.config.contrast import contrast_ratio
from keukentafel.gate.browser import serve_directory, site_pages

ROOT = Path(__file__).resolve().parent.parent
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
expect = sync_api.expect

GEMEENTEN = {g.slug: g for g in load_all(discover())}
SLUGS = ("sint-menadorp", "s-heerenbruk-aan-de-vliet")
PHONE = {"width": 360, "height": 640}


@pytest.fixture(scope="module")
def origin(built_site: Path):
    with serve_directory(Path(built_site)) as url:
        yield url


@pytest.fixture
def open_page(browser, origin):
    """Factory: a page at the given size in a fresh context; only 127.0.0.1 is reachable."""
    contexts = []

    def make(path: str, *, viewport=PHONE, javascript: bool = True):
        context = browser.new_context(viewport=viewport, locale="nl-NL", java_script_enabled=javascript)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort())
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{origin}/{path}", wait_until="load")
        if javascript:
            expect(page.locator("html.js")).to_have_count(1)  # Material's script has run
        return page

    yield make
    for context in contexts:
        context.close()


ACTIVE = """() => {
  const a = document.activeElement;
  if (!a || a === document.body) return null;
  const r = a.getBoundingClientRect();
  return {cls: typeof a.className === "string" ? a.className : "", id: a.id, text: (a.textContent || "").trim(),
          inMain: !!a.closest("main"), inMenu: !!a.closest("#kt-menu"), inSearch: !!a.closest("#kt-zoeken"),
          visible: r.width > 0 && r.height > 0 && getComputedStyle(a).visibility !== "hidden"
                   && r.right > 0 && r.left < innerWidth && r.bottom > 0}
}"""


def active(page) -> dict | None:
    return page.evaluate(ACTIVE)


def tab_until_main(page, limit: int = 30) -> list[dict]:
    """Tab from the top of the page; the stops before focus enters <main>."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        here = active(page)
        if here and here["inMain"]:
            return stops
        if here:
            stops.append(here)
    raise AssertionError(f"no focus in <main> after {limit} Tab presses: {stops}")


# --- Tab order -------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("path", ["", "plan-invullen/", "makkelijk/"])
def test_few_visible_tab_stops_before_the_content_at_360_px(open_page, slug, path):
    page = open_page(f"{slug}/{path}")
    stops = tab_until_main(page)
    assert all(stop["visible"] for stop in stops), f"invisible Tab stops before the content: {stops}"
    assert len(stops) <= 4, f"{len(stops)} Tab stops before the content: {[s['text'] for s in stops]}"
    assert any("kt-menuknop" in stop["cls"] for stop in stops[:2]), "the menu button is one of the first Tab stops"


# --- the drawer menu -------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_menu_opens_and_closes_by_keyboard_with_focus_in_the_right_place(open_page, slug):
    page = open_page(f"{slug}/gesprek/")
    button = page.locator("button.kt-menuknop")
    links = page.locator("#kt-menu a")
    expect(button).to_have_accessible_name("Menu")
    expect(button).to_have_attribute("aria-expanded", "false")

    # Closed: the drawer's links are neither focusable nor visible.
    for i in (0, 5):
        links.nth(i).focus()
        assert not (active(page) or {}).get("inMenu"), "a link of the closed drawer took focus"
    expect(links.first).to_be_hidden()

    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert "kt-menuknop" in active(page)["cls"]
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(links.first).to_be_visible()
    assert active(page)["inMenu"], "focus moves into the drawer"
    # While open, Tab stays in the drawer (the page behind it is inert).
    for _ in range(20):
        page.keyboard.press("Tab")
        here = active(page)
        assert here is None or here["inMenu"], f"Tab left the open drawer: {here}"

    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert "kt-menuknop" in active(page)["cls"], "Escape returns focus to the menu button"
    expect(links.first).to_be_hidden()

    # The drawer's own close button does the same.
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    page.locator(".kt-lade__sluiten").focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert "kt-menuknop" in active(page)["cls"]


def test_easy_language_section_is_a_real_button(open_page):
    page = open_page("sint-menadorp/")
    page.locator("button.kt-menuknop").click()
    section = page.locator("#kt-menu button.kt-navgroep__knop")
    expect(section).to_have_accessible_name("In makkelijke taal")
    expect(section).to_have_attribute("aria-expanded", "false")
    easy_link = page.locator("#kt-menu a[href*='makkelijk/']").first
    expect(easy_link).to_be_hidden()
    section.focus()
    page.keyboard.press("Enter")
    expect(section).to_have_attribute("aria-expanded", "true")
    expect(easy_link).to_be_visible()
    # On an easy page its own section is open, and the current page is marked.
    page = open_page("sint-menadorp/makkelijk/gesprek/")
    expect(page.locator("#kt-menu button.kt-navgroep__knop")).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#kt-menu [aria-current='page']")).to_have_text("Het gesprek")


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_search_by_keyboard_announces_results_and_returns_focus(open_page, slug):
    page = open_page(f"{slug}/")
    button = page.locator("button.kt-zoekknop")
    field = page.locator("input.md-search__input")
    expect(button).to_have_accessible_name("Zoeken")
    expect(field).to_be_hidden()

    for _ in range(4):  # skip link, menu, gemeente, search
        page.keyboard.press("Tab")
    assert "kt-zoekknop" in active(page)["cls"]
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(field).to_be_focused()
    page.keyboard.type("bezwaar")

    status = page.locator("#kt-zoeken [role='status']")
    expect(status).to_have_text(re.compile(r"\d+ pagina"), timeout=10_000)
    results = page.locator(".md-search-result__link")
    assert results.count() > 1
    assert page.locator(".md-search-result h1, .md-search-result h2").count() == 0, "result titles are not headings"
    hrefs = results.evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    easy = [h for h in hrefs if "/makkelijk/" in h]
    assert easy, "'bezwaar' is found on easy pages too"
    labelled = page.locator(".md-search-result__link:has(.kt-zoek-label)")
    assert labelled.count() == len(easy), "every hit on an easy page is labelled"
    expect(labelled.first.locator(".kt-zoek-label")).to_have_text("Makkelijke taal")
    assert "/makkelijk/" not in hrefs[0], "from a standard page, standard pages come first"

    # Tab reaches the hits (Material made them reachable with the arrow keys only).
    for _ in range(6):
        page.keyboard.press("Tab")
        if (active(page) or {}).get("cls", "").startswith("md-search-result__link"):
            break
    assert "md-search-result__link" in active(page)["cls"]

    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(field).to_be_hidden()


def test_enter_in_search_opens_a_page_in_the_same_language(open_page):
    page = open_page("s-heerenbruk-aan-de-vliet/gesprek/")
    page.locator("button.kt-zoekknop").click()
    page.keyboard.type("bezwaar")
    expect(page.locator("#kt-zoeken [role='status']")).to_have_text(re.compile(r"\d+ pagina"), timeout=10_000)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/makkelijk/" not in page.url
    page = open_page("s-heerenbruk-aan-de-vliet/makkelijk/gesprek/")
    page.locator("button.kt-zoekknop").click()
    page.keyboard.type("bezwaar")
    expect(page.locator("#kt-zoeken [role='status']")).to_have_text(re.compile(r"\d+ pagina"), timeout=10_000)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/makkelijk/" in page.url


def test_one_letter_shortcuts_are_off(open_page):
    """WCAG 2.1.4: Material's n, p, s, f and / shortcuts would open pages or the search."""
    page = open_page("sint-menadorp/gesprek/")
    url = page.url
    page.locator("h1").click()
    for key in ("n", "p", "s", "f", "/"):
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == url
    expect(page.locator("button.kt-zoekknop")).to_have_attribute("aria-expanded", "false")


# --- the open menu and search pass axe ---------------------------------------------------------


def _axe(page) -> list[str]:
    page.evaluate(AXE.read_text(encoding="utf-8"))  # not add_script_tag: the site's CSP blocks inline scripts
    result = page.evaluate("""async () => {
      const r = await axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
      return r.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
    }""")
    return result


@pytest.mark.skipif(not AXE.is_file(), reason="axe-core is installed with 'npm ci' (make setup)")
def test_open_menu_and_open_search_pass_axe(open_page):
    page = open_page("s-heerenbruk-aan-de-vliet/")
    page.locator("button.kt-menuknop").click()
    expect(page.locator("#kt-menu a").first).to_be_visible()
    page.wait_for_timeout(300)
    assert _axe(page) == []
    page = open_page("s-heerenbruk-aan-de-vliet/")
    page.locator("button.kt-zoekknop").click()
    page.keyboard.type("bezwaar")
    expect(page.locator("#kt-zoeken [role='status']")).to_have_text(re.compile(r"\d+ pagina"), timeout=10_000)
    assert _axe(page) == []


# --- sticky header, focus indicator ----------------------------------------------------------


@pytest.mark.parametrize("path", ["gesprek/", "makkelijk/"])
def test_focus_never_hides_under_the_sticky_header_when_tabbing_backwards(open_page, path):
    page = open_page(f"s-heerenbruk-aan-de-vliet/{path}")
    page.locator(".md-footer__link").last.focus()
    for step in range(40):
        page.keyboard.press("Shift+Tab")
        covered = page.evaluate("""() => {
          const a = document.activeElement, header = document.querySelector(".md-header");
          if (!a || a === document.body || header.contains(a) || a.classList.contains("md-skip")) return 0;
          const r = a.getBoundingClientRect(), bottom = header.getBoundingClientRect().bottom;
          if (r.height === 0) return 0;
          return Math.max(0, Math.min(r.bottom, bottom) - Math.max(r.top, 0)) / r.height;
        }""")
        assert covered == 0, f"step {step}: {covered:.0%} of {active(page)} is under the header"


def _colour(css: str) -> str:
    r, g, b = (int(x) for x in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def test_focus_ring_has_3_to_1_on_header_content_and_footer(open_page):
    page = open_page("s-heerenbruk-aan-de-vliet/gesprek/", viewport={"width": 1280, "height": 800})
    header_bg = _colour(page.locator(".md-header").evaluate("e => getComputedStyle(e).backgroundColor"))
    meta_bg = _colour(page.locator(".md-footer-meta").evaluate("e => getComputedStyle(e).backgroundColor"))
    places = {
        ".kt-merk": header_bg,
        "button.kt-zoekknop": header_bg,
        "article a": "#ffffff",
        ".md-footer__link": "#ffffff",
        ".md-footer-meta a": meta_bg,
    }
    page.keyboard.press("Tab")  # keyboard modality, so :focus-visible applies to focus()
    for selector, background in places.items():
        page.locator(selector).first.focus()
        ring = page.locator(selector).first.evaluate("e => { const s = getComputedStyle(e); return [s.outlineColor, s.outlineWidth, s.boxShadow]; }")
        dark, width, shadow = _colour(ring[0]), ring[1], ring[2]
        light = _colour(shadow) if shadow != "none" else dark
        assert width == "3px", f"{selector}: outline {width}"
        best = max(contrast_ratio(dark, background), contrast_ratio(light, background))
        assert best >= 3, f"{selector}: focus ring {dark}/{light} on {background} is {best:.2f}:1"
        assert contrast_ratio(dark, light) >= 3, f"{selector}: the two rings differ too little"


# --- the gemeente's own site -------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_gemeente_name_and_logo_are_in_the_header_at_320_px(open_page, slug):
    page = open_page(f"{slug}/", viewport={"width": 320, "height": 640})
    naam = GEMEENTEN[slug].naam
    name = page.locator(".md-header .kt-merk__naam")
    expect(name).to_be_visible()
    assert " ".join(name.inner_text().split()) == f"Gemeente {naam}"
    box = name.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert name.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the name is not cut off"
    if GEMEENTEN[slug].gemeente.huisstijl.logo:
        expect(page.locator(".md-header .kt-merk__logo img")).to_be_visible()
        assert page.locator("link[rel=icon]").get_attribute("href").endswith("assets/logo.svg"), "the logo is the favicon"
    else:
        assert page.locator("link[rel=icon]").get_attribute("href").endswith("assets/keukentafel/favicon.svg")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("path", ["", "makkelijk/"])
def test_start_page_names_the_gemeente_and_shows_phone_and_melding_in_the_first_screen(open_page, slug, path):
    page = open_page(f"{slug}/{path}")
    g = GEMEENTEN[slug]
    expect(page.locator("main h1")).to_have_text(f"Hulp thuis in {g.naam}")
    phone = page.locator(f"main article a[href^='tel:']:text-is('{g.gemeente.contact.telefoon}')").first
    melding = page.locator("main article a", has_text=re.compile("melding", re.I)).first
    for what, link in (("phone number", phone), ("melding", melding)):
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], f"the {what} is below the first screen ({box})"


def test_every_page_has_a_contact_block_and_dutch_landmarks(open_page):
    g = GEMEENTEN["sint-menadorp"].gemeente
    for path in ("gesprek/", "makkelijk/gesprek/"):
        page = open_page(f"sint-menadorp/{path}")
        contact = page.locator("footer section.kt-voet__contact")
        expect(contact.locator("h2")).to_have_text("Contact met gemeente Sint-Ménadorp")
        expect(contact.locator("a[href^='tel:']")).to_have_text(g.contact.telefoon)
        expect(contact.locator("a[href^='mailto:']")).to_have_text(g.contact.email)
        contact_page = contact.get_by_role("link", name="Alle contactgegevens").get_attribute("href")
        assert ("makkelijk/contact" in page.evaluate("h => new URL(h, location.href).pathname", contact_page)) == path.startswith("makkelijk/")
        assert page.locator("main nav, main header, main footer, main [role=navigation]").count() == 0, "no landmarks inside main"
        labels = page.locator("nav, [role=dialog], [role=search]").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
        assert "Header" not in labels and "Footer" not in labels
        assert set(labels) >= {"Menu", "Vorige en volgende pagina", "Alle pagina's", "Zoeken"}
    assert page.title().endswith("Hulp thuis: het gesprek met gemeente Sint-Ménadorp") and "(makkelijke taal)" in page.title()


def test_without_javascript_every_page_is_linked_from_the_footer(open_page, built_site):
    page = open_page("sint-menadorp/", javascript=False)
    expect(page.locator("button.kt-menuknop")).to_be_hidden()
    expect(page.locator("button.kt-zoekknop")).to_be_hidden()
    stops = tab_until_main(page)
    assert len(stops) <= 2 and all(stop["visible"] for stop in stops), stops
    page.locator(".kt-voet__paginas summary").click()
    hrefs = page.locator(".kt-voet__paginas a").evaluate_all("links => links.map(a => new URL(a.href).pathname)")
    pages = {f"/{p.parent.relative_to(built_site).as_posix()}/" for p in (built_site / "sint-menadorp").rglob("index.html")
             if "downloads" not in p.parts and "search" not in p.parts}
    assert pages <= set(hrefs), f"not linked from the footer: {sorted(pages - set(hrefs))}"


def test_forced_colours_keep_the_search_box_and_buttons_visible(browser, origin):
    context = browser.new_context(viewport=PHONE, forced_colors="active")
    try:
        page = context.new_page()
        page.goto(f"{origin}/sint-menadorp/", wait_until="load")
        page.locator("button.kt-zoekknop").click()
        for selector in (".md-search__form", "button.kt-zoeken-sluiten"):
            width = page.locator(selector).evaluate("e => parseFloat(getComputedStyle(e).borderTopWidth)")
            assert width >= 1, f"{selector} has no visible border in forced colours"
        icon = page.locator("button.kt-zoeken-sluiten svg").evaluate("e => getComputedStyle(e).fill")
        assert icon not in ("none", "rgba(0, 0, 0, 0)")
    finally:
        context.close()


# --- headings on a narrow phone ---------------------------------------------------------------

# Where each line of every heading ends: the character before each line break.
LINE_ENDS = """() => {
  const ends = [];
  for (const h of document.querySelectorAll("main h1, main h2, main h3")) {
    const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
    let lastTop = null, last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = [...range.getClientRects()].filter((r) => r.width > 0).pop();  // at a break, the last box is on the new line
        if (!rect) { last = node.data[i]; continue; }
        if (lastTop !== null && rect.top > lastTop + 2 && !/\\s/.test(node.data[i])) {
          ends.push({heading: h.textContent.trim(), before: last, after: node.data[i]});
        }
        lastTop = rect.top;
        last = node.data[i];
      }
    }
  }
  return ends;
}"""


@pytest.mark.parametrize("slug", SLUGS)
def test_headings_break_between_words_or_at_a_hyphen_at_320_px(open_page, built_site, slug):
    """A long Dutch compound such as "Toegankelijkheidsverklaring" must not be cut anywhere
    ("…verklarin / g"): a heading line ends at a space, a hyphen or a soft hyphen."""
    bad = []
    for path in site_pages(Path(built_site) / slug):
        if path.startswith("/404") or path.startswith("/downloads/"):
            continue
        page = open_page(f"{slug}{path}", viewport={"width": 320, "height": 640})
        for end in page.evaluate(LINE_ENDS):
            if not re.match(r"[\s\-\u00ad/]", end["before"] or " "):
                bad.append(f"{path}: {end['heading']!r} breaks between {end['before']!r} and {end['after']!r}")
        page.context.close()
    assert not bad, "\n".join(bad)


def test_search_finds_the_statement_by_its_whole_title(built_site):
    """The soft hyphen in the statement's heading is not in the search index."""
    index = json.loads((Path(built_site) / "sint-menadorp" / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = [entry["title"] for entry in index["docs"] if entry["location"].startswith("toegankelijkheid/")]
    assert "Toegankelijkheidsverklaring" in titles
    assert not any("\u00ad" in entry["title"] + entry["text"] for entry in index["docs"])
