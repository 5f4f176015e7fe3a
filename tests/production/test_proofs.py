"""Proofs: the author sees the galleys and approves them or sends corrections."""

import pytest
from django.urls import reverse

from production.models import MessageKind
from production.services import galley_store
from publishing.models import GalleyKind
from submissions.models import State
from tests.factories import UserFactory, pdf_bytes
from tests.production.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _with_pdf(article):
    return galley_store(
        article=article,
        kind=GalleyKind.PDF,
        content=pdf_bytes(),
        extension="pdf",
        content_type="application/pdf",
    )


def test_author_sees_the_current_galleys_on_the_proofs_page(client):
    article = ArticleFactory()
    galley = _with_pdf(article)
    author = article.submission.submitter
    client.force_login(author)

    response = client.get(reverse("production:proofs", args=[article.submission_id]))

    assert response.status_code == 200
    link = reverse("production:proof_galley", args=[article.submission_id, galley.pk])
    assert link.encode() in response.content
    download = client.get(link)
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_author_approves_proofs_and_the_submission_is_ready_for_publication(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    article = ArticleFactory()
    _with_pdf(article)
    client.force_login(article.submission.submitter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("production:proofs_approve", args=[article.submission_id]),
            {"body": "All good."},
        )

    assert response.status_code == 302
    article.submission.refresh_from_db()
    assert article.submission.state == State.READY_FOR_PUBLICATION
    assert article.production_messages.get().kind == MessageKind.PROOF_APPROVAL
    assert [m.to for m in mailoutbox] == [[article.production_editor.email]]


def test_author_sends_corrections_and_the_submission_stays_in_production(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    article = ArticleFactory()
    _with_pdf(article)
    client.force_login(article.submission.submitter)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("production:proofs_corrections", args=[article.submission_id]),
            {"body": "Table 1: Georgia's probation is 9 months."},
        )

    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION
    message = article.production_messages.get()
    assert message.kind == MessageKind.PROOF_CORRECTIONS
    assert "9 months" in mailoutbox[0].body


def test_empty_corrections_are_refused_and_nothing_is_sent(client, mailoutbox):
    article = ArticleFactory()
    _with_pdf(article)
    client.force_login(article.submission.submitter)

    response = client.post(
        reverse("production:proofs_corrections", args=[article.submission_id]),
        {"body": ""},
    )

    assert response.status_code == 400
    assert not article.production_messages.exists()


def test_proofs_cannot_be_approved_before_there_are_galleys(client):
    article = ArticleFactory()
    client.force_login(article.submission.submitter)

    client.post(reverse("production:proofs_approve", args=[article.submission_id]))

    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION


def test_another_author_gets_404_on_proofs_and_galleys(client):
    article = ArticleFactory()
    galley = _with_pdf(article)
    client.force_login(UserFactory())
    pk = article.submission_id

    assert client.get(reverse("production:proofs", args=[pk])).status_code == 404
    url = reverse("production:proof_galley", args=[pk, galley.pk])
    assert client.get(url).status_code == 404
    response = client.post(reverse("production:proofs_approve", args=[pk]))
    assert response.status_code == 404
    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION


def test_production_editor_cannot_approve_proofs_on_the_authors_behalf(client):
    article = ArticleFactory()
    _with_pdf(article)
    client.force_login(article.production_editor)

    client.post(reverse("production:proofs_approve", args=[article.submission_id]))

    article.submission.refresh_from_db()
    assert article.submission.state == State.IN_PRODUCTION
