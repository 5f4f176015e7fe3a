"""Every state machine changes state through journal.workflow.run_transition:
protected fields, a log row per change, and a readable refusal when someone
else changed the row meanwhile."""

import datetime as dt

import pytest
from django.utils import timezone

from indexing.doi.services import crossref_deposit_record_failure
from indexing.models import CrossrefDeposit, DepositStatus
from journal.errors import DomainError
from journal.workflow import transition_log_for
from publishing.issues import services
from publishing.models import ArticleStatus, Issue, IssueState
from tests.publishing.factories import ready_issue

pytestmark = pytest.mark.django_db


def _log(obj):
    return [
        (row.transition, row.from_state, row.to_state, row.actor)
        for row in transition_log_for(obj)
    ]


def test_a_state_cannot_be_assigned_directly():
    issue, (article,), _editor = ready_issue(articles=1)
    deposit = CrossrefDeposit.objects.create(journal=issue.journal, batch_id="b-0")
    for row, field, value in [
        (issue, "state", IssueState.PUBLISHED),
        (article, "status", ArticleStatus.RETRACTED),
        (deposit, "status", DepositStatus.SUCCESS),
    ]:
        with pytest.raises(AttributeError):
            setattr(row, field, value)


def test_publishing_an_issue_logs_the_issue_and_each_article():
    issue, articles, editor = ready_issue(articles=2)

    services.issue_publish(issue=issue, actor=editor)

    issue.refresh_from_db()
    assert _log(issue) == [("publish", "draft", "published", editor)]
    for article in articles:
        assert _log(article) == [("publish", "in-production", "published", editor)]


def test_scheduling_and_unscheduling_are_logged():
    issue, _articles, editor = ready_issue(articles=1)
    when = timezone.now() + dt.timedelta(days=3)

    services.issue_schedule(issue=issue, actor=editor, when=when)
    services.issue_unschedule(issue=issue, actor=editor)

    issue.refresh_from_db()
    assert issue.state == IssueState.DRAFT
    assert issue.scheduled_for is None
    assert [row[0] for row in _log(issue)] == ["schedule", "unschedule"]


def test_retraction_is_logged_with_its_notice():
    issue, (article,), editor = ready_issue(articles=1)
    services.issue_publish(issue=issue, actor=editor)
    article.refresh_from_db()

    services.article_retract(article=article, actor=editor, notice="Duplicate data.")

    article.refresh_from_db()
    assert article.status == ArticleStatus.RETRACTED
    last = list(transition_log_for(article))[-1]
    assert (last.transition, last.to_state, last.note) == (
        "retract",
        "retracted",
        "Duplicate data.",
    )


def test_a_change_made_meanwhile_is_refused_with_a_readable_message():
    issue, _articles, editor = ready_issue(articles=1)
    stale = Issue.objects.get(pk=issue.pk)
    services.issue_schedule(
        issue=issue, actor=editor, when=timezone.now() + dt.timedelta(days=1)
    )

    with pytest.raises(DomainError) as refused:
        services.issue_unschedule(issue=stale, actor=editor)

    assert refused.value.code == "concurrent"
    assert "Someone else changed this" in refused.value.message
    assert stale.state == IssueState.DRAFT  # the object is as it was loaded
    issue.refresh_from_db()
    assert issue.state == IssueState.SCHEDULED
    assert [row[0] for row in _log(issue)] == ["schedule"]


def test_giving_up_a_deposit_is_logged_with_the_reason():
    issue, _articles, editor = ready_issue(articles=1)
    deposit = CrossrefDeposit.objects.create(
        journal=issue.journal, batch_id="batch-1", xml="<doi_batch/>"
    )

    crossref_deposit_record_failure(deposit=deposit, message="Crossref is down.")

    deposit.refresh_from_db()
    assert deposit.status == DepositStatus.FAILED
    (row,) = transition_log_for(deposit)
    assert (row.transition, row.from_state, row.to_state, row.note) == (
        "give_up",
        "pending",
        "failed",
        "Crossref is down.",
    )
