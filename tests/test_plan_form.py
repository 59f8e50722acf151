"""The persoonlijk plan form in real Chromium, on the built site served over HTTP on 127.0.0.1.

What a resident relies on: answers stay in this browser only (back after a reload), "Alles wissen"
empties the fields and the storage, "Opslaan als bestand" gives a file made in the browser with the
typed text, and no request ever leaves the page. Without JavaScript the form is a blank form to print.

The printed plan is measured in Chromium's own PDF (A4): at most 8 pages (easy: 6), empty and filled
in, with the gemeente, where to hand it in and its phone number on the first page, the
cliëntondersteuning contact, and none of the web page's button instructions. Reading the PDF needs
pdftotext (poppler-utils; `make test` installs it when it is missing).

Needs the `built_site` fixture (tests/conftest.py): the published site root, with
<slug>/plan-invullen/index.html and <slug>/makkelijk/plan-invullen/index.html.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import playwright.sync_api as sync_api
import pytest

from keukentafel.config.loader import discover, load_all
from keukentafel.gate.browser import serve_directory
from keukentafel.config.legal import load_wet

expect = sync_api.expect
SLUGS = ("sint-menadorp", "s-heerenbruk-aan-de-vliet")
PLAN_PAGES = ("plan-invullen/", "makkelijk/plan-invullen/")
STORAGE_PREFIX = "keukentafel-plan:"

MAX_PAGES = {"plan-invullen/": 8, "makkelijk/plan-invullen/": 6}  # A4, as Chromium prints it

TEXT_FIRST = "Ik woon sinds 1998 in dit huis.\nMijn dochter Eefje helpt met de boodschappen."
TEXT_LAST = "Mijn buurvrouw Anneke gaat mee, en misschien iemand van de cliëntondersteuning."
NAME = "Joke Ménard-de Vries"


# --- serving the built site -------------------------------------------------------------------


@pytest.fixture
def site_url(built_site: Path):
    """Serve the built site on 127.0.0.1 (a free port) in a thread; yield its base URL."""
    root = Path(built_site)
    missing = [f"{slug}/{page}index.html" for slug in SLUGS for page in PLAN_PAGES
               if not (root / slug / page / "index.html").is_file()]
    assert not missing, f"built_site ({root}) lacks: {', '.join(missing)}"
    with serve_directory(root) as origin:
        yield origin


# --- the browser --------------------------------------------------------------------------------


def _is_local(url: str) -> bool:
    """True for requests that stay on this machine: our server, data: and blob: URLs made by the page."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme == "blob":
        return urlsplit(url[len("blob:"):]).hostname == "127.0.0.1"
    return parts.scheme == "http" and parts.hostname == "127.0.0.1"


class Recorder:
    """Every request of a browser context; requests to other hosts are recorded and then blocked."""

    def __init__(self, context) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))
        context.route("**/*", lambda route: route.continue_() if _is_local(route.request.url) else route.abort())

    def assert_all_local(self) -> None:
        assert self.urls, "no requests recorded: the page did not load"
        elsewhere = sorted({url for url in self.urls if not _is_local(url)})
        assert not elsewhere, "requests left 127.0.0.1:\n" + "\n".join(elsewhere)


@pytest.fixture
def new_page(browser):
    """Factory: a page in a fresh context (own localStorage), with every request recorded."""
    made = []

    def make(*, javascript: bool = True):
        context = browser.new_context(accept_downloads=True, java_script_enabled=javascript, locale="nl-NL")
        recorder = Recorder(context)
        page = context.new_page()
        made.append(context)
        return page, recorder

    yield make
    for context in made:
        context.close()


def _open(page, url: str, *, javascript: bool = True) -> None:
    page.goto(url, wait_until="load")
    if javascript:
        expect(page.locator("#plan-formulier.plan-met-js")).to_have_count(1)


