"""A held email is reported as held, never as sent (failures 2 and 4)."""

from html import unescape

import pytest
from django.core import mail
from django.urls import reverse

from reviews.models import AssignmentState, Decision, ReviewRound
from submissions.models import OutboxEmail, State
from tests.reviews.factories import AssignmentFactory, ReviewFactory

from .helpers import reviewer_named, signed_submission
from .signed_documents import AFFILIATION, ORCID

pytestmark = pytest.mark.django_db

SIGNED = (
    "The sampling needs a clearer description.\n\n"
    "Best regards,\nTimur Bekov, Eurasian National University"
)


def _reviewed(signed=SIGNED):
    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    round_ = ReviewRound.objects.create(submission=submission, number=1)
    reviewer = reviewer_named(
        affiliation="Eurasian National University", orcid="0000-0001-5109-3700"
    )
    assignment = AssignmentFactory(
        round=round_, reviewer=reviewer, state=AssignmentState.SUBMITTED
    )
    ReviewFactory(assignment=assignment, comments_to_author=signed)
    return submission, editor, reviewer


def test_held_decision_letter_is_reported_as_held_and_can_be_corrected(
    client, django_capture_on_commit_callbacks
):
    submission, editor, _reviewer = _reviewed()
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "major-revision"])
    draft = client.get(url).context["form"].initial

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {**draft, "seen_decisions": 0},
            follow=True,
        )
    page = unescape(response.content.decode())

    assert "The decision was sent" not in page
    assert "the letter was NOT sent to the author" in page
    assert "names the reviewers (Timur Bekov" in page
    assert "Send the corrected letter" in page
    letter = Decision.objects.get().letter_email
    assert letter.status == OutboxEmail.Status.BLOCKED
    assert submission.submitter.email not in [m.to[0] for m in mail.outbox]

    # The author's page does not show the held letter with the signature.
    client.force_login(submission.submitter)
    author_page = client.get(reverse("reviews:revise", args=[submission.pk])).text
    assert "Timur Bekov" not in author_page
    assert "Eurasian National University" not in author_page
    assert "The editor is finalising the letter" in author_page

    client.force_login(editor)
    corrected = draft["letter_body"].replace(
        "Best regards,\nTimur Bekov, Eurasian National University", ""
    )
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            reverse("reviews:letter_resend", args=[Decision.objects.get().pk]),
            {"letter_subject": draft["letter_subject"], "letter_body": corrected},
            follow=True,
        )
    assert "the letter is on its way to the author" in unescape(done.text)
    sent = [m for m in mail.outbox if m.to == [submission.submitter.email]]
    assert len(sent) == 1
    assert "Timur Bekov" not in sent[0].body
    assert "The sampling needs a clearer description." in sent[0].body
    client.force_login(submission.submitter)
    author_page = client.get(reverse("reviews:revise", args=[submission.pk])).text
    assert "The sampling needs a clearer description." in author_page
    assert "Timur Bekov" not in author_page


@pytest.mark.parametrize(
    "signature, found",
    [
        ("Kind regards, Eurasian National University", "Eurasian National University"),
        ("My ORCID iD is 0000-0001-5109-3700.", "0000-0001-5109-3700"),
    ],
)
def test_letter_naming_a_reviewers_institution_or_orcid_is_held(
    client, django_capture_on_commit_callbacks, signature, found
):
    submission, editor, _reviewer = _reviewed(
        signed="Clarify the sampling. " + signature
    )
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "minor-revision"])
    draft = client.get(url).context["form"].initial

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**draft, "seen_decisions": 0})

    letter = Decision.objects.get().letter_email
    assert letter.status == OutboxEmail.Status.BLOCKED
    assert found in letter.error
    assert mail.outbox and all(
        m.to != [submission.submitter.email] for m in mail.outbox
    )


@pytest.mark.parametrize("naming", [AFFILIATION, ORCID])
def test_invitation_naming_the_authors_institution_or_orcid_is_held_and_said_so(
    client, django_capture_on_commit_callbacks, naming
):
    from submissions.models import FileKind

    from .helpers import add_file
    from .signed_documents import signed_docx

    submission, editor = signed_submission(state=State.UNDER_REVIEW)
    add_file(
        submission, FileKind.ANONYMISED, signed_docx(byline=None, affiliation=None)
    )
    ReviewRound.objects.create(submission=submission, number=1)
    reviewer = reviewer_named()
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:invite", args=[submission.pk]),
            {
                "email": reviewer.email,
                "due": "2099-01-01",
                "message": f"A study from the {naming} team (ref. {naming}).",
            },
            follow=True,
        )
    page = unescape(response.text)

    assert "has been invited" not in page
    assert "the invitation email was NOT sent" in page
    assert naming in page
    assert reviewer.email not in [m.to[0] for m in mail.outbox]
    held = OutboxEmail.objects.get(key="review_invitation")
    assert held.status == OutboxEmail.Status.BLOCKED
