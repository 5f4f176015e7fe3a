"""Review panels other apps' pages show: a reviewer's unanswered invitations
(dashboard) and what an author may read of the review (their submission page).
Templates load these, so the lower apps never import reviews."""

from django import template

from ..models import AssignmentState
from ..selectors import (
    annotated_for_author,
    assignments_for_reviewer,
    decisions_for_author,
)

register = template.Library()


@register.simple_tag
def pending_invitations(user) -> list:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(assignments_for_reviewer(user).filter(state=AssignmentState.INVITED))


@register.simple_tag
def author_review_record(submission) -> dict:
    """The decision letters sent to the author (reviewers' comments as the
    letter quotes them: numbered, never named, in anonymous review) and the
    reviewers' annotated files of decided rounds (served scrubbed)."""
    return {
        "decisions": decisions_for_author(submission),
        "annotated": annotated_for_author(submission),
    }


@register.simple_tag
def review_progress(submission) -> dict:
    """The current round's invitations by state, for 'who is waiting on whom'."""
    from ..services import latest_round

    current = latest_round(submission)
    counts = {"invited": 0, "accepted": 0, "submitted": 0, "round": None}
    if current is None:
        return counts
    counts["round"] = current.number
    for state in current.assignments.values_list("state", flat=True):
        if state in counts:
            counts[state] += 1
    return counts
