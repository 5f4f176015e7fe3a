"""The update policy page changes nothing in the deposit: the crossmark element
carries the policy DOI the manager entered (in any usual form), and nothing of
the policy text; the deposit stays valid against Crossref's 5.3.1 schema."""

import datetime as dt

import pytest
from lxml import etree

from indexing.doi import crossref
from indexing.doi.services import crossref_deposit_create
from publishing.issues.forms import PublishingSettingsForm
from publishing.issues.services import publishing_settings_save
from publishing.models import JournalPublishingSettings
from tests.factories import editor_of
from tests.schemas import load_schema, offline_parser, require_schema

pytestmark = pytest.mark.django_db

CR = crossref.CR
AI = crossref.AI


def _expected_crossmark(*, licence: str, published: dt.date):
    crossmark = etree.Element(f"{{{CR}}}crossmark", nsmap={None: CR, "ai": AI})

    def el(parent, tag, text=None, ns=CR, **attrs):
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", **attrs)
        node.text = text
        return node

    el(crossmark, "crossmark_version", "1")
    el(crossmark, "crossmark_policy", "10.99999/jpa.policy")
    domain = el(el(crossmark, "crossmark_domains"), "crossmark_domain")
    el(domain, "domain", "journal.example.org")
    el(crossmark, "crossmark_domain_exclusive", "false")
    program = el(
        el(crossmark, "custom_metadata"), "program", ns=AI, name="AccessIndicators"
    )
    el(program, "free_to_read", ns=AI)
    el(
        program,
        "license_ref",
        licence,
        ns=AI,
        applies_to="vor",
        start_date=published.isoformat(),
    )
    return crossmark


def _canonical(element) -> bytes:
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        if node.text is not None and not node.text.strip():
            node.text = None
        node.tail = None
    return etree.tostring(copy, method="c14n2", strip_text=True)


def test_the_crossmark_element_carries_only_the_policy_doi_and_is_valid(
    issue, settings
):
    settings.SITE_URL = "https://journal.example.org"
    row = JournalPublishingSettings.objects.get(journal=issue.journal)
    form = PublishingSettingsForm(
        {
            "article_doi_pattern": row.article_doi_pattern,
            "issue_doi_pattern": row.issue_doi_pattern,
            "depositor_name": row.depositor_name,
            "depositor_email": row.depositor_email,
            "crossmark_policy_doi": " https://doi.org/10.99999/jpa.policy ",
            "update_policy_en": "We publish errata within a month.",
            "update_policy_ru": "Исправления публикуются в течение месяца.",
        },
        instance=row,
    )
    assert form.is_valid(), form.errors
    editor = editor_of(issue.journal)
    publishing_settings_save(row=form.save(commit=False), actor=editor)

    deposit = crossref_deposit_create(actor=editor, issue=issue)

    root = etree.fromstring(deposit.xml.encode(), offline_parser())
    schema = load_schema(require_schema("crossref/crossref5.3.1.xsd"))
    assert schema.validate(root), [e.message for e in schema.error_log]
    articles = root.findall(f".//{{{CR}}}journal_article")
    assert len(articles) == 2
    for node in articles:
        article = issue.articles.get(
            doi=node.findtext(f".//{{{CR}}}doi_data/{{{CR}}}doi")
        )
        expected = _expected_crossmark(
            licence=issue.journal.licence_url,
            published=issue.journal.local_time(article.published_at).date(),
        )
        assert _canonical(node.find(f"{{{CR}}}crossmark")) == _canonical(expected)
    assert "errata" not in deposit.xml
