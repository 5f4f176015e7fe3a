"""Production use cases: start, copyediting, JATS, rendering, galleys and proofs.

Every write goes through these functions; views, tasks and commands call them.
"""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.bounded_process import BoundedProcessError
from journal.errors import ActionNotAllowed, DomainError
from journal.models import JournalRole, Licence, Role
from journal.queue import task_enqueue_on_commit
from journal.rules import check_perm
from production.jats import build_article_jats, convert_source, validate_jats
from production.jats.schema import SchemaMissing
from production.models import (
    ArticleMedia,
    CopyeditReview,
    CopyeditStatus,
    MessageKind,
    ProductionMessage,
    RenderJob,
    RenderStatus,
)
from production.render.html import jats_to_html
from production.render.pdf import media_pdf_url, render_pdf
from publishing.models import Article, ArticleStatus, Galley, GalleyKind
from submissions import filetypes
from submissions.models import FileKind, State, Submission
from submissions.services import (
    email_queue,
    submission_file_upload,
    submission_transition,
)

logger = logging.getLogger(__name__)


# --- permissions ------------------------------------------------------------
def _check_staff(submission: Submission, actor) -> None:
    check_perm(
        actor,
        "production.run",
        submission,
        _("Only the journal's production editors can do this."),
    )


def _check_author(submission: Submission, actor) -> None:
    if not (actor.is_authenticated and submission.submitter_id == actor.pk):
        raise ActionNotAllowed(_("Only the submitting author can do this."))


def _check_in_production(submission: Submission) -> None:
    if submission.state != State.IN_PRODUCTION:
        raise DomainError(
            _("This can only be done while the submission is in production."),
            code="wrong_state",
        )


def production_editors_to_notify(article: Article) -> list:
    """The article's production editor, else every production editor of the journal."""
    if article.production_editor_id:
        return [article.production_editor]
    rows = JournalRole.objects.filter(
        journal_id=article.journal_id, role=Role.PRODUCTION_EDITOR
    ).select_related("user")
    return [row.user for row in rows]


def _notify_production(article: Article, *, key: str, context: dict) -> None:
    submission = article.submission
    for person in production_editors_to_notify(article):
        email_queue(
            key=key,
            journal=article.journal,
            to_email=person.email,
            recipient=person,
            submission=submission,
            context={"article": article, **context},
        )


def _notify_author(article: Article, *, key: str, context: dict) -> None:
    submission = article.submission
    email_queue(
        key=key,
        journal=article.journal,
        to_email=submission.submitter.email,
        recipient=submission.submitter,
        submission=submission,
        context={"article": article, **context},
    )


# --- starting production ------------------------------------------------------
def production_start(*, submission: Submission, actor) -> Article:
    """Move an accepted submission into production and create its Article.

    Raises DomainError (not accepted) or ActionNotAllowed; nothing changes then.
    """
    with transaction.atomic():
        submission_transition(
            submission=submission, actor=actor, name="start_production"
        )
        article, created = Article.objects.get_or_create(
            submission=submission,
            defaults={
                "journal": submission.journal,
                "section": submission.section,
                "status": ArticleStatus.IN_PRODUCTION,
                "production_editor": actor,
            },
        )
        if not created and article.production_editor_id is None:
            article.production_editor = actor
            article.save(update_fields=["production_editor"])
    return article


# --- copyediting --------------------------------------------------------------
def copyedit_upload(
    *, article: Article, actor, upload, note: str = ""
) -> CopyeditReview:
    """Store a copyedited file and ask the author to review it."""
    submission = article.submission
    _check_staff(submission, actor)
    _check_in_production(submission)
    with transaction.atomic():
        record = submission_file_upload(
            submission=submission,
            actor=actor,
            kind=FileKind.COPYEDITED,
            upload=upload,
            description=note[:300],
        )
        review = CopyeditReview.objects.create(
            article=article, file=record, requested_by=actor
        )
        if note.strip():
            ProductionMessage.objects.create(
                article=article,
                review=review,
                sender=actor,
                kind=MessageKind.NOTE,
                body=note.strip(),
            )
        _notify_author(
            article,
            key="production_copyedit_review",
            context={"review": review, "note": note.strip()},
        )
    return review


