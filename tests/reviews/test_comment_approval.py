"""Reviewers' comments reach the author, and the next round's reviewers, only
as an editor approved them (or automatically where the journal allows it)."""

from html import unescape

import pytest
from django.urls import reverse

from journal.errors import ActionNotAllowed, DomainError
from journal.models import ReviewMethod
from reviews.models import AssignmentState, Decision, ReviewSettings
from reviews.services import (
    decision_letter_draft,
    review_comments_approve,
    review_submit,
)
from submissions.models import State, SubmissionEvent
from tests.factories import UserFactory
from tests.reviews.factories import (
    AssignmentFactory,
    ReviewFactory,
    RoundFactory,
    anonymous_submission,
)

pytestmark = pytest.mark.django_db

SIGNED = "Please add a map.\nBest regards, Timur Bekov"
EDITED = "Please add a map."


def _reviewed(method=ReviewMethod.DOUBLE_ANONYMOUS, **review):
    """A submission under review whose one report waits for approval."""
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    submission.journal.review_method = method
    submission.journal.save(update_fields=["review_method"])
    reviewer = UserFactory(given_name="Timur", family_name="Bekov")
    assignment = AssignmentFactory(
        round=RoundFactory(submission=submission),
        reviewer=reviewer,
        state=AssignmentState.SUBMITTED,
    )
    ReviewFactory(
        assignment=assignment,
        comments_to_author=SIGNED,
        comments_approved_at=None,
        **review,
    )
    assignment.refresh_from_db()
    return submission, editor, assignment


def _letter(submission, editor):
    return decision_letter_draft(
        submission=submission, actor=editor, kind="minor-revision"
    )[1]


def test_unapproved_comments_stay_out_of_the_letter_and_the_decision_page_says_so(
    client,
):
    submission, editor, _assignment = _reviewed()
    client.force_login(editor)

    page = unescape(
        client.get(
            reverse("reviews:decide", args=[submission.pk, "minor-revision"])
        ).text
    )

    assert "Please add a map." not in _letter(submission, editor)
    assert "Not approved for the author yet: Reviewer 1." in page
    assert "Please add a map." not in page.split('id="awaiting-approval"')[1]


def test_the_editor_approves_an_edited_copy_and_the_letter_carries_only_that(
    client,
):
    submission, editor, assignment = _reviewed()
    client.force_login(editor)
    manage = reverse("reviews:manage", args=[submission.pk])
    assert "Held until you approve it" in client.get(manage).text

    approved = client.post(
        reverse("reviews:comments_approve", args=[assignment.pk]), {"text": EDITED}
    )

    assert approved.status_code == 302
    letter = _letter(submission, editor)
    assert "Reviewer 1" in letter and EDITED in letter
    assert "Timur Bekov" not in letter
    review = assignment.review
    review.refresh_from_db()
    assert review.comments_to_author == SIGNED  # the reviewer's text is kept
    assert review.comments_approved_by == editor
    event = SubmissionEvent.objects.get(transition="review_comments_approved")
    assert (
        event.note
        == "Comments of Reviewer 1 of round 1 approved for the author, edited."
    )
    assert event.actor == editor
    history = client.get(reverse("submissions:editor_detail", args=[submission.pk]))
    assert "approved for the author, edited" in history.text
    assert "Approved for the author" in client.get(manage).text


def test_round_two_reviewers_and_the_author_see_only_approved_text(
    client, django_capture_on_commit_callbacks
):
    submission, editor, assignment = _reviewed()
    Decision.objects.create(
        submission=submission,
        round=assignment.round,
        number=1,
        kind="minor-revision",
        letter_subject="Decision",
        letter_body="Please revise.",
    )
    second = RoundFactory(submission=submission, number=2)
    newcomer = AssignmentFactory(round=second, state=AssignmentState.ACCEPTED)
    client.force_login(newcomer.reviewer)
    review_page = reverse("reviews:review", args=[newcomer.pk])

    assert "Please add a map." not in client.get(review_page).text

    review_comments_approve(review=assignment.review, actor=editor, text=EDITED)
    page = unescape(client.get(review_page).text)
    assert EDITED in page
    assert "Best regards" not in page


