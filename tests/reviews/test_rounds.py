"""Opening rounds and inviting: the services' rules."""

import pytest
from django.core import mail

from journal.errors import ActionNotAllowed, DomainError
from reviews.models import AssignmentEvent, AssignmentState, ReviewRound
from reviews.services import (
    assignment_decline,
    decision_make,
    review_invite,
    round_open,
)
from submissions.models import State
from tests.factories import UserFactory
from tests.reviews.factories import ReviewFactory, anonymous_submission

pytestmark = pytest.mark.django_db


def test_first_round_moves_the_submission_under_review():
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    submission.refresh_from_db()
    assert review_round.number == 1
    assert submission.state == State.UNDER_REVIEW
    assert submission.events.filter(transition="send_to_review").exists()


def test_a_second_round_cannot_open_while_one_is_open():
    submission, editor = anonymous_submission()
    round_open(submission=submission, actor=editor)
    with pytest.raises(DomainError):
        round_open(submission=submission, actor=editor)
    assert ReviewRound.objects.count() == 1


def test_only_editors_open_rounds_and_invite():
    submission, editor = anonymous_submission()
    with pytest.raises(ActionNotAllowed):
        round_open(submission=submission, actor=submission.submitter)
    review_round = round_open(submission=submission, actor=editor)
    with pytest.raises(ActionNotAllowed):
        review_invite(round=review_round, actor=UserFactory(), reviewer=UserFactory())


def test_the_same_person_is_not_invited_twice_to_a_round():
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    reviewer = UserFactory()
    review_invite(round=review_round, actor=editor, reviewer=reviewer)
    with pytest.raises(DomainError):
        review_invite(round=review_round, actor=editor, reviewer=reviewer)


def test_next_round_reinvites_only_those_who_reported(
    django_capture_on_commit_callbacks,
):
    submission, editor = anonymous_submission()
    first = round_open(submission=submission, actor=editor)
    reported = ReviewFactory(assignment__round=first).assignment
    declined = review_invite(round=first, actor=editor, reviewer=UserFactory())
    assignment_decline(assignment=declined)
    still_open = review_invite(round=first, actor=editor, reviewer=UserFactory())
    decision_make(
        submission=submission,
        actor=editor,
        kind="major-revision",
        letter_subject="Revise",
        letter_body="Please revise.",
    )
    still_open.refresh_from_db()
    assert still_open.state == AssignmentState.CANCELLED
    # The author resubmits (state set directly: the revision upload is tested
    # over HTTP in test_full_round).
    from submissions.models import Submission

    Submission.objects.filter(pk=submission.pk).update(state=State.RESUBMITTED)
    submission.refresh_from_db()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        second = round_open(submission=submission, actor=editor)
    assert [a.reviewer for a in second.assignments.all()] == [reported.reviewer]
    assert [m.to for m in mail.outbox if "Invitation" in m.subject] == [
        [reported.reviewer.email]
    ]


def test_invitations_are_refused_once_the_round_is_decided():
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    decision_make(
        submission=submission,
        actor=editor,
        kind="reject",
        letter_subject="Decision",
        letter_body="No.",
    )
    with pytest.raises(DomainError):
        review_invite(round=review_round, actor=editor, reviewer=UserFactory())


def test_every_assignment_change_is_logged():
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    assignment = review_invite(round=review_round, actor=editor, reviewer=UserFactory())
    assignment_decline(assignment=assignment, reason="Busy")
    (event,) = AssignmentEvent.objects.filter(assignment=assignment)
    assert (event.transition, event.from_state, event.to_state) == (
        "decline",
        "invited",
        "declined",
    )
    assert event.actor == assignment.reviewer
    with pytest.raises(DomainError):
        assignment_decline(assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.DECLINED
