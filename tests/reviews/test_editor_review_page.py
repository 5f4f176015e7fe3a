"""The editor's peer-review page: inviting, cancelling, comparing, rating."""

import pytest
from django.urls import reverse

from journal.models import JournalRole, Role
from reviews.models import AssignmentState, ReviewAssignment
from reviews.services import assignment_accept, review_invite, round_open
from submissions.models import ReviewerPreference, State
from tests.factories import UserFactory, editor_of
from tests.reviews.factories import (
    AssignmentFactory,
    ReviewFactory,
    RoundFactory,
    anonymous_submission,
    standard_form,
)
from tests.reviews.helpers import sent_to

pytestmark = pytest.mark.django_db


def _page(client, submission):
    return client.get(reverse("reviews:manage", args=[submission.pk]))


def test_editor_sees_the_authors_suggested_and_opposed_reviewers(client):
    submission, editor = anonymous_submission()
    ReviewerPreference.objects.create(
        submission=submission,
        kind="suggested",
        name="Prof. Suggested Person",
        reason="Expert on merit systems",
    )
    ReviewerPreference.objects.create(
        submission=submission, kind="opposed", name="Dr Rival", reason="Competitor"
    )
    client.force_login(editor)
    page = _page(client, submission).content.decode()
    assert "Prof. Suggested Person" in page and "Expert on merit systems" in page
    assert "Dr Rival" in page and "Competitor" in page


