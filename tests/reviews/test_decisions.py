"""Editorial decisions: letters from templates, the state they drive, races."""

import pytest
from django.core import mail
from django.urls import reverse

from journal.errors import DomainError
from journal.models import EmailTemplate, ReviewMethod
from reviews.models import AssignmentState, Decision
from reviews.services import decision_letter_draft, decision_make
from submissions.models import State, Submission
from tests.factories import UserFactory
from tests.reviews.factories import (
    AssignmentFactory,
    ReviewFactory,
    RoundFactory,
    anonymous_submission,
)

pytestmark = pytest.mark.django_db


def _reviewed(method=ReviewMethod.DOUBLE_ANONYMOUS):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    submission.journal.review_method = method
    submission.journal.save(update_fields=["review_method"])
    review_round = RoundFactory(submission=submission)
    for name, comment in (("Timur", "Needs a map."), ("Olga", "Great data.")):
        reviewer = UserFactory(given_name=name, family_name="Reviewerova")
        ReviewFactory(
            assignment=AssignmentFactory(
                round=review_round, reviewer=reviewer, state=AssignmentState.SUBMITTED
            ),
            comments_to_author=comment,
        )
    return Submission.objects.get(pk=submission.pk), editor


def test_two_editors_deciding_at_once_record_exactly_one_decision():
    submission, first = _reviewed()
    from tests.factories import editor_of

    second = editor_of(submission.journal)
    # Both loaded the submission before either decided.
    theirs = Submission.objects.get(pk=submission.pk)
    decision_make(
        submission=submission,
        actor=first,
        kind="reject",
        letter_subject="Decision",
        letter_body="We cannot publish it.",
        seen_decisions=0,
    )
    with pytest.raises(DomainError) as refused:
        decision_make(
            submission=theirs,
            actor=second,
            kind="accept",
            letter_subject="Accepted",
            letter_body="Congratulations.",
            seen_decisions=0,
        )
    assert "already recorded a decision" in str(refused.value)
    assert Decision.objects.filter(submission=submission).count() == 1
    submission.refresh_from_db()
    assert submission.state == State.REJECTED
    assert theirs.state == State.UNDER_REVIEW  # the loser's copy is left as it was


def test_second_editor_is_told_over_http(client, django_capture_on_commit_callbacks):
    from tests.factories import editor_of

    submission, first = _reviewed()
    second = editor_of(submission.journal)
    url = reverse("reviews:decide", args=[submission.pk, "accept"])
    client.force_login(first)
    first_form = client.get(url).context["form"].initial
    other = client.__class__()
    other.force_login(second)
    second_form = (
        other.get(reverse("reviews:decide", args=[submission.pk, "reject"]))
        .context["form"]
        .initial
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, first_form).status_code == 302
        response = other.post(
            reverse("reviews:decide", args=[submission.pk, "reject"]),
            second_form,
            follow=True,
        )
    assert "already recorded a decision" in response.content.decode()
    assert list(Decision.objects.values_list("kind", flat=True)) == ["accept"]
    assert len([m for m in mail.outbox if submission.submitter.email in m.to]) == 1


def test_letter_names_reviewers_by_number_in_anonymous_review():
    submission, editor = _reviewed()
    subject, body = decision_letter_draft(
        submission=submission, actor=editor, kind="major-revision"
    )
    assert "Reviewer 1" in body and "Reviewer 2" in body
    assert "Needs a map." in body and "Great data." in body
    assert "Timur" not in body and "Reviewerova" not in body
    assert submission.display_title in subject


def test_letter_names_reviewers_in_open_review():
    submission, editor = _reviewed(method=ReviewMethod.OPEN)
    _subject, body = decision_letter_draft(
        submission=submission, actor=editor, kind="minor-revision"
    )
    assert "Timur Reviewerova" in body


def test_letter_uses_the_journals_template_in_the_authors_language():
    submission, editor = _reviewed()
    submission.submitter.preferred_language = "ru"
    submission.submitter.save(update_fields=["preferred_language"])
    EmailTemplate.objects.create(
        journal=submission.journal,
        key="decision_reject",
        language="ru",
        subject="Решение по рукописи",
        body="Уважаемый автор!{% for r in reports %}\n{{ r.label }}: {{ r.comments }}"
        "{% endfor %}",
    )
    subject, body = decision_letter_draft(
        submission=submission, actor=editor, kind="reject"
    )
    assert subject == "Решение по рукописи"
    assert body.startswith("Уважаемый автор!")
    assert "Needs a map." in body


def test_edited_letter_is_what_the_author_receives(
    client, django_capture_on_commit_callbacks
):
    submission, editor = _reviewed()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("reviews:decide", args=[submission.pk, "reject"]),
            {
                "letter_subject": "Your manuscript",
                "letter_body": "Dear author,\nWe're sorry & wish you well.",
                "seen_decisions": 0,
            },
        )
    sent = [m for m in mail.outbox if submission.submitter.email in m.to][-1]
    assert sent.subject == "Your manuscript"
    assert "We're sorry & wish you well." in sent.body


def test_desk_reject_before_review_sends_a_letter(
    client, django_capture_on_commit_callbacks
):
    submission, editor = anonymous_submission()
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "desk-reject"])
    initial = client.get(url).context["form"].initial
    assert "not to send it out for peer review" in initial["letter_body"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, initial)
    submission.refresh_from_db()
    assert submission.state == State.DESK_REJECTED
    assert Decision.objects.get().round is None


def test_decision_not_allowed_in_this_state_leaves_everything_as_it_was(client):
    submission, editor = anonymous_submission()
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "minor-revision"])
    response = client.get(url, follow=True)
    assert "cannot be done" in response.content.decode()
    with pytest.raises(DomainError):
        decision_make(
            submission=submission,
            actor=editor,
            kind="reject",
            letter_subject="x",
            letter_body="y",
        )
    assert not Decision.objects.exists()


def test_people_who_are_not_its_editors_cannot_decide(client):
    submission, _editor = _reviewed()
    client.force_login(submission.submitter)
    url = reverse("reviews:decide", args=[submission.pk, "accept"])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"letter_subject": "a", "letter_body": "b"}).status_code == 404
    )
    client.force_login(UserFactory())
    assert (
        client.get(reverse("reviews:manage", args=[submission.pk])).status_code == 404
    )
