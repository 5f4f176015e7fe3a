"""The editor's way through review without guessing: send to review leads
straight to inviting, the finder's Invite preselects the person, form errors sit
on the wrong field, a decision without reviews asks for confirmation, ratings
are always chosen. Reviewers answer invitations from their dashboard; authors
read decisions on their submission page."""

import re

import pytest
from django.urls import reverse

from reviews.models import AssignmentState, Decision, ReviewRound
from submissions.models import State, Submission
from tests.factories import RoleFactory, UserFactory
from tests.reviews.factories import (
    AssignmentFactory,
    ReviewFactory,
    RoundFactory,
    anonymous_submission,
)

pytestmark = pytest.mark.django_db


def test_send_to_peer_review_opens_the_round_and_goes_straight_to_inviting(client):
    submission, editor = anonymous_submission()
    client.force_login(editor)
    page = client.get(reverse("submissions:editor_detail", args=[submission.pk]))
    assert reverse("reviews:round_open", args=[submission.pk]) in page.text

    response = client.post(reverse("reviews:round_open", args=[submission.pk]))

    assert response.status_code == 302
    assert response.url == reverse("reviews:manage", args=[submission.pk]) + "#invite"
    assert Submission.objects.get(pk=submission.pk).state == State.UNDER_REVIEW
    assert ReviewRound.objects.filter(submission=submission).count() == 1
    manage = client.get(response.url).text
    assert 'id="invite"' in manage
    assert "Send out for review" not in manage  # no second, near-identical step
    # The editorial menu stays on the review page.
    assert reverse("submissions:editor_dashboard", args=[submission.journal.slug]) in (
        manage
    )


def test_the_finders_invite_opens_the_form_with_that_reviewer_chosen(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    RoundFactory(submission=submission)
    person = UserFactory(given_name="Dana", family_name="Finderova")
    client.force_login(editor)

    page = client.get(
        reverse("reviews:manage", args=[submission.pk]) + f"?reviewer={person.pk}"
    ).text

    assert re.search(rf'<option value="{person.pk}" selected>[^<]*Finderova', page)


def test_invite_form_errors_sit_on_the_field_and_empty_fields_get_no_tick(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    RoundFactory(submission=submission)
    client.force_login(editor)

    response = client.post(
        reverse("reviews:invite", args=[submission.pk]), {"due": "2099-05-01"}
    )

    assert response.status_code == 400
    form = response.context["invite_form"]
    assert "reviewer" in form.errors and not form.non_field_errors()
    page = response.text
    assert re.search(r'<select name="reviewer"[^>]*is-invalid', page)
    assert not re.search(r'name="given_name"[^>]*is-valid', page)
    assert not re.search(r'name="message"[^>]*is-valid', page)


def test_a_decision_without_reviews_asks_for_confirmation(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    RoundFactory(submission=submission)
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "accept"])
    initial = client.get(url).context["form"].initial
    manage = client.get(reverse("reviews:manage", args=[submission.pk])).text
    assert "data-no-reviews" in manage
    assert "btn-success" not in manage.split("data-no-reviews")[1].split("</div>")[0]

    refused = client.post(url, initial)

    assert refused.status_code == 400
    assert "Tick the box to decide anyway" in refused.text
    assert not Decision.objects.exists()
    client.post(url, {**initial, "confirm_without_reviews": "on"})
    assert Submission.objects.get(pk=submission.pk).state == State.ACCEPTED


def test_a_decision_with_reviews_needs_no_extra_confirmation(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    ReviewFactory(assignment__round=RoundFactory(submission=submission))
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "accept"])
    form = client.get(url).context["form"]
    assert "confirm_without_reviews" not in form.fields


def test_the_rating_is_never_preselected(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    review = ReviewFactory(assignment__round=RoundFactory(submission=submission))
    client.force_login(editor)
    page = client.get(reverse("reviews:manage", args=[submission.pk])).text
    assert '<option value="" selected>Rate…</option>' in page

    client.post(reverse("reviews:rate", args=[review.assignment_id]), {"rating": ""})
    review.assignment.refresh_from_db()
    assert review.assignment.editor_rating is None


def test_reviewer_dashboard_counts_invitations_and_answers_them(client):
    assignment = AssignmentFactory()
    AssignmentFactory(reviewer=assignment.reviewer)
    RoleFactory(journal=assignment.submission.journal, user=assignment.reviewer)
    client.force_login(assignment.reviewer)

    page = client.get(reverse("journal:dashboard")).text

    assert "2 invitations waiting" in page
    assert reverse("reviews:respond", args=[assignment.pk]) in page
    decline = reverse("reviews:decline_in", args=[assignment.pk])
    assert f'action="{decline}"' in page
    client.post(decline)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.DECLINED
    assert "1 invitation waiting" in client.get(reverse("journal:dashboard")).text


def test_author_reads_the_decision_letter_on_the_submission_page(client):
    submission, editor = anonymous_submission(state=State.UNDER_REVIEW)
    ReviewFactory(
        assignment__round=RoundFactory(submission=submission),
        assignment__reviewer=UserFactory(family_name="Hiddenova"),
        comments_to_author="Please add a map of the regions.",
    )
    client.force_login(editor)
    url = reverse("reviews:decide", args=[submission.pk, "minor-revision"])
    client.post(url, client.get(url).context["form"].initial)
    client.force_login(submission.submitter)

    page = client.get(reverse("submissions:detail", args=[submission.pk])).text

    assert "data-decisions" in page
    assert "Please add a map of the regions." in page
    assert "Hiddenova" not in page
