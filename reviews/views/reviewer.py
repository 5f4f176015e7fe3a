"""The reviewer's pages: signed invitation links, the queue, the review form."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.local_time import local_date_text
from journal.view_actions import run_action, run_form_action
from submissions.models import FileKind

from .. import selectors, services
from ..anonymity.checks import file_cleared_for_reviewers, reviewer_download_allowed
from ..forms import AcceptForm, ClaimAccountForm, DeclineForm, ReviewEditForm
from ..models import AssignmentState
from ..services.common import authors_hidden_from_reviewers
from ..tokens import LinkError
from .files import download_response, read_field, scrubbed


def _link_error(request, exc: LinkError):
    return render(
        request, "reviews/link_error.html", {"message": exc.message}, status=exc.status
    )


def _invitation_context(assignment, token, **extra):
    return {
        "assignment": assignment,
        "submission": assignment.submission,
        "journal": assignment.submission.journal,
        "token": token,
        "hide_authors": authors_hidden_from_reviewers(
            assignment.submission, assignment.round
        ),
        **extra,
    }


def invitation(request, token):
    """What the link in the email opens: this one invitation, without signing in."""
    try:
        assignment = services.invitation_by_token(token)
    except LinkError as exc:
        return _link_error(request, exc)
    return render(
        request,
        "reviews/invitation.html",
        _invitation_context(assignment, token, decline_form=DeclineForm()),
    )


@require_POST
def invitation_decline(request, token):
    try:
        assignment = services.invitation_by_token(token)
    except LinkError as exc:
        return _link_error(request, exc)
    return run_form_action(
        request,
        DeclineForm(request.POST),
        lambda form: services.assignment_decline(
            assignment=assignment, actor=request.user, **form.cleaned_data
        ),
        redirect_to=lambda _result: render(
            request,
            "reviews/declined.html",
            {"journal": assignment.submission.journal},
        ),
        render_form=lambda form: render(
            request,
            "reviews/invitation.html",
            _invitation_context(assignment, token, decline_form=form),
        ),
    )


@require_POST
def invitation_accept(request, token):
    """Accepting needs an account: sign in, or set a password if new."""
    try:
        assignment = services.invitation_by_token(token)
    except LinkError as exc:
        return _link_error(request, exc)
    respond_url = reverse("reviews:respond", args=[assignment.pk])
    if request.user.is_authenticated and request.user.pk == assignment.reviewer_id:
        return redirect(respond_url)
    if not assignment.reviewer.has_usable_password():
        return redirect("reviews:welcome", token=token)
    query = urlencode({"next": respond_url, "email": assignment.reviewer.email})
    return redirect(f"{reverse('account_login')}?{query}")


def invitation_welcome(request, token):
    """A new reviewer chooses a password; the email is the one invited."""
    try:
        assignment = services.invitation_by_token(token)
    except LinkError as exc:
        return _link_error(request, exc)
    reviewer = assignment.reviewer
    if reviewer.has_usable_password():
        return redirect("reviews:invitation", token=token)
    form = ClaimAccountForm(
        request.POST or None,
        user=reviewer,
        initial={
            "given_name": reviewer.given_name,
            "family_name": reviewer.family_name,
        },
    )
    if request.method == "POST" and form.is_valid():
        user = services.reviewer_claim_account(
            assignment=assignment,
            given_name=form.cleaned_data["given_name"],
            family_name=form.cleaned_data["family_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("reviews:respond", pk=assignment.pk)
    return render(
        request,
        "reviews/welcome.html",
        _invitation_context(assignment, token, form=form),
    )


@login_required
def respond(request, pk):
    """Accept (declaring competing interests) or decline, signed in."""
    assignment = selectors.assignment_for_reviewer(request.user, pk)
    if assignment.state != AssignmentState.INVITED:
        return redirect("reviews:review", pk=pk)

    def show(form):
        return render(
            request,
            "reviews/respond.html",
            {
                "assignment": assignment,
                "submission": assignment.submission,
                "journal": assignment.submission.journal,
                "form": form,
                "decline_form": DeclineForm(),
                "hide_authors": authors_hidden_from_reviewers(
                    assignment.submission, assignment.round
                ),
            },
        )

    if request.method != "POST":
        return show(AcceptForm())
    return run_form_action(
        request,
        AcceptForm(request.POST),
        lambda form: services.assignment_accept(
            assignment=assignment, actor=request.user, **form.cleaned_data
        ),
        success_message=_("Thank you for agreeing to review."),
        redirect_to=redirect("reviews:review", pk=pk),
        render_form=show,
    )


@login_required
@require_POST
def decline_signed_in(request, pk):
    assignment = selectors.assignment_for_reviewer(request.user, pk)
    return run_form_action(
        request,
        DeclineForm(request.POST),
        lambda form: services.assignment_decline(
            assignment=assignment, actor=request.user, **form.cleaned_data
        ),
        success_message=_("You declined the invitation. Thank you."),
        redirect_to=redirect("reviews:queue"),
        render_form=lambda form: redirect("reviews:queue"),
        level=messages.INFO,
    )


@login_required
def queue(request):
    return render(
        request,
        "reviews/queue.html",
        {"groups": selectors.review_queue(request.user)},
    )


def _file_state(assignment, what, file):
    """ "ready", or "waiting" with the record of when the editor was told."""
    if assignment.state != AssignmentState.ACCEPTED:
        return "ready" if file is not None else "none", None
    if what == "manuscript":
        ready = file is not None and reviewer_download_allowed(assignment.submission)
    else:
        ready = file is not None and file_cleared_for_reviewers(file)
    if ready:
        return "ready", None
    if file is None and what == "response":
        return "none", None
    return "waiting", services.reviewer_file_wait(
        assignment=assignment, what=what, file=file
    )


def _review_page(request, assignment, form, status=200, refusal=None):
    """The review form; after a refusal, what it found of the reviewer's own
    identity (with the snippets), or else its message."""
    identity_hits = getattr(refusal, "hits", None)
    review = services.review_get_or_start(assignment=assignment)
    previous = selectors.previous_round(assignment)
    manuscript = selectors.manuscript_for_reviewer(assignment)
    manuscript_state, manuscript_wait = _file_state(
        assignment, "manuscript", manuscript
    )
    response = (
        selectors.latest_file(assignment.submission, FileKind.RESPONSE)
        if previous
        else None
    )
    response_state, response_wait = _file_state(assignment, "response", response)
    shared = [
        {
            "file": f,
            "what": f"shared-{f.pk}",
            "ready": _file_state(assignment, "shared", f)[0] == "ready",
        }
        for f in services.shared_files(assignment.submission)
    ]
    return render(
        request,
        "reviews/review.html",
        {
            "assignment": assignment,
            "submission": assignment.submission,
            "journal": assignment.submission.journal,
            "review": review,
            "form": form,
            "locked": not review.is_draft
            or assignment.state != AssignmentState.ACCEPTED,
            "manuscript": manuscript,
            "manuscript_state": manuscript_state,
            "manuscript_wait": manuscript_wait,
            "previous_reports": services.reports_for_reviewers(
                assignment.submission, previous
            )
            if previous
            else [],
            "response_file": response,
            "response_state": response_state,
            "response_wait": response_wait,
            "shared": shared,
            "hide_authors": authors_hidden_from_reviewers(
                assignment.submission, assignment.round
            ),
            "identity_hits": identity_hits,
            "refusal": refusal if refusal is not None and not identity_hits else None,
        },
        status=status,
    )


@login_required
def review(request, pk):
    """The review form; a POST saves a draft."""
    assignment = selectors.assignment_for_reviewer(request.user, pk)
    if assignment.state == AssignmentState.INVITED:
        return redirect("reviews:respond", pk=pk)
    if assignment.state not in (AssignmentState.ACCEPTED, AssignmentState.SUBMITTED):
        raise Http404
    draft = services.review_get_or_start(assignment=assignment)
    criteria = draft.criteria()
    if request.method != "POST":
        form = ReviewEditForm(
            criteria=criteria, initial=ReviewEditForm.initial_for(draft)
        )
        return _review_page(request, assignment, form)
    return run_form_action(
        request,
        ReviewEditForm(request.POST, request.FILES, criteria=criteria),
        lambda form: services.review_save_draft(
            assignment=assignment, actor=request.user, **form.service_kwargs()
        ),
        success_message=_("Draft saved. You can come back to it any time."),
        redirect_to=redirect("reviews:review", pk=pk),
        render_form=lambda form: _review_page(request, assignment, form, status=400),
    )


@login_required
@require_POST
def review_submit(request, pk):
    assignment = selectors.assignment_for_reviewer(request.user, pk)
    draft = services.review_get_or_start(assignment=assignment)
    return run_form_action(
        request,
        ReviewEditForm(request.POST, request.FILES, criteria=draft.criteria()),
        lambda form: services.review_submit(
            assignment=assignment,
            actor=request.user,
            identity_confirmed=form.cleaned_data["identity_confirmed"],
            **form.service_kwargs(),
        ),
        success_message=_("Your review has been sent. Thank you!"),
        redirect_to=redirect("reviews:queue"),
        render_form=lambda form: _review_page(request, assignment, form, status=400),
        refusal_as="page",
        render_refusal=lambda form, refusal: _review_page(
            request, assignment, form, status=400, refusal=refusal
        ),
    )


@login_required
def review_download(request, pk, what):
    """The manuscript (anonymised when authors are hidden) or the author's response,
    under a neutral name and without identifying metadata."""
    assignment = selectors.assignment_for_reviewer(request.user, pk)
    if assignment.state not in (AssignmentState.ACCEPTED, AssignmentState.SUBMITTED):
        raise Http404
    if what == "manuscript":
        file = selectors.manuscript_for_reviewer(assignment)
    elif what == "response" and selectors.previous_round(assignment):
        file = selectors.latest_file(assignment.submission, FileKind.RESPONSE)
    elif what.startswith("shared-"):
        file = next(
            (
                f
                for f in services.shared_files(assignment.submission)
                if f"shared-{f.pk}" == what
            ),
            None,
        )
        what = "shared"
    else:
        raise Http404
    if file is None:
        raise Http404
    hide = authors_hidden_from_reviewers(assignment.submission, assignment.round)
    if hide and not file_cleared_for_reviewers(file):
        wait = services.reviewer_file_wait(assignment=assignment, what=what, file=file)
        messages.warning(
            request,
            _(
                "The editor is checking this file for anything that could identify "
                "the authors. They were told on %(date)s that you are waiting, and "
                "you will get an email as soon as it is ready."
            )
            % {"date": local_date_text(wait.created_at, assignment.submission.journal)},
        )
        return redirect("reviews:review", pk=pk)
    data = read_field(file.file)
    return run_action(
        request,
        lambda: scrubbed(data, file.content_type) if hide else data,
        redirect_to=lambda data: download_response(
            data, content_type=file.content_type, name=file.neutral_name
        ),
        on_refusal=redirect("reviews:review", pk=pk),
    )
