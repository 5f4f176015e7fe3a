"""Moving a submission through its workflow: check, transition, log, notify."""

from typing import Any

from django.utils.translation import gettext as _

from journal.errors import ActionNotAllowed, DomainError
from journal.selectors import editors_of
from journal.workflow import Refusals, check_transition, run_transition

from ..abstracts import abstract_problems
from ..models import State, Submission, SubmissionEvent
from ..permissions import allowed
from .outbox import email_queue

# Why a condition failed, in words an author or editor understands.
CONDITION_MESSAGES = {
    "has_primary_metadata": lambda s: _(
        "Complete the section, title, abstract, keywords and at least one author "
        "in the manuscript's language first."
    ),
    "abstract_within_limit": lambda s: " ".join(
        sorted(set(abstract_problems(s, s.abstract).values()))
    ),
    "has_manuscript": lambda s: _("Upload the manuscript file first."),
    "has_declarations": lambda s: _(
        "Confirm the declarations (originality, ethics, licence) and state any "
        "competing interests first."
    ),
    "has_revision_since_decision": lambda s: _(
        "Upload the revised manuscript before resubmitting."
    ),
}


def _wrong_state(submission: Submission) -> str:
    return _("This cannot be done while the submission is “%(state)s”.") % {
        "state": State(submission.state).label
    }


def _refusals() -> Refusals:
    return Refusals(
        wrong_state=_wrong_state,
        permission=_("You are not allowed to do this with this submission."),
        concurrent=_(
            "Someone else changed this submission while you were working on it. "
            "Reload the page to see its current state."
        ),
        conditions=CONDITION_MESSAGES,
    )


def _log(
    *, instance, transition: str, from_state: str, to_state: str, actor, note: str
) -> SubmissionEvent:
    return SubmissionEvent.objects.create(
        submission=instance,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        transition=transition,
        from_state=from_state,
        to_state=to_state,
        note=note,
        created_at=instance.state_changed_at,
    )


def submission_check_transition(
    *, submission: Submission, actor: Any, name: str
) -> None:
    """Raise DomainError or ActionNotAllowed, with the reason, if the move is refused."""
    check_transition(
        submission, name, actor=actor, check_permission=True, refusals=_refusals()
    )


def submission_transition(
    *, submission: Submission, actor: Any, name: str, note: str = ""
) -> SubmissionEvent:
    """Run one transition, write its log row in the same transaction.

    Raises DomainError (wrong state, unmet condition, or someone else changed the
    submission since it was loaded) or ActionNotAllowed. On any error the
    submission's state is as it was.
    """
    event = run_transition(
        submission,
        name,
        actor=actor,
        note=note,
        check_permission=True,
        refusals=_refusals(),
        log=_log,
    )
    assert isinstance(event, SubmissionEvent)
    return event


def submission_history_note(
    *, submission: Submission, actor: Any, what: str, note: str
) -> SubmissionEvent:
    """Write into the submission's history something that is not a move (the
    row's from and to are the current state): a review round sent out under
    another method than the section's, reviewers' comments approved for the
    author. `what` names the event (at most 64 characters); `note` is what the
    history shows. The caller has checked the actor's right to do it."""
    return SubmissionEvent.objects.create(
        submission=submission,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        transition=what,
        from_state=submission.state,
        to_state=submission.state,
        note=note,
    )


def submission_submit(*, submission: Submission, actor) -> SubmissionEvent:
    """Send a finished draft to the journal; tells the author and the editors."""
    event = submission_transition(submission=submission, actor=actor, name="submit")
    context = {"submission": submission}
    email_queue(
        key="submission_received",
        journal=submission.journal,
        to_email=submission.submitter.email,
        recipient=submission.submitter,
        submission=submission,
        context=context,
    )
    for editor in editors_of(submission.journal, submission.section):
        email_queue(
            key="submission_new_for_editor",
            journal=submission.journal,
            to_email=editor.email,
            recipient=editor,
            submission=submission,
            context=context,
        )
    return event


def submission_withdraw(
    *, submission: Submission, actor, reason: str = ""
) -> SubmissionEvent:
    """Withdraw a submission (author or editor); the note says why."""
    return submission_transition(
        submission=submission, actor=actor, name="withdraw", note=reason
    )


def submission_desk_reject(
    *, submission: Submission, actor, note: str = ""
) -> SubmissionEvent:
    return submission_transition(
        submission=submission, actor=actor, name="desk_reject", note=note
    )


def submission_assign_editor(*, submission: Submission, actor, editor) -> None:
    if not allowed(actor, "submissions.assign_editor", submission):
        raise ActionNotAllowed(_("Only the journal's editors can assign an editor."))
    if not allowed(editor, "submissions.assign_editor", submission):
        raise DomainError(_("That person is not an editor of this journal or section."))
    submission.editor = editor
    submission.save(update_fields=["editor", "updated_at"])


def available_transitions(submission: Submission, user) -> list[str]:
    """Names of the transitions this person may run now (for buttons)."""
    transitions = submission.get_available_user_state_transitions(user)  # type: ignore[attr-defined]
    return [t.name for t in transitions]
