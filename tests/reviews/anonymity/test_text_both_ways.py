"""Reviewers' words checked before the author sees them; earlier reports shown
to the next round without reviewer identities (failures 2 and 3)."""

import io
import zipfile
from html import unescape

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from reviews.models import AssignmentState, Decision, Review, ReviewRound
from submissions.filetypes import DOCX
from submissions.models import FileKind, State
from tests.reviews.factories import AssignmentFactory, ReviewFactory

from .helpers import add_file, docx_upload, reviewer_named, signed_submission
from .signed_documents import docx_parts, signed_docx

pytestmark = pytest.mark.django_db

SIGNED = (
    "Clarify the sampling.\nBest regards, Timur Bekov, Eurasian National University"
)


def _accepted_review():
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    round_ = ReviewRound.objects.create(submission=submission, number=1)
    reviewer = reviewer_named(affiliation="Eurasian National University")
    assignment = AssignmentFactory(
        round=round_, reviewer=reviewer, state=AssignmentState.ACCEPTED
    )
    return submission, editor, reviewer, assignment


def _form(comments, **extra):
    return {
        "confidence": "4",
        "recommendation": "minor-revision",
        "comments_to_author": comments,
        "comments_to_editor": "",
        **extra,
    }


def test_reviewer_who_signs_is_warned_and_fixes_the_review(
    client, django_capture_on_commit_callbacks
):
    submission, editor, reviewer, assignment = _accepted_review()
    client.force_login(reviewer)
    url = reverse("reviews:review_submit", args=[assignment.pk])

    warned = client.post(url, _form(SIGNED))
    page = unescape(warned.content.decode())

    assert warned.status_code == 400
    assert "Your review may tell the authors who you are." in page
    assert "“Timur Bekov” — " in page
    assert "“Eurasian National University”" in page
    assert "Best regards, Timur Bekov, Eurasian National University" in page
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED
    assert Review.objects.get().comments_to_author == SIGNED  # the draft is kept

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, _form("Clarify the sampling."))
    assert done.status_code == 302
    review = Review.objects.get()
    assert not review.is_draft and review.identity_hits == []


def test_reviewer_may_submit_anyway_and_the_editor_sees_the_flag(
    client, django_capture_on_commit_callbacks
):
    submission, editor, reviewer, assignment = _accepted_review()
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews:review_submit", args=[assignment.pk]),
            _form(SIGNED, identity_confirmed="on"),
        )
    client.force_login(editor)

    page = unescape(client.get(reverse("reviews:manage", args=[submission.pk])).text)

    assert "May name the reviewer: “Timur Bekov”" in page


def test_annotated_file_naming_its_reviewer_never_reaches_the_author(
    client, django_capture_on_commit_callbacks
):
    submission, editor, reviewer, assignment = _accepted_review()
    annotated = signed_docx(
        byline=None, affiliation=None, author="Timur Bekov", closing="Timur Bekov"
    )
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        warned = client.post(
            reverse("reviews:review_submit", args=[assignment.pk]),
            _form("Clarify the sampling.", annotated_file=docx_upload(annotated)),
        )
    assert "Annotated file: “Timur Bekov”" in unescape(warned.content.decode())


def test_annotated_file_reaches_the_author_scrubbed_without_its_thumbnail(client):
    submission, editor, reviewer, assignment = _accepted_review()
    assignment_review = ReviewFactory.build(assignment=assignment)
    assignment_review.annotated_content_type = DOCX
    assignment_review.annotated_extension = "docx"
    assignment_review.annotated_file.save(
        "a.docx",
        ContentFile(signed_docx(byline=None, affiliation=None, author="Timur Bekov")),
        save=False,
    )
    assignment_review.save()
    type(assignment).objects.filter(pk=assignment.pk).update(
        state=AssignmentState.SUBMITTED
    )
    Decision.objects.create(
        submission=submission,
        round=assignment.round,
        number=1,
        kind="minor-revision",
        letter_subject="Decision",
        letter_body="Please revise.",
    )
    client.force_login(submission.submitter)

    response = client.get(
        reverse("reviews:author_annotated", args=[submission.pk, assignment_review.pk])
    )

    assert response.status_code == 200
    parts = docx_parts(response.content)
    assert not [n for n in parts if "thumbnail" in n]
    for name, content in parts.items():
        assert b"Timur Bekov" not in content, name


def test_round_two_reviewers_see_earlier_reports_without_reviewer_identities(client):
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    first = ReviewRound.objects.create(submission=submission, number=1)
    old_reviewer = reviewer_named(affiliation="Eurasian National University")
    ReviewFactory(
        assignment=AssignmentFactory(
            round=first, reviewer=old_reviewer, state=AssignmentState.SUBMITTED
        ),
        comments_to_author=SIGNED,
    )
    second = ReviewRound.objects.create(submission=submission, number=2)
    new_reviewer = reviewer_named("Dana", "Sultanova")
    assignment = AssignmentFactory(
        round=second, reviewer=new_reviewer, state=AssignmentState.ACCEPTED
    )
    client.force_login(new_reviewer)

    page = unescape(client.get(reverse("reviews:review", args=[assignment.pk])).text)

    assert "Clarify the sampling." in page
    assert "Reviewer 1" in page
    assert "Timur Bekov" not in page
    assert "Eurasian National University" not in page
    assert "Best regards, [removed], [removed]" in page
    assert mail.outbox == []


def test_response_to_reviewers_naming_the_author_is_held_from_round_two(
    client, django_capture_on_commit_callbacks
):
    submission, editor = signed_submission(state=State.REVISIONS_REQUESTED)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    ReviewRound.objects.create(submission=submission, number=1)
    client.force_login(submission.submitter)

    # The author's signed response letter is checked the moment it arrives,
    # its text as well as its properties.
    told = client.post(
        reverse("reviews:revise_upload", args=[submission.pk]),
        {
            "kind": "response",
            "file": docx_upload(signed_docx(body="We thank the reviewers.")),
        },
        follow=True,
    )
    assert "reviewers will not receive it as it is" in unescape(told.text)
    assert "“Aigerim Nurlanovna”: …" in unescape(told.text)
    response = submission.files.get(kind=FileKind.RESPONSE)
    assert response.anonymity_check.blocks_reviewers

    type(submission).objects.filter(pk=submission.pk).update(state=State.UNDER_REVIEW)
    second = ReviewRound.objects.create(submission=submission, number=2)
    reviewer = reviewer_named()
    assignment = AssignmentFactory(
        round=second, reviewer=reviewer, state=AssignmentState.ACCEPTED
    )
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        held = client.get(
            reverse("reviews:download", args=[assignment.pk, "response"]), follow=True
        )
    assert "is checking this file" in unescape(held.text)
    assert [m.to for m in mail.outbox] == [[editor.email]]

    # The editor replaces it; the new version is checked and reaches the reviewer.
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews_extra:reviewer_file_add", args=[submission.pk]),
            {
                "kind": "response",
                "file": docx_upload(
                    signed_docx(byline=None, affiliation=None, body="We thank them.")
                ),
            },
        )
    assert reviewer.email in [m.to[0] for m in mail.outbox]
    client.force_login(reviewer)
    ok = client.get(reverse("reviews:download", args=[assignment.pk, "response"]))
    assert ok.status_code == 200
    with zipfile.ZipFile(io.BytesIO(ok.content)) as zf:
        assert b"Nurlanovna" not in zf.read("word/document.xml")
        assert b"Nurlanovna" not in zf.read("docProps/core.xml")
