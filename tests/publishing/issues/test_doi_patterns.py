import pytest

from journal.errors import DomainError
from publishing.doi_patterns import article_doi, doi_render, issue_doi, pattern_check
from publishing.issues import services
from publishing.models import Article, JournalPublishingSettings
from tests.factories import JournalFactory
from tests.publishing.factories import (
    ArticleFactory,
    IssueFactory,
    PublishedArticleFactory,
    ready_issue,
)


def test_the_pattern_fills_in_the_placeholders():
    doi = doi_render(
        "{prefix}/{journal}.{year}.{volume}.{issue}.{article}",
        {
            "prefix": "10.12345",
            "journal": "ijcsr",
            "year": 2026,
            "volume": 5,
            "issue": "2",
            "article": 7,
        },
    )
    assert doi == "10.12345/ijcsr.2026.5.2.7"


def test_unsafe_characters_in_values_are_replaced():
    doi = doi_render(
        "{prefix}/{journal}.{issue}",
        {"prefix": "10.12345", "journal": "j", "issue": "3 & 4"},
    )
    assert doi == "10.12345/j.3---4"


@pytest.mark.parametrize(
    "pattern", ["{prefix}/{nope}", "10.1/{article}", "{prefix}/{article"]
)
def test_bad_patterns_are_refused(pattern):
    with pytest.raises(DomainError):
        pattern_check(pattern)


@pytest.mark.django_db
def test_default_article_doi_says_where_the_article_appeared_without_database_ids():
    journal = JournalFactory(slug="ijcsr")
    issue = IssueFactory(journal=journal, number="2", volume__number=5)
    first = ArticleFactory(submission__journal=journal, issue=issue, order=1)
    second = ArticleFactory(submission__journal=journal, issue=issue, order=2)
    loose = ArticleFactory(submission__journal=journal)

    assert article_doi(first, year=2026) == "10.99999/ijcsr.2026.5.2.1"
    assert article_doi(second, year=2026) == "10.99999/ijcsr.2026.5.2.2"
    assert article_doi(loose, year=2026) == "10.99999/ijcsr.2026.1"


@pytest.mark.django_db
def test_dois_already_given_never_change_when_the_pattern_does():
    issue, articles, editor = ready_issue(articles=2)
    services.issue_publish(issue=issue, actor=editor)
    given = [a.doi for a in Article.objects.filter(issue=issue).order_by("order")]
    assert given == [
        f"10.99999/{issue.journal.slug}.2026.{issue.volume.number}.{issue.number}.{n}"
        for n in (1, 2)
    ]
    JournalPublishingSettings.objects.update_or_create(
        journal=issue.journal,
        defaults={"article_doi_pattern": "{prefix}/{journal}.{year}.{page}"},
    )
    late = ArticleFactory(submission__journal=issue.journal, issue=issue, order=3)
    services.article_publish(article=late, actor=editor)

    assert [
        a.doi for a in Article.objects.filter(issue=issue).order_by("order")[:2]
    ] == given
    late.refresh_from_db()
    assert late.doi.startswith(f"10.99999/{issue.journal.abbreviation.lower()}.")


@pytest.mark.django_db
def test_a_taken_place_moves_to_the_next_free_number():
    issue, articles, editor = ready_issue(articles=1)
    slug, vol, num = issue.journal.slug, issue.volume.number, issue.number
    PublishedArticleFactory(
        submission__journal=issue.journal, doi=f"10.99999/{slug}.2026.{vol}.{num}.1"
    )
    services.issue_publish(issue=issue, actor=editor)
    articles[0].refresh_from_db()
    assert articles[0].doi == f"10.99999/{slug}.2026.{vol}.{num}.2"


@pytest.mark.django_db
def test_journal_pattern_with_volume_issue_and_article_number():
    journal = JournalFactory(abbreviation="IJCSR")
    JournalPublishingSettings.objects.create(
        journal=journal,
        article_doi_pattern="{prefix}/{journal}.{year}.{volume}.{issue}.{article}",
        issue_doi_pattern="{prefix}/{journal}.{year}.{volume}.{issue}",
    )
    issue = IssueFactory(journal=journal, number="2", volume__number=5)
    article = ArticleFactory(
        submission__journal=journal, issue=issue, elocation_id="e12"
    )
    assert article_doi(article, year=2026) == "10.99999/ijcsr.2026.5.2.e12"
    assert issue_doi(issue) == "10.99999/ijcsr.2026.5.2"


@pytest.mark.django_db
def test_issues_get_no_doi_when_the_journal_wants_none():
    journal = JournalFactory()
    JournalPublishingSettings.objects.create(journal=journal, issue_doi_pattern="")
    assert issue_doi(IssueFactory(journal=journal)) == ""


@pytest.mark.django_db
def test_a_pattern_that_gives_two_articles_one_doi_stops_the_publication():
    issue, articles, editor = ready_issue(articles=2)
    JournalPublishingSettings.objects.create(
        journal=issue.journal, article_doi_pattern="{prefix}/{journal_slug}.{year}"
    )
    with pytest.raises(DomainError, match="already taken"):
        services.issue_publish(issue=issue, actor=editor)
    articles[0].refresh_from_db()
    assert articles[0].doi == ""


@pytest.mark.django_db
def test_the_publish_confirmation_shows_the_dois_publication_gives(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    issue, articles, editor = ready_issue(articles=2)
    slug, vol, num = issue.journal.slug, issue.volume.number, issue.number
    PublishedArticleFactory(
        submission__journal=issue.journal, doi=f"10.99999/{slug}.2026.{vol}.{num}.2"
    )
    client.force_login(editor)
    url = reverse("publishing:editor_issue_publish", args=[slug, issue.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3):
        ArticleFactory(submission__journal=issue.journal, issue=issue, order=3 + n)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).text
    assert len(many) == len(few)

    client.post(url)
    given = list(
        Article.objects.filter(issue=issue)
        .order_by("order")
        .values_list("doi", flat=True)
    )
    assert given == [f"10.99999/{slug}.2026.{vol}.{num}.{n}" for n in (1, 3, 4, 5, 6)]
    assert all(doi in page for doi in given)
