"""Link checkers and Signposting clients ask with HEAD first: every page and
file a reader or harvester can GET answers HEAD the same way, without a body
and without counting as a view or a download."""

import pytest
from django.urls import reverse

from metrics.models import UsageEvent
from tests.factories import JournalFactory
from tests.metrics.builders import BROWSER
from tests.publishing.factories import html_galley, jats_galley, published_issue

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_on_reader_and_harvester_urls(client):
    journal = JournalFactory()
    issue, (article,) = published_issue(journal, articles=1)
    html_galley(article)
    jats_galley(article)
    slug = journal.slug
    urls = [
        "/robots.txt",
        reverse("publishing:journal_home", args=[slug]),
        reverse("publishing:about", args=[slug]),
        reverse("publishing:archive", args=[slug]),
        reverse("publishing:issue", args=[slug, issue.pk]),
        reverse("publishing:issue_doaj", args=[slug, issue.pk]),
        reverse("publishing:article", args=[article.pk]),
        reverse("publishing:article_download_kind", args=[article.pk, "html"]),
        reverse("publishing:article_download_kind", args=[article.pk, "jats"]),
        reverse("publishing:article_cite", args=[article.pk, "bibtex"]),
        reverse("publishing:article_cite", args=[article.pk, "ris"]),
        reverse("discovery:search") + "?q=civil",
        reverse("stats:journal", args=[slug]),
        "/sushi/r5/status",
        "/oai?verb=Identify",
    ]
    for url in urls:
        get = client.get(url)
        head = client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200, url
        assert head["Content-Type"] == get["Content-Type"], url
        body = b"".join(head.streaming_content) if head.streaming else head.content
        assert body == b"", url


def test_head_on_a_galley_is_not_counted_as_a_download(
    client, django_capture_on_commit_callbacks
):
    _issue, (article,) = published_issue(articles=1)
    html_galley(article)
    client.defaults["HTTP_USER_AGENT"] = BROWSER  # a person, not a robot
    before = UsageEvent.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        client.head(
            reverse("publishing:article_download_kind", args=[article.pk, "html"])
        )
        client.head(reverse("publishing:article", args=[article.pk]))

    assert UsageEvent.objects.count() == before
    with django_capture_on_commit_callbacks(execute=True):
        client.get(
            reverse("publishing:article_download_kind", args=[article.pk, "html"])
        )
    assert UsageEvent.objects.count() == before + 1  # a GET is counted
