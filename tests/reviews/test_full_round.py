"""A whole double-anonymous review over HTTP, from invitation to acceptance."""

import pytest
from django.core import mail
from django.urls import reverse

from reviews.models import AssignmentState, Decision, ReviewAssignment
from submissions.models import FileKind, State
from tests.factories import UserFactory, docx_bytes, upload
from tests.reviews.factories import anonymous_submission, standard_form
from tests.reviews.helpers import invitation_path

pytestmark = pytest.mark.django_db


def _invite(client, submission, **data):
    return client.post(
        reverse("reviews:invite", args=[submission.pk]),
        {"due": "2099-01-31", "message": "", **data},
    )


def test_double_anonymous_review_from_invitation_to_acceptance(
    client, django_capture_on_commit_callbacks
):
    submission, editor = anonymous_submission()
    form = standard_form(submission.journal)
    originality, rigour, policy = form.criteria.order_by("order")
    busy = UserFactory(email="busy@example.org")
    author = submission.submitter

    # The editor sends the manuscript out and invites two reviewers, one new.
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:round_open", args=[submission.pk]))
        assert response.status_code == 302
        submission.refresh_from_db()
        assert submission.state == State.UNDER_REVIEW
        _invite(client, submission, reviewer="", email="busy@example.org")
        response = _invite(
            client,
            submission,
            email="new.reviewer@example.org",
            given_name="Dana",
            family_name="Sultanova",
        )
    assert response.status_code == 302
    assert ReviewAssignment.objects.filter(submission=submission).count() == 2

    # One declines by the link, without signing in.
    client.logout()
    decline_link = invitation_path("busy@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decline_link + "decline/",
            {"reason": "Travelling", "suggested_alternative": "Dr Ivanov"},
        )
    assert response.status_code == 200
    declined = ReviewAssignment.objects.get(reviewer=busy)
    assert declined.state == AssignmentState.DECLINED
    assert declined.suggested_alternative == "Dr Ivanov"
    assert any("declined" in m.subject for m in mail.outbox if editor.email in m.to)

    # The new reviewer accepts: chooses a password, declares interests.
    link = invitation_path("new.reviewer@example.org")
    response = client.post(link + "accept/")
    assert response.status_code == 302 and "/welcome/" in response["Location"]
    response = client.post(
        response["Location"],
        {
            "given_name": "Dana",
            "family_name": "Sultanova",
            "password1": "a-Long-pass-phrase-42",
            "password2": "a-Long-pass-phrase-42",
        },
    )
    assignment = ReviewAssignment.objects.get(
        reviewer__email="new.reviewer@example.org"
    )
    assert response["Location"] == reverse("reviews:respond", args=[assignment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"competing_interests": "None"})
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED

    # The reviewer saves a draft, then submits scores.
    review_url = reverse("reviews:review", args=[assignment.pk])
    answers = {
        f"c_{originality.pk}": "4",
        f"c_{rigour.pk}": "3",
        f"c_{policy.pk}": "yes",
        "confidence": "4",
        "recommendation": "minor-revision",
        "comments_to_author": "Clarify the sampling frame in section 3.",
        "comments_to_editor": "Promising; not yet ready.",
    }
    assert client.post(review_url, {**answers, "recommendation": ""}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:review_submit", args=[assignment.pk]), answers
        )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.SUBMITTED
    assert assignment.review.answers == {
        str(originality.pk): 4,
        str(rigour.pk): 3,
        str(policy.pk): True,
    }

    # The editor sees the report and decides minor revision.
    client.force_login(editor)
    page = client.get(reverse("reviews:manage", args=[submission.pk]))
    assert b"Promising; not yet ready." in page.content
    decide_url = reverse("reviews:decide", args=[submission.pk, "minor-revision"])
    # Its comments to the author wait for the editor's approval.
    held = client.get(decide_url)
    assert "Not approved for the author yet: Reviewer 1" in held.content.decode()
    assert (
        "Clarify the sampling frame" not in held.context["form"].initial["letter_body"]
    )
    client.post(reverse("reviews:comments_approve", args=[assignment.pk]))
    draft = client.get(decide_url)
    assert b"awaiting-approval" not in draft.content
    letter = draft.context["form"].initial["letter_body"]
    assert "Reviewer 1" in letter and "Clarify the sampling frame" in letter
    assert "Sultanova" not in letter
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url,
            {
                "letter_subject": "Minor revision requested",
                "letter_body": letter + "\nWell done.",
                "seen_decisions": 0,
            },
        )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.REVISIONS_REQUESTED
    assert Decision.objects.get(submission=submission).kind == "minor-revision"
    to_author = [m for m in mail.outbox if author.email in m.to][-1]
    assert "Well done." in to_author.body

    # The author reads the letter, uploads a revision and a response, resubmits.
    client.force_login(author)
    revise_url = reverse("reviews:revise", args=[submission.pk])
    assert b"Well done." in client.get(revise_url).content
    for kind in (FileKind.MANUSCRIPT, FileKind.ANONYMISED, FileKind.RESPONSE):
        response = client.post(
            reverse("reviews:revise_upload", args=[submission.pk]),
            {"kind": kind, "file": upload("rev.docx", docx_bytes("Revised text"))},
        )
        assert response.status_code == 302, response.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:resubmit", args=[submission.pk]))
    submission.refresh_from_db()
    assert submission.state == State.RESUBMITTED

    # Round two: the same reviewer is invited again and sees the response.
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews:round_open", args=[submission.pk]),
            {"reinvite_previous": "on"},
        )
    submission.refresh_from_db()
    assert submission.state == State.UNDER_REVIEW
    second = ReviewAssignment.objects.get(round__number=2)
    assert second.reviewer == assignment.reviewer
    client.force_login(assignment.reviewer)
    client.post(
        reverse("reviews:respond", args=[second.pk]), {"competing_interests": "None"}
    )
    page = client.get(reverse("reviews:review", args=[second.pk]))
    assert b"Clarify the sampling frame" in page.content
    assert (
        client.get(
            reverse("reviews:download", args=[second.pk, "response"])
        ).status_code
        == 200
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews:review_submit", args=[second.pk]),
            {**answers, "recommendation": "accept", "comments_to_author": "Fine now."},
        )

    # The editor accepts.
    client.force_login(editor)
    accept_url = reverse("reviews:decide", args=[submission.pk, "accept"])
    initial = client.get(accept_url).context["form"].initial
    with django_capture_on_commit_callbacks(execute=True):
        client.post(accept_url, {**initial})
    submission.refresh_from_db()
    assert submission.state == State.ACCEPTED
    assert list(submission.decisions.values_list("kind", flat=True)) == [
        "minor-revision",
        "accept",
    ]
