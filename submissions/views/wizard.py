"""The guided submission form: one page per step, each saving the draft."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from journal.errors import DomainError
from journal.models import Journal
from journal.selectors import journal_by_slug
from journal.view_actions import run_action, run_form_action

from .. import selectors, services, wizard
from ..forms import (
    ContributorForm,
    DeclarationsForm,
    FileUploadForm,
    MetadataForm,
    ReviewerPreferenceForm,
    StartForm,
)
from ..models import FileKind, State
from ..uploads import SizeLimitUploadHandler


def posted(request):
    """The form data of a POST (even an empty one), None for a GET."""
    return request.POST if request.method == "POST" else None


def _journal(slug) -> Journal:
    try:
        return journal_by_slug(slug)
    except Journal.DoesNotExist:
        raise Http404 from None


def _draft(request, pk):
    """The author's own draft; None (with a message) once it has been sent."""
    submission = selectors.submission_for_author(request.user, pk)
    if submission.state != State.DRAFT:
        messages.info(
            request, _("This submission has been sent; it can no longer be edited.")
        )
        return submission, redirect("submissions:detail", pk=submission.pk)
    return submission, None


def _to_step(submission, step):
    return redirect("submissions:step", pk=submission.pk, step=step)


def _render_step(request, submission, step, context):
    missing = wizard.missing_items(submission)
    index = wizard.STEP_SLUGS.index(step)
    context = {
        "journal": submission.journal,
        "submission": submission,
        "steps": wizard.STEPS,
        "step": wizard.STEPS[index],
        "completed": wizard.completed_steps(submission, missing),
        "previous_step": wizard.STEP_SLUGS[index - 1] if index else None,
        "next_step": wizard.STEP_SLUGS[index + 1]
        if index + 1 < len(wizard.STEPS)
        else None,
        "missing": missing,
        **context,
    }
    return render(request, f"submissions/wizard/{step}.html", context)


@login_required
def start(request, slug):
    journal = _journal(slug)
    return run_form_action(
        request,
        StartForm(posted(request), journal=journal),
        lambda form: services.submission_create(
            journal=journal,
            actor=request.user,
            section=form.cleaned_data["section"],
            call=form.cleaned_data.get("call"),
            language=form.cleaned_data["language"],
        ),
        success_message=_(
            "Your draft is saved. You can leave and come back at any time."
        ),
        redirect_to=lambda submission: _to_step(submission, "metadata"),
        render_form=lambda form: render(
            request,
            "submissions/start.html",
            {
                "journal": journal,
                "form": form,
                "sections": list(form.fields["section"].queryset),
            },
        ),
    )


def step_start(request, submission):
    journal = submission.journal
    initial = {
        "section": submission.section_id,
        "call": submission.call_id,
        "language": submission.language,
    }
    return run_form_action(
        request,
        StartForm(posted(request), journal=journal, initial=initial),
        lambda form: services.submission_update_start(
            submission=submission,
            actor=request.user,
            section=form.cleaned_data["section"],
            call=form.cleaned_data.get("call"),
            language=form.cleaned_data["language"],
        ),
        redirect_to=_to_step(submission, "metadata"),
        render_form=lambda form: _render_step(
            request,
            submission,
            "start",
            {"form": form, "sections": list(form.fields["section"].queryset)},
        ),
    )


def step_metadata(request, submission):
    return run_form_action(
        request,
        MetadataForm(posted(request), submission=submission),
        lambda form: services.submission_update_metadata(
            submission=submission, actor=request.user, **form.service_kwargs()
        ),
        redirect_to=_to_step(submission, "authors"),
        render_form=lambda form: _render_step(
            request, submission, "metadata", {"form": form}
        ),
    )


def step_authors(request, submission):

    def show(form):
        authors = list(submission.authors.all())
        is_listed = any(
            a.user_id == request.user.pk or a.email == request.user.email
            for a in authors
        )
        return _render_step(
            request,
            submission,
            "authors",
            {"form": form, "authors": authors, "submitter_listed": is_listed},
        )

    return run_form_action(
        request,
        ContributorForm(posted(request)),
        lambda form: services.contributor_save(
            submission=submission, actor=request.user, **form.cleaned_data
        ),
        success_message=_("Author added."),
        redirect_to=_to_step(submission, "authors"),
        render_form=show,
    )


def step_files(request, submission, form=None):
    files = list(
        submission.files.select_related("uploaded_by").order_by("kind", "-version")
    )
    form = form or FileUploadForm(initial={"kind": _next_kind(submission, files)})
    return _render_step(
        request,
        submission,
        "files",
        {"form": form, "files": files, "reviewer_copy": _reviewer_copy(files)},
    )


def _next_kind(submission, files) -> str:
    """The kind the author most likely uploads next: the manuscript, then the
    reviewers' copy when the review is double-anonymous."""
    kinds = {f.kind for f in files}
    if FileKind.MANUSCRIPT in kinds and submission.needs_reviewer_copy():
        if FileKind.ANONYMISED not in kinds:
            return FileKind.ANONYMISED
    return FileKind.MANUSCRIPT


