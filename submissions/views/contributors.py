"""Actions on a draft's authors and reviewer preferences, one per view."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.errors import DomainError
from journal.view_actions import run_action, run_form_action

from .. import services
from ..forms import ContributorForm
from .wizard import (
    _draft,
    _render_step,
    _to_step,
    posted,
)


def _contributor(submission, contributor_pk):
    try:
        return submission.authors.get(pk=contributor_pk)
    except (ValueError, submission.authors.model.DoesNotExist):
        raise Http404 from None


@login_required
@require_POST
def author_add_me(request, pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave

    def add_me():
        try:
            services.contributor_add_submitter(
                submission=submission, actor=request.user
            )
        except ValidationError as exc:
            raise DomainError(
                _(
                    "Your profile is incomplete (name or ORCID iD); add yourself with the form."
                )
            ) from exc

    return run_action(
        request,
        add_me,
        success_message=_("You are listed as an author."),
        redirect_to=_to_step(submission, "authors"),
    )


@login_required
def author_edit(request, pk, contributor_pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    contributor = _contributor(submission, contributor_pk)
    return run_form_action(
        request,
        ContributorForm(posted(request), instance=contributor),
        lambda form: services.contributor_save(
            submission=submission,
            actor=request.user,
            contributor=contributor,
            **form.cleaned_data,
        ),
        success_message=_("Author updated."),
        redirect_to=_to_step(submission, "authors"),
        render_form=lambda form: _render_step(
            request, submission, "authors", {"form": form, "editing": contributor}
        ),
    )


@login_required
@require_POST
def author_delete(request, pk, contributor_pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    contributor = _contributor(submission, contributor_pk)
    return run_action(
        request,
        lambda: services.contributor_delete(
            submission=submission, actor=request.user, contributor=contributor
        ),
        success_message=_("Author removed."),
        redirect_to=_to_step(submission, "authors"),
    )


@login_required
@require_POST
def author_move(request, pk, contributor_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    contributor = _contributor(submission, contributor_pk)
    return run_action(
        request,
        lambda: services.contributor_move(
            submission=submission,
            actor=request.user,
            contributor=contributor,
            up=direction == "up",
        ),
        redirect_to=_to_step(submission, "authors"),
    )


@login_required
@require_POST
def reviewer_delete(request, pk, preference_pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    try:
        preference = submission.reviewer_preferences.get(pk=preference_pk)
    except (ValueError, submission.reviewer_preferences.model.DoesNotExist):
        raise Http404 from None
    return run_action(
        request,
        lambda: services.reviewer_preference_delete(
            submission=submission, actor=request.user, preference=preference
        ),
        redirect_to=_to_step(submission, "reviewers"),
    )
