"""The editorial office: the dashboard, a submission's page and its moves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from journal.selectors import journal_for
from journal.view_actions import run_form_action

from .. import selectors, services
from ..forms import AssignEditorForm, DashboardFilterForm, TransitionForm
from ..models import State
from ..steps import next_action_url, step_of

# Moves made from this page; peer-review decisions live on the review pages.
# Sending to review is not among them: it opens a review round
# (reviews:round_open), so no door moves a manuscript under review without one.
EDITOR_ACTIONS = {
    "desk_reject": (services.submission_desk_reject, "note"),
    "withdraw": (services.submission_withdraw, "reason"),
}
PAGE_SIZE = 50


@login_required
def dashboard(request, slug):
    journal = journal_for(request.user, slug, "journal.office")
    form = DashboardFilterForm(request.GET or None, journal=journal)
    rows = selectors.submissions_for_editor(request.user, journal).order_by(
        "-submitted_at", "-pk"
    )
    if form.is_valid():
        if form.cleaned_data["state"]:
            rows = rows.filter(state=form.cleaned_data["state"])
        if form.cleaned_data["section"]:
            rows = rows.filter(section=form.cleaned_data["section"])
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    queue = list(
        selectors.submissions_for_editor(request.user, journal)
        .filter(state=State.SUBMITTED)
        .order_by("submitted_at")[:20]
    )
    now = timezone.now()
    for s in [*page.object_list, *queue]:
        s.age_days = (now - s.submitted_at).days if s.submitted_at else None
    counts = selectors.state_counts(request.user, journal)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "submissions/editor/dashboard.html",
        {
            "journal": journal,
            "form": form,
            "page": page,
            "queue": queue,
            "counts": [
                (value, label, counts.get(value, 0))
                for value, label in State.choices
                if value != State.DRAFT
            ],
            "query": query.urlencode(),
        },
    )


@login_required
def editor_detail(request, pk):
    submission = selectors.submission_for_editor_page(request.user, pk)
    available = set(services.available_transitions(submission, request.user))
    actions = [
        name for name in (*EDITOR_ACTIONS, "send_to_review") if name in available
    ]
    can_assign = request.user.has_perm("submissions.assign_editor", submission)
    return render(
        request,
        "submissions/editor/detail.html",
        {
            "journal": submission.journal,
            "submission": submission,
            "actions": actions,
            "step": step_of(submission.state),
            "step_url": next_action_url(submission, request.user),
            "transition_form": TransitionForm(initial={"seen_state": submission.state}),
            "assign_form": AssignEditorForm(
                submission=submission, initial={"editor": submission.editor_id}
            )
            if can_assign
            else None,
        },
    )


@method_decorator(login_required, name="dispatch")
class EditorTransitionView(View):
    """One editor's move on a submission (desk reject, withdraw), refused if the submission changed since the page was shown."""

    http_method_names = ["post"]
    name = ""

    def post(self, request, pk):
        submission = selectors.submission_for_editor(request.user, pk)
        back = redirect("submissions:editor_detail", pk=submission.pk)
        service, note_arg = EDITOR_ACTIONS[self.name]

        def move(form):
            services.submission_check_unchanged(
                submission=submission, seen_state=form.cleaned_data["seen_state"]
            )
            service(
                submission=submission,
                actor=request.user,
                **{note_arg: form.cleaned_data["note"]},
            )

        def incomplete(form):
            messages.error(request, _("The form was incomplete; nothing was changed."))
            return back

        return run_form_action(
            request,
            TransitionForm(request.POST),
            move,
            success_message=lambda _result: (
                _("Done: the submission is now “%(state)s”.")
                % {"state": submission.get_state_display()}
            ),
            redirect_to=back,
            on_refusal=lambda exc: back,
            render_form=incomplete,
        )


desk_reject = EditorTransitionView.as_view(name="desk_reject")
editor_withdraw = EditorTransitionView.as_view(name="withdraw")


@login_required
@require_POST
def assign_editor(request, pk):
    submission = selectors.submission_for_editor(request.user, pk)
    back = redirect("submissions:editor_detail", pk=submission.pk)

    def invalid(form):
        messages.error(request, _("Choose an editor from the list."))
        return back

    return run_form_action(
        request,
        AssignEditorForm(request.POST, submission=submission),
        lambda form: services.submission_assign_editor(
            submission=submission,
            actor=request.user,
            editor=form.cleaned_data["editor"],
        ),
        success_message=_("The handling editor is assigned."),
        redirect_to=back,
        on_refusal=lambda exc: back,
        render_form=invalid,
    )
