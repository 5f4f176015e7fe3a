"""Editors' pages: anonymity check, reviewer finder, decision queue, queues;
and everyone's choice of a daily digest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.models import Journal, ReviewMethod
from journal.selectors import journal_for
from journal.view_actions import run_action, run_form_action
from submissions.models import FileKind
from submissions.selectors import submission_for

from ..anonymity.checks import (
    CHECKED_KINDS,
    anonymised_manuscript_check,
    check_for,
    reviewer_copy_status,
    reviewer_file,
)
from ..finder import reviewer_candidates
from ..forms import ReviewerFileUploadForm
from ..methods import review_method_of
from ..models import NotificationPreference
from ..ranking import decision_queue as ranked_queue
from ..ranking import editor_queues as build_queues
from ..reminders import notification_preference_set, stalled_submissions
from ..services import (
    EDITOR_UPLOAD_KINDS,
    held_file_waits,
    reviewer_file_clear,
    reviewer_file_share,
    reviewer_file_upload,
    shared_files,
)


def _editors_submission(request, pk):
    return submission_for(request.user, pk, "reviews.manage")


def _editors_journal(request, slug) -> Journal:
    return journal_for(request.user, slug, "reviews.queues")


def _files_context(submission, upload_form=None):
    copy = reviewer_copy_status(submission)
    latest = {}
    for file in submission.files.filter(kind__in=CHECKED_KINDS).order_by(
        "kind", "-version"
    ):
        if file.kind in (FileKind.FIGURE, FileKind.SUPPLEMENTARY):
            latest.setdefault((file.kind, file.pk), file)
        else:
            latest.setdefault((file.kind, 0), file)
    shared = {f.pk for f in shared_files(submission)}
    rows = [
        {"file": f, "check": check_for(f), "shared": f.pk in shared}
        for f in latest.values()
    ]
    return {
        "submission": submission,
        "journal": submission.journal,
        "method_label": ReviewMethod(review_method_of(submission)).label,
        "copy": copy,
        "file": copy.file if copy.needed else reviewer_file(submission),
        "check": copy.check,
        "rows": rows,
        "events": list(
            submission.reviewer_file_events.select_related("actor", "file").order_by(
                "-created_at", "-pk"
            )[:50]
        ),
        "waits": [
            w
            for w in held_file_waits(submission.journal)
            if w.submission_id == submission.pk
        ],
        "upload_form": upload_form
        or ReviewerFileUploadForm(
            kinds=_upload_kinds(), initial={"kind": "anonymised"}
        ),
    }


def _upload_kinds():
    return [(k, FileKind(k).label) for k in EDITOR_UPLOAD_KINDS]


@login_required
def anonymity_check(request, pk):
    """GET: every file reviewers receive, its check and its history.
    POST: search the reviewer's copy again."""
    submission = _editors_submission(request, pk)
    if request.method == "POST":

        def check():
            if anonymised_manuscript_check(submission=submission, actor=request.user):
                messages.warning(request, _("The manuscript may reveal its authors."))
            else:
                messages.success(request, _("Nothing identifying was found."))

        return run_action(
            request,
            check,
            redirect_to=redirect("reviews_extra:anonymity_check", pk=submission.pk),
        )
    return render(request, "reviews/anonymity_check.html", _files_context(submission))


@login_required
@require_POST
def anonymity_clear(request, pk):
    """Clear one held file version (the reviewer's copy when none is named)."""
    submission = _editors_submission(request, pk)
    file = reviewer_file(submission)
    if request.POST.get("file"):
        file = submission.files.filter(
            pk=_int(request.POST["file"]), kind__in=CHECKED_KINDS
        ).first()
    if file is None:
        messages.error(request, _("There is no such file to clear."))
        return redirect("reviews_extra:anonymity_check", pk=submission.pk)
    return run_action(
        request,
        lambda: reviewer_file_clear(file=file, actor=request.user),
        success_message=_("Reviewers may now download %(name)s.")
        % {"name": file.neutral_name},
        redirect_to=redirect("reviews_extra:anonymity_check", pk=submission.pk),
    )


@login_required
@require_POST
def reviewer_file_add(request, pk):
    """The editor uploads or replaces a file reviewers receive."""
    submission = _editors_submission(request, pk)

    def stored(result):
        record, check = result
        if check.hits:
            messages.warning(
                request,
                _(
                    "%(name)s is stored, but its text may reveal the authors; "
                    "it is held from reviewers until you clear it."
                )
                % {"name": record.neutral_name},
            )
        else:
            messages.success(
                request,
                _("%(name)s is stored and checked: nothing identifying found.")
                % {"name": record.neutral_name},
            )
        return redirect("reviews_extra:anonymity_check", pk=submission.pk)

    return run_form_action(
        request,
        ReviewerFileUploadForm(request.POST, request.FILES, kinds=_upload_kinds()),
        lambda form: reviewer_file_upload(
            submission=submission,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        ),
        redirect_to=stored,
        render_form=lambda form: render(
            request,
            "reviews/anonymity_check.html",
            _files_context(submission, upload_form=form),
            status=400,
        ),
        refusal_as="form",
        refusal_field="file",
    )


@login_required
@require_POST
def reviewer_file_share_view(request, pk):
    """Share a figure or supplementary file with reviewers, or stop sharing it."""
    submission = _editors_submission(request, pk)
    file = submission.files.filter(pk=_int(request.POST.get("file"))).first()
    if file is None:
        raise Http404
    shared = request.POST.get("shared") == "1"
    return run_action(
        request,
        lambda: reviewer_file_share(file=file, actor=request.user, shared=shared),
        success_message=(
            _("Reviewers now receive %(name)s.")
            if shared
            else _("Reviewers no longer receive %(name)s.")
        )
        % {"name": file.neutral_name},
        redirect_to=redirect("reviews_extra:anonymity_check", pk=submission.pk),
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@login_required
def finder(request, pk):
    submission = _editors_submission(request, pk)
    return render(
        request,
        "reviews/finder.html",
        {
            "submission": submission,
            "journal": submission.journal,
            "candidates": reviewer_candidates(submission),
        },
    )


@login_required
def decision_queue(request, journal_slug):
    journal = _editors_journal(request, journal_slug)
    calls = list(journal.calls.all())
    call = next((c for c in calls if c.slug == request.GET.get("call")), None)
    return render(
        request,
        "reviews/decision_queue.html",
        {
            "journal": journal,
            "calls": calls,
            "call": call,
            "ranked": ranked_queue(request.user, journal, call=call),
        },
    )


@login_required
def editor_queues(request, journal_slug):
    journal = _editors_journal(request, journal_slug)
    return render(
        request,
        "reviews/editor_queues.html",
        {
            "journal": journal,
            "queues": build_queues(request.user, journal),
            "stalled": list(stalled_submissions(journal, user=request.user)),
            "file_waits": held_file_waits(journal, user=request.user),
        },
    )


@login_required
def notifications(request):
    """GET: the person's digest choice. POST: change it."""
    if request.method == "POST":
        digest = request.POST.get("digest") == "on"
        notification_preference_set(user=request.user, digest=digest)
        messages.success(
            request,
            _("You will receive one digest a day.")
            if digest
            else _("You will receive an email for each reminder."),
        )
        return redirect("reviews_extra:notifications")
    pref = NotificationPreference.objects.filter(user=request.user).first()
    return render(
        request,
        "reviews/editor_queues_notifications.html",
        {"digest": bool(pref and pref.digest)},
    )
