"""The author's pages: their submissions, one submission, withdrawing it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from journal.view_actions import run_form_action

from .. import selectors, services
from ..forms import WithdrawForm
from ..models import WITHDRAWABLE
from ..steps import step_of
from .wizard import posted


@login_required
def my_submissions(request):
    submissions = list(selectors.submissions_of_author(request.user))
    return render(
        request,
        "submissions/mine.html",
        {"submissions": submissions, "withdrawable": [s.value for s in WITHDRAWABLE]},
    )


@login_required
def detail(request, pk):
    submission = selectors.submission_for_author(request.user, pk)
    return render(
        request,
        "submissions/detail.html",
        {
            "journal": submission.journal,
            "submission": submission,
            "metadata_languages": submission.journal.language_list,
            "authors": list(submission.authors.all()),
            "files": list(submission.files.order_by("kind", "-version")),
            "events": list(submission.events.only("created_at", "to_state")),
            "can_withdraw": submission.state in WITHDRAWABLE,
            "step": step_of(submission.state),
        },
    )


@login_required
def withdraw(request, pk):
    submission = selectors.submission_for_author(request.user, pk)
    return run_form_action(
        request,
        WithdrawForm(posted(request)),
        lambda form: services.submission_withdraw(
            submission=submission,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        ),
        success_message=_("The submission has been withdrawn."),
        redirect_to=redirect("submissions:mine"),
        render_form=lambda form: render(
            request,
            "submissions/withdraw.html",
            {"journal": submission.journal, "submission": submission, "form": form},
        ),
    )
