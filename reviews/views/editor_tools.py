"""Editors' pages: anonymity check, reviewer finder, decision queue, queues;
and everyone's choice of a daily digest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.errors import ActionNotAllowed, DomainError
from journal.models import Journal
from journal.selectors import journal_by_slug, user_is_editor
from reviews.anonymity.checks import (
    anonymised_manuscript_check,
    anonymised_manuscript_clear,
    manuscript_check_for,
    reviewer_file,
)
from reviews.finder import reviewer_candidates
from reviews.models import NotificationPreference
from reviews.ranking import decision_queue as ranked_queue
from reviews.ranking import editor_queues as build_queues
from reviews.reminders import notification_preference_set, stalled_submissions
from submissions import permissions as submission_perms
from submissions.selectors import submission_for_editor


def _editors_submission(request, pk):
    submission = submission_for_editor(request.user, pk)
    if not submission_perms.is_editor(submission, request.user):
        raise Http404
    return submission


def _editors_journal(request, slug) -> Journal:
    try:
        journal = journal_by_slug(slug)
    except Journal.DoesNotExist:
        raise Http404 from None
    if not user_is_editor(request.user, journal):
        raise Http404
    return journal


@login_required
def anonymity_check(request, pk):
    """GET: the last check's hits. POST: search the reviewers' file again."""
    submission = _editors_submission(request, pk)
    if request.method == "POST":
        try:
            hits = anonymised_manuscript_check(
                submission=submission, actor=request.user
            )
        except (DomainError, ActionNotAllowed) as exc:
            messages.error(request, str(exc))
        else:
            if hits:
                messages.warning(request, _("The manuscript may reveal its authors."))
            else:
                messages.success(request, _("Nothing identifying was found."))
        return redirect("reviews_extra:anonymity_check", pk=submission.pk)
    return render(
        request,
        "reviews/anonymity_check.html",
        {
            "submission": submission,
            "journal": submission.journal,
            "file": reviewer_file(submission),
            "check": manuscript_check_for(submission),
        },
    )


@login_required
@require_POST
def anonymity_clear(request, pk):
    submission = _editors_submission(request, pk)
    try:
        anonymised_manuscript_clear(submission=submission, actor=request.user)
    except (DomainError, ActionNotAllowed) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Reviewers may now download the manuscript."))
    return redirect("reviews_extra:anonymity_check", pk=submission.pk)


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
