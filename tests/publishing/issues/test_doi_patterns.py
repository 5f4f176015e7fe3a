import pytest

from journal.errors import DomainError
from publishing.doi_patterns import article_doi, doi_render, issue_doi, pattern_check
from publishing.issues import services
from publishing.models import JournalPublishingSettings
from tests.factories import JournalFactory
from tests.publishing.factories import ArticleFactory, IssueFactory, ready_issue


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
def test_default_article_doi_uses_the_journal_slug_year_and_id():
    article = ArticleFactory(submission__journal__slug="ijcsr")
    assert article_doi(article, year=2026) == f"10.99999/ijcsr.2026.{article.pk}"


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
