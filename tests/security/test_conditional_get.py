"""Readers and crawlers revalidate instead of downloading again: article pages
and galleys carry ETag (and galleys Last-Modified) and answer 304 while
unchanged; an editor's change or a different reader gets a fresh page."""

import pytest
from django.urls import reverse

from publishing.issues.cache import reader_cache_bump
from tests.factories import UserFactory
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
