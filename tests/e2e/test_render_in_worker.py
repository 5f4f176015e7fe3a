"""A real Celery worker renders an article: JATS, HTML and PDF, downloaded
through the site. The worker is killed (SIGKILL) in the middle of the render:
the article keeps its last complete set of galleys, and the job finishes once
a worker runs again."""

import io
import json
import os
import signal
import time
import uuid

import pytest
from django.urls import reverse
from lxml import etree

from production.models import RenderJob, RenderStatus
from publishing.models import GalleyKind
from tests.e2e.conftest import start_worker
from tests.production.factories import (
    ArticleFactory,
    manuscript_docx,
    require_jats_schema,
)
from tests.publishing.factories import GalleyFactory

pytestmark = [pytest.mark.services]

WAIT_SECONDS = 180
KINDS = (GalleyKind.JATS, GalleyKind.HTML, GalleyKind.PDF)


def _wait(condition, worker, what: str):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if worker.process.poll() is not None:
            pytest.fail(
                f"the worker exited while waiting for {what}:\n{worker.output()}"
            )
        time.sleep(0.05)
    pytest.fail(f"no {what} within {WAIT_SECONDS}s:\n{worker.output()}")


def _previous_set(article) -> dict[str, bytes]:
    contents = {
        GalleyKind.JATS: b"<article><front/><body><p>previous set</p></body></article>",
        GalleyKind.HTML: b"<p>previous set</p>",
        GalleyKind.PDF: b"%PDF-1.4 previous set",
    }
    for kind, content in contents.items():
        GalleyFactory(
            article=article,
            kind=kind,
            version=1,
            size=len(content),
            file__data=content,
            file__filename=f"previous.{kind}",
        )
    return contents


def test_a_worker_killed_mid_render_leaves_the_last_set_and_a_restarted_one_finishes(
    celery_worker, client
):
    require_jats_schema()
    from pypdf import PdfReader

    from production.jats.schema import validate_jats

    # Long enough that the PDF step is still running when the worker is killed.
    article = ArticleFactory(
        submission__with_docx=manuscript_docx(paragraphs=8, figures=2, sections=3)
    )
    submission = article.submission
    previous = _previous_set(article)
    client.force_login(article.production_editor)

    def download(kind) -> bytes:
        galley = article.galleys.get(kind=kind, is_current=True)
        url = reverse("production:proof_galley", args=[submission.pk, galley.pk])
        response = client.get(url)
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    response = client.post(reverse("production:render", args=[submission.pk]))
    assert response.status_code == 302
    job = RenderJob.objects.get(article=article)

    _wait(
        lambda: RenderJob.objects.filter(pk=job.pk, step="pdf").exists(),
        celery_worker,
        "PDF step",
    )
    os.kill(celery_worker.process.pid, signal.SIGKILL)
    celery_worker.process.wait(timeout=10)

    job.refresh_from_db()
    assert job.status == RenderStatus.RUNNING, "the render finished before the kill"
    # JATS and HTML of the new version are stored, but readers still get the
    # complete previous set.
    assert article.galleys.filter(is_current=False).count() == 2
    for kind in KINDS:
        assert download(kind) == previous[kind]

    # A new worker takes the unacknowledged task once its visibility timeout
    # has passed (seconds here, half an hour by default).
    transport = json.loads(celery_worker.env["CELERY_BROKER_TRANSPORT_OPTIONS"])
    transport.update(visibility_timeout=2, unacked_restore_interval=1)
    hostname = f"e2e-{uuid.uuid4().hex[:8]}@restarted"
    celery_worker.process = start_worker(
        env={
            **celery_worker.env,
            "CELERY_BROKER_TRANSPORT_OPTIONS": json.dumps(transport),
        },
        log=celery_worker.log,
        hostname=hostname,
    )

    def finished():
        job.refresh_from_db()
        return job.status in (RenderStatus.SUCCEEDED, RenderStatus.FAILED)

    _wait(finished, celery_worker, "finished render after the restart")
    assert job.status == RenderStatus.SUCCEEDED, job.error
    assert job.attempts == 2

    jats = download(GalleyKind.JATS)
    assert validate_jats(jats) == []
    tree = etree.fromstring(jats)
    assert tree.findtext(".//article-title").startswith("Merit-based recruitment")
    html = download(GalleyKind.HTML).decode("utf-8")
    assert "Merit-based recruitment in the civil service" in html
    assert "Applicants per vacancy" in html
    pdf = download(GalleyKind.PDF)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Merit-based recruitment" in text
    assert "Open competitions raise trust" in text
    # One version of each, made current together by the finished job; what the
    # killed attempt had stored aside is gone.
    current = article.galleys.filter(is_current=True)
    assert sorted(g.kind for g in current) == sorted(KINDS)
    assert {g.version for g in current} == {2}
    assert article.galleys.count() == 6
