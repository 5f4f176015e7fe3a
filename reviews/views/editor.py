"""The editor's peer-review page: rounds, invitations, reports side by side, decisions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.errors import DomainError
from journal.models import JournalRole, Role
from journal.view_actions import run_action, run_form_action
from submissions.models import ReviewerPreference, State

from .. import selectors, services
from ..anonymity.checks import reviewer_copy_status
from ..forms import (
    CommentsApprovalForm,
    DecisionLetterForm,
    InviteForm,
    LetterResendForm,
    RatingForm,
    RoundOpenForm,
)
from ..models import DecisionKind
from .files import download_response, read_field

User = get_user_model()


def _people(submission, chosen=None):
    """Reviewers of the journal (and the person chosen in the reviewer finder,
    who may not be one yet); the authors never."""
    reviewer_ids = JournalRole.objects.filter(
        journal=submission.journal, role=Role.REVIEWER
    ).values("user_id")
    wanted = Q(pk__in=reviewer_ids)
    if str(chosen or "").isdigit():
        wanted |= Q(pk=int(chosen))
    return (
        User.objects.filter(wanted, is_active=True)
        .exclude(pk=submission.submitter_id)
        .order_by("family_name", "given_name")
    )


def _manage_context(request, submission, invite_form=None, round_form=None):
    # The reviewer finder's Invite link names the person: the form starts with them.
    chosen = request.GET.get("reviewer")
    preferences = list(submission.reviewer_preferences.all())
    current = services.latest_round(submission)
    return {
        "submission": submission,
        "journal": submission.journal,
        "rounds": selectors.rounds_for_editor(submission),
        "current_round": current,
        "can_invite": submission.state == State.UNDER_REVIEW and current is not None,
        "can_open_round": submission.state in (State.SUBMITTED, State.RESUBMITTED)
        or (submission.state == State.UNDER_REVIEW and current is None),
        "invite_form": invite_form
        or InviteForm(
            people=_people(submission, chosen),
            initial={
                "due": services.default_due(submission.journal),
                "reviewer": chosen if str(chosen or "").isdigit() else None,
            },
        ),
        "suggested": [
            p for p in preferences if p.kind == ReviewerPreference.Kind.SUGGESTED
        ],
        "opposed": [
            p for p in preferences if p.kind == ReviewerPreference.Kind.OPPOSED
        ],
        "decision_kinds": _decision_kinds(submission),
        "has_reviews": selectors.has_submitted_reviews(submission),
        "decisions": list(submission.decisions.order_by("number")),
        "rating_form": RatingForm(),
        "round_form": round_form
        or RoundOpenForm(
            policy=submission.review_method,
            initial={"reinvite_previous": True},
        ),
        "reviewer_copy": reviewer_copy_status(submission),
    }


def _decision_kinds(submission):
    if submission.state == State.SUBMITTED:
        return [DecisionKind.DESK_REJECT, DecisionKind.ACCEPT]
    if submission.state in (State.UNDER_REVIEW, State.RESUBMITTED):
        return [
            DecisionKind.ACCEPT,
            DecisionKind.MINOR_REVISION,
            DecisionKind.MAJOR_REVISION,
            DecisionKind.REJECT,
        ]
    return []


@login_required
def manage(request, pk):
    submission = selectors.submission_for_review_editor(request.user, pk)
    return render(request, "reviews/manage.html", _manage_context(request, submission))


@login_required
@require_POST
def round_open(request, pk):
    submission = selectors.submission_for_review_editor(request.user, pk)
    return run_form_action(
        request,
        RoundOpenForm(request.POST, policy=submission.review_method),
        lambda form: services.round_open(
            submission=submission, actor=request.user, **form.cleaned_data
        ),
        success_message=lambda new_round: (
            _("Round %(n)s is open. Invite the reviewers.") % {"n": new_round.number}
        ),
        redirect_to=redirect(reverse("reviews:manage", args=[pk]) + "#invite"),
        render_form=lambda form: render(
            request,
            "reviews/manage.html",
            _manage_context(request, submission, round_form=form),
            status=400,
        ),
        refusal_as="form",
    )


@login_required
@require_POST
def invite(request, pk):
    submission = selectors.submission_for_review_editor(request.user, pk)

    def invite_reviewer(form):
        data = form.cleaned_data
        reviewer = data["reviewer"] or services.reviewer_for_email(
            email=data["email"],
            given_name=data["given_name"],
            family_name=data["family_name"],
        )
        round = services.latest_round(submission)
        if round is None:
            raise DomainError(_("Open a review round first."))
        return services.review_invite(
            round=round,
            actor=request.user,
            reviewer=reviewer,
            due=data["due"],
            message=data["message"],
        )

    def invited(assignment):
        reviewer = assignment.reviewer
        held = selectors.held_invitation(assignment)
        if held is not None:
            messages.error(
                request,
                _(
                    "%(name)s is on the round, but the invitation email was NOT "
                    "sent: %(reason)s Cancel this invitation and invite them "
                    "again with a message that does not identify the authors."
                )
                % {
                    "name": reviewer.full_name or reviewer.email,
                    "reason": held.error,
                },
            )
        else:
            messages.success(
                request,
                _("%(name)s has been invited.")
                % {"name": reviewer.full_name or reviewer.email},
            )
        return redirect("reviews:manage", pk=pk)

    return run_form_action(
        request,
        InviteForm(
            request.POST, people=_people(submission, request.POST.get("reviewer"))
        ),
        invite_reviewer,
        redirect_to=invited,
        render_form=lambda form: render(
            request,
            "reviews/manage.html",
            _manage_context(request, submission, invite_form=form),
            status=400,
        ),
    )


@login_required
@require_POST
def cancel(request, pk):
    assignment = selectors.assignment_for_editor(request.user, pk)
    return run_action(
        request,
        lambda: services.assignment_cancel(assignment=assignment, actor=request.user),
        success_message=_("The invitation was cancelled."),
        redirect_to=redirect("reviews:manage", pk=assignment.submission_id),
        level=messages.INFO,
    )


@login_required
@require_POST
def rate(request, pk):
    assignment = selectors.assignment_for_editor(request.user, pk)
    back = redirect("reviews:manage", pk=assignment.submission_id)

    def invalid(form):
        messages.error(request, _("Choose a rating from 1 to 5."))
        return back

    return run_form_action(
        request,
        RatingForm(request.POST),
        lambda form: services.assignment_rate(
            assignment=assignment,
            actor=request.user,
            rating=form.cleaned_data["rating"],
        ),
        success_message=_("Rating saved."),
        redirect_to=back,
        on_refusal=lambda exc: back,
        render_form=invalid,
    )


@login_required
@require_POST
def comments_approve(request, pk):
    """The editor lets the author read a review's comments, as written or edited."""
    assignment = selectors.assignment_for_editor(request.user, pk)
    review = getattr(assignment, "review", None)
    if review is None or review.is_draft:
        raise Http404
    back = redirect(
        reverse("reviews:manage", args=[assignment.submission_id])
        + f"#round-{assignment.round.number}"
    )

    def invalid(form):
        messages.error(request, " ".join(form.errors.get("text", [])))
        return back

    return run_form_action(
        request,
        CommentsApprovalForm(request.POST),
        lambda form: services.review_comments_approve(
            review=review, actor=request.user, text=form.cleaned_data["text"]
        ),
        success_message=_("The comments are approved; the author may read them."),
        redirect_to=back,
        on_refusal=lambda exc: back,
        render_form=invalid,
    )