def test_an_unapproved_annotated_file_does_not_reach_the_author(client):
    from django.core.files.base import ContentFile

    from submissions.filetypes import DOCX
    from tests.factories import docx_bytes

    submission, editor, assignment = _reviewed(
        annotated_content_type=DOCX, annotated_extension="docx"
    )
    review = assignment.review
    review.annotated_file.save("a.docx", ContentFile(docx_bytes("Notes")))
    Decision.objects.create(
        submission=submission,
        round=assignment.round,
        number=1,
        kind="minor-revision",
        letter_subject="Decision",
        letter_body="Please revise.",
    )
    client.force_login(submission.submitter)
    url = reverse("reviews:author_annotated", args=[submission.pk, review.pk])

    assert client.get(url).status_code == 404
    review_comments_approve(review=review, actor=editor)
    assert client.get(url).status_code == 200


def test_only_an_editor_approves_and_only_a_submitted_review(client):
    submission, editor, assignment = _reviewed()
    with pytest.raises(ActionNotAllowed):
        review_comments_approve(review=assignment.review, actor=assignment.reviewer)
    client.force_login(assignment.reviewer)
    assert (
        client.post(
            reverse("reviews:comments_approve", args=[assignment.pk]), {"text": ""}
        ).status_code
        == 404
    )
    draft = ReviewFactory(
        assignment=AssignmentFactory(
            round=assignment.round, state=AssignmentState.ACCEPTED
        ),
        is_draft=True,
        comments_approved_at=None,
    )
    with pytest.raises(DomainError):
        review_comments_approve(review=draft, actor=editor)


def _submit(method, *, automatic=True, comments="Please add a map."):
    submission, editor, assignment = _reviewed(method)
    settings_row = ReviewSettings.for_journal(submission.journal)
    settings_row.approve_comments_automatically = automatic
    settings_row.save()
    accepted = AssignmentFactory(
        round=assignment.round,
        reviewer=UserFactory(given_name="Olga", family_name="Sarsenova"),
        state=AssignmentState.ACCEPTED,
    )
    review_submit(
        assignment=accepted,
        actor=accepted.reviewer,
        answers={},
        confidence=4,
        recommendation="accept",
        comments_to_author=comments,
        identity_confirmed=True,
    )
    return accepted.review


@pytest.mark.parametrize(
    "method, automatic, approved",
    [
        (ReviewMethod.DOUBLE_ANONYMOUS, True, False),
        (ReviewMethod.SINGLE_ANONYMOUS, True, True),
        (ReviewMethod.SINGLE_ANONYMOUS, False, False),
        (ReviewMethod.OPEN, True, True),
        (ReviewMethod.OPEN, False, False),
    ],
)
def test_approval_is_automatic_only_outside_double_anonymous_review_if_the_journal_says(
    method, automatic, approved
):
    review = _submit(method, automatic=automatic)

    assert review.comments_approved is approved
    assert review.comments_approved_by is None


def test_a_single_anonymous_review_that_names_its_reviewer_waits_for_the_editor():
    review = _submit(ReviewMethod.SINGLE_ANONYMOUS, comments="Fine. Olga Sarsenova")

    assert review.identity_hits
    assert not review.comments_approved


def test_the_author_sees_the_reviewer_named_in_an_open_round_only(client):
    submission, editor, assignment = _reviewed(ReviewMethod.OPEN)
    review_comments_approve(review=assignment.review, actor=editor)

    assert "Timur Bekov" in _letter(submission, editor)
    assignment.round.review_method = ReviewMethod.DOUBLE_ANONYMOUS
    assignment.round.save(update_fields=["review_method"])
    letter = _letter(submission, editor)
    assert "Reviewer 1" in letter
    assert "--- Timur Bekov ---" not in letter
