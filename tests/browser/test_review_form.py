"""A reviewer finds the review in the queue and scores it in Chromium."""

import pytest

from reviews.models import AssignmentState, Review, ReviewAssignment
from tests.browser.conftest import login, screenshot
from tests.factories import UserFactory
from tests.reviews.factories import (
    AssignmentFactory,
    RoundFactory,
    anonymous_submission,
    standard_form,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def assignment():
    submission, _editor = anonymous_submission(state="under-review")
    standard_form(submission.journal)
    reviewer = UserFactory(given_name="Bakhyt", family_name="Omarov")
    return AssignmentFactory(
        round=RoundFactory(submission=submission),
        reviewer=reviewer,
        state=AssignmentState.ACCEPTED,
    )


def test_reviewer_scores_saves_a_draft_and_submits(page, live_server, assignment):
    submission = assignment.submission
    login(page, live_server, assignment.reviewer)

    page.goto(f"{live_server.url}/reviews/")
    item = page.locator(f"[data-assignment='{assignment.pk}']")
    assert submission.display_title in item.inner_text()
    assert "Nurlanovna" not in page.content()
    screenshot(page, "review-queue")
    with page.expect_navigation():
        item.click()

    criteria = list(submission.journal.review_forms.get().criteria.order_by("order"))
    page.locator(f"label[for='id_c_{criteria[0].pk}_3']").click()  # 4 of 5
    page.locator(f"label[for='id_c_{criteria[1].pk}_2']").click()  # 3 of 5
    page.fill("#id_comments_to_author", "The sampling needs more detail.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save draft").click()
    assert page.get_by_text("Draft saved").is_visible()
    assert page.locator(f"#id_c_{criteria[0].pk}_3").is_checked()
    assert Review.objects.get(assignment=assignment).is_draft

    # Submitting without a recommendation is refused and nothing typed is lost.
    with page.expect_navigation():
        page.get_by_role("button", name="Submit review").click()
    assert page.get_by_text("Please complete before submitting").is_visible()
    assert (
        page.input_value("#id_comments_to_author") == "The sampling needs more detail."
    )

    page.select_option("#id_confidence", "4")
    page.select_option("#id_recommendation", "minor-revision")
    page.fill("#id_comments_to_editor", "Worth publishing after a revision.")
    screenshot(page, "review-form")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit review").click()
    assert page.url.endswith("/reviews/")
    assert page.get_by_text("Your review has been sent").is_visible()
    completed = page.locator("#h-done").locator("..")
    assert submission.display_title in completed.inner_text()
    assignment = ReviewAssignment.objects.get(pk=assignment.pk)
    assert assignment.state == AssignmentState.SUBMITTED
    assert assignment.review.answers[str(criteria[0].pk)] == 4


def test_review_form_fits_a_phone(phone_page, live_server, assignment):
    login(phone_page, live_server, assignment.reviewer)
    phone_page.goto(f"{live_server.url}/reviews/{assignment.pk}/")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380
    assert phone_page.get_by_role("button", name="Submit review").is_visible()
    screenshot(phone_page, "review-form-phone")
