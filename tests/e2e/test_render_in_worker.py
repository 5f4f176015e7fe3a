"""A real Celery worker renders an article: JATS, HTML and PDF, downloaded
through the site by the production editor."""

import io
import time

import pytest
from django.urls import reverse
from lxml import etree

from publishing.models import GalleyKind
from publishing.models.production import RenderJob, RenderStatus
from tests.publishing.production.factories import ArticleFactory, require_jats_schema

pytestmark = [pytest.mark.services]

WAIT_SECONDS = 120


def _wait_for_job(article, worker) -> RenderJob:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        job = RenderJob.objects.filter(article=article).order_by("-pk").first()
        if job is not None and job.status in (
            RenderStatus.SUCCEEDED,
            RenderStatus.FAILED,
        ):
            return job
        if worker.process.poll() is not None:
            pytest.fail(f"the worker exited:\n{worker.output()}")
        time.sleep(0.5)
    pytest.fail(f"no finished render within {WAIT_SECONDS}s:\n{worker.output()}")


def test_a_real_worker_renders_jats_html_and_pdf_that_download_through_the_site(
    celery_worker, client
):
    require_jats_schema()
    from pypdf import PdfReader

    from publishing.jats.schema import validate_jats

    article = ArticleFactory()
    submission = article.submission
    client.force_login(article.production_editor)

    response = client.post(reverse("production:render", args=[submission.pk]))
    assert response.status_code == 302

    job = _wait_for_job(article, celery_worker)
    assert job.status == RenderStatus.SUCCEEDED, job.error
    assert job.attempts == 1

    def download(kind) -> bytes:
        galley = article.galleys.get(kind=kind, is_current=True)
        url = reverse("production:proof_galley", args=[submission.pk, galley.pk])
        response = client.get(url)
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    jats_bytes = download(GalleyKind.JATS)
    assert validate_jats(jats_bytes) == []
    jats = etree.fromstring(jats_bytes)
    assert jats.findtext(".//article-title").startswith("Merit-based recruitment")

    html = download(GalleyKind.HTML).decode("utf-8")
    assert "Merit-based recruitment in the civil service" in html
    assert "Applicants per vacancy" in html

    pdf = download(GalleyKind.PDF)
    assert pdf.startswith(b"%PDF-")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Merit-based recruitment" in text
    assert "Open competitions raise trust" in text
