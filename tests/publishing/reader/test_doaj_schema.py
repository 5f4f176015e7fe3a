"""DOAJ's article XML of an issue is valid against doajArticles.xsd, and
fullTextUrl says whether it serves a PDF or HTML."""

import pytest
from django.urls import reverse
from lxml import etree

from tests.publishing.factories import (
    GalleyFactory,
    html_galley,
    published_issue,
    with_authors,
)
from tests.schemas import load_schema, require_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def doaj_schema():
    return load_schema(require_schema("doaj/doajArticles.xsd"))


def test_doaj_export_is_valid_and_names_the_full_text_format(
    client, doaj_schema, settings
):
    settings.SITE_URL = "https://journal.example.org"
    issue, articles = published_issue(articles=3)
    with_authors(articles[0], 2, affiliation="Academy", orcid="0000-0002-1825-0097")
    GalleyFactory(article=articles[0])
    html_galley(articles[1])

    response = client.get(
        reverse("publishing:issue_doaj", args=[issue.journal.slug, issue.pk])
    )

    root = etree.fromstring(response.content)
    assert doaj_schema.validate(root), doaj_schema.error_log
    urls = {
        r.findtext("publisherRecordId"): r.find("fullTextUrl")
        for r in root.iter("record")
    }
    pdf, html, page = (urls[str(a.pk)] for a in articles)
    assert pdf.get("format") == "pdf"
    assert f"/article/{articles[0].pk}/download/" in pdf.text
    assert html.get("format") == "html"
    assert f"/article/{articles[1].pk}/download/" in html.text
    assert page.get("format") == "html"
    assert page.text.endswith(reverse("publishing:article", args=[articles[2].pk]))


def test_an_invalid_export_would_be_caught(client, doaj_schema, settings):
    settings.SITE_URL = "https://journal.example.org"
    issue, _articles = published_issue(articles=1)
    response = client.get(
        reverse("publishing:issue_doaj", args=[issue.journal.slug, issue.pk])
    )
    root = etree.fromstring(response.content)
    assert doaj_schema.validate(root)
    root.find("record/journalTitle").tag = "journalName"
    assert not doaj_schema.validate(root)
