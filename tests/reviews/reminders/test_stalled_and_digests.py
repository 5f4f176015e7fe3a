from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from reviews.models import AssignmentState, NotificationPreference, ReminderSent
from reviews.reminders import digests_send, reminders_send, stalled_submissions
from tests.factories import (
    JournalFactory,
    ReviewAssignmentFactory,
    SubmissionFactory,
    editor_of,
)

pytestmark = pytest.mark.django_db

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def at(days: float):
    return time_machine.travel(START + timedelta(days=days), tick=False)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    def _run(days: float, fn=reminders_send) -> list:
        before = len(mail.outbox)
        with at(days), django_capture_on_commit_callbacks(execute=True):
            fn()
        return mail.outbox[before:]

    return _run


def _submitted(journal, **kwargs):
    with at(0):
        submission = SubmissionFactory(journal=journal, state="submitted", **kwargs)
    type(submission).objects.filter(pk=submission.pk).update(state_changed_at=START)
    return submission


def test_submission_left_alone_past_its_limit_is_flagged_and_editor_reminded_once_per_period(
    run,
):
    journal = JournalFactory()
    editor = editor_of(journal)
    submission = _submitted(journal)

    assert run(6.9) == []
    with at(7.1):
        assert list(stalled_submissions(journal)) == [submission]
    first = run(7.1)
    assert [m.to for m in first] == [[editor.email]]
    assert "Waiting for action" in first[0].subject
    assert run(8) == [] and run(13.9) == []
    assert len(run(14.1)) == 1


def test_handling_editor_alone_is_reminded_when_there_is_one(run):
    journal = JournalFactory()
    editor_of(journal)
    handling = editor_of(journal)
    _submitted(journal, editor=handling)

    assert [m.to for m in run(7.5)] == [[handling.email]]


def test_a_reviewer_answering_counts_as_someone_acting():
    journal = JournalFactory()
    with at(0):
        submission = SubmissionFactory(journal=journal, state="under-review")
    type(submission).objects.filter(pk=submission.pk).update(state_changed_at=START)
    ReviewAssignmentFactory(
        round__submission=submission,
        state=AssignmentState.ACCEPTED,
        invited_at=START + timedelta(days=30),
        responded_at=START + timedelta(days=31),
    )

    with at(50):  # the journal allows 42 days under review
        assert list(stalled_submissions(journal)) == []
    with at(74):
        assert list(stalled_submissions(journal)) == [submission]


def test_person_who_asked_for_a_digest_gets_one_email_a_day_listing_reminders(run):
    journal = JournalFactory()
    reviewer_assignments = []
    with at(0):
        first = ReviewAssignmentFactory(
            round__submission=SubmissionFactory(journal=journal, state="under-review"),
            state=AssignmentState.ACCEPTED,
            invited_at=START,
            due_at=START + timedelta(days=10),
        )
        reviewer = first.reviewer
        second = ReviewAssignmentFactory(
            round__submission=SubmissionFactory(journal=journal, state="under-review"),
            reviewer=reviewer,
            state=AssignmentState.ACCEPTED,
            invited_at=START,
            due_at=START + timedelta(days=9),
        )
        reviewer_assignments = [first, second]
        NotificationPreference.objects.create(
            user=reviewer, digest=True, last_digest_at=START
        )

    assert run(8) == []  # both due soon, but not mailed one by one
    assert ReminderSent.objects.filter(recipient=reviewer).count() == 2

    digest = run(8.5, digests_send)
    assert [m.to for m in digest] == [[reviewer.email]]
    assert "2 reminders" in digest[0].subject
    for a in reviewer_assignments:
        assert f"/reviews/{a.pk}/" in digest[0].body
    assert run(8.6, digests_send) == []
    assert run(9.6, digests_send) == []  # nothing new since the last digest


def test_turning_the_digest_on_over_http(client):
    from tests.factories import UserFactory

    user = UserFactory()
    client.force_login(user)

    response = client.post("/account/notifications/", {"digest": "on"}, follow=True)

    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user).digest is True
    client.post("/account/notifications/", {})
    assert NotificationPreference.objects.get(user=user).digest is False
