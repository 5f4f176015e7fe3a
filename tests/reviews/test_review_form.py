"""Writing a review: drafts, required criteria, locking, the annotated file."""

import pytest
from django.urls import reverse

from reviews.models import AssignmentState, CriterionKind, Review
from tests.factories import docx_bytes, not_a_zip_docx, upload
from tests.reviews.factories import (
    AssignmentFactory,
    CriterionFactory,
    ReviewFormFactory,
    standard_form,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted():
    assignment = AssignmentFactory(state=AssignmentState.ACCEPTED)
    form = standard_form(assignment.submission.journal)
    return assignment, list(form.criteria.order_by("order"))


def _answers(criteria, **extra):
    originality, rigour, policy = criteria
    return {
        f"c_{originality.pk}": "5",
        f"c_{rigour.pk}": "2",
        f"c_{policy.pk}": "no",
        "confidence": "3",
        "recommendation": "major-revision",
        "comments_to_author": "Section 4 overstates the findings.",
        "comments_to_editor": "",
        **extra,
    }


def test_form_shows_each_criterion_with_its_scale_and_description(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    page = client.get(reverse("reviews:review", args=[assignment.pk])).content.decode()
    assert "Methodological rigour" in page
    assert "How well does the manuscript do this?" in page
    assert page.count(f'name="c_{criteria[0].pk}"') == 5
    assert page.count(f'name="c_{criteria[2].pk}"') == 2


def test_draft_is_kept_half_done_and_shown_again(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    url = reverse("reviews:review", args=[assignment.pk])
    response = client.post(
        url, {f"c_{criteria[0].pk}": "4", "comments_to_author": "Half way."}
    )
    assert response.status_code == 302
    review = Review.objects.get(assignment=assignment)
    assert review.is_draft and review.answers == {str(criteria[0].pk): 4}
    page = client.get(url).content.decode()
    assert "Half way." in page
    assert f'id="id_c_{criteria[0].pk}_3" value="4" checked' in page


def test_submitting_without_required_criteria_names_what_is_missing(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    data = _answers(criteria)
    del data[f"c_{criteria[1].pk}"]
    response = client.post(reverse("reviews:review_submit", args=[assignment.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please complete before submitting: Methodological rigour" in page
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED
    review = Review.objects.get(assignment=assignment)
    assert review.is_draft
    assert review.comments_to_author == "Section 4 overstates the findings."


def test_optional_criterion_may_stay_unanswered(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    data = _answers(criteria)
    del data[f"c_{criteria[2].pk}"]
    client.post(reverse("reviews:review_submit", args=[assignment.pk]), data)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.SUBMITTED


def test_submitted_review_is_locked(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    client.post(
        reverse("reviews:review_submit", args=[assignment.pk]), _answers(criteria)
    )
    response = client.post(
        reverse("reviews:review", args=[assignment.pk]),
        _answers(criteria, comments_to_author="Changed my mind."),
    )
    assert response.status_code == 400
    assert "can no longer be changed" in response.content.decode()
    review = Review.objects.get(assignment=assignment)
    assert review.comments_to_author == "Section 4 overstates the findings."
    page = client.get(reverse("reviews:review", args=[assignment.pk])).content.decode()
    assert "Submit review" not in page


def test_out_of_range_score_is_refused(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    response = client.post(
        reverse("reviews:review", args=[assignment.pk]),
        {f"c_{criteria[0].pk}": "9"},
    )
    assert response.status_code == 400
    assert Review.objects.get(assignment=assignment).answers == {}


def test_weighted_score_uses_the_weights():
    form = ReviewFormFactory()
    light = CriterionFactory(form=form, weight=1)
    heavy = CriterionFactory(form=form, weight=3)
    yes = CriterionFactory(form=form, kind=CriterionKind.YESNO, weight=1)
    review = Review(form=form, answers={str(light.pk): 5, str(heavy.pk): 1})
    assert review.weighted_score == pytest.approx(0.25)
    review.answers[str(yes.pk)] = True
    assert review.weighted_score == pytest.approx(2 / 5)
    assert Review(form=form, answers={}).weighted_score is None


def test_annotated_file_is_content_checked(client, accepted):
    assignment, criteria = accepted
    client.force_login(assignment.reviewer)
    url = reverse("reviews:review", args=[assignment.pk])
    bad = client.post(url, {"annotated_file": upload("notes.docx", not_a_zip_docx())})
    assert bad.status_code == 400
    assert not Review.objects.get(assignment=assignment).annotated_file
    good = client.post(
        url, {"annotated_file": upload("my-notes.docx", docx_bytes("Notes"))}
    )
    assert good.status_code == 302
    review = Review.objects.get(assignment=assignment)
    assert review.annotated_extension == "docx"
    assert "my-notes" not in review.annotated_file.name


def test_section_form_takes_precedence_over_the_journals(client):
    assignment = AssignmentFactory(state=AssignmentState.ACCEPTED)
    submission = assignment.submission
    general = ReviewFormFactory(journal=submission.journal)
    CriterionFactory(form=general, label="General question")
    special = ReviewFormFactory(journal=submission.journal, section=submission.section)
    CriterionFactory(form=special, label="Section question")
    client.force_login(assignment.reviewer)
    page = client.get(reverse("reviews:review", args=[assignment.pk])).content.decode()
    assert "Section question" in page and "General question" not in page
