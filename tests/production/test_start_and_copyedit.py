"""Starting production, copyediting with the author, typeset PDFs, dashboard."""

import pytest
from django.urls import reverse

from journal.models import Role
from production.models import CopyeditStatus, MessageKind
from publishing.models import Article, GalleyKind
from submissions.models import FileKind, State
from tests.factories import RoleFactory, docx_bytes, pdf_bytes, upload
from tests.production.factories import (
    ArticleFactory,
    ProductionSubmissionFactory,
)

pytestmark = pytest.mark.django_db


def _production_editor(journal):
    return RoleFactory(journal=journal, role=Role.PRODUCTION_EDITOR).user


def test_production_editor_starts_production_and_an_article_is_created(client):
    submission = ProductionSubmissionFactory(state=State.ACCEPTED)
    editor = _production_editor(submission.journal)
    client.force_login(editor)

    response = client.post(reverse("production:start", args=[submission.pk]))

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.state == State.IN_PRODUCTION
    article = Article.objects.get(submission=submission)
    assert article.journal == submission.journal
    assert article.section == submission.section
    assert article.status == "in-production"
    assert article.production_editor == editor


def test_author_cannot_start_production_and_no_article_appears(client):
    submission = ProductionSubmissionFactory(state=State.ACCEPTED)
    client.force_login(submission.submitter)

    response = client.post(reverse("production:start", args=[submission.pk]))

    assert response.status_code == 404
    submission.refresh_from_db()
    assert submission.state == State.ACCEPTED
    assert not Article.objects.exists()


def test_production_cannot_start_before_acceptance(client):
    submission = ProductionSubmissionFactory(state=State.UNDER_REVIEW)
    client.force_login(_production_editor(submission.journal))

    client.post(reverse("production:start", args=[submission.pk]))

    submission.refresh_from_db()
    assert submission.state == State.UNDER_REVIEW
    assert not Article.objects.exists()


def test_copyedited_file_goes_to_the_author_who_approves_it(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    article = ArticleFactory()
    author = article.submission.submitter
    client.force_login(article.production_editor)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("production:copyedit_upload", args=[article.submission_id]),
            {
                "file": upload("edited.docx", docx_bytes("Copyedited text")),
                "note": "Please check the spelling of the names in Table 1.",
            },
        )
    review = article.copyedit_reviews.get()
    assert review.file.kind == FileKind.COPYEDITED
    assert mailoutbox[-1].to == [author.email]
    assert "Table 1" in mailoutbox[-1].body

    client.force_login(author)
    page = client.get(reverse("production:proofs", args=[article.submission_id]))
    assert b"Approve the copyedited text" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "production:copyedit_approve",
                args=[article.submission_id, review.pk],
            )
        )
    review.refresh_from_db()
    assert review.status == CopyeditStatus.APPROVED
    assert mailoutbox[-1].to == [article.production_editor.email]


def test_author_answers_copyediting_with_queries(client):
    article = ArticleFactory()
    client.force_login(article.production_editor)
    client.post(
        reverse("production:copyedit_upload", args=[article.submission_id]),
        {"file": upload("edited.docx", docx_bytes("Copyedited text"))},
    )
    review = article.copyedit_reviews.get()
    client.force_login(article.submission.submitter)

    client.post(
        reverse("production:copyedit_queries", args=[article.submission_id, review.pk]),
        {"body": "Keep 'civil servants' rather than 'officials'."},
    )

    review.refresh_from_db()
    assert review.status == CopyeditStatus.QUERIES
    message = article.production_messages.get(kind=MessageKind.COPYEDIT_QUERY)
    assert "civil servants" in message.body


def test_copyedited_file_that_is_not_a_document_is_refused(client):
    article = ArticleFactory()
    client.force_login(article.production_editor)

    response = client.post(
        reverse("production:copyedit_upload", args=[article.submission_id]),
        {"file": upload("edited.docx", b"plain text, not a package" * 20)},
    )

    assert response.status_code == 400
    assert not article.copyedit_reviews.exists()


def test_typeset_pdf_upload_becomes_the_current_pdf(client):
    article = ArticleFactory()
    client.force_login(article.production_editor)

    client.post(
        reverse("production:typeset_upload", args=[article.submission_id]),
        {"file": upload("final.pdf", pdf_bytes())},
    )

    galley = article.galleys.get(kind=GalleyKind.PDF)
    assert galley.uploaded and galley.is_current


def test_a_file_that_is_not_a_pdf_is_refused_as_typeset_pdf(client):
    article = ArticleFactory()
    client.force_login(article.production_editor)

    response = client.post(
        reverse("production:typeset_upload", args=[article.submission_id]),
        {"file": upload("final.pdf", docx_bytes())},
    )

    assert response.status_code == 400
    assert not article.galleys.exists()


def test_production_dashboard_query_count_does_not_grow_with_rows(
    client, django_assert_max_num_queries
):
    first = ArticleFactory()
    journal = first.journal
    editor = first.production_editor
    client.force_login(editor)
    url = reverse("production:dashboard", args=[journal.slug])
    with django_assert_max_num_queries(12):
        small = client.get(url)
    assert small.status_code == 200
    for _ in range(4):
        ArticleFactory(submission__journal=journal, production_editor=editor)
    ProductionSubmissionFactory(journal=journal, state=State.ACCEPTED)
    with django_assert_max_num_queries(12):
        response = client.get(url)
    assert response.content.count(b"/production/submissions/") >= 6
    assert b"Start production" in response.content


def test_authors_cannot_open_the_production_dashboard(client):
    article = ArticleFactory()
    client.force_login(article.submission.submitter)
    url = reverse("production:dashboard", args=[article.journal.slug])
    assert client.get(url).status_code == 404


def test_production_page_shows_why_the_last_render_failed(client):
    from production.models import RenderJob
    from production.services import render_job_fail

    article = ArticleFactory()
    job = RenderJob.objects.create(
        article=article, requested_by=article.production_editor, step="pdf"
    )
    render_job_fail(job=job, error="Font DejaVu Serif is missing")
    client.force_login(article.production_editor)

    detail = client.get(reverse("production:detail", args=[article.submission_id]))
    dashboard = client.get(reverse("production:dashboard", args=[article.journal.slug]))

    assert b"Font DejaVu Serif is missing" in detail.content
    assert b"Font DejaVu Serif is missing" in dashboard.content


def test_production_dashboard_button_reads_open_as_a_verb_in_russian(client):
    # "Open" is also a review method ("Открытое"); the button opens a page.
    article = ArticleFactory()
    client.force_login(article.production_editor)
    client.cookies["django_language"] = "ru"
    url = reverse("production:dashboard", args=[article.journal.slug])

    html = client.get(url).content.decode()

    assert ">Открыть</a>" in html
    assert ">Открытое</a>" not in html
