"""Actions on a draft's authors and reviewer preferences, one per view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ContributorForm
from .wizard import (
    REFUSED,
    _draft,
    _render_step,
    _to_step,
    add_model_errors,
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
    try:
        services.contributor_add_submitter(submission=submission, actor=request.user)
    except ValidationError:
        messages.error(
            request,
            _(
                "Your profile is incomplete (name or ORCID iD); add yourself with the form."
            ),
        )
    except REFUSED as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("You are listed as an author."))
    return _to_step(submission, "authors")


@login_required
def author_edit(request, pk, contributor_pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    contributor = _contributor(submission, contributor_pk)
    form = ContributorForm(posted(request), instance=contributor)
    if request.method == "POST" and form.is_valid():
        try:
            services.contributor_save(
                submission=submission,
                actor=request.user,
                contributor=contributor,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            add_model_errors(form, exc)
        except REFUSED as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Author updated."))
            return _to_step(submission, "authors")
    return _render_step(
        request, submission, "authors", {"form": form, "editing": contributor}
    )


@login_required
@require_POST
def author_delete(request, pk, contributor_pk):
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    contributor = _contributor(submission, contributor_pk)
    try:
        services.contributor_delete(
            submission=submission, actor=request.user, contributor=contributor
        )
    except REFUSED as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Author removed."))
    return _to_step(submission, "authors")


@login_required
@require_POST
def author_move(request, pk, contributor_pk, direction):
    if direction not in ("up", "down"):
        raise Http404
    submission, leave = _draft(request, pk)
    if leave:
        return leave
    contributor = _contributor(submission, contributor_pk)
    try:
        services.contributor_move(
            submission=submission,
            actor=request.user,
            contributor=contributor,
            up=direction == "up",
        )
    except REFUSED as exc:
        messages.error(request, str(exc))
    return _to_step(submission, "authors")


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
    try:
        services.reviewer_preference_delete(
            submission=submission, actor=request.user, preference=preference
        )
    except REFUSED as exc:
        messages.error(request, str(exc))
    return _to_step(submission, "reviewers")
