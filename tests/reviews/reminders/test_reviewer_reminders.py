from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from reviews.models import AssignmentEvent, AssignmentState, ReminderSent
from reviews.reminders import reminders_send
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
    def _run(days: float) -> list:
        before = len(mail.outbox)
        with at(days), django_capture_on_commit_callbacks(execute=True):
            reminders_send()
        return mail.outbox[before:]

    return _run


@pytest.fixture
def journal():
    return JournalFactory()


def _assignment(journal, state, due_days=21, **kwargs):
    submission = SubmissionFactory(journal=journal, state="under-review")
    with at(0):
        return ReviewAssignmentFactory(
            round__submission=submission,
            state=state,
            invited_at=START,
            due_at=START + timedelta(days=due_days),
            **kwargs,
        )


def test_accepted_reviewer_is_reminded_once_before_the_due_date(journal, run):
    a = _assignment(journal, AssignmentState.ACCEPTED)

    assert run(17) == []
    sent = run(18.5)
    assert [m.to for m in sent] == [[a.reviewer.email]]
    assert "due soon" in sent[0].subject
    assert run(18.6) == []
    assert run(20) == []


def test_overdue_reviewer_is_reminded_on_the_due_date_and_then_every_interval(
    journal, run
):
    a = _assignment(journal, AssignmentState.ACCEPTED)
    run(19)

    first = run(21.1)
    assert [m.to for m in first] == [[a.reviewer.email]]
    assert "overdue" in first[0].subject
    assert run(22) == [] and run(27.9) == []
    assert len(run(28.2)) == 1
    assert run(28.3) == []
    assert ReminderSent.objects.filter(assignment=a).count() == 3
    a.refresh_from_db()
    assert a.last_reminder_at == START + timedelta(days=28.2)


@pytest.mark.parametrize(
    "state",
    [AssignmentState.DECLINED, AssignmentState.CANCELLED, AssignmentState.SUBMITTED],
)
def test_closed_assignments_get_no_reminders_ever(journal, run, state):
    _assignment(journal, state)

    for day in (8, 15, 19, 22, 30, 60):
        assert run(day) == []
    assert not ReminderSent.objects.exists()


def test_unanswered_invitation_gets_one_reminder_with_its_link(journal, run):
    a = _assignment(journal, AssignmentState.INVITED)

    assert run(6.9) == []
    sent = run(7.1)
    assert [m.to for m in sent] == [[a.reviewer.email]]
    assert "/reviews/invitation/" in sent[0].body
    assert run(8) == [] and run(13) == []


def test_invitation_expires_after_the_limit_and_the_editor_is_told(journal, run):
    editor = editor_of(journal)
    a = _assignment(journal, AssignmentState.INVITED)
    run(7.1)

    sent = run(14.1)

    a.refresh_from_db()
    assert a.state == AssignmentState.EXPIRED
    event = AssignmentEvent.objects.get(assignment=a)
    assert (event.from_state, event.to_state) == ("invited", "expired")
    assert [m.to for m in sent] == [[editor.email]]
    assert a.reviewer.full_name in sent[0].body
    assert run(15) == [] and run(30) == []


def test_reminder_intervals_come_from_the_journals_settings(journal, run):
    from reviews.models import ReviewSettings

    settings = ReviewSettings.for_journal(journal)
    settings.reminder_days_before_due = 7
    settings.save()
    a = _assignment(journal, AssignmentState.ACCEPTED)

    assert [m.to for m in run(14.5)] == [[a.reviewer.email]]


def test_running_twice_at_the_same_moment_sends_nothing_twice(journal, run):
    _assignment(journal, AssignmentState.ACCEPTED, due_days=10)
    _assignment(journal, AssignmentState.INVITED)

    with at(8):
        reminders_send()
    first = ReminderSent.objects.count()
    with at(8):
        reminders_send()

    assert first == 2
    assert ReminderSent.objects.count() == 2