def _reviewer_copy(files):
    copies = [f for f in files if f.kind == FileKind.ANONYMISED]
    return max(copies, key=lambda f: f.version) if copies else None


def step_reviewers(request, submission):
    return run_form_action(
        request,
        ReviewerPreferenceForm(posted(request)),
        lambda form: services.reviewer_preference_add(
            submission=submission, actor=request.user, **form.cleaned_data
        ),
        redirect_to=_to_step(submission, "reviewers"),
        render_form=lambda form: _render_step(
            request,
            submission,
            "reviewers",
            {"form": form, "preferences": list(submission.reviewer_preferences.all())},
        ),
    )


def step_declarations(request, submission):
    return run_form_action(
        request,
        DeclarationsForm(
            posted(request), initial=DeclarationsForm.initial_from(submission)
        ),
        lambda form: services.submission_update_declarations(
            submission=submission,
            actor=request.user,
            original=form.cleaned_data["original"],
            competing_interests=form.cleaned_data["competing_interests"],
            ethics=form.cleaned_data["ethics"],
            licence=form.cleaned_data["licence"],
            comments_to_editor=form.cleaned_data["comments_to_editor"],
        ),
        redirect_to=_to_step(submission, "review"),
        render_form=lambda form: _render_step(
            request, submission, "declarations", {"form": form}
        ),
    )


def step_review(request, submission):
    return _render_step(
        request,
        submission,
        "review",
        {
            "authors": list(submission.authors.all()),
            "files": selectors.current_files(submission),
            "preferences": list(submission.reviewer_preferences.all()),
            "advice": wizard.advice(submission),
            "reviewer_copy": _reviewer_copy(list(submission.files.all())),
            "metadata_languages": submission.journal.language_list,
        },
    )


STEP_VIEWS = {
    "start": step_start,
    "metadata": step_metadata,
    "authors": step_authors,
    "files": step_files,
    "reviewers": step_reviewers,
    "declarations": step_declarations,
    "review": step_review,
}


@login_required
def step(request, pk, step):
    view = STEP_VIEWS.get(step)
    if view is None:
        raise Http404
    if request.method == "POST" and step in ("files", "review"):
        return HttpResponseNotAllowed(["GET"])  # they have their own action views
    submission, leave = _draft(request, pk)
    return leave or view(request, submission)


@csrf_exempt
def file_upload(request, pk):
    # The size check must sit in front of the body parser, so it goes in before
    # CSRF middleware reads the form; the CSRF check runs right after.
    if request.method == "POST":
        request.upload_handlers.insert(0, SizeLimitUploadHandler(request))
    return _file_upload(request, pk)


@csrf_protect
@login_required
@require_POST
def _file_upload(request, pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    form = FileUploadForm(request.POST, request.FILES)
    for name in getattr(request, "oversized_uploads", []):
        form.add_error(
            None,
            _("“%(name)s” is larger than the limit of %(limit)s MB.")
            % {"name": name, "limit": f"{_limit_mb():.0f}"},
        )

    def show(form):
        messages.error(request, _("The file was not accepted; see the reason below."))
        response = step_files(request, submission, form=form)
        response.status_code = 400
        return response

    return run_form_action(
        request,
        form,
        lambda form: services.submission_file_upload(
            submission=submission,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            description=form.cleaned_data["description"],
        ),
        redirect_to=lambda record: _uploaded(request, submission, record),
        render_form=show,
        refusal_as="form",
        refusal_field="file",
    )


def _limit_mb() -> float:

    return settings.SUBMISSION_MAX_UPLOAD_BYTES / 1048576


@login_required
@require_POST
def file_delete(request, pk, file_pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    file = selectors.file_for(submission, file_pk)
    return run_action(
        request,
        lambda: services.submission_file_delete(
            submission=submission, actor=request.user, file=file
        ),
        success_message=_("File deleted."),
        redirect_to=_to_step(submission, "files"),
    )


def _uploaded(request, submission, record):
    if record.check_findings:
        messages.warning(
            request,
            _(
                "File uploaded, but it may still say who the authors are: "
                "%(terms)s. See below."
            )
            % {
                "terms": ", ".join(
                    f"“{hit['term']}”"
                    for hit in record.check_findings
                    if hit.get("term")
                )
                or _("the file could not be read")
            },
        )
    else:
        messages.success(request, _("File uploaded."))
    return _to_step(submission, "files")


@login_required
@require_POST
def submit(request, pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    # The wizard asks for more than the workflow requires of every door: the
    # reviewer's copy in a double-anonymous section.
    back = {"step": "review"}

    def submit_now():
        services.submission_check_transition(
            submission=submission, actor=request.user, name="submit"
        )
        copy_missing = [
            m for m in wizard.missing_items(submission) if m.step == "files"
        ]
        if copy_missing:
            back["step"] = "files"
            raise DomainError(str(copy_missing[0].message))
        return services.submission_submit(submission=submission, actor=request.user)

    return run_action(
        request,
        submit_now,
        success_message=_(
            "Thank you. Your submission has been sent to the journal; we have emailed you a receipt."
        ),
        redirect_to=redirect("submissions:detail", pk=submission.pk),
        on_refusal=lambda _result: _to_step(submission, back["step"]),
    )
