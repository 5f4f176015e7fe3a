import datetime as dt

import pytest
import time_machine
from django.conf import settings

from journal.errors import ActionNotAllowed, DomainError
from publishing.issues import services
from publishing.models import ArticleStatus, IssueState
from publishing.tasks import issues_publish_due_task
from submissions.models import State
from tests.factories import UserFactory
from tests.publishing.factories import ArticleFactory, IssueFactory, ready_issue

pytestmark = pytest.mark.django_db


def test_publishing_an_issue_publishes_every_article_with_a_doi():
    issue, articles, editor = ready_issue(articles=3)
    services.issue_publish(issue=issue, actor=editor)
    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED
    assert issue.published_at is not None
    assert issue.doi.startswith("10.99999/")
    where = f"{issue.journal.slug}.2026.{issue.volume.number}.{issue.number}"
    for place, article in enumerate(articles, start=1):
        article.refresh_from_db()
        article.submission.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED
        assert article.submission.state == State.PUBLISHED
        assert article.published_at == issue.published_at
        assert article.datestamp == issue.published_at
        assert article.doi == f"10.99999/{where}.{place}"


def test_a_failure_midway_publishes_no_article_of_the_issue(monkeypatch):
    issue, articles, editor = ready_issue(articles=3)
    real = services.submission_transition
    calls = []

    def failing_on_second(**kwargs):
        calls.append(kwargs["submission"].pk)
        if len(calls) == 2:
            raise DomainError("Simulated failure")
        return real(**kwargs)

    monkeypatch.setattr(services, "submission_transition", failing_on_second)
    with pytest.raises(DomainError):
        services.issue_publish(issue=issue, actor=editor)
    assert len(calls) == 2
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT
    assert issue.doi == ""
    for article in articles:
        article.refresh_from_db()
        article.submission.refresh_from_db()
        assert article.status == ArticleStatus.IN_PRODUCTION
        assert article.doi == ""
        assert article.published_at is None
        assert article.submission.state == State.READY_FOR_PUBLICATION


def test_an_article_not_ready_stops_the_issue_with_its_title():
    issue, articles, editor = ready_issue(articles=2)
    late = ArticleFactory(
        submission__journal=issue.journal,
        submission__state=State.IN_PRODUCTION,
        submission__title={"en": "A late paper"},
        issue=issue,
    )
    with pytest.raises(DomainError, match="A late paper"):
        services.issue_publish(issue=issue, actor=editor)
    articles[0].refresh_from_db()
    assert articles[0].status == ArticleStatus.IN_PRODUCTION
    assert late.submission.state == State.IN_PRODUCTION


def test_only_an_editor_can_publish_an_issue():
    issue, articles, _editor = ready_issue(articles=1)
    with pytest.raises(ActionNotAllowed):
        services.issue_publish(issue=issue, actor=UserFactory())
    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT


def test_publishing_an_issue_twice_is_refused():
    issue, _articles, editor = ready_issue(articles=1)
    services.issue_publish(issue=issue, actor=editor)
    with pytest.raises(DomainError):
        services.issue_publish(issue=issue, actor=editor)


def test_an_empty_issue_cannot_be_published():
    issue, _articles, editor = ready_issue(articles=0)
    with pytest.raises(DomainError):
        services.issue_publish(issue=issue, actor=editor)


def test_scheduled_issue_is_published_by_the_beat_task_once_due():
    issue, articles, editor = ready_issue(articles=2)
    start = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        services.issue_schedule(
            issue=issue, actor=editor, when=start + dt.timedelta(hours=2)
        )
        assert issues_publish_due_task() == []
    issue.refresh_from_db()
    assert issue.state == IssueState.SCHEDULED
    with time_machine.travel(start + dt.timedelta(hours=2, minutes=1), tick=False):
        assert issues_publish_due_task() == [issue.pk]
        # A second beat's tick within the interval is skipped, and the
        # service itself publishes nothing more (idempotent).
        assert issues_publish_due_task() is None
        assert services.issues_publish_due() == []
    issue.refresh_from_db()
    assert issue.state == IssueState.PUBLISHED
    assert issue.published_at == start + dt.timedelta(hours=2, minutes=1)
    for article in articles:
        article.refresh_from_db()
        assert article.status == ArticleStatus.PUBLISHED


def test_a_scheduled_time_in_the_past_is_refused():
    issue, _articles, editor = ready_issue(articles=1)
    with pytest.raises(DomainError):
        services.issue_schedule(
            issue=issue, actor=editor, when=dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        )


def test_the_beat_schedule_runs_the_due_issues_task():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "publishing.issues_publish_due" in tasks


def test_an_article_can_be_published_before_its_issue():
    issue, articles, editor = ready_issue(articles=2)
    services.article_publish(article=articles[0], actor=editor)
    articles[0].refresh_from_db()
    issue.refresh_from_db()
    assert articles[0].status == ArticleStatus.PUBLISHED
    assert articles[0].doi
    assert issue.state == IssueState.DRAFT
    # Publishing the issue later publishes the rest and keeps the first as it was.
    first_published = articles[0].published_at
    services.issue_publish(issue=issue, actor=editor)
    articles[0].refresh_from_db()
    articles[1].refresh_from_db()
    assert articles[0].published_at == first_published
    assert articles[1].status == ArticleStatus.PUBLISHED


def test_an_article_not_ready_cannot_be_published_continuously():
    issue, _articles, editor = ready_issue(articles=0)
    article = ArticleFactory(
        submission__journal=issue.journal, submission__state=State.IN_PRODUCTION
    )
    with pytest.raises(DomainError):
        services.article_publish(article=article, actor=editor)


def test_a_draft_issue_with_a_foreign_volume_is_refused():
    issue = IssueFactory()
    other = IssueFactory()
    editor = ready_issue(issue.journal, articles=0)[2]
    issue.volume = other.volume
    with pytest.raises(DomainError):
        services.issue_save(issue=issue, actor=editor)
