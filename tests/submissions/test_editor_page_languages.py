"""The editorial office's submission page names the review method in the reader's
language rather than showing its stored value."""

import pytest
from django.conf import settings
from django.urls import reverse

from journal.models import ReviewMethod
from submissions.models import State
from tests.factories import SubmissionFactory, editor_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "label"),
    [("en", "Single-anonymous"), ("ru", "Одинарное слепое")],
)
def test_submission_page_names_the_review_method(client, language, label):
    submission = SubmissionFactory(state=State.SUBMITTED, with_manuscript=False)
    journal = submission.journal
    journal.review_method = ReviewMethod.SINGLE_ANONYMOUS
    journal.save(update_fields=["review_method"])
    client.force_login(editor_of(journal))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("submissions:editor_detail", args=[submission.pk]))

    page = response.content.decode()
    assert f'<dd class="col-sm-9">{label}</dd>' in page
    assert "single-anonymous<" not in page
