"""The persoonlijk plan form in real Chromium, on the built site served over HTTP on 127.0.0.1.

What a resident relies on: answers stay in this browser only (back after a reload), "Alles wissen"
empties the fields and the storage, "Opslaan als bestand" gives a file made in the browser with the
typed text, and no request ever leaves the page. Without JavaScript the form is a blank form to print.

Needs the `built_site` fixture (tests/conftest.py): the published site root, with
<slug>/plan-invullen/index.html and <slug>/makkelijk/plan-invullen/index.html.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import playwright.sync_api as sync_api
import pytest

from keukentafel.gate import LAUNCH_ARGS, find_chromium, serve_directory

expect = sync_api.expect
SLUGS = ("sint-menadorp", "s-heerenbruk-aan-de-vliet")
PLAN_PAGES = ("plan-invullen/", "makkelijk/plan-invullen/")
STORAGE_PREFIX = "keukentafel-plan:"

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


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        yield browser
        browser.close()


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
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".plan-knoppen"):
        expect(page.locator(selector).first).to_be_hidden()
    # A filled-in field is printed as its full text; an empty one as a tall empty box.
    first_field = textareas.first.locator("xpath=..")  # its .plan-veld
    expect(first_field.locator(".plan-afdruk")).to_be_visible()
    expect(first_field.locator(".plan-afdruk")).to_have_text(TEXT_FIRST)
    expect(textareas.last).to_be_visible()
    assert textareas.last.bounding_box()["height"] > 150  # 7 cm on paper
    text_px = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)"
    )
    assert text_px >= 16  # 12 pt
    if path.startswith("makkelijk"):
        expect(page.locator(".plan-tekenvak")).to_be_visible()
        expect(page.locator(".plan-tekenvak")).to_contain_text("tekening maken of een foto plakken")

    page.emulate_media(media="screen")
    expect(page.locator(".plan-knoppen")).to_be_visible()
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
    expect(fields.first).to_be_visible()
    requests.assert_all_local()
