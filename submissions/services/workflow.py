"""Moving a submission through its workflow: check, transition, log, notify."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition, can_proceed

from journal.errors import ActionNotAllowed, DomainError
from journal.selectors import editors_of

from ..models import State, Submission, SubmissionEvent
from .outbox import email_queue

# Why a condition failed, in words an author or editor understands.
CONDITION_MESSAGES = {
    "has_primary_metadata": lambda s: _(
        "Complete the section, title, abstract, keywords and at least one author "
        "in the manuscript's language first."
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


def _transition_method(submission: Submission, name: str):
    method = getattr(submission, name, None)
    if method is None or not hasattr(method, "_django_fsm"):
        raise ValueError(f"{name} is not a workflow transition")
    return method


def submission_check_transition(*, submission: Submission, actor, name: str) -> None:
    """Raise DomainError or ActionNotAllowed, with the reason, if the move is refused."""
    method = _transition_method(submission, name)
    meta = method._django_fsm
    state = submission.state
    if not meta.has_transition(state):
        raise DomainError(
            _("This cannot be done while the submission is “%(state)s”.")
            % {"state": State(state).label},
            code="wrong_state",
        )
    if not meta.has_transition_perm(submission, state, actor):
        raise ActionNotAllowed(
            _("You are not allowed to do this with this submission.")
        )
    if not can_proceed(method):
        transition = meta.get_transition(state)
        for condition in transition.conditions:
            if not condition(submission):
                message = CONDITION_MESSAGES.get(condition.__name__)
                raise DomainError(
                    message(submission) if message else _("A precondition is not met."),
                    code=condition.__name__,
                )


def submission_transition(
    *, submission: Submission, actor, name: str, note: str = ""
) -> SubmissionEvent:
    """Run one transition, write its log row in the same transaction.

    Raises DomainError (wrong state, unmet condition, or someone else changed the
    submission since it was loaded) or ActionNotAllowed. On any error the
    submission's state is as it was.
    """
    submission_check_transition(submission=submission, actor=actor, name=name)
    from_state = submission.state
    snapshot = {
        f: getattr(submission, f)
        for f in (
            "submitted_at",
            "resubmitted_at",
            "accepted_at",
            "decided_at",
            "published_at",
            "state_changed_at",
        )
    }
    try:
        with transaction.atomic():
            _transition_method(submission, name)()
            submission.save()
            return SubmissionEvent.objects.create(
                submission=submission,
                actor=actor if getattr(actor, "is_authenticated", False) else None,
                transition=name,
                from_state=from_state,
                to_state=submission.state,
                note=note,
                created_at=submission.state_changed_at,
            )
    except ConcurrentTransition as exc:
        _restore(submission, from_state, snapshot)
        raise DomainError(
            _(
                "Someone else changed this submission while you were working on it. "
                "Reload the page to see its current state."
            ),
            code="concurrent",
        ) from exc
    except Exception:
        _restore(submission, from_state, snapshot)
        raise


def _restore(submission, state, snapshot):
    submission.__dict__["state"] = state
    for field, value in snapshot.items():
        setattr(submission, field, value)


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


def submission_send_to_review(
    *, submission: Submission, actor, note: str = ""
) -> SubmissionEvent:
    return submission_transition(
        submission=submission, actor=actor, name="send_to_review", note=note
    )


def submission_assign_editor(*, submission: Submission, actor, editor) -> None:
    from journal.selectors import user_is_editor

    if not user_is_editor(actor, submission.journal, submission.section):
        raise ActionNotAllowed(_("Only the journal's editors can assign an editor."))
    if not user_is_editor(editor, submission.journal, submission.section):
        raise DomainError(_("That person is not an editor of this journal or section."))
    submission.editor = editor
    submission.save(update_fields=["editor", "updated_at"])


def available_transitions(submission: Submission, user) -> list[str]:
    """Names of the transitions this person may run now (for buttons)."""
    return [t.name for t in submission.get_available_user_state_transitions(user)]