@login_required
def annotated(request, pk):
    """The annotated file a reviewer uploaded, as the editor sees it."""
    assignment = selectors.assignment_for_editor(request.user, pk)
    review = getattr(assignment, "review", None)
    if review is None or not review.annotated_file or review.is_draft:
        raise Http404
    return download_response(
        read_field(review.annotated_file),
        content_type=review.annotated_content_type,
        name=review.annotated_neutral_name,
    )


def _after_letter(request, decision):
    """Say what happened to the letter: on its way, or held and why."""
    if decision.letter_held:
        messages.error(
            request,
            _(
                "The decision is recorded, but the letter was NOT sent to the "
                "author: %(reason)s Edit it below and send it again."
            )
            % {"reason": decision.letter_email.error},
        )
        return redirect("reviews:letter_resend", pk=decision.pk)
    messages.success(
        request,
        _("The decision is recorded and the letter is on its way to the author."),
    )
    return redirect("reviews:manage", pk=decision.submission_id)


@login_required
def letter_resend(request, pk):
    """A held decision letter: the reason, the letter to edit, send again."""
    decision = selectors.decision_for_editor(request.user, pk)
    if not decision.letter_held:
        return redirect("reviews:manage", pk=decision.submission_id)
    form = LetterResendForm(
        request.POST or None,
        initial={
            "letter_subject": decision.letter_subject,
            "letter_body": decision.letter_body,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_letter_resend(
                decision=decision,
                actor=request.user,
                letter_subject=form.cleaned_data["letter_subject"],
                letter_body=form.cleaned_data["letter_body"],
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            return _after_letter(request, decision)
    return render(
        request,
        "reviews/letter_resend.html",
        {
            "submission": decision.submission,
            "journal": decision.submission.journal,
            "decision": decision,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def decide(request, pk, kind):
    """The letter the author will get, drafted from the template and editable."""
    submission = selectors.submission_for_review_editor(request.user, pk)
    if kind not in DecisionKind.values:
        raise Http404
    without_reviews = kind != DecisionKind.DESK_REJECT and not (
        selectors.has_submitted_reviews(submission)
    )
    back = redirect("reviews:manage", pk=pk)

    def show(form):
        return _decide_page(request, submission, kind, form, without_reviews)

    if request.method == "POST":
        return run_form_action(
            request,
            DecisionLetterForm(request.POST, without_reviews=without_reviews),
            lambda form: services.decision_make(
                submission=submission,
                actor=request.user,
                kind=kind,
                letter_subject=form.cleaned_data["letter_subject"],
                letter_body=form.cleaned_data["letter_body"],
                seen_decisions=form.cleaned_data["seen_decisions"],
            ),
            redirect_to=lambda decision: _after_letter(request, decision),
            on_refusal=lambda exc: back if exc.code == "concurrent" else None,
            render_form=show,
        )
    return run_action(
        request,
        lambda: services.decision_letter_draft(
            submission=submission, actor=request.user, kind=kind
        ),
        redirect_to=lambda draft: show(
            DecisionLetterForm(
                initial={
                    "letter_subject": draft[0],
                    "letter_body": draft[1],
                    "seen_decisions": submission.decisions.count(),
                },
                without_reviews=without_reviews,
            )
        ),
        on_refusal=back,
    )


def _decide_page(request, submission, kind, form, without_reviews=False):
    return render(
        request,
        "reviews/decide.html",
        {
            "submission": submission,
            "journal": submission.journal,
            "form": form,
            "kind": DecisionKind(kind),
            "language": services.author_language(submission),
            "without_reviews": without_reviews,
            "awaiting_approval": services.reports_awaiting_approval(
                services.latest_round(submission)
            )
            if kind != DecisionKind.DESK_REJECT
            and submission.state == State.UNDER_REVIEW
            else [],
        },
        status=200 if request.method == "GET" or form.is_valid() else 400,
    )