def copyedit_respond(
    *, review: CopyeditReview, actor, approve: bool, message: str = ""
) -> ProductionMessage:
    """The author approves the copyedited file, or answers with queries."""
    article = review.article
    submission = article.submission
    _check_author(submission, actor)
    _check_in_production(submission)
    if review.status != CopyeditStatus.PENDING:
        raise DomainError(_("You have already answered about this file."))
    message = message.strip()
    if not approve and not message:
        raise DomainError(_("Write your queries or corrections first."))
    with transaction.atomic():
        review.status = CopyeditStatus.APPROVED if approve else CopyeditStatus.QUERIES
        review.responded_at = timezone.now()
        review.save(update_fields=["status", "responded_at"])
        kind = MessageKind.COPYEDIT_APPROVAL if approve else MessageKind.COPYEDIT_QUERY
        msg = ProductionMessage.objects.create(
            article=article, review=review, sender=actor, kind=kind, body=message
        )
        _notify_production(
            article,
            key="production_author_reply",
            context={"message": msg, "kind_label": msg.get_kind_display()},
        )
    return msg


# --- galleys ----------------------------------------------------------------
def galley_store(
    *,
    article: Article,
    kind: str,
    content: bytes,
    extension: str,
    content_type: str,
    uploaded: bool = False,
    label: str = "",
    current: bool = True,
) -> Galley:
    """Store a new version of a galley and make it the current one of its kind.

    In one transaction: the new row becomes current, the others of that kind
    stop being current, and the article's datestamp moves for harvesters. With
    current=False the new version is only stored, for galleys_switch() to make
    current together with the rest of its set.
    """
    galley = Galley(
        article=article,
        kind=kind,
        label=label or str(GalleyKind(kind).label),
        content_type=content_type,
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded=uploaded,
    )
    galley.file.save(f"{kind}.{extension}", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            locked = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
            last = locked.galleys.filter(kind=kind).aggregate(m=Max("version"))["m"]
            galley.version = (last or 0) + 1
            galley.is_current = current
            if current:
                locked.galleys.filter(kind=kind, is_current=True).update(
                    is_current=False
                )
            galley.save()
            if current:
                locked.touch()
                locked.save(update_fields=["datestamp"])
                article.datestamp = locked.datestamp
    except Exception:
        if galley.file.name:
            galley.file.storage.delete(galley.file.name)
        raise
    return galley


def galleys_switch(*, article: Article, galleys: list[Galley]) -> None:
    """Make a rendered set of galleys current together, in one transaction.

    Readers see the previous set (HTML, JATS and PDF of one version) until
    this commits, and the new set after. A JATS galley in the set also becomes
    the article's JATS text.
    """
    with transaction.atomic():
        locked = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
        kinds = [galley.kind for galley in galleys]
        locked.galleys.filter(kind__in=kinds, is_current=True).update(is_current=False)
        Galley.objects.filter(pk__in=[galley.pk for galley in galleys]).update(
            is_current=True
        )
        fields = ["datestamp"]
        if GalleyKind.JATS in kinds:
            locked.jats_xml = article.jats_xml
            fields.append("jats_xml")
        locked.touch()
        locked.save(update_fields=fields)
        article.datestamp = locked.datestamp
    for galley in galleys:
        galley.is_current = True


def _galleys_discard(galleys: list[Galley]) -> None:
    """Remove the stored part of a set that did not complete."""
    for galley in galleys:
        if galley.file.name:
            galley.file.storage.delete(galley.file.name)
        galley.delete()


def typeset_pdf_upload(*, article: Article, actor, upload) -> Galley:
    """A PDF typeset outside the system replaces the rendered one as current."""
    _check_staff(article.submission, actor)
    name = getattr(upload, "name", "galley.pdf") or "galley.pdf"
    filetypes.check_upload(
        upload,
        allowed={filetypes.PDF},
        max_bytes=settings.SUBMISSION_MAX_UPLOAD_BYTES,
        name=name,
    )
    upload.seek(0)
    return galley_store(
        article=article,
        kind=GalleyKind.PDF,
        content=upload.read(),
        extension="pdf",
        content_type=filetypes.PDF,
        uploaded=True,
    )


# --- JATS -------------------------------------------------------------------
def _store_media(article: Article, media: dict[str, tuple[bytes, str]]) -> None:
    existing = set(article.media.values_list("name", flat=True))
    for name, (data, content_type) in media.items():
        if name in existing:
            continue
        item = ArticleMedia(
            article=article, name=name, content_type=content_type, size=len(data)
        )
        item.file.save(name, ContentFile(data), save=False)
        item.save()


def article_jats_store(
    *, article: Article, xml: bytes, media: dict | None = None, current: bool = True
) -> Galley:
    """Validate a JATS document and, only if valid, store it with its figures.

    Raises DomainError listing the validator's messages when it is invalid; the
    article's previous JATS stays as it was. With current=False the article's
    JATS text changes only in memory, for the next steps of a render, until
    galleys_switch() stores it.
    """
    try:
        errors = validate_jats(xml)
    except SchemaMissing as exc:
        raise DomainError(
            _("The JATS schema is not installed, so nothing was stored: %(e)s")
            % {"e": exc}
        ) from exc
    if errors:
        shown = errors[:20]
        more = len(errors) - len(shown)
        text = "\n".join(shown) + (
            "\n" + _("…and %(n)s more.") % {"n": more} if more else ""
        )
        raise DomainError(
            _(
                "The JATS XML is not valid against JATS 1.3, so it was not stored:\n%(e)s"
            )
            % {"e": text},
            code="invalid_jats",
        )
    with transaction.atomic():
        _store_media(article, media or {})
        if current:
            Article.objects.filter(pk=article.pk).update(jats_xml=xml.decode("utf-8"))
        article.jats_xml = xml.decode("utf-8")
        return galley_store(
            article=article,
            kind=GalleyKind.JATS,
            content=xml,
            extension="xml",
            content_type="application/xml",
            current=current,
        )


def article_jats_generate(*, article: Article, current: bool = True) -> Galley:
    """Convert the source file, add the front matter, validate and store."""
    converted = convert_source(article.submission)
    xml = build_article_jats(article, converted=converted)
    return article_jats_store(
        article=article, xml=xml, media=converted.media, current=current
    )


# --- HTML and PDF -------------------------------------------------------------
def media_url(article: Article, name: str) -> str:
    return reverse("production:media", args=[article.pk, name])


def _require_jats(article: Article) -> str:
    if not article.jats_xml:
        raise DomainError(_("Generate the JATS XML first."))
    return article.jats_xml


def article_html_parts(article: Article):

    return jats_to_html(_require_jats(article), lambda n: media_url(article, n))


def article_html_render(*, article: Article, current: bool = True) -> Galley:

    html = render_to_string(
        "production/render/article.html", {"a": article_html_parts(article)}
    )
    return galley_store(
        article=article,
        kind=GalleyKind.HTML,
        content=html.encode("utf-8"),
        extension="html",
        content_type="text/html; charset=utf-8",
        current=current,
    )


def _media_loader(article: Article):
    records = {m.name: m for m in article.media.all()}

    def load(name: str):
        record = records.get(name)
        if record is None:
            return None
        with record.file.open("rb") as fh:
            return fh.read(), record.content_type

    return load


def article_pdf_bytes(article: Article) -> bytes:
    """The tagged, archival PDF with the article's JATS embedded.

    Raises DomainError, saying why, when the renderer runs out of time or
    memory or fails on the document.
    """
    jats = _require_jats(article)
    parts = jats_to_html(jats, media_pdf_url)
    licence = article.journal.default_licence
    label = Licence(licence).label if licence in Licence.values else licence
    try:
        return render_pdf(
            parts,
            load_media=_media_loader(article),
            licence_label=label,
            jats=jats.encode("utf-8"),
        )
    except BoundedProcessError as exc:
        if exc.reason == "timeout":
            why = _("it took longer than %(n)s seconds") % {
                "n": settings.PDF_RENDER_TIMEOUT_SECONDS
            }
        elif exc.reason == "memory":
            why = _("it needed more than %(n)s MB of memory") % {
                "n": settings.PDF_RENDER_MEMORY_MB
            }
        elif exc.reason == "killed":
            why = _(
                "the renderer stopped unexpectedly (%(signal)s), most likely "
                "because it needed more than %(n)s MB of memory"
            ) % {"signal": exc.detail, "n": settings.PDF_RENDER_MEMORY_MB}
        else:
            why = exc.detail or _("the renderer stopped")
        raise DomainError(
            _(
                "The PDF could not be rendered: %(e)s. The previous galleys are "
                "kept. Shorten or split what makes the article so large (very "
                "long tables, deeply nested lists), then render again."
            )
            % {"e": why}
        ) from exc


def article_pdf_render(*, article: Article, current: bool = True) -> Galley:
    return galley_store(
        article=article,
        kind=GalleyKind.PDF,
        content=article_pdf_bytes(article),
        extension="pdf",
        content_type="application/pdf",
        current=current,
    )


def article_jats_refresh(*, article: Article, current: bool = True) -> Galley:
    """Rebuild the front matter from the database around the stored body.

    After publication the DOI, volume, issue, pages and date are known; the
    body stays the one the author approved in the proofs.
    """
    return article_jats_store(
        article=article, xml=build_article_jats(article), current=current
    )


# --- render jobs ------------------------------------------------------------
RENDER_STEPS = (
    ("jats", article_jats_generate),
    ("html", article_html_render),
    ("pdf", article_pdf_render),
)
# The published version: no new conversion of the manuscript, only the front
# matter and the galleys made from it.
PUBLICATION_STEPS = (
    ("jats", article_jats_refresh),
    ("html", article_html_render),
    ("pdf", article_pdf_render),
)


class TransientRenderError(Exception):
    """A failure worth retrying (storage or network hiccup)."""


def _render_enqueue(job: RenderJob) -> None:
    task_enqueue_on_commit(
        "production.tasks.render_article", job_id=job.pk, publication=job.publication
    )


def render_request(*, article: Article, actor) -> RenderJob:
    """Queue JATS → HTML → PDF for an article; the job runs after commit."""
    _check_staff(article.submission, actor)
    _check_in_production(article.submission)
    job = RenderJob.objects.create(article=article, requested_by=actor)
    _render_enqueue(job)
    return job


def render_after_publication(*, article: Article) -> RenderJob | None:
    """Queue the published version of the galleys, to run after commit.

    Call inside the publishing transaction. An article without JATS (a typeset
    PDF uploaded by hand) keeps its galleys as they are, and None is returned.
    """
    if not article.jats_xml:
        return None
    job = RenderJob.objects.create(article=article, requested_by=None, publication=True)
    _render_enqueue(job)
    return job


def render_job_run(
    *, job_id: int, final_attempt: bool = True, steps=RENDER_STEPS
) -> RenderJob:
    """Run the steps in order, then make their galleys current together.

    Each step stores its galley aside; only when every step has succeeded do
    the new galleys replace the current set, in one transaction, so readers
    never see HTML, JATS and PDF of different versions. A failing step stops
    the job, discards what it stored, keeps the current set, records the error
    and tells the production editor. An OSError is raised again as
    TransientRenderError unless this is the final attempt, so the task
    retries. A job already finished (a message delivered twice) is left as
    it is; a job whose earlier attempt died midway starts over.
    """
    job = RenderJob.objects.select_related(
        "article__submission", "article__journal"
    ).get(pk=job_id)
    if job.status in (RenderStatus.SUCCEEDED, RenderStatus.FAILED):
        return job
    article = job.article
    # An earlier attempt of this job died midway (a lost worker): what it
    # stored aside never became current; it goes before this attempt.
    _attempt_leftovers_discard(job)
    job.status = RenderStatus.RUNNING
    job.started_at = timezone.now()
    job.attempts += 1
    job.error = ""
    job.step = ""
    job.save(update_fields=["status", "started_at", "attempts", "error", "step"])
    stored: list[Galley] = []
    for step, run in steps:
        job.step = step
        job.save(update_fields=["step"])
        try:
            stored.append(run(article=article, current=False))
        except OSError as exc:
            _galleys_discard(stored)
            if not final_attempt:
                raise TransientRenderError(str(exc)) from exc
            return render_job_fail(job=job, error=str(exc))
        except DomainError as exc:
            _galleys_discard(stored)
            return render_job_fail(job=job, error=exc.message)
        except Exception as exc:  # noqa: BLE001 - any renderer failure is reported
            logger.exception("render step %s failed for article %s", step, article.pk)
            _galleys_discard(stored)
            return render_job_fail(job=job, error=f"{type(exc).__name__}: {exc}")
    galleys_switch(article=article, galleys=stored)
    job.status = RenderStatus.SUCCEEDED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "step", "finished_at"])
    return job


