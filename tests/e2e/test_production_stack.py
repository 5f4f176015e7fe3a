"""gunicorn with config.settings.production after `collectstatic`, as the README
deploys it: pages and their styles are served, behind a TLS proxy."""

import gzip
import http.client
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from tests.browser.conftest import DESKTOP
from tests.publishing.factories import PublishedArticleFactory, html_galley

pytestmark = [pytest.mark.services]

BEHIND_TLS = {"X-Forwarded-Proto": "https"}
TITLE = "Merit-based recruitment in the civil service"


def get(site, path: str, headers: dict | None = None) -> http.client.HTTPResponse:
    parts = urlsplit(site.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1", **(headers or {})})
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture
def article():
    article = PublishedArticleFactory(submission__title={"en": TITLE})
    html_galley(article, html=f"<h1>{TITLE}</h1><p>Open competitions.</p>")
    return article


def test_gunicorn_serves_the_article_page_and_its_compressed_hashed_styles(
    production_site, article
):
    site = production_site
    path = f"/article/{article.pk}/"

    plain = get(site, path)
    assert plain.status == 301, site.output()
    assert plain.getheader("Location") == f"https://127.0.0.1{path}"

    page = get(site, path, BEHIND_TLS)
    assert page.status == 200, site.output()
    assert "max-age=31536000" in page.getheader("Strict-Transport-Security")
    document = lxml_html.fromstring(page.body)
    assert TITLE in document.findtext(".//title")
    stylesheets = document.xpath("//link[@rel='stylesheet']/@href")
    assert any("bootstrap.min." in href for href in stylesheets)

    for href in stylesheets:
        # Content-hashed names (bootstrap.min.1a2b3c4d5e6f.css), cached for good.
        assert href.startswith("/static/") and href.count(".") >= 2, href
        css = get(site, href, {**BEHIND_TLS, "Accept-Encoding": "gzip"})
        assert css.status == 200, href
        assert css.getheader("Content-Type").startswith("text/css")
        assert css.getheader("Content-Encoding") == "gzip"
        assert "immutable" in css.getheader("Cache-Control")
        assert b"{" in gzip.decompress(css.body)


@pytest.mark.browser
def test_a_published_article_under_gunicorn_shows_with_its_stylesheet_and_no_errors(
    production_site,
    article,
    browser,
):
    context = browser.new_context(viewport=DESKTOP, extra_http_headers=BEHIND_TLS)
    page = context.new_page()
    problems = []
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    try:
        page.goto(f"{production_site.url}/article/{article.pk}/")
        page.wait_for_load_state("load")

        assert page.locator("h1").first.inner_text().strip() == TITLE
        # Bootstrap's reboot removes the browser's 8px body margin.
        margin = page.evaluate("getComputedStyle(document.body).marginTop")
        loaded = page.evaluate(
            "[...document.styleSheets].filter(s => s.href && s.cssRules.length)"
            ".map(s => s.href)"
        )
    finally:
        context.close()
    assert margin == "0px"
    assert any("bootstrap.min." in href for href in loaded)
    assert problems == []
