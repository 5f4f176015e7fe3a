"""Crossref deposits: full-text links for Similarity Check and text mining,
every abstract with its language, titles as Crossref defines them, and
Crossmark with corrections and retractions as updates; valid against 5.3.1."""

import datetime as dt

import pytest
from django.urls import reverse
from lxml import etree

from indexing.doi import crossref
from indexing.doi.services import crossref_deposit_create
from publishing.issues.forms import PublishingSettingsForm
from publishing.issues.services import article_new_version, article_retract
from publishing.models import JournalPublishingSettings
from tests.factories import editor_of
from tests.publishing.factories import GalleyFactory, html_galley

pytestmark = pytest.mark.django_db

NS = {"cr": crossref.CR, "jats": crossref.JATS, "ai": crossref.AI}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _first_article(issue):
    return issue.articles.order_by("order").first()


def _deposited(issue):
    deposit = crossref_deposit_create(actor=editor_of(issue.journal), issue=issue)
    root = etree.fromstring(
        deposit.xml.encode(), etree.XMLParser(no_network=True, resolve_entities=False)
    )
    assert crossref.batch_validate(root) == []
    assert not [i.message for i in deposit.items.all() if i.message]
    return root.findall(".//cr:journal_article", NS)


def test_full_texts_are_listed_for_the_crawler_and_for_text_mining(issue):
    article = _first_article(issue)
    GalleyFactory(article=article)
    html_galley(article)

    first = _deposited(issue)[0]

    crawled = first.find("cr:doi_data/cr:collection[@property='crawler-based']", NS)
    item = crawled.find("cr:item", NS)
    assert item.get("crawler") == "iParadigms"
    pdf_url = "http://testserver" + reverse(
        "publishing:article_download_kind", args=[article.pk, "pdf"]
    )
    assert item.findtext("cr:resource", namespaces=NS) == pdf_url
    mining = first.findall(
        "cr:doi_data/cr:collection[@property='text-mining']/cr:item/cr:resource", NS
    )
    assert {(r.text, r.get("mime_type")) for r in mining} == {
        (pdf_url, "application/pdf"),
        (pdf_url.replace("/pdf/", "/html/"), "text/html"),
    }


def test_every_abstract_is_sent_with_its_language_and_only_the_own_title(issue):
    first = _deposited(issue)[0]

    abstracts = {
        a.get(XML_LANG): a.findtext("jats:p", namespaces=NS)
        for a in first.findall("jats:abstract", NS)
    }
    assert abstracts["en"] == "We study merit-based recruitment."
    assert set(abstracts) == set(_first_article(issue).submission.abstract)
    assert len(abstracts) >= 2
    assert first.find("cr:titles/cr:original_language_title", NS) is None
    assert len(first.findall("cr:titles/cr:title", NS)) == 1


def test_no_crossmark_without_a_policy_doi(issue):
    assert _deposited(issue)[0].find("cr:crossmark", NS) is None


def test_crossmark_carries_the_policy_and_corrections_and_retractions(issue, settings):
    settings.SITE_URL = "https://journal.example.org"
    settings_row = JournalPublishingSettings.objects.get(journal=issue.journal)
    settings_row.crossmark_policy_doi = "10.99999/jpa.policy"
    settings_row.save()
    article = _first_article(issue)
    editor = editor_of(issue.journal)
    article_new_version(article=article, actor=editor, reason="Table 2 corrected")
    article.refresh_from_db()
    article_retract(
        article=article,
        actor=editor,
        notice="Data fabricated.",
        now=dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC),
    )

    first, second = _deposited(issue)

    crossmark = first.find("cr:crossmark", NS)
    assert crossmark.findtext("cr:crossmark_policy", namespaces=NS) == (
        "10.99999/jpa.policy"
    )
    assert (
        crossmark.findtext(
            "cr:crossmark_domains/cr:crossmark_domain/cr:domain", namespaces=NS
        )
        == "journal.example.org"
    )
    assert crossmark.findtext(
        "cr:custom_metadata/ai:program/ai:license_ref", namespaces=NS
    )
    updates = [
        (u.get("type"), u.text) for u in crossmark.findall("cr:updates/cr:update", NS)
    ]
    assert updates == [("correction", article.doi), ("retraction", article.doi)]
    assert crossmark.findall("cr:updates/cr:update", NS)[1].get("date") == "2026-06-01"
    assert second.find("cr:crossmark/cr:updates", NS) is None
    assert second.findtext("cr:crossmark/cr:crossmark_policy", namespaces=NS)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("https://doi.org/10.99999/jpa.policy", "10.99999/jpa.policy"),
        ("10.99999/jpa.policy", "10.99999/jpa.policy"),
        ("", ""),
    ],
)
def test_the_policy_doi_setting_takes_a_doi(issue, typed, kept):
    row = JournalPublishingSettings.objects.get(journal=issue.journal)
    data = {
        "article_doi_pattern": row.article_doi_pattern,
        "issue_doi_pattern": row.issue_doi_pattern,
        "crossmark_policy_doi": typed,
    }
    form = PublishingSettingsForm(data, instance=row)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["crossmark_policy_doi"] == kept


def test_the_policy_doi_setting_refuses_what_is_no_doi(issue):
    row = JournalPublishingSettings.objects.get(journal=issue.journal)
    form = PublishingSettingsForm(
        {
            "article_doi_pattern": row.article_doi_pattern,
            "crossmark_policy_doi": "our policy page",
        },
        instance=row,
    )
    assert not form.is_valid()
    assert "crossmark_policy_doi" in form.errors
