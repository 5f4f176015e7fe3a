"""Rendering in a Celery task: a new galley only on success, failures reported."""

import pytest
from celery.exceptions import Retry

from production.models import RenderJob, RenderStatus
from production.services import render_request
from production.tasks import render_article
from publishing.models import GalleyKind
from tests.production.factories import ArticleFactory, require_jats_schema

pytestmark = pytest.mark.django_db


def _current(article, kind):
    return article.galleys.get(kind=kind, is_current=True)


def test_render_creates_current_jats_html_and_pdf_and_moves_the_datestamp(
    django_capture_on_commit_callbacks,
):
    require_jats_schema()
    article = ArticleFactory()
    before = article.datestamp

    with django_capture_on_commit_callbacks(execute=True):
        job = render_request(article=article, actor=article.production_editor)

    job.refresh_from_db()
    article.refresh_from_db()
    assert job.status == RenderStatus.SUCCEEDED
    assert job.started_at and job.finished_at
    for kind in (GalleyKind.JATS, GalleyKind.HTML, GalleyKind.PDF):
        assert _current(article, kind).version == 1
    assert article.datestamp > before


def test_failed_pdf_render_keeps_the_previous_set_current_and_tells_the_editor(
    django_capture_on_commit_callbacks, settings, mailoutbox
):
    require_jats_schema()
    article = ArticleFactory()
    editor = article.production_editor
    with django_capture_on_commit_callbacks(execute=True):
        render_request(article=article, actor=editor)
    good_pdf = _current(article, GalleyKind.PDF)
    mailoutbox.clear()

    # The renderer's time is up before it starts: it is stopped like one that
    # runs too long.
    settings.PDF_RENDER_TIMEOUT_SECONDS = 0
    with django_capture_on_commit_callbacks(execute=True):
        job = render_request(article=article, actor=editor)

    job.refresh_from_db()
    assert job.status == RenderStatus.FAILED
    assert job.step == "pdf"
    assert "The PDF could not be rendered: it took longer than 0 seconds" in job.error
    assert _current(article, GalleyKind.PDF).pk == good_pdf.pk
    assert article.galleys.filter(kind=GalleyKind.PDF).count() == 1
    # The set switches together: the new JATS and HTML are not shown alone.
    assert _current(article, GalleyKind.HTML).version == 1
    assert _current(article, GalleyKind.JATS).version == 1
    assert article.galleys.count() == 3
    assert [m.to for m in mailoutbox] == [[editor.email]]
    assert "it took longer than 0 seconds" in mailoutbox[0].body


def test_invalid_jats_stops_the_render_and_keeps_all_galleys(
    django_capture_on_commit_callbacks, monkeypatch
):
    require_jats_schema()
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        render_request(article=article, actor=article.production_editor)
    article.refresh_from_db()
    good_xml = article.jats_xml

    monkeypatch.setattr(
        "production.services.build_article_jats",
        lambda article, converted=None: b"<article><bogus/></article>",
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = render_request(article=article, actor=article.production_editor)

    job.refresh_from_db()
    article.refresh_from_db()
    assert job.status == RenderStatus.FAILED and job.step == "jats"
    assert "not valid" in job.error
    assert article.jats_xml == good_xml
    assert article.galleys.filter(is_current=True).count() == 3
    assert not article.galleys.filter(version=2).exists()


def test_storage_errors_are_retried_before_the_job_fails(monkeypatch):
    article = ArticleFactory()
    calls = []

    def flaky(*, article, current=True):
        calls.append(1)
        raise OSError("storage unavailable")

    monkeypatch.setattr("production.services.RENDER_STEPS", (("jats", flaky),))
    job = render_request(article=article, actor=article.production_editor)

    with pytest.raises(Retry):
        render_article.apply(args=[job.pk], retries=0, throw=True)
    job.refresh_from_db()
    assert job.status == RenderStatus.RUNNING and job.error == ""

    render_article.apply(args=[job.pk], retries=render_article.max_retries)
    job.refresh_from_db()
    assert len(calls) == 2
    assert job.status == RenderStatus.FAILED and job.attempts == 2
    assert "storage unavailable" in job.error


def test_only_production_staff_can_request_a_render():
    from journal.errors import ActionNotAllowed

    article = ArticleFactory()
    with pytest.raises(ActionNotAllowed):
        render_request(article=article, actor=article.submission.submitter)
    assert not RenderJob.objects.exists()
