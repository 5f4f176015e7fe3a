"""After the author approved the proofs, a production editor can take the
article back into production to correct it before publication."""

import pytest
from django.urls import reverse

from production.models import MessageKind
from submissions.models import State, SubmissionEvent
from tests.factories import UserFactory
from tests.production.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready():
    article = ArticleFactory(
        submission__state=State.READY_FOR_PUBLICATION,
    )
    return article


def test_production_editor_takes_a_ready_article_back_into_production(client, ready):
    client.force_login(ready.production_editor)
    page = client.get(reverse("production:detail", args=[ready.submission_id]))
    reopen = reverse("production:reopen", args=[ready.submission_id])
    assert reopen.encode() in page.content

    response = client.post(reopen, {"body": "The second table has a wrong total."})

    assert response.status_code == 302
    ready.submission.refresh_from_db()
    assert ready.submission.state == State.IN_PRODUCTION
    event = SubmissionEvent.objects.get(
        submission=ready.submission, transition="return_to_production"
    )
    assert event.note == "The second table has a wrong total."
    assert event.actor == ready.production_editor
    note = ready.production_messages.get()
    assert (note.kind, note.body) == (
        MessageKind.NOTE,
        "The second table has a wrong total.",
    )
    assert "back in production" in client.get(response.url).content.decode()


def test_reopening_needs_a_reason_and_keeps_the_state(client, ready):
    client.force_login(ready.production_editor)

    response = client.post(
        reverse("production:reopen", args=[ready.submission_id]), {"body": " "}
    )

    assert response.status_code == 400
    ready.submission.refresh_from_db()
    assert ready.submission.state == State.READY_FOR_PUBLICATION


def test_an_article_still_in_production_offers_no_reopening_and_refuses_it(client):
    article = ArticleFactory()
    client.force_login(article.production_editor)
    reopen = reverse("production:reopen", args=[article.submission_id])

    page = client.get(reverse("production:detail", args=[article.submission_id]))
    response = client.post(reopen, {"body": "Typo."}, follow=True)

    assert reopen.encode() not in page.content
    assert "cannot be done while the submission is" in response.content.decode()
    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION


def test_someone_without_a_production_role_cannot_reopen(client, ready):
    client.force_login(UserFactory())

    response = client.post(
        reverse("production:reopen", args=[ready.submission_id]), {"body": "Typo."}
    )

    assert response.status_code == 404
    ready.submission.refresh_from_db()
    assert ready.submission.state == State.READY_FOR_PUBLICATION