def _attempt_leftovers_discard(job: RenderJob) -> None:
    """Remove the galleys (rows and files) that the job's last attempt stored
    aside and that never became current."""
    if job.started_at is None:
        return
    _galleys_discard(
        list(
            job.article.galleys.filter(
                is_current=False, uploaded=False, created_at__gte=job.started_at
            )
        )
    )


def render_jobs_sweep(*, now=None) -> dict[str, int]:
    """Beat: requeue render jobs left queued or running by a lost worker.

    A job queued or running for longer than RENDER_STUCK_MINUTES is put back
    on the queue, at most RENDER_MAX_REQUEUES times; after that it fails, the
    galleys its last attempt stored aside are removed, and the production
    editor is told, as for any failed render.
    """
    now = now or timezone.now()
    cutoff = now - dt.timedelta(minutes=settings.RENDER_STUCK_MINUTES)
    stuck = RenderJob.objects.select_related(
        "article__journal", "article__submission", "requested_by"
    ).filter(
        models.Q(status=RenderStatus.QUEUED, queued_at__lt=cutoff)
        | models.Q(status=RenderStatus.RUNNING, started_at__lt=cutoff)
    )
    counts = {"requeued": 0, "failed": 0}
    failed: list[RenderJob] = []
    for job in stuck:
        with transaction.atomic():
            claimed = RenderJob.objects.filter(
                pk=job.pk, status=job.status, requeued=job.requeued
            )
            if job.requeued >= settings.RENDER_MAX_REQUEUES:
                if not claimed.update(status=RenderStatus.FAILED):
                    continue
                render_job_fail(
                    job=job,
                    error=_(
                        "The render stopped without finishing, and did not finish "
                        "after being started again %(n)s times. Start it again, or "
                        "ask the site's administrator to check the background "
                        "workers."
                    )
                    % {"n": job.requeued},
                )
                counts["failed"] += 1
                failed.append(job)
                continue
            if not claimed.update(
                status=RenderStatus.QUEUED,
                queued_at=now,
                requeued=job.requeued + 1,
            ):
                continue
            _render_enqueue(job)
            counts["requeued"] += 1
    for job in failed:
        # The lost attempt's galleys will never become current; once the
        # failure is recorded, their rows and files go.
        _attempt_leftovers_discard(job)
    if any(counts.values()):
        logger.warning("render jobs swept: %s", counts)
    return counts