def _storage(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def _fields(page):
    return page.locator("#plan-formulier textarea, #plan-formulier input[type='text']")


PARAMS = [pytest.param(slug, path, id=f"{slug}/{path.rstrip('/')}") for slug in SLUGS for path in PLAN_PAGES]


# --- with JavaScript ---------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "path"), PARAMS)
def test_answers_stay_in_this_browser_until_wiped(site_url, new_page, tmp_path, slug, path):
    page, requests = new_page()
    url = f"{site_url}/{slug}/{path}"
    _open(page, url)
    key = STORAGE_PREFIX + urlsplit(url).path

    textareas = page.locator("#plan-formulier textarea")
    assert textareas.count() >= 5
    textareas.first.fill(TEXT_FIRST)
    textareas.last.fill(TEXT_LAST)
    page.locator("#plan-formulier input[type='text']").first.fill(NAME)
    assert TEXT_FIRST in _storage(page)[key].replace("\\n", "\n")

    # Reload: the answers are back.
    page.reload(wait_until="load")
    expect(page.locator("#plan-formulier.plan-met-js")).to_have_count(1)
    expect(textareas.first).to_have_value(TEXT_FIRST)
    expect(textareas.last).to_have_value(TEXT_LAST)
    expect(page.locator("#plan-formulier input[type='text']").first).to_have_value(NAME)

    # "Opslaan als bestand": a file made in the browser, with the typed text and the section titles.
    with page.expect_download() as info:
        page.get_by_role("button", name="Opslaan als bestand").click()
    download = info.value
    assert download.suggested_filename == "mijn-plan.txt"
    saved = tmp_path / "mijn-plan.txt"
    download.save_as(saved)
    text = saved.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert TEXT_FIRST in text and TEXT_LAST in text and NAME in text
    for legend in page.locator("#plan-formulier legend").all_inner_texts():
        assert legend.strip().upper() in text
    gemeente = page.locator("#plan-formulier").get_attribute("data-gemeente")
    assert gemeente and gemeente in text
    assert page.locator("#plan-formulier").get_attribute("data-vragen-kop") in text
    expect(page.locator("#plan-status")).to_contain_text("mijn-plan.txt")

    # "Printen" opens the browser's print dialog (replaced here, so the test does not wait for it).
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="Printen").click()
    assert page.evaluate("() => window.__printed") == 1

    # "Alles wissen", then "Annuleren" in the question: nothing is wiped.
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Alles wissen").click()
    expect(textareas.first).to_have_value(TEXT_FIRST)
    assert key in _storage(page)

    # "Alles wissen" and "OK": every field empty, the stored answers gone, and that is announced.
    messages = []
    page.once("dialog", lambda dialog: (messages.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Alles wissen").click()
    assert messages and "wissen" in messages[0]
    fields = _fields(page)
    for index in range(fields.count()):
        expect(fields.nth(index)).to_have_value("")
    assert key not in _storage(page)
    expect(page.locator("#plan-status")).to_contain_text("gewist")

    page.reload(wait_until="load")
    expect(page.locator("#plan-formulier.plan-met-js")).to_have_count(1)
    expect(textareas.first).to_have_value("")
    assert key not in _storage(page)

    requests.assert_all_local()


@pytest.mark.parametrize(("slug", "path"), PARAMS)
def test_printing_shows_the_plan_without_the_site_around_it(site_url, new_page, slug, path):
    page, requests = new_page()
    _open(page, f"{site_url}/{slug}/{path}")
    textareas = page.locator("#plan-formulier textarea")
    textareas.first.fill(TEXT_FIRST)

    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".plan-knoppen", "article > h1",
                     ".taalwissel", "#hoe-werkt-het-formulier", "#mijn-plan"):
        expect(page.locator(selector).first).to_be_hidden()
    # Paper starts with the block for the first page: the gemeente and where to hand the plan in.
    expect(page.locator(".plan-papier")).to_be_visible()
    expect(page.locator(".plan-papier-gemeente")).to_contain_text(page.locator("#plan-formulier").get_attribute("data-gemeente"))
    # A filled-in field is printed as its full text; an empty one as ruled lines to write on.
    first_field = textareas.first.locator("xpath=..")  # its .plan-veld
    expect(first_field.locator(".plan-afdruk")).to_be_visible()
    expect(first_field.locator(".plan-afdruk")).to_have_text(TEXT_FIRST)
    expect(first_field.locator(".plan-lijnen")).to_be_hidden()
    expect(textareas.last).to_be_hidden()
    last_lines = textareas.last.locator("xpath=..").locator(".plan-lijnen")
    expect(last_lines).to_be_visible()
    assert last_lines.locator("span").count() >= 8
    assert last_lines.bounding_box()["height"] > 250  # 8 lines of 1 cm, or 10 of 0.75 cm
    text_px = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)"
    )
    assert text_px >= 16  # 12 pt
    if path.startswith("makkelijk"):
        expect(page.locator(".plan-tekenvak")).to_be_visible()
        expect(page.locator(".plan-tekenvak")).to_contain_text("tekening maken of een foto plakken")

    page.emulate_media(media="screen")
    expect(page.locator(".plan-knoppen")).to_be_visible()
    expect(page.locator(".plan-papier")).to_be_hidden()
    expect(page.locator(".plan-lijnen").first).to_be_hidden()
    expect(page.locator(".plan-tekenvak")).to_have_count(1 if path.startswith("makkelijk") else 0)
    requests.assert_all_local()


