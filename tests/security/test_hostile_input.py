"""No input gives a 500: hostile values in every query parameter of the
public and staff pages get the page (with a message) or a 400; exports keep
one record per record."""

import datetime as dt

import pytest
from django.urls import reverse

from publishing.citations.data import Author, CitationData
from publishing.citations.formats import bibtex, ris
from tests.factories import JournalFactory, editor_of
from tests.publishing.factories import published_issue

pytestmark = pytest.mark.django_db

HOSTILE = [
    "9999-12",
    "2026-13",
    "99999999999999999999999",
    "\x00",
    "line\r\nX-Injected: 1",
    "x" * 5000,
    "٢٠٢٦-٠٣",  # Arabic-Indic digits
    "Кириллица 中文 عربى ქართული",
]


@pytest.fixture
def site():
    journal = JournalFactory()
    issue, articles = published_issue(journal, articles=1)
    return journal, issue, articles[0], editor_of(journal)


def _pages(journal, issue, article):
    slug = journal.slug
    public = {
        reverse("discovery:search"): ["q", "page", "journal", "year", "sort", "section"],
        reverse("discovery:journal_search", args=[slug]): [
            "q", "page", "year", "country", "language", "sort",
        ],
        reverse("publishing:archive", args=[slug]): ["page"],
        reverse("publishing:journal_home", args=[slug]): ["page"],
        reverse("publishing:issue", args=[slug, issue.pk]): ["page"],
        reverse("publishing:article", args=[article.pk]): ["page", "lang"],
        reverse("stats:journal", args=[slug]): ["year"],
        "/sushi/r5/reports/tr": ["begin_date", "end_date", "customer_id"],
        "/oai": ["verb", "identifier", "from", "until", "set", "resumptionToken"],
    }  # fmt: skip
    staff = {
        reverse("stats:usage", args=[slug]): ["from", "to"],
        reverse("stats:usage_export", args=[slug, "month"]): ["from", "to"],
        reverse("stats:usage_export", args=[slug, "article"]): ["from", "to"],
        reverse("stats:reports", args=[slug]): ["from", "to"],
        reverse("submissions:editor_dashboard", args=[slug]): [
            "page", "state", "section",
        ],
        reverse("reviews_extra:decision_queue", args=[slug]): ["call"],
    }  # fmt: skip
    return public, staff


def _sweep(client, pages) -> list[str]:
    failures = []
    for url, params in pages.items():
        for param in params:
            for value in HOSTILE:
                response = client.get(url, {param: value})
                if response.status_code >= 500:
                    failures.append(
                        f"{url}?{param}={value[:20]!r}: {response.status_code}"
                    )
    return failures


def test_hostile_query_values_never_give_a_server_error(client, site):
    journal, issue, article, editor = site
    public, staff = _pages(journal, issue, article)
    client.raise_request_exception = False

    failures = _sweep(client, public)
    client.force_login(editor)
    failures += _sweep(client, staff)

    assert failures == []


def test_a_month_beyond_the_calendar_gives_the_page_with_a_message(client, site):
    journal, _issue, _article, editor = site
    client.force_login(editor)

    page = client.get(reverse("stats:usage", args=[journal.slug]), {"to": "9999-12"})
    export = client.get(
        reverse("stats:usage_export", args=[journal.slug, "month"]), {"to": "9999-12"}
    )

    assert page.status_code == 200
    assert "Give months as YYYY-MM." in page.content.decode()
    assert export.status_code == 200


def _citation(**changes) -> CitationData:
    values = {
        "key": "1",
        "title": "Merit\r\nTY  - JOUR\r\nTI  - Injected record\r\nER  - ",
        "authors": [Author(given="Aigerim\n", family="Seitova}\r\n")],
        "journal": "Journal of Civil Service",
        "published": dt.date(2026, 3, 1),
        "doi": "10.99999/x}, title = {Injected",
        "keywords": ["merit\r\nKW  - injected", "reform\x00"],
        "abstract": "First line.\r\nER  - \r\nTY  - JOUR",
    }
    values.update(changes)
    return CitationData(**values)


def test_ris_export_keeps_every_value_on_its_own_line():
    text = ris(_citation())
    lines = text.split("\r\n")

    assert [line for line in lines if line.startswith("TY  -")] == ["TY  - JOUR"]
    assert [line for line in lines if line.startswith("ER  -")] == ["ER  - "]
    assert "TI  - Merit TY - JOUR TI - Injected record ER -" in lines
    assert [line for line in lines if line.startswith("KW")] == [
        "KW  - merit KW - injected",
        "KW  - reform",
    ]
    assert "\n" not in text.replace("\r\n", "") and "\x00" not in text


def test_bibtex_export_escapes_braces_and_keeps_fields_on_one_line():
    text = bibtex(_citation())
    body = text.split("\n")[1:-2]

    assert all(line.startswith("  ") and line.endswith(("},", "}")) for line in body)
    opened = text.count("{") - text.count("\\{")
    assert opened == text.count("}") - text.count("\\}")  # balanced
    assert "  doi = {10.99999/x, title = Injected}," in body
    assert "Seitova\\}" in text and "\r" not in text
