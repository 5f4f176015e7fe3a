from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from lxml import etree

from publishing.models import Issue, IssueState
from tests.publishing.factories import (
    ArticleFactory,
    GalleyFactory,
    PublishedArticleFactory,
    jats_galley,
    published_issue,
    with_authors,
)

pytestmark = pytest.mark.django_db


def test_anyone_can_download_the_pdf(client):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article, file__data=b"%PDF-1.4 the article")
    response = client.get(
        reverse("publishing:article_download", args=[article.pk, pdf.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.4 the article"
    assert (
        f"{article.journal.slug}-{article.pk}-v1.pdf" in response["Content-Disposition"]
    )


def test_jats_download_by_kind(client):
    article = PublishedArticleFactory()
    jats_galley(article, b"<article><front>x</front></article>")
    response = client.get(
        reverse("publishing:article_download_kind", args=[article.pk, "jats"])
    )
    assert response.status_code == 200
    assert (
        b"".join(response.streaming_content) == b"<article><front>x</front></article>"
    )


def test_jats_falls_back_to_the_stored_xml(client):
    article = PublishedArticleFactory(jats_xml="<article><front>db</front></article>")
    response = client.get(
        reverse("publishing:article_download_kind", args=[article.pk, "jats"])
    )
    assert response.status_code == 200
    assert response.content == b"<article><front>db</front></article>"


def test_galleys_of_unpublished_articles_are_not_found(client):
    article = ArticleFactory()
    pdf = GalleyFactory(article=article)
    url = reverse("publishing:article_download", args=[article.pk, pdf.pk])
    assert client.get(url).status_code == 404
    assert (
        client.get(
            reverse("publishing:article_download_kind", args=[article.pk, "pdf"])
        ).status_code
        == 404
    )


def test_a_galley_of_another_article_is_not_found(client):
    article = PublishedArticleFactory()
    other = GalleyFactory()
    url = reverse("publishing:article_download", args=[article.pk, other.pk])
    assert client.get(url).status_code == 404


def test_presigned_download_redirects_to_the_storage(client, settings):
    article = PublishedArticleFactory()
    pdf = GalleyFactory(article=article)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": "galleys",
                "endpoint_url": "http://127.0.0.1:9",
                "access_key": "test",
                "secret_key": "test-secret",
                "region_name": "us-east-1",
                "querystring_auth": True,
                "addressing_style": "path",
                "signature_version": "s3v4",
            },
        },
    }
    settings.STORAGE_PRESIGNED_DOWNLOADS = True
    response = client.get(
        reverse("publishing:article_download", args=[article.pk, pdf.pk])
    )
    assert response.status_code == 302
    target = urlparse(response["Location"])
    assert target.path == f"/galleys/{pdf.file.name}"
    query = parse_qs(target.query)
    assert "X-Amz-Signature" in query
    assert query["response-content-type"] == ["application/pdf"]
    assert response["Link"]


def test_doaj_export_of_an_issue(client):
    issue, articles = published_issue(articles=2)
    with_authors(articles[0], 2, affiliation="Academy", orcid="0000-0002-1825-0097")
    GalleyFactory(article=articles[0])
    response = client.get(
        reverse("publishing:issue_doaj", args=[issue.journal.slug, issue.pk])
    )
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    records = root.findall("record")
    assert len(records) == 2
    first = records[0]
    assert first.findtext("language") == "eng"
    assert first.findtext("journalTitle") == issue.journal.title
    assert first.findtext("eissn") == issue.journal.issn_online
    assert first.findtext("doi") == articles[0].doi
    assert first.find("title").get("language") == "eng"
    assert {t.get("language") for t in first.findall("title")} == {"eng", "rus"}
    author = first.find("authors/author")
    assert author.findtext("affiliationId") == "1"
    assert author.findtext("orcid_id") == "https://orcid.org/0000-0002-1825-0097"
    assert first.find("affiliationsList/affiliationName").text == "Academy"
    assert first.find("fullTextUrl").get("format") == "pdf"
    assert "/download/" in first.findtext("fullTextUrl")


def test_doaj_export_of_an_unpublished_issue_is_not_found(client):
    issue, _articles = published_issue(articles=1)
    Issue.objects.filter(pk=issue.pk).update(state=IssueState.DRAFT)
    response = client.get(
        reverse("publishing:issue_doaj", args=[issue.journal.slug, issue.pk])
    )
    assert response.status_code == 404