# --- without JavaScript ------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "path"), PARAMS)
def test_without_javascript_it_is_a_blank_form_to_print(site_url, new_page, slug, path):
    page, requests = new_page(javascript=False)
    _open(page, f"{site_url}/{slug}/{path}", javascript=False)
    form = page.locator("#plan-formulier")
    expect(form).to_be_visible()
    # Buttons that need JavaScript are not shown; a note says how to print instead.
    expect(page.locator(".plan-knoppen")).to_be_hidden()
    expect(page.locator(".plan-zonder-js")).to_be_visible()

    fields = _fields(page)
    assert fields.count() >= 5
    for index in range(fields.count()):
        field = fields.nth(index)
        expect(field).to_be_visible()
        expect(field).to_have_value("")
        field_id = field.get_attribute("id")
        assert page.locator(f"label[for='{field_id}']").count() == 1, f"no label for #{field_id}"
        for hint in (field.get_attribute("aria-describedby") or "").split():
            assert page.locator(f"#{hint}").count() == 1, f"#{field_id} points to missing hint #{hint}"
    ids = page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)")
    assert len(ids) == len(set(ids)), "duplicate ids"
    legends = page.locator("#plan-formulier fieldset > legend")
    assert legends.count() == page.locator("#plan-formulier fieldset").count()

    page.emulate_media(media="print")
    expect(page.locator(".md-header")).to_be_hidden()
    expect(page.locator(".plan-zonder-js")).to_be_hidden()
    # Without JavaScript nothing copies what was typed: the fields themselves print, as boxes.
    expect(fields.first).to_be_visible()
    expect(page.locator(".plan-lijnen").first).to_be_hidden()
    expect(page.locator(".plan-papier")).to_be_visible()
    requests.assert_all_local()


# --- the printed plan, as Chromium's PDF ---------------------------------------------------------


@pytest.fixture(scope="module")
def gemeenten() -> dict[str, dict]:
    return {loaded.slug: loaded.gemeente.model_dump() for loaded in load_all(discover())}


