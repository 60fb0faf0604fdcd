"""The pages in a real browser: headless Debian Chromium driven by Selenium and chromedriver.

The server is ``cablekg serve`` on a fresh store, which loads the bundled seed cable through
the pipeline. Skipped when chromium, chromedriver or selenium are missing, unless
CABLEKG_REQUIRE_BROWSER=1 (CI) makes that a failure. Selenium Manager is never asked to download
anything: the driver path is given and SE_OFFLINE is set.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from conftest import LiveServer, serve_process

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT = 30  # seconds; a cold YASGUI start on a slow CI runner takes a while


def _missing() -> str | None:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        return f"needs {CHROMIUM} and {CHROMEDRIVER} (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "needs selenium (pip install cablekg[test])"
    return None


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    reason = _missing()
    if reason:
        if os.environ.get("CABLEKG_REQUIRE_BROWSER") == "1":
            pytest.fail("CABLEKG_REQUIRE_BROWSER=1 but the browser is missing: " + reason)
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download drivers
    profile = tempfile.mkdtemp(prefix="cablekg-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1366,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    browser = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    browser.set_page_load_timeout(WAIT)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@dataclass(frozen=True)
class Running:
    """A server someone else started: just its address."""

    url: str

    @property
    def sparql(self) -> str:
        return self.url + "sparql"


@pytest.fixture(scope="module")
def seeded_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``cablekg serve`` over an empty store: it loads the bundled seed cable itself.
    CABLEKG_BROWSER_URL=http://host:port/ runs the tests against a server already running."""
    if _missing() and os.environ.get("CABLEKG_REQUIRE_BROWSER") != "1":
        pytest.skip(_missing() or "")
    if os.environ.get("CABLEKG_BROWSER_URL"):
        yield Running(os.environ["CABLEKG_BROWSER_URL"])  # type: ignore[misc]
        return
    with serve_process(tmp_path_factory.mktemp("browser") / "store") as server:
        yield server


def select_one(server: LiveServer, sparql: str) -> dict[str, str]:
    response = httpx.get(
        server.sparql,
        params={"query": sparql},
        headers={"Accept": "application/sparql-results+json"},
        timeout=30,
    )
    response.raise_for_status()
    rows = response.json()["results"]["bindings"]
    assert rows, f"no answer to {sparql}"
    return {k: v["value"] for k, v in rows[0].items()}


def mentioned_person(server: LiveServer) -> str:
    return select_one(
        server,
        "SELECT ?x WHERE { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* "
        "<http://xmlns.com/foaf/0.1/Person> . "
        "?m <https://w3id.org/cablekg/ontology#refersTo> ?x } ORDER BY ?x LIMIT 1",
    )["x"]


def loaded_cable(server: LiveServer) -> str:
    return select_one(
        server,
        "SELECT ?c WHERE { ?c a <https://w3id.org/cablekg/ontology#Cable> ; "
        "<http://purl.org/dc/terms/hasPart> ?p } ORDER BY ?c LIMIT 1",
    )["c"]


def test_entity_page_shows_quotes_with_the_mention_marked(driver, seeded_server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    person = mentioned_person(seeded_server)
    driver.get(person)
    marks = driver.find_elements(By.CSS_SELECTOR, "section.mentions q.quote mark")
    assert marks, driver.page_source[:2000]
    assert marks[0].is_displayed() and marks[0].text.strip()
    cite = driver.find_element(By.CSS_SELECTOR, "section.mentions a.cite")
    assert "#p" in cite.get_attribute("href")
    cite.click()  # to the paragraph's anchor on the cable page
    assert driver.find_element(By.CSS_SELECTOR, "section.para:target").is_displayed()


def test_cable_page_mention_link_leads_to_the_entity(driver, seeded_server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(loaded_cable(seeded_server))
    assert driver.find_elements(By.CSS_SELECTOR, "section.para[id^=p]")
    link = driver.find_element(By.CSS_SELECTOR, "section.para a.mention")
    label, target = link.get_attribute("title"), link.get_attribute("href")
    link.click()
    WebDriverWait(driver, WAIT).until(ec.url_to_be(target))
    assert driver.find_element(By.TAG_NAME, "h1").text == label


def _run_in_yasgui(driver) -> str:  # type: ignore[no-untyped-def]
    """Press YASGUI's run button and return the text of the results table."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(driver, WAIT)
    button = wait.until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, ".tabPanel.active .yasqe_queryButton"))
    )
    button.click()
    table = wait.until(
        ec.visibility_of_element_located((By.CSS_SELECTOR, ".tabPanel.active .yasr table tbody tr"))
    )
    chip = driver.find_element(By.CSS_SELECTOR, ".tabPanel.active .yasr_response_chip").text
    count = chip.split()[0].replace(",", "") if chip else ""
    assert count.isdigit() and int(count) > 0, f"no rows: YASR says {chip!r}"
    return str(table.text)


def _editor_text(driver) -> str:  # type: ignore[no-untyped-def]
    return str(
        driver.execute_script(
            "const cm = document.querySelector('.tabPanel.active .CodeMirror');"
            "return cm && cm.CodeMirror ? cm.CodeMirror.getValue() : '';"
        )
    )


def test_sparql_ui_runs_a_saved_query(driver, seeded_server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(seeded_server.url + "sparql")
    saved = WebDriverWait(driver, WAIT).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, "#saved button"))
    )
    title = saved.find_element(By.CSS_SELECTOR, ".title").text
    saved.click()
    assert f"title: {title}" in _editor_text(driver)
    assert _run_in_yasgui(driver).strip()


def test_home_page_saved_query_link_opens_it_in_the_ui(driver, seeded_server) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.get(seeded_server.url)
    counts = driver.find_elements(By.CSS_SELECTOR, ".counts .count")
    assert counts and counts[0].text.split()[0] != "0", "the seed cable was not loaded"
    link = driver.find_element(By.CSS_SELECTOR, "ul.queries a")
    title, href = link.text, link.get_attribute("href")
    assert href.startswith(seeded_server.url + "sparql#query=")
    link.click()
    results = _run_in_yasgui(driver)
    assert f"title: {title}" in _editor_text(driver)
    assert results.strip()
