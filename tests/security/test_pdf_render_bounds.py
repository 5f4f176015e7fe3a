"""WeasyPrint renders in a bounded child process: a document built to exhaust
memory or time fails its own render job, with a reason the production editor
sees, the previous galleys stay current, and the worker carries on."""

import re
import resource

import pytest
from django.urls import reverse

from production.models import RenderJob, RenderStatus
from production.services import article_pdf_render, render_job_run, render_request
from publishing.models import Article, GalleyKind
from tests.production.factories import ArticleFactory, require_jats_schema

# The worker may grow by at most this much while a hostile document is
# rendered (the renderer alone would need far more).
CEILING_KB = 64 * 1024
PDF_ONLY = (("pdf", article_pdf_render),)


def _peak_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _huge_table(rows: int) -> str:
    cells = "".join(f"<td>cell {c}</td>" for c in range(6))
    body = "".join(f"<tr>{cells}</tr>" for _ in range(rows))
    return f'<table-wrap id="t-huge"><table><tbody>{body}</tbody></table></table-wrap>'


def _render(article, editor) -> RenderJob:
    job = RenderJob.objects.create(article=article, requested_by=editor)
    render_job_run(job_id=job.pk, steps=PDF_ONLY)
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_a_hostile_table_fails_its_render_within_limits_and_the_worker_goes_on(
    django_capture_on_commit_callbacks, settings, mailoutbox, client
):
    require_jats_schema()
    article = ArticleFactory()
    editor = article.production_editor
    with django_capture_on_commit_callbacks(execute=True):
        render_request(article=article, actor=editor)
    article.refresh_from_db()
    good_pdf = article.galleys.get(kind=GalleyKind.PDF, is_current=True)
    good_jats = article.jats_xml
    hostile = good_jats.replace("<body>", "<body>" + _huge_table(800), 1)
    Article.objects.filter(pk=article.pk).update(jats_xml=hostile)
    article.refresh_from_db()
    mailoutbox.clear()
    before = _peak_kb()

    with django_capture_on_commit_callbacks(execute=True):
        settings.PDF_RENDER_MEMORY_MB = 16
        out_of_memory = _render(article, editor)
        settings.PDF_RENDER_MEMORY_MB, settings.PDF_RENDER_TIMEOUT_SECONDS = 768, 1
        out_of_time = _render(article, editor)

    assert _peak_kb() - before < CEILING_KB
    assert out_of_memory.status == RenderStatus.FAILED
    # Out of address space, the renderer either raises MemoryError (the
    # usual case) or a C library dies on a failed allocation.
    assert re.search(
        r"The PDF could not be rendered: (it needed more than 16 MB of memory"
        r"|the renderer stopped unexpectedly \(SIG\w+\), most likely because it "
        r"needed more than 16 MB of memory)\. The previous galleys are kept",
        out_of_memory.error,
    )
    assert out_of_time.status == RenderStatus.FAILED
    assert "The PDF could not be rendered: it took longer than 1 seconds" in (
        out_of_time.error
    )
    assert article.galleys.get(kind=GalleyKind.PDF, is_current=True) == good_pdf
    assert article.galleys.filter(kind=GalleyKind.PDF).count() == 1
    assert [m.to for m in mailoutbox] == [[editor.email]] * 2
    client.force_login(editor)
    page = client.get(reverse("production:detail", args=[article.submission.pk]))
    assert "it took longer than 1 seconds" in page.content.decode()

    # The renderer is still there for the next article.
    settings.PDF_RENDER_TIMEOUT_SECONDS = 120
    article.jats_xml = good_jats
    assert article_pdf_render(article=article).file.open("rb").read(5) == b"%PDF-"