def _pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of the PDF, whitespace made single (pdftotext, from poppler-utils)."""
    tool = shutil.which("pdftotext")
    if not tool:
        pytest.fail("pdftotext is not installed: run `make test-tools` (Debian: apt-get install poppler-utils)")
    result = subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return [" ".join(page.split()) for page in result.stdout.split("\f")[:-1]]


def _fill_every_field(page) -> list[str]:
    """A few lines in each big field and a name in each line; returns a word from each answer."""
    markers = []
    fields = _fields(page)
    for index in range(fields.count()):
        field = fields.nth(index)
        marker = f"Antwoord{index}x"
        markers.append(marker)
        if field.evaluate("f => f.tagName") == "TEXTAREA":
            field.fill("\n".join(
                [f"{marker} Dit is de eerste regel van mijn antwoord, met genoeg woorden voor een hele zin."]
                + [f"Regel {n} van dit antwoord: ik schrijf hier wat ik wil zeggen in het gesprek." for n in (2, 3, 4)]
            ))
        else:
            field.fill(f"{marker} Joke Ménard-de Vries")
    return markers


PRINT_PARAMS = [
    pytest.param(slug, path, filled, javascript,
                 id=f"{slug}/{path.rstrip('/')}/{'ingevuld' if filled else 'leeg'}{'' if javascript else '/zonder-js'}")
    for slug in SLUGS for path in PLAN_PAGES
    for filled, javascript in ((False, True), (True, True), (False, False))
]


@pytest.mark.parametrize(("slug", "path", "filled", "javascript"), PRINT_PARAMS)
def test_printed_plan_is_short_and_starts_with_where_to_hand_it_in(
    site_url, new_page, tmp_path, gemeenten, slug, path, filled, javascript
):
    gemeente = gemeenten[slug]
    wet = load_wet()
    page, requests = new_page(javascript=javascript)
    _open(page, f"{site_url}/{slug}/{path}", javascript=javascript)
    markers = _fill_every_field(page) if filled else []

    pdf = tmp_path / "plan.pdf"
    page.pdf(path=str(pdf), format="A4")  # Chromium prints with the print styles, as a browser would
    pages = _pdf_pages(pdf)
    assert 1 < len(pages) <= MAX_PAGES[path], f"{len(pages)} bladzijden A4, hoogstens {MAX_PAGES[path]}"

    # The first page: the gemeente, the title, where and how to hand the plan in, and a phone number.
    first = pages[0]
    assert f"Gemeente {gemeente['naam']}" in first
    assert "Mijn plan" in first
    assert f"{wet['persoonlijk_plan']['termijn_dagen']} dagen" in first
    assert gemeente["contact"]["email"] in first
    assert gemeente["contact"]["bezoekadres"]["straat"] in first
    assert gemeente["contact"]["telefoon"] in first

    # Only what belongs on paper: no buttons, no instructions about them, no web page around the form.
    whole = " ".join(pages)
    for web_only in ("Alles wissen", "Opslaan als bestand", "Printen", "browser", "Lees dit in makkelijke taal",
                     "Lees de gewone tekst", "Voorbeeld"):
        assert web_only not in whole, f"'{web_only}' staat op papier"
    for legend in page.locator("#plan-formulier legend").all_inner_texts():
        assert " ".join(legend.split()) in whole

    # The cliëntondersteuning, where the plan asks whether you want one.
    hulp = gemeente["clientondersteuning"]
    asked = whole.index("cliëntondersteuner", whole.index(page.locator("#plan-meenemen legend").inner_text().strip()))
    assert hulp["telefoon"] in whole[asked:]
    assert hulp["organisatie"] in whole[asked:]

    # What the resident typed is on paper, every answer.
    missing = [marker for marker in markers if marker not in whole]
    assert missing == [], f"niet op papier: {missing}"
    requests.assert_all_local()


@pytest.mark.parametrize("path", PLAN_PAGES)
def test_printed_plan_shows_the_logo_on_the_first_page(site_url, new_page, path):
    """'s-Heerenbrûk has a logo (huisstijl.logo); Sint-Ménadorp has none and prints only its name."""
    page, requests = new_page()
    _open(page, f"{site_url}/s-heerenbruk-aan-de-vliet/{path}")
    page.emulate_media(media="print")
    logo = page.locator(".plan-papier .plan-papier-logo")
    expect(logo).to_be_visible()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0"), "het logo laadt niet"
    assert logo.get_attribute("alt")
    box = logo.bounding_box()
    assert box and box["y"] < page.locator("#plan-formulier").bounding_box()["y"]

    _open(page, f"{site_url}/sint-menadorp/{path}")
    expect(page.locator(".plan-papier .plan-papier-logo")).to_have_count(0)
    expect(page.locator(".plan-papier-gemeente")).to_be_visible()
    requests.assert_all_local()
