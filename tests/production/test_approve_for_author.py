"""Production staff may approve proofs on the author's behalf, with a reason
that is logged; without a reason nothing changes."""

import pytest
from django.urls import reverse

from journal.models import Role
from production.services import galley_store
from publishing.models import GalleyKind
from submissions.models import State
from tests.factories import RoleFactory, pdf_bytes
from tests.production.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _article_with_proofs():
    article = ArticleFactory()
    galley_store(
        article=article,
        kind=GalleyKind.PDF,
        content=pdf_bytes(),
        extension="pdf",
        content_type="application/pdf",
    )
    return article


def _approve(client, article, reason):
    return client.post(
        reverse("production:proofs_approve_for_author", args=[article.submission_id]),
        {"reason": reason},
    )


def test_production_editor_approves_for_the_author_and_the_reason_is_logged(client):
    article = _article_with_proofs()
    production = RoleFactory(journal=article.journal, role=Role.PRODUCTION_EDITOR)
    client.force_login(production.user)
    detail = client.get(reverse("production:detail", args=[article.submission_id]))
    assert b"data-proxy-approval" in detail.content

    _approve(client, article, "The author approved by phone on 3 December.")

    submission = article.submission
    submission.refresh_from_db()
    assert submission.state == State.READY_FOR_PUBLICATION
    event = submission.events.order_by("-pk").first()
    assert event.actor == production.user
    assert "approved by phone" in event.note
    assert "approved by phone" in article.production_messages.get().body


def test_approving_for_the_author_needs_a_reason(client):
    article = _article_with_proofs()
    client.force_login(
        RoleFactory(journal=article.journal, role=Role.PRODUCTION_EDITOR).user
    )

    response = _approve(client, article, "  ")

    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION
    assert "Say why" in client.get(response.url).content.decode()


def test_a_reviewer_of_the_journal_cannot_approve_for_the_author(client):
    article = _article_with_proofs()
    client.force_login(RoleFactory(journal=article.journal, role=Role.REVIEWER).user)

    response = _approve(client, article, "I say so.")

    assert response.status_code == 404
    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION
