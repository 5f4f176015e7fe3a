"""Imports started from the site: upload, dry run, confirm, run in the
background with progress, and an email to the manager when it is done."""

import os
import shutil
import tempfile
from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.errors import ActionNotAllowed, DomainError
from journal.models import Journal, Role, User
from journal.selectors import user_has_role
from submissions.services import email_queue

from ..models import ImportStatus, OjsImport
from ..native.reader import count_records
from .importer import ExportRefused, ojs_import


def _check_manager(actor: User, journal: Journal) -> None:
    if not user_has_role(actor, journal, Role.MANAGER):
        raise ActionNotAllowed(_("Only the journal's managers can import from OJS."))


def ojs_import_upload(
    *, journal: Journal, actor: User, issues_file, users_file=None, ojs_path: str = ""
) -> OjsImport:
    """Keep the uploaded export and check it (a dry run) in the background."""
    _check_manager(actor, journal)
    job = OjsImport(
        journal=journal,
        created_by=actor,
        ojs_path=ojs_path
        or getattr(getattr(journal, "ojs_source", None), "ojs_path", "")
        or journal.slug,
    )
    job.issues_file.save("issues.xml", issues_file, save=False)
    if users_file:
        job.users_file.save("users.xml", users_file, save=False)
    job.save()
    _enqueue("check", job.pk)
    return job


def ojs_import_confirm(*, job: OjsImport, actor: User) -> OjsImport:
    """Start the checked import in the background."""
    _check_manager(actor, job.journal)
    with transaction.atomic():
        job = OjsImport.objects.select_for_update().get(pk=job.pk)
        if job.status != ImportStatus.CHECKED:
            raise DomainError(_("This import is not waiting for confirmation."))
        job.status = ImportStatus.RUNNING
        job.progress_done = 0
        job.save(update_fields=["status", "progress_done"])
        _enqueue("run", job.pk)
    return job


def _enqueue(what: str, job_id: int) -> None:
    from ..tasks import ojs_import_check_task, ojs_import_run_task

    task = ojs_import_check_task if what == "check" else ojs_import_run_task
    transaction.on_commit(lambda: task.delay(job_id), robust=True)


@contextmanager
def _local_copies(job: OjsImport):
    """The stored export as local files (storage may be S3)."""
    folder = tempfile.mkdtemp(prefix="ojs-import-")
    try:
        paths = []
        for field_file in (job.issues_file, job.users_file):
            if not field_file:
                paths.append(None)
                continue
            path = os.path.join(folder, f"{len(paths)}.xml")
            with field_file.open("rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst)
            paths.append(path)
        yield paths
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def ojs_import_check(*, import_id: int) -> OjsImport:
    """The dry run: what would be created, updated and skipped."""
    job = OjsImport.objects.select_related("journal").get(pk=import_id)
    with _local_copies(job) as (issues, users):
        try:
            report = ojs_import(
                journal=job.journal,
                issues_path=issues,
                users_path=users,
                ojs_path=job.ojs_path,
                dry_run=True,
            )
        except ExportRefused as exc:
            job.status = ImportStatus.REFUSED
            job.error = "\n".join(exc.errors)
            job.save(update_fields=["status", "error"])
            return job
        _issues, total = count_records(issues)
    job.status = ImportStatus.CHECKED
    job.version = report.version
    job.report = report.as_dict()
    job.progress_total = total
    job.save(update_fields=["status", "version", "report", "progress_total"])
    return job


def ojs_import_run(*, import_id: int) -> OjsImport:
    job = OjsImport.objects.select_related("journal", "created_by").get(pk=import_id)
    done = 0

    def progress(n: int) -> None:
        nonlocal done
        done += n
        OjsImport.objects.filter(pk=job.pk).update(progress_done=done)

    with _local_copies(job) as (issues, users):
        try:
            report = ojs_import(
                journal=job.journal,
                issues_path=issues,
                users_path=users,
                actor=job.created_by,
                ojs_path=job.ojs_path,
                progress=progress,
            )
        except ExportRefused as exc:
            report = None
            job.error = "\n".join(exc.errors)
    job.refresh_from_db()
    if report is not None:
        job.report = report.as_dict()
        job.error = report.failed
    job.status = ImportStatus.FAILED if job.error else ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save(update_fields=["report", "error", "status", "finished_at"])
    if job.created_by and job.created_by.email:
        email_queue(
            key="ojs_import_done",
            journal=job.journal,
            to_email=job.created_by.email,
            recipient=job.created_by,
            context={"job": job, "journal": job.journal, "report": job.report},
        )
    return job
