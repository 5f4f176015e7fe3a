"""Pieces the review services share: the assignment log and who to tell."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from journal.errors import ActionNotAllowed, DomainError
from journal.models import ReviewMethod
from journal.selectors import editors_of
from submissions import permissions as submission_perms
from submissions.services import email_queue

from ..models import AssignmentEvent, AssignmentState, ReviewAssignment


def check_editor(submission, actor) -> None:
    if not submission_perms.is_editor(submission, actor):
        raise ActionNotAllowed(
            _("Only the editors of this submission can manage its review.")
        )


def reviewers_hidden_from_author(submission) -> bool:
    return submission.review_method in (
        ReviewMethod.DOUBLE_ANONYMOUS,
        ReviewMethod.SINGLE_ANONYMOUS,
    )


def authors_hidden_from_reviewers(submission) -> bool:
    return submission.review_method == ReviewMethod.DOUBLE_ANONYMOUS


def assignment_transition(
    *, assignment: ReviewAssignment, actor, name: str, note: str = "", fields=()
) -> AssignmentEvent:
    """Run one assignment transition and write its log row in one transaction.

    `fields` are other attributes the caller set and wants saved with it.
    Raises DomainError if the state does not allow it or someone else changed
    the assignment meanwhile; the assignment's state is then unchanged.
    """
    method = getattr(assignment, name)
    if not can_proceed(method):
        raise DomainError(
            _("This invitation is “%(state)s”; that cannot be done any more.")
            % {"state": AssignmentState(assignment.state).label},
            code="wrong_state",
        )
    from_state = assignment.state
    try:
        with transaction.atomic():
            method()
            assignment.save()
            return AssignmentEvent.objects.create(
                assignment=assignment,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                transition=name,
                from_state=from_state,
                to_state=assignment.state,
                note=note,
            )
    except ConcurrentTransition as exc:
        assignment.__dict__["state"] = from_state
        raise DomainError(
            _("This invitation was changed meanwhile. Reload the page."),
            code="concurrent",
        ) from exc
    except Exception:
        assignment.__dict__["state"] = from_state
        raise


def editors_to_notify(submission) -> list:
    if submission.editor_id:
        return [submission.editor]
    return editors_of(submission.journal, submission.section)


def notify_editors(*, submission, key: str, context: dict) -> None:
    for editor in editors_to_notify(submission):
        email_queue(
            key=key,
            journal=submission.journal,
            to_email=editor.email,
            recipient=editor,
            submission=submission,
            context=context,
        )


def notify_person(*, person, submission, key: str, context: dict) -> None:
    email_queue(
        key=key,
        journal=submission.journal,
        to_email=person.email,
        recipient=person,
        submission=submission,
        context=context,
    )