def render_job_fail(*, job: RenderJob, error: str) -> RenderJob:
    """Record why a render failed and tell the production editor."""
    job.status = RenderStatus.FAILED
    job.error = str(error)[:10000]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "step", "error", "finished_at"])
    article = job.article
    recipients = [job.requested_by] if job.requested_by is not None else []
    recipients = recipients or production_editors_to_notify(article)
    for person in recipients:
        email_queue(
            key="production_render_failed",
            journal=article.journal,
            to_email=person.email,
            recipient=person,
            submission=article.submission,
            context={"article": article, "job": job, "step": job.step},
        )
    return job


# --- proofs -----------------------------------------------------------------
def proofs_send(*, article: Article, actor) -> None:
    """Tell the author the proofs are ready to check."""
    submission = article.submission
    _check_staff(submission, actor)
    _check_in_production(submission)
    if not article.galleys.filter(
        is_current=True, kind__in=[GalleyKind.PDF, GalleyKind.HTML]
    ).exists():
        raise DomainError(_("Render or upload the galleys before sending proofs."))
    _notify_author(article, key="production_proofs_ready", context={})


def proofs_approve_for_author(*, submission: Submission, actor, reason: str) -> None:
    """Production staff approve the proofs on the author's behalf (the author
    cannot be reached, or approved by other means). The reason is required and
    goes into the workflow log and the production messages the author sees.

    Raises ActionNotAllowed (not production staff) or DomainError (no reason,
    not in production, no proofs)."""
    _check_staff(submission, actor)
    _check_in_production(submission)
    reason = reason.strip()
    if not reason:
        raise DomainError(
            _("Say why you approve the proofs for the author; it is kept in the log.")
        )
    article = submission.article
    if not article.galleys.filter(is_current=True).exists():
        raise DomainError(_("There are no proofs to approve yet."))
    note = _("Approved on the author's behalf: %(reason)s") % {"reason": reason}
    with transaction.atomic():
        submission_transition(
            submission=submission, actor=actor, name="approve_proofs", note=note
        )
        ProductionMessage.objects.create(
            article=article,
            sender=actor,
            kind=MessageKind.PROOF_APPROVAL,
            body=note,
        )


