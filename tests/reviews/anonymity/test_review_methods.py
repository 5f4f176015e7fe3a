"""What each side sees follows the review method (failure 9)."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from journal.models import ReviewMethod
from reviews.models import AssignmentState, Decision, ReviewRound
from submissions.models import FileKind, State
from submissions.services import submission_submit
from tests.reviews.factories import AssignmentFactory, ReviewFactory

from .helpers import add_file, reviewer_named, signed_submission
from .signed_documents import AUTHOR, docx_parts, signed_docx

pytestmark = pytest.mark.django_db

SIGNED = "Clarify the sampling. Timur Bekov"


@pytest.mark.parametrize(
    "method, says",
    [
        (ReviewMethod.DOUBLE_ANONYMOUS, "They receive only your anonymised manuscript"),
        (ReviewMethod.SINGLE_ANONYMOUS, "you will not know who the reviewers are"),
        (ReviewMethod.OPEN, "you will see theirs with their reports"),
    ],
)
def test_the_acknowledgement_tells_the_author_the_review_method(
    method, says, django_capture_on_commit_callbacks
):
    submission, _editor = signed_submission(state=State.DRAFT, method=method)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )

    with django_capture_on_commit_callbacks(execute=True):
        submission_submit(submission=submission, actor=submission.submitter)

    receipt = [m for m in mail.outbox if m.to == [submission.submitter.email]][0]
    assert says in receipt.body
    assert str(ReviewMethod(method).label) in receipt.body


def _round_with_report(method):
    submission, editor = signed_submission(state=State.UNDER_REVIEW, method=method)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    first = ReviewRound.objects.create(submission=submission, number=1)
    old = reviewer_named()
    ReviewFactory(
        assignment=AssignmentFactory(
            round=first, reviewer=old, state=AssignmentState.SUBMITTED
        ),
        comments_to_author=SIGNED,
    )
    Decision.objects.create(
        submission=submission,
        round=first,
        number=1,
        kind="minor-revision",
        letter_subject="Decision",
        letter_body="Please revise.",
    )
    second = ReviewRound.objects.create(submission=submission, number=2)
    new = AssignmentFactory(
        round=second,
        reviewer=reviewer_named("Dana", "Sultanova"),
        state=AssignmentState.ACCEPTED,
    )
    return submission, new


@pytest.mark.parametrize(
    "method, gets_signed, sees_author, sees_reviewer_name",
    [
        (ReviewMethod.DOUBLE_ANONYMOUS, False, False, False),
        (ReviewMethod.SINGLE_ANONYMOUS, True, True, False),
        (ReviewMethod.OPEN, True, True, True),
    ],
)
def test_reviewer_file_and_earlier_reports_follow_the_method(
    client, method, gets_signed, sees_author, sees_reviewer_name
):
    submission, assignment = _round_with_report(method)
    client.force_login(assignment.reviewer)

    page = unescape(client.get(reverse("reviews:review", args=[assignment.pk])).text)
    download = client.get(
        reverse("reviews:download", args=[assignment.pk, "manuscript"])
    )

    assert download.status_code == 200
    body = docx_parts(download.content)["word/document.xml"]
    # The signed manuscript only where reviewers may know the authors.
    assert (AUTHOR.encode() in body) is gets_signed
    assert (AUTHOR in page) is sees_author
    assert ("Timur Bekov" in page) is sees_reviewer_name
    assert "Clarify the sampling." in page
