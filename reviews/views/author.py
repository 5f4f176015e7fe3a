"""The author's side: the decision letter, the revision and the resubmission."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.view_actions import run_action, run_form_action
from submissions.models import FileKind, State
from submissions.selectors import current_files, submission_for_author
from submissions.services import submission_file_upload

from .. import selectors, services
from ..forms import RevisionUploadForm
from ..models import Review
from ..services.common import (
    authors_hidden_from_reviewers,
    reviewers_hidden_from_author,
)
from .files import download_response, read_field, scrubbed

REVISION_KINDS = [
    (FileKind.MANUSCRIPT, _("Revised manuscript")),
    (FileKind.ANONYMISED, _("Revised anonymised manuscript")),
    (FileKind.RESPONSE, _("Response to reviewers")),
]


def _revise_context(submission, form=None):
    return {
        "submission": submission,
        "journal": submission.journal,
        "decisions": selectors.decisions_for_author(submission),
        "files": current_files(submission),
        "can_revise": submission.state == State.REVISIONS_REQUESTED,
        "upload_form": form or RevisionUploadForm(kinds=REVISION_KINDS),
        "annotated": selectors.annotated_for_author(submission),
    }


@login_required
def revise(request, pk):
    submission = submission_for_author(request.user, pk)
    return render(request, "reviews/revise.html", _revise_context(submission))


@login_required
@require_POST
def revise_upload(request, pk):
    submission = submission_for_author(request.user, pk)
    return run_form_action(
        request,
        RevisionUploadForm(request.POST, request.FILES, kinds=REVISION_KINDS),
        lambda form: submission_file_upload(
            submission=submission,
            actor=request.user,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
        ),
        redirect_to=lambda record: _uploaded(request, record, pk),
        render_form=lambda form: render(
            request,
            "reviews/revise.html",
            _revise_context(submission, form),
            status=400,
        ),
    )


def _uploaded(request, record, pk):
    _tell_findings(request, record)
    return redirect("reviews:revise", pk=pk)


def _tell_findings(request, record) -> None:
    """The author learns at once what in the file would name them to reviewers."""
    hits = [h for h in record.check_findings if h.get("term")]
    if not hits or not authors_hidden_from_reviewers(record.submission):
        messages.success(request, _("File uploaded."))
        return
    messages.warning(
        request,
        _(
            "File uploaded, but reviewers will not receive it as it is: it names "
            "the authors (%(found)s). Remove these and upload it again; otherwise "
            "the editor has to clear it first."
        )
        % {
            "found": "; ".join(
                f"“{h['term']}”: …{h['snippet'].strip('…')}…" for h in hits
            )
        },
    )


@login_required
@require_POST
def resubmit(request, pk):
    submission = submission_for_author(request.user, pk)
    return run_action(
        request,
        lambda: services.revision_resubmit(submission=submission, actor=request.user),
        success_message=_("Your revision has been sent to the editors."),
        redirect_to=redirect("reviews:revise", pk=pk),
    )


@login_required
def annotated(request, pk, review_pk):
    submission = submission_for_author(request.user, pk)
    allowed = {
        item["review"].pk: item for item in selectors.annotated_for_author(submission)
    }
    item = allowed.get(int(review_pk))
    if item is None:
        raise Http404
    review: Review = item["review"]
    data = read_field(review.annotated_file)
    hide = reviewers_hidden_from_author(submission, review.assignment.round)
    ext = f".{review.annotated_extension}" if review.annotated_extension else ""
    return run_action(
        request,
        lambda: scrubbed(data, review.annotated_content_type) if hide else data,
        redirect_to=lambda data: download_response(
            data,
            content_type=review.annotated_content_type,
            name=f"reviewer-{item['index']}-round-{item['round']}{ext}",
        ),
        on_refusal=redirect("reviews:revise", pk=pk),
    )
