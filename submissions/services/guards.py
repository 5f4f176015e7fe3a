"""Guards for changes made from a page that may be out of date."""

from django.utils.translation import gettext as _

from journal.errors import DomainError

from ..models import Submission


def submission_check_unchanged(*, submission: Submission, seen_state: str) -> None:
    """Refuse when the submission left the state the person saw on their page.

    Two editors may open the same page; whoever acts second must see what the
    first did rather than act on a state that no longer holds.
    """
    if seen_state and submission.state != seen_state:
        raise DomainError(
            _(
                "Someone else changed this submission while you were working on it. "
                "Reload the page to see its current state."
            ),
            code="concurrent",
        )
