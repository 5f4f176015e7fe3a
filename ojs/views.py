"""Managers import an OJS export from the site: upload, read the dry run,
confirm, watch the background job."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from journal.errors import DomainError
from journal.models import Journal

from . import selectors
from .forms import ImportUploadForm
from .models import ImportStatus, OjsImport
from .services.jobs import ojs_import_confirm, ojs_import_upload

KIND_LABELS = {
    "sections": _("Sections"),
    "issues": _("Issues"),
    "articles": _("Articles"),
    "galleys": _("Galleys"),
    "files": _("Files"),
    "users": _("Users"),
}


def _journal(request, slug) -> Journal:
    journal = Journal.objects.filter(slug=slug).first()
    if journal is None or not request.user.has_perm("journal.manage", journal):
        raise Http404
    return journal


@login_required
def import_start(request, slug):
    journal = _journal(request, slug)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = ojs_import_upload(
                journal=journal,
                actor=request.user,
                issues_file=form.cleaned_data["issues_file"],
                users_file=form.cleaned_data["users_file"],
                ojs_path=form.cleaned_data["ojs_path"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("ojs:import_detail", journal.slug, job.pk)
    return render(
        request,
        "ojs/import_start.html",
        {"journal": journal, "form": form, "imports": selectors.imports_of(journal)},
    )


@login_required
def import_detail(request, slug, import_id):
    journal = _journal(request, slug)
    job = get_object_or_404(OjsImport, pk=import_id, journal=journal)
    counts = job.report.get("counts", {})
    rows = [
        (
            label,
            *(counts.get(kind, {}).get(k, 0) for k in ("created", "updated")),
            counts.get(kind, {}).get("unchanged", 0)
            + counts.get(kind, {}).get("skipped", 0),
        )
        for kind, label in KIND_LABELS.items()
    ]
    busy = job.status in (ImportStatus.UPLOADED, ImportStatus.RUNNING)
    return render(
        request,
        "ojs/import_detail.html",
        {
            "journal": journal,
            "job": job,
            "rows": rows,
            "busy": busy,
            "dry_run": job.report.get("dry_run", True),
            "percent": int(100 * job.progress_done / job.progress_total)
            if job.progress_total
            else 0,
        },
    )


@login_required
@require_POST
def import_confirm(request, slug, import_id):
    journal = _journal(request, slug)
    job = get_object_or_404(OjsImport, pk=import_id, journal=journal)
    try:
        ojs_import_confirm(job=job, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("ojs:import_detail", journal.slug, job.pk)