def proofs_approve(*, submission: Submission, actor, note: str = "") -> None:
    """The author approves the proofs: the submission is ready for publication."""
    _check_author(submission, actor)
    article = submission.article
    if not article.galleys.filter(is_current=True).exists():
        raise DomainError(_("There are no proofs to approve yet."))
    with transaction.atomic():
        submission_transition(
            submission=submission, actor=actor, name="approve_proofs", note=note
        )
        msg = ProductionMessage.objects.create(
            article=article,
            sender=actor,
            kind=MessageKind.PROOF_APPROVAL,
            body=note.strip(),
        )
        _notify_production(
            article,
            key="production_author_reply",
            context={"message": msg, "kind_label": msg.get_kind_display()},
        )


def production_reopen(*, submission: Submission, actor, reason: str) -> None:
    """Take an article that is ready for publication back into production, to
    correct something found after the proofs were approved. The reason is kept
    as a note in the production messages the author and the production editors
    see; sending the corrected proofs tells the author again.

    Raises ActionNotAllowed (not the author or a production editor of the
    journal) or DomainError (not ready for publication, or no reason given).
    """
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say what needs correcting."))
    article = submission.article
    with transaction.atomic():
        submission_transition(
            submission=submission,
            actor=actor,
            name="return_to_production",
            note=reason,
        )
        ProductionMessage.objects.create(
            article=article, sender=actor, kind=MessageKind.NOTE, body=reason
        )


def proofs_request_corrections(
    *, submission: Submission, actor, body: str
) -> ProductionMessage:
    """The author sends corrections; the submission stays in production."""
    _check_author(submission, actor)
    _check_in_production(submission)
    body = body.strip()
    if not body:
        raise DomainError(_("Describe the corrections first."))
    article = submission.article
    with transaction.atomic():
        msg = ProductionMessage.objects.create(
            article=article,
            sender=actor,
            kind=MessageKind.PROOF_CORRECTIONS,
            body=body,
        )
        _notify_production(
            article,
            key="production_author_reply",
            context={"message": msg, "kind_label": msg.get_kind_display()},
        )
    return msg
