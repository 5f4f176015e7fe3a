import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from publishing.models import IssueState
from tests.factories import CallFactory, JournalFactory, SectionFactory
from tests.publishing.factories import (
    GalleyFactory,
    IssueFactory,
    PublishedArticleFactory,
    published_issue,
    with_authors,
)

pytestmark = pytest.mark.django_db


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response


def test_issue_page_lists_articles_grouped_by_section_with_authors_pages_and_pdf(
    client,
):
    journal = JournalFactory()
    issue, articles = published_issue(journal, articles=3)
    reviews = SectionFactory(journal=journal, title="Practice Notes")
    articles[2].section = reviews
    articles[2].first_page, articles[2].last_page = "40", "52"
    articles[2].save()
    pdf = GalleyFactory(article=articles[0])

    html = client.get(
        reverse("publishing:issue", args=[journal.slug, issue.pk])
    ).content.decode()

    assert "Practice Notes" in html
    assert articles[0].section.title in html
    assert html.index(articles[0].section.title) < html.index("Practice Notes")
    for article in articles:
        assert article.submission.authors.get().full_name in html
    assert "40–52" in html
    assert reverse("publishing:article_download", args=[articles[0].pk, pdf.pk]) in html


def test_issue_page_query_count_does_not_grow_with_articles_or_authors(client):
    journal = JournalFactory()
    small, small_articles = published_issue(journal, articles=2)
    large, large_articles = published_issue(journal, articles=12)
    for article in large_articles:
        with_authors(article, 5)
        GalleyFactory(article=article)
    small_count, _ = _count(
        client, reverse("publishing:issue", args=[journal.slug, small.pk])
    )
    large_count, _ = _count(
        client, reverse("publishing:issue", args=[journal.slug, large.pk])
    )
    assert small_count == large_count
    assert large_count <= 8


def test_unpublished_issue_is_not_found(client):
    issue = IssueFactory(state=IssueState.DRAFT)
    url = reverse("publishing:issue", args=[issue.journal.slug, issue.pk])
    assert client.get(url).status_code == 404


def test_journal_home_shows_current_issue_latest_articles_and_open_calls(client):
    journal = JournalFactory(
        description="A journal about reform.", focus_and_scope="Merit."
    )
    issue, articles = published_issue(journal, articles=2)
    deadline = dt.datetime(2099, 5, 1, 18, 0, tzinfo=dt.UTC)
    CallFactory(journal=journal, title="Digital government", deadline=deadline)
    CallFactory(
        journal=journal,
        title="Closed call",
        deadline=timezone.now() - timezone.timedelta(days=1),
    )

    html = client.get(
        reverse("publishing:journal_home", args=[journal.slug])
    ).content.decode()

    assert "A journal about reform." in html and "Merit." in html
    assert reverse("publishing:issue", args=[journal.slug, issue.pk]) in html
    assert articles[0].submission.display_title in html
    assert "Digital government" in html
    assert "Closed call" not in html
    # 18:00 UTC is 23:00 in Almaty (UTC+5): the deadline is shown in the journal's zone.
    assert "11 p.m." in html or "23:00" in html
    assert "Asia/Almaty" in html


def test_journal_home_and_archive_query_counts_do_not_grow(client):
    journal = JournalFactory()
    published_issue(journal, articles=1)
    home_few, _ = _count(
        client, reverse("publishing:journal_home", args=[journal.slug])
    )
    archive_few, _ = _count(client, reverse("publishing:archive", args=[journal.slug]))
    for _i in range(4):
        _issue, articles = published_issue(journal, articles=3)
        for article in articles:
            with_authors(article, 4)
        CallFactory(journal=journal)
    from django.core.cache import cache

    cache.clear()
    home_many, _ = _count(
        client, reverse("publishing:journal_home", args=[journal.slug])
    )
    archive_many, response = _count(
        client, reverse("publishing:archive", args=[journal.slug])
    )
    # 4 of the home page's are its headline numbers (metrics.journal.journal_counts).
    assert home_few == home_many <= 14
    assert archive_few == archive_many <= 5
    assert response.content.decode().count('class="stretched-link"') == 5


def test_archive_lists_only_published_issues(client):
    journal = JournalFactory()
    published, _ = published_issue(journal, articles=1, title="Reform in practice")
    IssueFactory(journal=journal, title="Draft issue")
    html = client.get(
        reverse("publishing:archive", args=[journal.slug])
    ).content.decode()
    assert "Reform in practice" in html
    assert reverse("publishing:issue", args=[journal.slug, published.pk]) in html
    assert "Draft issue" not in html


def test_about_page_shows_focus_and_licence(client):
    journal = JournalFactory(focus_and_scope="Civil service reform in Central Asia.")
    html = client.get(reverse("publishing:about", args=[journal.slug])).content.decode()
    assert "Civil service reform in Central Asia." in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html


def test_latest_articles_include_continuous_publications(client):
    journal = JournalFactory()
    article = PublishedArticleFactory(submission__journal=journal, issue=None)
    html = client.get(
        reverse("publishing:journal_home", args=[journal.slug])
    ).content.decode()
    assert reverse("publishing:article", args=[article.pk]) in html
