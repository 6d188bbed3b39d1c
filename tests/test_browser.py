"""Real browser tests: Playwright drives Debian's chromium against a live server."""

import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from harga.app import create_app
from harga.storage.engine import make_engine
from harga.storage.migrate import upgrade
from harga.storage.tables import SourceRow
from tests.sample_data import populate

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
# Flags keep chromium off the network: only the test server on loopback is contacted.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    folder = tmp_path_factory.mktemp("browser")
    engine = make_engine(f"sqlite:///{folder / 'harga.db'}")
    upgrade(engine)
    populate(engine, folder / "mirror")
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def server(engine: Engine) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(engine), host="127.0.0.1", port=port, log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if time.monotonic() > deadline:
            pytest.fail("the test server did not start within 20 seconds")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium (make browser)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID")
    yield context.new_page()
    context.close()


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="id-ID", java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_model_page_shows_indonesian_numbers(page: Page, server: str) -> None:
    page.goto(f"{server}/models/openai/gpt-5.4-nano")

    expect(page.locator('[data-field="input"]')).to_have_text("0,2")
    expect(page.locator('[data-field="output"]')).to_have_text("1,25")
    expect(page.locator('[data-fact="context_window"]')).to_contain_text("400.000")
    expect(page.locator("#evidence tbody tr").first).to_be_visible()


def test_language_switch_to_english(page: Page, server: str) -> None:
    page.goto(f"{server}/models/openai/gpt-5.4-nano")

    page.get_by_role("link", name="EN", exact=True).click()

    expect(page.locator('[data-field="input"]')).to_have_text("0.2")
    expect(page.get_by_role("heading", name="Pricing details")).to_be_visible()
    page.goto(f"{server}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_search_and_sort_without_javascript(page_without_javascript: Page, server: str) -> None:
    page = page_without_javascript
    page.goto(f"{server}/")

    page.get_by_label("Cari", exact=True).fill("gpt")
    page.locator("select[name=creator]").select_option("openai")
    page.get_by_role("button", name="Saring").click()
    expect(page).to_have_url(re.compile(r"\?q=gpt&creator=openai&"))
    expect(page.locator("table.models tbody tr")).to_have_count(1)
    expect(page.get_by_label("Cari", exact=True)).to_have_value("gpt")

    page.goto(f"{server}/")
    page.get_by_role("link", name="Input").click()
    page.get_by_role("link", name="Input ▲").click()
    expect(page).to_have_url(f"{server}/?sort=input&order=desc")
    first = page.locator("table.models tbody tr").first
    expect(first).to_contain_text("claude-opus-4.1")


def test_model_link_from_list(page: Page, server: str) -> None:
    page.goto(f"{server}/?creator=deepseek")

    page.get_by_role("link", name="deepseek-chat").first.click()

    expect(page).to_have_url(f"{server}/models/deepseek/deepseek-chat")
    expect(page.locator('[data-field="input"]')).to_have_text("0,28")


def test_calculator_form_without_javascript(page_without_javascript: Page, server: str) -> None:
    page = page_without_javascript
    page.goto(f"{server}/calculator")

    page.locator("input[name=model]").fill("openai/gpt-5.4-nano")
    page.locator("input[name=input]").fill("9126")
    page.locator("input[name=cached]").fill("4864")
    page.locator("input[name=output]").fill("3197")
    page.get_by_role("button", name="Hitung").click()

    # 4,262 × 0.2 + 4,864 × 0.02 + 3,197 × 1.25 USD per 1M tokens, in Indonesian notation.
    expect(page.locator("[data-total]")).to_have_text("0,00494593")
    expect(page.locator("table.breakdown tbody tr")).to_have_count(3)


@pytest.fixture
def failed_source(engine: Engine) -> Iterator[str]:
    """Mark source gamma stale with a long error, as a failed run stores it, then restore it."""
    # Underscores and dots offer a browser no line break, so only the page's CSS can wrap this.
    name = "_".join(f"models_with_endpoints_snapshot{i}" for i in range(8))
    error = f"/srv/harga/mirror/gamma/{name}.json:$.data[1234].endpoints[0].pricing.prompt"
    with Session(engine) as session, session.begin():
        source = session.get(SourceRow, "gamma")
        assert source is not None
        previous = (source.stale, source.last_error)
        source.stale, source.last_error = True, error
    yield error
    with Session(engine) as session, session.begin():
        source = session.get(SourceRow, "gamma")
        assert source is not None
        source.stale, source.last_error = previous


def test_long_source_error_wraps(page: Page, server: str, failed_source: str) -> None:
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{server}/sources")

    error = page.locator('tr[data-source="gamma"] .error-message')
    expect(error).to_have_text(failed_source)
    box = error.bounding_box()
    assert box is not None
    assert box["x"] + box["width"] <= 1024
    assert box["height"] > 30  # wrapped onto several lines
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


def test_api_docs_render_offline(page: Page, server: str) -> None:
    page.goto(f"{server}/api/v1/docs")

    expect(page.get_by_role("heading", name="Referensi API")).to_be_visible()
    expect(page.locator("section.api-operation h2").first).to_have_text("GET /api/v1/models")
    page.get_by_role("link", name="POST /api/v1/cost").click()
    expect(page).to_have_url(re.compile(r"#post_cost_api_v1_cost_post$"))