def test_inviting_a_new_email_creates_a_reviewer_without_password(
    client, django_capture_on_commit_callbacks
):
    submission, editor = anonymous_submission()
    client.force_login(editor)
    client.post(reverse("reviews:round_open", args=[submission.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:invite", args=[submission.pk]),
            {"email": "Fresh@Example.org", "given_name": "Fresh", "due": "2099-05-01"},
        )
    assert response.status_code == 302
    assignment = ReviewAssignment.objects.get()
    assert assignment.reviewer.email == "fresh@example.org"
    assert not assignment.reviewer.has_usable_password()
    assert JournalRole.objects.filter(
        user=assignment.reviewer, role=Role.REVIEWER
    ).exists()
    assert assignment.due_at.astimezone(submission.journal.tz).date().isoformat() == (
        "2099-05-01"
    )
    (invitation,) = sent_to("fresh@example.org")
    assert "/reviews/invitation/" in invitation.body


def test_editor_cannot_invite_an_author(client):
    submission, editor = anonymous_submission()
    round_open(submission=submission, actor=editor)
    client.force_login(editor)
    response = client.post(
        reverse("reviews:invite", args=[submission.pk]),
        {"email": submission.submitter.email, "due": "2099-05-01"},
    )
    assert response.status_code == 400
    assert "cannot review" in response.content.decode()
    assert not ReviewAssignment.objects.exists()


def test_invite_form_keeps_what_the_editor_typed_on_error(client):
    submission, editor = anonymous_submission()
    round_open(submission=submission, actor=editor)
    client.force_login(editor)
    response = client.post(
        reverse("reviews:invite", args=[submission.pk]),
        {"email": "x@example.org", "due": "2000-01-01", "message": "Kind words"},
    )
    assert response.status_code == 400
    assert "Kind words" in response.content.decode()


def test_cancelling_an_invitation_tells_the_reviewer_and_kills_the_link(
    client, django_capture_on_commit_callbacks
):
    submission, editor = anonymous_submission()
    reviewer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = review_invite(
            round=round_open(submission=submission, actor=editor),
            actor=editor,
            reviewer=reviewer,
        )
    from tests.reviews.helpers import invitation_path

    link = invitation_path(reviewer.email)
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reviews:cancel", args=[assignment.pk]))
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.CANCELLED
    assert any("no longer needed" in m.subject for m in sent_to(reviewer.email))
    client.logout()
    assert client.get(link).status_code == 410


def test_declared_conflict_is_emailed_and_shown_to_the_editor(
    client, django_capture_on_commit_callbacks
):
    submission, editor = anonymous_submission()
    reviewer = UserFactory()
    assignment = review_invite(
        round=round_open(submission=submission, actor=editor),
        actor=editor,
        reviewer=reviewer,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assignment_accept(
            assignment=assignment,
            actor=reviewer,
            competing_interests="I co-authored with one of them in 2021.",
            has_conflict=True,
        )
    (notice,) = [m for m in sent_to(editor.email) if "Conflict" in m.subject]
    assert "co-authored" in notice.body
    client.force_login(editor)
    page = _page(client, submission).content.decode()
    assert "Conflict declared" in page and "co-authored" in page


def _two_reviews(first, second, *, scores=((5, 5), (1, 1))):
    review_round = RoundFactory()
    form = standard_form(review_round.submission.journal)
    originality, rigour, _policy = form.criteria.order_by("order")
    reviews = []
    for recommendation, (o, r) in zip((first, second), scores, strict=True):
        reviews.append(
            ReviewFactory(
                assignment=AssignmentFactory(
                    round=review_round, state=AssignmentState.SUBMITTED
                ),
                form=form,
                recommendation=recommendation,
                answers={str(originality.pk): o, str(rigour.pk): r},
            )
        )
    editor = editor_of(review_round.submission.journal)
    return review_round.submission, editor, reviews


def test_reports_side_by_side_with_mean_spread_and_disagreement(client):
    submission, editor, reviews = _two_reviews("accept", "major-revision")
    client.force_login(editor)
    response = _page(client, submission)
    page = response.content.decode()
    (summary,) = response.context["rounds"]
    originality = summary.criteria[0]
    assert originality.mean == 3.0 and originality.spread == 4.0
    assert summary.disagreement
    assert "Reviewers disagree strongly" in page
    assert "Solid work." in page  # confidential comments, for editors only
    assert "100%" in page and "0%" in page


def test_adjacent_recommendations_with_close_scores_are_not_flagged(client):
    submission, editor, _reviews = _two_reviews(
        "accept", "minor-revision", scores=((4, 4), (4, 3))
    )
    client.force_login(editor)
    (summary,) = _page(client, submission).context["rounds"]
    assert not summary.disagreement


def test_far_apart_scores_are_flagged_even_with_close_recommendations(client):
    submission, editor, _reviews = _two_reviews("minor-revision", "major-revision")
    client.force_login(editor)
    (summary,) = _page(client, submission).context["rounds"]
    assert summary.disagreement


def test_editor_rates_a_review_and_the_reviewer_never_sees_it(client):
    submission, editor, reviews = _two_reviews("accept", "accept")
    assignment = reviews[0].assignment
    client.force_login(editor)
    client.post(reverse("reviews:rate", args=[assignment.pk]), {"rating": "2"})
    assignment.refresh_from_db()
    assert assignment.editor_rating == 2 and assignment.rated_by == editor
    client.force_login(assignment.reviewer)
    for url in (
        reverse("reviews:queue"),
        reverse("reviews:review", args=[assignment.pk]),
    ):
        assert "rating" not in client.get(url).content.decode().lower()


def test_only_submitted_reviews_can_be_rated(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    assignment = AssignmentFactory(
        round=RoundFactory(submission=submission), state=AssignmentState.ACCEPTED
    )
    client.force_login(editor)
    client.post(reverse("reviews:rate", args=[assignment.pk]), {"rating": "5"})
    assignment.refresh_from_db()
    assert assignment.editor_rating is None


def test_editors_of_another_journal_get_404(client):
    submission, _editor = anonymous_submission()
    other = editor_of(anonymous_submission()[0].journal)
    client.force_login(other)
    assert _page(client, submission).status_code == 404
    assignment = AssignmentFactory(round=RoundFactory(submission=submission))
    response = client.post(reverse("reviews:cancel", args=[assignment.pk]))
    assert response.status_code == 404
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.INVITED


def test_review_page_queries_do_not_grow_with_reviewers(
    client, django_assert_max_num_queries
):
    submission, editor, _reviews = _two_reviews("accept", "reject")
    client.force_login(editor)
    with django_assert_max_num_queries(40) as few:
        _page(client, submission)
    review_round = submission.review_rounds.get()
    form = submission.journal.review_forms.get()
    for _ in range(10):
        ReviewFactory(
            assignment=AssignmentFactory(
                round=review_round, state=AssignmentState.SUBMITTED
            ),
            form=form,
        )
        AssignmentFactory(round=review_round)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = _page(client, submission)
    assert len(response.context["rounds"][0].submitted) == 12
