"""Which review method is in force: the section's until a round is sent out,
then the method that round was sent out under.

An editor may send a round out under a method other than the section's, with a
reason (reviews.services.round_open); every later anonymity rule (what
reviewers and authors see, the files reviewers receive, the emails checked at
send time) asks these functions, never the section directly.
"""

from journal.models import ReviewMethod
from submissions.models import Submission

from .models import ReviewRound

# Methods under which the author must not learn who reviewed.
REVIEWERS_HIDDEN = (ReviewMethod.DOUBLE_ANONYMOUS, ReviewMethod.SINGLE_ANONYMOUS)


def review_method_of(submission: Submission, round: ReviewRound | None = None) -> str:
    """The method of `round`, else of the submission's latest round, else the
    section's (or journal's)."""
    if round is None:
        chosen = (
            ReviewRound.objects.filter(submission=submission)
            .order_by("-number")
            .values_list("review_method", flat=True)
            .first()
        )
    else:
        chosen = round.review_method
    return chosen or submission.review_method


def reviewers_hidden_from_author(
    submission: Submission, round: ReviewRound | None = None
) -> bool:
    return review_method_of(submission, round) in REVIEWERS_HIDDEN


def authors_hidden_from_reviewers(
    submission: Submission, round: ReviewRound | None = None
) -> bool:
    return review_method_of(submission, round) == ReviewMethod.DOUBLE_ANONYMOUS
