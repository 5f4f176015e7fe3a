"""A round sent out under another method than the section's: only with a
reason, logged, and followed by every anonymity rule afterwards."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from journal.errors import DomainError
from journal.models import ReviewMethod
from reviews.models import AssignmentState, ReviewRound
from reviews.services import assignment_accept, review_invite, round_open
from submissions.models import FileKind, State, SubmissionEvent

from .helpers import add_file, reviewer_named, signed_submission
from .signed_documents import AUTHOR, docx_parts, signed_docx

pytestmark = pytest.mark.django_db

REASON = "The authors' names are on the preprint; anonymity cannot be kept."


def _open(client, submission, **data):
    return client.post(reverse("reviews:round_open", args=[submission.pk]), data)


def test_another_method_than_the_sections_is_refused_without_a_reason(client):
    submission, editor = signed_submission()
    client.force_login(editor)

    refused = _open(client, submission, review_method=ReviewMethod.SINGLE_ANONYMOUS)

    assert refused.status_code == 400
    page = unescape(refused.content.decode())
    assert "This section's review is “Double-anonymous”. Say why" in page
    assert not submission.review_rounds.exists()
    submission.refresh_from_db()
    assert submission.state == State.SUBMITTED
    with pytest.raises(DomainError) as refusal:
        round_open(
            submission=submission,
            actor=editor,
            review_method=ReviewMethod.OPEN,
            method_reason="  ",
        )
    assert refusal.value.code == "method_reason"


def test_the_sections_method_needs_no_reason_and_is_recorded_on_the_round(client):
    submission, editor = signed_submission(method=ReviewMethod.OPEN)
    client.force_login(editor)

    assert _open(client, submission).status_code == 302

    assert ReviewRound.objects.get(submission=submission).review_method == "open"
    assert not SubmissionEvent.objects.filter(transition="review_method").exists()


def test_a_round_with_a_reason_keeps_its_method_and_the_history_shows_why(client):
    submission, editor = signed_submission()
    client.force_login(editor)

    opened = _open(
        client,
        submission,
        review_method=ReviewMethod.SINGLE_ANONYMOUS,
        method_reason=REASON,
    )

    assert opened.status_code == 302
    round_ = ReviewRound.objects.get(submission=submission)
    assert (round_.review_method, round_.method_reason) == (
        ReviewMethod.SINGLE_ANONYMOUS,
        REASON,
    )
    event = SubmissionEvent.objects.get(transition="review_method")
    assert event.actor == editor
    history = unescape(
        client.get(reverse("submissions:editor_detail", args=[submission.pk])).text
    )
    assert (
        "Round 1 sent out as “Single-anonymous” review instead of the section's "
        f"“Double-anonymous”. Reason: {REASON}"
    ) in history
    manage = unescape(client.get(reverse("reviews:manage", args=[submission.pk])).text)
    assert "Review method: Single-anonymous" in manage
    assert REASON in manage


def test_a_single_anonymous_round_in_a_double_anonymous_section_shows_the_authors(
    client, django_capture_on_commit_callbacks
):
    # No anonymised copy: the round does not need one.
    submission, editor = signed_submission()
    round_ = round_open(
        submission=submission,
        actor=editor,
        review_method=ReviewMethod.SINGLE_ANONYMOUS,
        method_reason=REASON,
    )
    reviewer = reviewer_named()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = review_invite(round=round_, actor=editor, reviewer=reviewer)
    assignment_accept(assignment=assignment, actor=reviewer, competing_interests="-")
    client.force_login(reviewer)

    page = unescape(client.get(reverse("reviews:review", args=[assignment.pk])).text)
    download = client.get(
        reverse("reviews:download", args=[assignment.pk, "manuscript"])
    )

    assert AUTHOR in page
    assert download.status_code == 200
    assert AUTHOR.encode() in docx_parts(download.content)["word/document.xml"]
    # The invitation naming the authors went out: the round is not
    # double-anonymous.
    assert any(reviewer.email in m.to for m in mail.outbox)


def test_a_double_anonymous_round_in_an_open_section_hides_both_sides(
    client, django_capture_on_commit_callbacks
):
    submission, editor = signed_submission(method=ReviewMethod.OPEN)
    reviewer = reviewer_named()
    round_ = round_open(
        submission=submission,
        actor=editor,
        review_method=ReviewMethod.DOUBLE_ANONYMOUS,
        method_reason="A reviewer asked for anonymity both ways.",
    )
    # The round needs a reviewer's copy although the section is open.
    with pytest.raises(DomainError) as refusal:
        review_invite(round=round_, actor=editor, reviewer=reviewer)
    assert refusal.value.code == "reviewer_copy_missing"
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assignment = review_invite(round=round_, actor=editor, reviewer=reviewer)
    assignment_accept(assignment=assignment, actor=reviewer, competing_interests="-")
    client.force_login(reviewer)

    page = unescape(client.get(reverse("reviews:review", args=[assignment.pk])).text)
    download = client.get(
        reverse("reviews:download", args=[assignment.pk, "manuscript"])
    )

    assert AUTHOR not in page
    for name, content in docx_parts(download.content).items():
        assert AUTHOR.encode() not in content, name
    assert assignment.state == AssignmentState.ACCEPTED
