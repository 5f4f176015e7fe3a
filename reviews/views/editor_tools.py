"""Editors' pages: anonymity check, reviewer finder, decision queue, queues;
and everyone's choice of a daily digest."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from journal.models import Journal
from journal.selectors import journal_for
from journal.view_actions import run_action
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
from submissions.selectors import submission_for


def _editors_submission(request, pk):
    return submission_for(request.user, pk, "reviews.manage")


def _editors_journal(request, slug) -> Journal:
    return journal_for(request.user, slug, "reviews.queues")


@login_required
def anonymity_check(request, pk):
    """GET: the last check's hits. POST: search the reviewers' file again."""
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
    return run_action(
        request,
        lambda: anonymised_manuscript_clear(submission=submission, actor=request.user),
        success_message=_("Reviewers may now download the manuscript."),
        redirect_to=redirect("reviews_extra:anonymity_check", pk=submission.pk),
    )


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
