"""The author's side of a revision: resubmitting after a decision."""

from django.db import transaction

from submissions.models import Submission
from submissions.services import submission_transition

from .common import notify_editors


def revision_resubmit(*, submission: Submission, actor, note: str = ""):
    """Send the revised manuscript back; the editors are told.

    Raises DomainError if no revised manuscript was uploaded since the decision,
    ActionNotAllowed for anyone but the submitter.
    """
    with transaction.atomic():
        event = submission_transition(
            submission=submission, actor=actor, name="resubmit", note=note
        )
        notify_editors(
            submission=submission, key="review_revision_received", context={}
        )
    return event
