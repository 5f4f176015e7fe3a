"""Reader pages are cached; a journal's details, sections or calls changed in
the admin show on them at once, not a minute later."""

import pytest
from django.urls import reverse

from tests.factories import CallFactory
from tests.publishing.factories import PublishedArticleFactory

pytestmark = pytest.mark.django_db


def test_a_renamed_journal_shows_at_once_on_its_home_and_article_pages(client):
    article = PublishedArticleFactory()
    journal = article.journal
    home = reverse("publishing:journal_home", args=[journal.slug])
    page = reverse("publishing:article", args=[article.pk])
    assert journal.title.encode() in client.get(home).content
    assert journal.title.encode() in client.get(page).content

    journal.title = "Public Administration Review Quarterly"
    journal.save()

    assert b"Public Administration Review Quarterly" in client.get(home).content
    assert b"Public Administration Review Quarterly" in client.get(page).content


def test_a_new_call_for_papers_shows_at_once_on_the_home_page(client):
    article = PublishedArticleFactory()
    home = reverse("publishing:journal_home", args=[article.journal.slug])
    client.get(home)

    call = CallFactory(journal=article.journal)

    assert call.title.encode() in client.get(home).content
