"""The Django admin lists submissions and their records with filters and search."""

import pytest
from django.urls import reverse

from submissions.models import State
from submissions.services import submission_submit
from tests.factories import SubmissionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    [
        "submission",
        "contributor",
        "submissionfile",
        "submissionevent",
        "reviewerpreference",
        "outboxemail",
    ],
)
def test_admin_lists_load_with_search(admin_client, model):
    submission = SubmissionFactory()
    submission_submit(submission=submission, actor=submission.submitter)
    url = reverse(f"admin:submissions_{model}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "merit"}).status_code == 200


def test_admin_shows_state_read_only_with_the_event_log(admin_client):
    submission = SubmissionFactory()
    submission_submit(submission=submission, actor=submission.submitter)
    response = admin_client.get(
        reverse("admin:submissions_submission_change", args=[submission.pk])
    )
    assert response.status_code == 200
    assert 'name="state"' not in response.text
    assert "submit" in response.text and str(State.SUBMITTED.label) in response.text
