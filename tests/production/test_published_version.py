"""Publishing makes the published version of the galleys: the DOI, issue and
pages the proofs could not carry yet, around the body the author approved."""

import io

import pytest
from pypdf import PdfReader

from production.models import RenderStatus
from production.services import render_request
from publishing.issues.services import issue_publish
from publishing.models import GalleyKind
from submissions.models import State, Submission
from tests.factories import editor_of
from tests.production.factories import ArticleFactory, require_jats_schema
from tests.publishing.factories import IssueFactory

pytestmark = pytest.mark.django_db


def _ready_article_with_proof_galleys(capture):
    article = ArticleFactory(doi="")
    issue = IssueFactory(journal=article.journal, year=2026, number="2")
    article.issue = issue
    article.first_page, article.last_page = "11", "24"
    article.save(update_fields=["issue", "first_page", "last_page"])
    with capture(execute=True):
        render_request(article=article, actor=article.production_editor)
    Submission.objects.filter(pk=article.submission_id).update(
        state=State.READY_FOR_PUBLICATION
    )
    article.refresh_from_db()
    return article, issue


def _pdf_text(galley) -> str:
    with galley.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages)


def test_published_galleys_carry_the_doi_issue_and_pages_the_proofs_lacked(
    django_capture_on_commit_callbacks,
):
    require_jats_schema()
    article, issue = _ready_article_with_proof_galleys(
        django_capture_on_commit_callbacks
    )
    proof_body = article.jats_xml.split("<body>", 1)[1]
    assert 'pub-id-type="doi"' not in article.jats_xml
    editor = editor_of(article.journal)

    with django_capture_on_commit_callbacks(execute=True):
        issue_publish(issue=issue, actor=editor)

    article.refresh_from_db()
    assert article.doi
    assert article.doi in article.jats_xml
    assert "<fpage>11</fpage>" in article.jats_xml
    assert article.jats_xml.split("<body>", 1)[1] == proof_body
    job = article.render_jobs.first()
    assert job.status == RenderStatus.SUCCEEDED and job.requested_by is None
    for kind in (GalleyKind.JATS, GalleyKind.HTML, GalleyKind.PDF):
        assert article.galleys.get(kind=kind, is_current=True).version == 2
    pdf = article.galleys.get(kind=GalleyKind.PDF, is_current=True)
    assert article.doi in _pdf_text(pdf).replace("\n", "")


def test_a_failed_published_render_keeps_the_proof_galleys_and_the_publication(
    django_capture_on_commit_callbacks, settings
):
    require_jats_schema()
    article, issue = _ready_article_with_proof_galleys(
        django_capture_on_commit_callbacks
    )
    proof_pdf = article.galleys.get(kind=GalleyKind.PDF, is_current=True)

    settings.PDF_RENDER_TIMEOUT_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        issue_publish(issue=issue, actor=editor_of(article.journal))

    article.refresh_from_db()
    assert article.status == "published"
    assert article.galleys.get(kind=GalleyKind.PDF, is_current=True) == proof_pdf
    job = article.render_jobs.first()
    assert job.status == RenderStatus.FAILED
    assert "it took longer than 0 seconds" in job.error
