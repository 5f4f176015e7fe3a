"""Emails reach people in the language they chose, with Russian dates."""

import datetime

import pytest
from django.core import mail
from django.utils import translation

from reviews.services import review_invite, round_open
from tests.factories import UserFactory
from tests.reviews.factories import anonymous_submission

pytestmark = pytest.mark.django_db

DUE = datetime.date(2099, 3, 5)


def _invite(preferred_language):
    submission, editor = anonymous_submission()
    review_round = round_open(submission=submission, actor=editor)
    reviewer = UserFactory(preferred_language=preferred_language)
    review_invite(round=review_round, actor=editor, reviewer=reviewer, due=DUE)
    return submission


def test_reviewer_who_prefers_russian_gets_the_invitation_in_russian(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = _invite("ru")

    (message,) = [m for m in mail.outbox if "рецензированию" in m.subject]
    with translation.override("ru"):  # the title in the reader's language
        title = submission.display_title
    assert message.subject == f"Приглашение к рецензированию: {title}"
    assert "Срок представления рецензии — 5 марта 2099" in message.body
    html = message.alternatives[0][0]
    assert '<html lang="ru">' in html
    assert "Принять или отклонить" in html


def test_reviewer_who_prefers_english_gets_it_in_english(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        submission = _invite("en")

    (message,) = [m for m in mail.outbox if m.subject.startswith("Invitation")]
    assert message.subject == f"Invitation to review: {submission.display_title}"
    assert "5 March 2099" in message.body
