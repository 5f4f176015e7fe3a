"""Double-anonymous review: reviewers never see who the authors are, nor authors
who the reviewers are, on any page or file they can reach."""

import io

import docx
import pytest
from django.core import mail
from django.urls import reverse

from reviews.models import AssignmentState
from reviews.services import (
    assignment_accept,
    decision_make,
    review_invite,
    review_save_draft,
    review_submit,
    round_open,
)
from reviews.tokens import invitation_token
from submissions.models import FileKind
from tests.factories import SubmissionFileFactory, UserFactory, docx_bytes, upload
from tests.reviews.factories import anonymous_submission, standard_form

pytestmark = pytest.mark.django_db


def _author_needles(submission):
    author = submission.authors.get()
    return [
        author.given_name,
        author.family_name,
        author.email,
        author.email.split("@")[1],
        author.affiliation,
    ]


def _assert_clean(body: bytes, needles, where: str):
    text = body.decode("utf-8", "replace").lower()
    for needle in needles:
        assert needle.lower() not in text, f"{needle!r} leaks in {where}"


def _docx_metadata(data: bytes) -> str:
    props = docx.Document(io.BytesIO(data)).core_properties
    return " ".join(
        str(getattr(props, f) or "")
        for f in ("author", "last_modified_by", "comments", "title", "subject")
    )


@pytest.fixture
def reviewed(django_capture_on_commit_callbacks):
    submission, editor = anonymous_submission()
    form = standard_form(submission.journal)
    SubmissionFileFactory(
        submission=submission,
        kind=FileKind.RESPONSE,
        version=1,
        original_name="Nurlanovna-response.docx",
        file=upload(
            "r.docx", docx_bytes("We thank the reviewers.", core={"author": "Aigerim"})
        ),
    )
    reviewer = UserFactory(given_name="Bakhyt", family_name="Omarov")
    with django_capture_on_commit_callbacks(execute=True):
        review_round = round_open(submission=submission, actor=editor)
        pending = review_invite(
            round=review_round, actor=editor, reviewer=UserFactory()
        )
        assignment = review_invite(round=review_round, actor=editor, reviewer=reviewer)
        assignment_accept(
            assignment=assignment, actor=reviewer, competing_interests="None"
        )
    answers = {str(c.pk): 4 for c in form.criteria.filter(kind="numeric")}
    review_save_draft(
        assignment=assignment,
        actor=reviewer,
        answers=answers,
        annotated_file=upload(
            "notes.docx",
            docx_bytes("See my notes", core={"author": "Bakhyt Omarov"}),
        ),
    )
    return submission, editor, reviewer, assignment, pending


def test_reviewer_pages_files_and_emails_never_show_the_authors(
    client, reviewed, django_capture_on_commit_callbacks
):
    submission, editor, reviewer, assignment, pending = reviewed
    needles = _author_needles(submission)

    client.logout()
    token = invitation_token(pending)
    _assert_clean(
        client.get(reverse("reviews:invitation", args=[token])).content,
        needles,
        "the invitation page",
    )
    client.force_login(reviewer)
    pages = {
        "the queue": reverse("reviews:queue"),
        "the review form": reverse("reviews:review", args=[assignment.pk]),
    }
    for where, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200
        _assert_clean(response.content, needles, where)

    download = client.get(
        reverse("reviews:download", args=[assignment.pk, "manuscript"])
    )
    assert download.status_code == 200
    assert 'filename="anonymised-v1.docx"' in download["Content-Disposition"]
    data = (
        b"".join(download.streaming_content) if download.streaming else download.content
    )
    _assert_clean(data, needles, "the manuscript's bytes")
    _assert_clean(_docx_metadata(data).encode(), needles, "the manuscript's metadata")
    assert "Merit-based recruitment" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(data)).paragraphs
    )

    # The emails a reviewer got.
    for message in mail.outbox:
        if reviewer.email in message.to or pending.reviewer.email in message.to:
            _assert_clean(message.body.encode(), needles, f"email {message.subject}")
            _assert_clean(message.alternatives[0][0].encode(), needles, "an HTML email")

    # The submitted review and the second round with the author's response.
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(
            assignment=assignment,
            actor=reviewer,
            answers=assignment.review.answers,
            confidence=4,
            recommendation="minor-revision",
            comments_to_author="Good.",
        )
    response = client.get(reverse("reviews:review", args=[assignment.pk]))
    _assert_clean(response.content, needles, "the submitted review")


def test_author_pages_files_and_letters_never_show_the_reviewers(
    client, reviewed, django_capture_on_commit_callbacks
):
    submission, editor, reviewer, assignment, _pending = reviewed
    needles = [reviewer.given_name, reviewer.family_name, reviewer.email]
    with django_capture_on_commit_callbacks(execute=True):
        review_submit(
            assignment=assignment,
            actor=reviewer,
            answers=assignment.review.answers,
            confidence=4,
            recommendation="minor-revision",
            comments_to_author="Please clarify the sample.",
        )
    from reviews.services import decision_letter_draft, review_comments_approve

    review_comments_approve(review=assignment.review, actor=editor)

    subject, body = decision_letter_draft(
        submission=submission, actor=editor, kind="minor-revision"
    )
    with django_capture_on_commit_callbacks(execute=True):
        decision_make(
            submission=submission,
            actor=editor,
            kind="minor-revision",
            letter_subject=subject,
            letter_body=body,
        )
    assert assignment.review.annotated_file
    client.force_login(submission.submitter)
    revise = client.get(reverse("reviews:revise", args=[submission.pk]))
    assert b"Please clarify the sample." in revise.content
    assert b"Reviewer 1" in revise.content
    _assert_clean(revise.content, needles, "the revision page")
    detail = client.get(reverse("submissions:detail", args=[submission.pk]))
    if detail.status_code == 200:
        _assert_clean(detail.content, needles, "the submission page")
    annotated = client.get(
        reverse("reviews:author_annotated", args=[submission.pk, assignment.review.pk])
    )
    assert annotated.status_code == 200
    assert "reviewer-1-round-1.docx" in annotated["Content-Disposition"]
    _assert_clean(_docx_metadata(annotated.content).encode(), needles, "annotations")
    letters = [m for m in mail.outbox if submission.submitter.email in m.to]
    assert letters
    for message in letters:
        _assert_clean(message.body.encode(), needles, f"email {message.subject}")


def test_reviewer_gets_only_the_anonymised_manuscript(client, reviewed):
    submission, _editor, reviewer, assignment, _pending = reviewed
    submission.files.filter(kind=FileKind.ANONYMISED).delete()
    client.force_login(reviewer)
    page = client.get(reverse("reviews:review", args=[assignment.pk]))
    assert b"Download the manuscript" not in page.content
    url = reverse("reviews:download", args=[assignment.pk, "manuscript"])
    assert client.get(url).status_code == 404
    assert assignment.state == AssignmentState.ACCEPTED
