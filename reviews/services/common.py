"""Pieces the review services share: the assignment log and who to tell."""

from typing import Any

from django.utils.translation import gettext as _

from journal.rules import check_perm
from journal.selectors import editors_of
from journal.workflow import Refusals, run_transition
from submissions.services import email_queue

from ..methods import (  # noqa: F401  (re-exported for the views)
    authors_hidden_from_reviewers,
    reviewers_hidden_from_author,
)
from ..models import AssignmentEvent, AssignmentState, ReviewAssignment


def check_editor(submission, actor) -> None:
    check_perm(
        actor,
        "reviews.manage",
        submission,
        _("Only the editors of this submission can manage its review."),
    )


def _assignment_log(
    *, instance, transition: str, from_state: str, to_state: str, actor, note: str
) -> AssignmentEvent:
    return AssignmentEvent.objects.create(
        assignment=instance,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        transition=transition,
        from_state=from_state,
        to_state=to_state,
        note=note,
    )


def assignment_transition(
    *, assignment: ReviewAssignment, actor: Any, name: str, note: str = ""
) -> AssignmentEvent:
    """Run one assignment transition and write its log row in one transaction.

    Other attributes the caller set on the assignment are saved with it.
    Raises DomainError if the state does not allow it or someone else changed
    the assignment meanwhile; the assignment is then as it was.
    """
    event = run_transition(
        assignment,
        name,
        actor=actor,
        note=note,
        refusals=Refusals(
            wrong_state=lambda a: (
                _("This invitation is “%(state)s”; that cannot be done any more.")
                % {"state": AssignmentState(a.state).label}
            ),
            concurrent=_("This invitation was changed meanwhile. Reload the page."),
        ),
        log=_assignment_log,
    )
    assert isinstance(event, AssignmentEvent)
    return event


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
