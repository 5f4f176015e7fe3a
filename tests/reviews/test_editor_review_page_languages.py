"""The editor's peer-review page in English and in Russian: the invitation's due
date stays readable by the browser's date input, and the review method is shown
by its translated name, not its stored value."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from journal.models import ReviewMethod
from reviews.models import ReviewAssignment
from reviews.services import default_due, round_open
from tests.factories import UserFactory
from tests.reviews.factories import anonymous_submission

pytestmark = pytest.mark.django_db

DUE_INPUT = re.compile(r'<input type="date" name="due" value="([^"]*)"')


def _under_review(client, *, language="en"):
    submission, editor = anonymous_submission()
    round_open(submission=submission, actor=editor)
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return submission


def _page(client, submission) -> str:
    response = client.get(reverse("reviews:manage", args=[submission.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _due_value(page: str) -> str:
    found = DUE_INPUT.search(page)
    assert found, "the invitation form has no date input for the due date"
    return found.group(1)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_due_date_input_gets_an_iso_date_in_every_language(client, language):
    submission = _under_review(client, language=language)

    page = _page(client, submission)

    assert f'lang="{language}"' in page
    assert _due_value(page) == default_due(submission.journal).isoformat()


def test_an_iso_due_date_is_accepted_in_russian(client):
    submission = _under_review(client, language="ru")
    reviewer = UserFactory()
    due = (timezone.now() + datetime.timedelta(days=30)).date()

    response = client.post(
        reverse("reviews:invite", args=[submission.pk]),
        {"email": reviewer.email, "due": due.isoformat()},
    )

    assert response.status_code == 302
    assignment = ReviewAssignment.objects.get(reviewer=reviewer)
    assert assignment.due_at.astimezone(submission.journal.tz).date() == due


def test_a_refused_invitation_keeps_the_typed_due_date_as_iso_in_russian(client):
    submission = _under_review(client, language="ru")

    response = client.post(
        reverse("reviews:invite", args=[submission.pk]), {"due": "2099-05-01"}
    )

    assert response.status_code == 400
    assert _due_value(response.content.decode()) == "2099-05-01"


def test_peer_review_page_names_the_review_method_in_english(client):
    submission = _under_review(client)

    page = _page(client, submission)

    assert "Review method: Double-anonymous" in page
    assert "double-anonymous<" not in page


def test_peer_review_page_names_the_review_method_in_russian(client):
    submission = _under_review(client, language="ru")

    page = _page(client, submission)

    assert "Вид рецензирования: Двойное слепое" in page
    assert "double-anonymous<" not in page


def test_a_sections_own_review_method_is_named_on_the_peer_review_page(client):
    submission, editor = anonymous_submission()
    submission.section.review_method = ReviewMethod.OPEN
    submission.section.save(update_fields=["review_method"])
    round_open(submission=submission, actor=editor)
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"

    page = _page(client, submission)

    assert "Вид рецензирования: Открытое" in page


def test_a_round_keeps_its_method_when_the_section_changes_later(client):
    submission = _under_review(client)
    submission.section.review_method = ReviewMethod.OPEN
    submission.section.save(update_fields=["review_method"])

    page = _page(client, submission)

    assert "Review method: Double-anonymous" in page
