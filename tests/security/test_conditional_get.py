"""Readers and crawlers revalidate instead of downloading again: article
pages, tables of contents, the journal home, galleys and OAI-PMH GetRecord
carry ETag (galleys and records Last-Modified too) and answer 304 while
unchanged; an editor's change or a different reader gets a fresh page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from publishing.issues.cache import reader_cache_bump
from publishing.issues.services import issue_save
from tests.factories import UserFactory, editor_of
from tests.publishing.factories import GalleyFactory, published_issue

pytestmark = pytest.mark.django_db


def test_article_page_answers_304_until_it_changes(client):
    _issue, (article,) = published_issue(articles=1)
    url = reverse("publishing:article", args=[article.pk])

    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert first.status_code == 200 and etag
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag

    reader_cache_bump(article.journal_id)  # what an editor's change does
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_signed_in_reader_never_gets_the_anonymous_copy(client):
    _issue, (article,) = published_issue(articles=1)
    url = reverse("publishing:article", args=[article.pk])
    anonymous_etag = client.get(url)["ETag"]

    client.force_login(UserFactory())
    response = client.get(url, HTTP_IF_NONE_MATCH=anonymous_etag)

    assert response.status_code == 200
    assert response["ETag"] != anonymous_etag


def test_galley_download_answers_304_by_etag_and_by_date(client):
    galley = GalleyFactory(sha256="ab" * 32)
    url = reverse("publishing:article_download", args=[galley.article_id, galley.pk])

    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]

    by_etag = client.get(url, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=modified)
    stale = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')

    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert "Link" in by_etag  # Signposting still answers
    assert stale.status_code == 200


@pytest.mark.parametrize("page", ["toc", "home"])
def test_table_of_contents_and_home_answer_304_until_an_editor_changes_the_issue(
    client, page
):
    issue, _articles = published_issue(articles=1, title="Merit and tenure")
    journal = issue.journal
    url = {
        "toc": reverse("publishing:issue", args=[journal.slug, issue.pk]),
        "home": reverse("publishing:journal_home", args=[journal.slug]),
    }[page]

    first = client.get(url)
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert first.status_code == 200 and "Merit and tenure" in first.content.decode()
    assert again.status_code == 304 and again.content == b""

    issue.title = "Merit and promotion"
    issue_save(issue=issue, actor=editor_of(journal))

    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Merit and promotion" in changed.content.decode()


def test_oai_get_record_answers_304_until_the_record_changes(client):
    _issue, (article,) = published_issue(articles=1)
    params = {
        "verb": "GetRecord",
        "metadataPrefix": "oai_dc",
        "identifier": f"oai:journal.example.org:article/{article.pk}",
    }

    first = client.get("/oai", params)
    body = b"".join(first.streaming_content)
    etag, modified = first["ETag"], first["Last-Modified"]
    by_etag = client.get("/oai", params, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get("/oai", params, HTTP_IF_MODIFIED_SINCE=modified)
    other_format = client.get(
        "/oai", {**params, "metadataPrefix": "oai_openaire"}, HTTP_IF_NONE_MATCH=etag
    )
    assert b"<GetRecord>" in body
    assert by_etag.status_code == 304 and by_date.status_code == 304
    assert other_format.status_code == 200

    article.datestamp = timezone.now()  # what every change of the record does
    article.save(update_fields=["datestamp"])

    changed = client.get("/oai", params, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_oai_errors_and_lists_carry_no_validators(client):
    missing = client.get(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": "oai:journal.example.org:article/999999",
        },
        HTTP_IF_NONE_MATCH="*",
    )
    listing = client.get("/oai", {"verb": "Identify"})

    assert missing.status_code == 200 and b"idDoesNotExist" in b"".join(
        missing.streaming_content
    )
    assert "ETag" not in missing and "ETag" not in listing
    assert listing["Cache-Control"] == "no-store"
