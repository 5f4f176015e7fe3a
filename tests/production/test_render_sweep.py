"""The beat sweeper: render jobs left queued or running by a lost worker are
requeued, and after a few tries failed with a message to the production editor."""

import pytest
from django.utils import timezone

from production.models import RenderJob, RenderStatus
from production.services import galley_store, render_jobs_sweep
from publishing.models import GalleyKind
from tests.production.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _fast_steps(monkeypatch):
    def step(kind):
        def run(*, article, current=True):
            return galley_store(
                article=article,
                kind=kind,
                content=f"{kind} of the new set".encode(),
                extension=kind,
                content_type="application/octet-stream",
                current=current,
            )

        return (kind, run)

    monkeypatch.setattr(
        "production.services.RENDER_STEPS",
        tuple(step(kind) for kind in (GalleyKind.JATS, GalleyKind.HTML)),
    )


def _stuck_job(article, minutes: int, **fields) -> RenderJob:
    long_ago = timezone.now() - timezone.timedelta(minutes=minutes)
    return RenderJob.objects.create(
        article=article,
        requested_by=article.production_editor,
        status=RenderStatus.RUNNING,
        attempts=1,
        step="pdf",
        queued_at=long_ago,
        started_at=long_ago,
        **fields,
    )


def test_a_job_left_running_by_a_lost_worker_is_requeued_and_finishes(
    monkeypatch, settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.RENDER_STUCK_MINUTES = 30
    _fast_steps(monkeypatch)
    article = ArticleFactory()
    job = _stuck_job(article, minutes=31)

    with django_capture_on_commit_callbacks(execute=True):
        counts = render_jobs_sweep()

    job.refresh_from_db()
    assert counts == {"requeued": 1, "failed": 0}
    assert job.status == RenderStatus.SUCCEEDED
    assert job.requeued == 1 and job.attempts == 2
    current = article.galleys.filter(is_current=True)
    assert {g.kind for g in current} == {GalleyKind.JATS, GalleyKind.HTML}
    assert mailoutbox == []


def test_a_job_within_the_limit_is_left_to_its_worker(
    settings, django_capture_on_commit_callbacks
):
    settings.RENDER_STUCK_MINUTES = 30
    job = _stuck_job(ArticleFactory(), minutes=10)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        counts = render_jobs_sweep()

    job.refresh_from_db()
    assert counts == {"requeued": 0, "failed": 0}
    assert callbacks == []
    assert job.status == RenderStatus.RUNNING


def test_a_job_that_keeps_stalling_fails_and_the_production_editor_is_told(
    settings, django_capture_on_commit_callbacks, mailoutbox
):
    settings.RENDER_STUCK_MINUTES = 30
    settings.RENDER_MAX_REQUEUES = 2
    article = ArticleFactory()
    job = _stuck_job(article, minutes=40, requeued=2)

    with django_capture_on_commit_callbacks(execute=True):
        counts = render_jobs_sweep()

    job.refresh_from_db()
    assert counts == {"requeued": 0, "failed": 1}
    assert job.status == RenderStatus.FAILED
    assert "did not finish after being started again 2 times" in job.error
    assert [m.to for m in mailoutbox] == [[article.production_editor.email]]
    assert "started again 2 times" in mailoutbox[0].body


def test_a_stalled_job_that_fails_leaves_no_stored_aside_galleys(
    settings, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    settings.RENDER_STUCK_MINUTES = 30
    settings.RENDER_MAX_REQUEUES = 2
    article = ArticleFactory()

    def store(kind, current):
        return galley_store(
            article=article,
            kind=kind,
            content=f"{kind}, current={current}".encode(),
            extension=kind,
            content_type="application/octet-stream",
            current=current,
        )

    previous = store(GalleyKind.HTML, current=True)
    job = _stuck_job(article, minutes=40, requeued=2)
    # The lost worker stored JATS and HTML aside before it died.
    aside = [store(GalleyKind.JATS, False), store(GalleyKind.HTML, False)]
    assert all(default_storage.exists(g.file.name) for g in aside)

    with django_capture_on_commit_callbacks(execute=True):
        assert render_jobs_sweep() == {"requeued": 0, "failed": 1}

    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert list(article.galleys.all()) == [previous]
    assert not any(default_storage.exists(g.file.name) for g in aside)
    assert default_storage.open(previous.file.name).read() == b"html, current=True"
