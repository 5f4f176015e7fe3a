"""JATS from one source: a real DOCX body plus front matter from the database."""

import pytest
from lxml import etree

from journal.errors import DomainError
from production.jats import build_article_jats, validate_jats
from production.services import article_jats_generate, article_jats_store
from publishing.models import GalleyKind
from tests.production.factories import (
    RU_ABSTRACT,
    ArticleFactory,
    require_jats_schema,
)

pytestmark = pytest.mark.django_db

XLINK = "{http://www.w3.org/1999/xlink}href"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tree(article):
    return etree.fromstring(article.jats_xml.encode())


def test_full_article_jats_is_valid_against_jats_1_3_and_stored():
    require_jats_schema()
    article = ArticleFactory()

    galley = article_jats_generate(article=article)

    article.refresh_from_db()
    assert validate_jats(article.jats_xml.encode()) == []
    assert galley.kind == GalleyKind.JATS and galley.is_current
    root = _tree(article)
    assert root.get("dtd-version") == "1.3"
    assert root.get("article-type") == "research-article"
    assert root.get(LANG) == "en"
    body = root.find("body")
    assert [t.text for t in body.findall("sec/title")][0] == "Introduction"
    assert body.find(".//table-wrap/table") is not None
    fig = body.find(".//fig")
    assert fig.findtext("label") == "Figure 1"
    assert "Applicants per vacancy" in "".join(fig.find("caption").itertext())
    href = fig.find("graphic").get(XLINK)
    assert href.endswith(f"/articles/{article.pk}/media/" + href.rsplit("/")[-1])
    assert article.media.filter(name=href.rsplit("/")[-1]).exists()


def test_front_matter_carries_translations_contributors_and_history():
    require_jats_schema()
    article = ArticleFactory()
    article_jats_generate(article=article)
    article.refresh_from_db()
    meta = _tree(article).find("front/article-meta")

    assert meta.findtext("article-id[@pub-id-type='doi']") == article.doi
    trans = meta.find("title-group/trans-title-group")
    assert trans.get(LANG) == "ru"
    assert trans.findtext("trans-title").startswith("Меритократический")
    assert meta.find("trans-abstract").get(LANG) == "ru"
    assert RU_ABSTRACT in "".join(meta.find("trans-abstract").itertext())
    assert {g.get(LANG) for g in meta.findall("kwd-group")} == {"en", "ru"}
    orcid = meta.find("contrib-group/contrib/contrib-id[@contrib-id-type='orcid']")
    assert orcid.text == "https://orcid.org/0000-0002-1825-0097"
    assert orcid.get("authenticated") == "false"  # typed, not confirmed
    assert meta.find("aff/country").get("country") == "KZ"
    corresponding = meta.find("contrib-group/contrib[@corresp='yes']")
    assert corresponding.find("xref[@ref-type='corresp']") is not None
    assert (
        meta.findtext("author-notes/corresp/email")
        == article.submission.submitter.email
    )
    kinds = [d.get("date-type") for d in meta.findall("history/date")]
    assert kinds == ["received", "rev-recd", "accepted"]
    licence = meta.find("permissions/license")
    assert licence.get("license-type") == "open-access"
    ali = licence.findtext("{http://www.niso.org/schemas/ali/1.0/}license_ref")
    assert ali == "https://creativecommons.org/licenses/by/4.0/"
    assert "grant 2024-17" in meta.findtext("funding-group/funding-statement")
    refs = _tree(article).findall("back/ref-list/ref//mixed-citation")
    assert [r.text[:5] for r in refs] == ["Weber", "OECD."]


def test_pages_or_article_number_and_publication_date_appear_when_set():
    require_jats_schema()
    from django.utils import timezone

    article = ArticleFactory(elocation_id="e1024")
    article.published_at = timezone.now()
    article.save()
    article_jats_generate(article=article)
    article.refresh_from_db()
    meta = _tree(article).find("front/article-meta")
    assert meta.findtext("elocation-id") == "e1024"
    pub = meta.find("pub-date")
    assert pub.get("date-type") == "pub"
    assert pub.get("publication-format") == "electronic"
    assert validate_jats(article.jats_xml.encode()) == []


def test_broken_document_is_refused_with_messages_and_previous_jats_stays():
    require_jats_schema()
    article = ArticleFactory()
    article_jats_generate(article=article)
    article.refresh_from_db()
    previous = article.jats_xml
    galleys_before = article.galleys.count()
    broken = previous.replace("<title-group>", "<title-group><not-jats/>", 1).encode()

    with pytest.raises(DomainError) as caught:
        article_jats_store(article=article, xml=broken)

    assert "not-jats" in caught.value.message
    article.refresh_from_db()
    assert article.jats_xml == previous
    assert article.galleys.count() == galleys_before


def test_build_article_jats_reuses_the_stored_body_without_converting_again(
    monkeypatch,
):
    require_jats_schema()
    article = ArticleFactory()
    article_jats_generate(article=article)
    article.refresh_from_db()
    article.doi = "10.99999/changed"
    article.save()

    def no_pandoc(*args, **kwargs):
        raise AssertionError("the manuscript must not be converted again")

    monkeypatch.setattr("production.jats.convert_source", no_pandoc)
    xml = build_article_jats(article)

    assert validate_jats(xml) == []
    root = etree.fromstring(xml)
    assert root.findtext("front/article-meta/article-id") == "10.99999/changed"
    assert len(root.findall("back/ref-list")) == 1
    assert root.find("body//table-wrap") is not None


def test_a_manuscript_that_is_not_docx_or_odt_is_refused_with_a_reason():
    from tests.factories import SubmissionFileFactory

    article = ArticleFactory(submission__with_docx=False)
    SubmissionFileFactory(
        submission=article.submission,
        original_name="manuscript.pdf",
        content_type="application/pdf",
    )
    with pytest.raises(DomainError) as caught:
        article_jats_generate(article=article)
    assert "DOCX" in caught.value.message
    article.refresh_from_db()
    assert article.jats_xml == ""
