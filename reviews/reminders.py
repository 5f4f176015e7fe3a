"""Reminders and nudges, sent by a periodic task.

- Reviewers who accepted: once `reminder_days_before_due` days before the due
  date, then on the due date and every `overdue_reminder_every_days` while
  overdue.
- Invitations left unanswered: one reminder after `invitation_response_days`;
  after `invitation_expiry_days` the invitation expires (the assignment's
  `expire` transition, logged) and the editors are told.
- Submissions that wait longer than the journal's `state_time_limits[state]`
  with no one acting: their editor is reminded once per period.
- A reviewer waiting for a held or missing file: the editor was emailed when
  it began; they are reminded every `FILE_WAIT_REMINDER_DAYS` until it ends.

Every reminder is a ReminderSent row whose unique key makes a second sending
impossible, so running the task twice sends nothing twice. People who asked
for a digest get no separate email; `digests_send` mails them one a day.
"""

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from journal.errors import DomainError
from journal.models import Journal
from journal.selectors import editors_of
from submissions.models import State, Submission
from submissions.selectors import editorial_scope
from submissions.services import email_queue

from .models import (
    AssignmentState,
    NotificationPreference,
    ReminderSent,
    ReviewAssignment,
    ReviewSettings,
)
from .services.common import assignment_transition
from .tokens import invitation_token


class Kind:
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    INVITATION = "invitation"
    EXPIRED = "invitation-expired"
    STALLED = "stalled"
    FILE_WAIT = "file-wait"


EMAIL_KEYS = {
    Kind.FILE_WAIT: "review_file_waiting",
    Kind.DUE_SOON: "reminder_review_due",
    Kind.OVERDUE: "reminder_review_overdue",
    Kind.INVITATION: "reminder_invitation",
    Kind.EXPIRED: "reminder_invitation_expired",
    Kind.STALLED: "reminder_stalled",
}
DIGEST_KEY = "reminder_digest"
# States whose time limit is watched, and what "no one acting" means there.
WATCHED_STATES = (
    State.SUBMITTED,
    State.UNDER_REVIEW,
    State.REVISIONS_REQUESTED,
    State.RESUBMITTED,
)


FILE_WAIT_REMINDER_DAYS = 2


@dataclass
class RunReport:
    sent: int = 0
    expired: int = 0
    stalled: int = 0
    file_waits: int = 0


class _Settings:
    """Each journal's ReviewSettings, loaded once per run."""

    def __init__(self):
        self._cache: dict[int, ReviewSettings] = {}

    def __call__(self, journal) -> ReviewSettings:
        if journal.pk not in self._cache:
            self._cache[journal.pk] = ReviewSettings.for_journal(journal)
        return self._cache[journal.pk]


def _digest_users() -> set[int]:
    return set(
        NotificationPreference.objects.filter(digest=True).values_list(
            "user_id", flat=True
        )
    )


def _remind(
    *,
    kind: str,
    key: str,
    recipient,
    submission: Submission,
    assignment: ReviewAssignment | None = None,
    context: dict,
    digest_users: set[int],
    now: datetime,
) -> bool:
    """Record and send one reminder; False if it was already recorded."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                assignment=assignment,
                submission=submission,
                recipient=recipient,
                kind=kind,
                key=key,
                sent_at=now,
            )
            if recipient.pk not in digest_users:
                email_queue(
                    key=EMAIL_KEYS[kind],
                    journal=submission.journal,
                    to_email=recipient.email,
                    recipient=recipient,
                    submission=submission,
                    context={"assignment": assignment, **context},
                )
    except IntegrityError:
        return False
    return True


def _editors_for(submission, cache: dict) -> list:
    if submission.editor_id:
        return [submission.editor]
    key = (submission.journal_id, submission.section_id)
    if key not in cache:
        cache[key] = editors_of(submission.journal, submission.section)
    return cache[key]


# --- reviewers -----------------------------------------------------------------


def _open_assignments() -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.filter(
        state__in=[AssignmentState.INVITED, AssignmentState.ACCEPTED]
    ).select_related(
        "reviewer",
        "submission__journal",
        "submission__section",
        "submission__editor",
    )


def _already_sent(assignments) -> set[tuple[int, str, str]]:
    return set(
        ReminderSent.objects.filter(
            assignment__in=[a.pk for a in assignments]
        ).values_list("assignment_id", "kind", "key")
    )


def _accepted_reminder(a: ReviewAssignment, s: ReviewSettings, now) -> tuple | None:
    due_key = a.due_at.isoformat()
    if now >= a.due_at:
        every = timedelta(days=max(s.overdue_reminder_every_days, 1))
        step = math.floor((now - a.due_at) / every)
        return Kind.OVERDUE, f"{due_key}#{step}"
    if now >= a.due_at - timedelta(days=s.reminder_days_before_due):
        return Kind.DUE_SOON, due_key
    return None


def _expire(a: ReviewAssignment, now, editors_cache, digest_users) -> bool:

    try:
        assignment_transition(
            assignment=a,
            actor=None,
            name="expire",
            note="No answer within the time allowed.",
        )
    except DomainError:
        return False  # answered or changed meanwhile
    for editor in _editors_for(a.submission, editors_cache):
        _remind(
            kind=Kind.EXPIRED,
            key=str(a.pk),
            recipient=editor,
            submission=a.submission,
            context={"reviewer": a.reviewer},
            digest_users=digest_users,
            now=now,
        )
    return True


def reviewer_reminders_send(*, now=None, digest_users=None) -> RunReport:
    now = now or timezone.now()
    digest_users = _digest_users() if digest_users is None else digest_users
    settings_for = _Settings()
    editors_cache: dict = {}
    report = RunReport()
    assignments = list(_open_assignments())
    sent = _already_sent(assignments)
    for a in assignments:
        s = settings_for(a.submission.journal)
        if a.state == AssignmentState.ACCEPTED:
            due = _accepted_reminder(a, s, now)
        elif now >= a.invited_at + timedelta(days=s.invitation_expiry_days):
            report.expired += _expire(a, now, editors_cache, digest_users)
            continue
        elif now >= a.invited_at + timedelta(days=s.invitation_response_days):
            due = (Kind.INVITATION, a.invited_at.isoformat())
        else:
            due = None
        if due is None or (a.pk, *due) in sent:
            continue
        kind, key = due
        context = {
            "overdue_days": max((now - a.due_at).days, 0),
            "due_local": a.submission.journal.local_time(a.due_at),
        }
        if kind == Kind.INVITATION:
            context["token"] = invitation_token(a)
        if _remind(
            kind=kind,
            key=key,
            recipient=a.reviewer,
            submission=a.submission,
            assignment=a,
            context=context,
            digest_users=digest_users,
            now=now,
        ):
            report.sent += 1
            ReviewAssignment.objects.filter(pk=a.pk).update(last_reminder_at=now)
    return report


# --- stalled submissions ---------------------------------------------------------


def _with_last_activity(qs: QuerySet[Submission]) -> QuerySet[Submission]:
    """Annotate when someone last acted: a state change or a reviewer's move."""
    since = F("state_changed_at")
    return qs.annotate(
        last_activity=Greatest(
            since,
            Coalesce(Max("review_assignments__invited_at"), since),
            Coalesce(Max("review_assignments__responded_at"), since),
            Coalesce(Max("review_assignments__submitted_at"), since),
        )
    )


def stalled_submissions(journal, *, now=None, user=None) -> QuerySet[Submission]:
    """Submissions waiting in a state longer than the journal allows.

    "Acting" is a change of state or a reviewer being invited, answering or
    submitting. Each row carries `last_activity`. With `user`, only the
    submissions that person may see as an editor.
    """

    now = now or timezone.now()
    limits = ReviewSettings.for_journal(journal)
    condition = Q(pk__in=[])
    for state in WATCHED_STATES:
        days = limits.time_limit_for(state)
        if days:
            condition |= Q(state=state, last_activity__lt=now - timedelta(days=days))
    qs = Submission.objects.filter(journal=journal, state__in=WATCHED_STATES)
    if user is not None:
        qs = qs.filter(editorial_scope(user))
    return (
        _with_last_activity(qs)
        .filter(condition)
        .select_related("journal", "section", "editor")
        .order_by("last_activity")
    )


def stalled_reminders_send(*, now=None, digest_users=None) -> RunReport:

    now = now or timezone.now()
    digest_users = _digest_users() if digest_users is None else digest_users
    report = RunReport()
    editors_cache: dict = {}
    for journal in Journal.objects.filter(is_active=True):
        limits = ReviewSettings.for_journal(journal)
        for submission in stalled_submissions(journal, now=now):
            days = limits.time_limit_for(submission.state)
            period = math.floor((now - submission.last_activity) / timedelta(days=days))
            key = f"{submission.state}@{submission.last_activity.isoformat()}#{period}"
            for editor in _editors_for(submission, editors_cache):
                if _remind(
                    kind=Kind.STALLED,
                    key=key,
                    recipient=editor,
                    submission=submission,
                    context={
                        "waiting_days": (now - submission.last_activity).days,
                        "limit_days": days,
                    },
                    digest_users=digest_users,
                    now=now,
                ):
                    report.stalled += 1
    return report


def file_wait_reminders_send(*, now=None, digest_users=None) -> int:
    """Remind the editors of reviewers still waiting for a held or missing file,
    every FILE_WAIT_REMINDER_DAYS. Returns how many reminders went out."""
    from .models import FileAction, ReviewerFileEvent

    now = now or timezone.now()
    digest_users = _digest_users() if digest_users is None else digest_users
    editors_cache: dict = {}
    sent = 0
    waits = ReviewerFileEvent.objects.filter(
        action=FileAction.REVIEWER_WAITING,
        resolved_at__isnull=True,
        assignment__state=AssignmentState.ACCEPTED,
        created_at__lte=now - timedelta(days=FILE_WAIT_REMINDER_DAYS),
    ).select_related("submission__journal", "submission__editor", "assignment", "file")
    for wait in waits:
        period = math.floor(
            (now - wait.created_at) / timedelta(days=FILE_WAIT_REMINDER_DAYS)
        )
        for editor in _editors_for(wait.submission, editors_cache):
            if _remind(
                kind=Kind.FILE_WAIT,
                key=f"{wait.pk}#{period}",
                recipient=editor,
                submission=wait.submission,
                assignment=wait.assignment,
                context={
                    "file": wait.file,
                    "what": wait.what,
                    "held": wait.file is not None,
                    "waiting_days": (now - wait.created_at).days,
                },
                digest_users=digest_users,
                now=now,
            ):
                sent += 1
    return sent


def reminders_send(now=None) -> RunReport:
    """Send every reminder due at `now` (default: the current time). Idempotent."""
    now = now or timezone.now()
    digest_users = _digest_users()
    report = reviewer_reminders_send(now=now, digest_users=digest_users)
    stalled = stalled_reminders_send(now=now, digest_users=digest_users)
    report.stalled = stalled.stalled
    report.file_waits = file_wait_reminders_send(now=now, digest_users=digest_users)
    return report


# --- digests ---------------------------------------------------------------------

DIGEST_INTERVAL = timedelta(hours=23)


def digests_send(*, now=None) -> int:
    """One email to each person who asked for a digest and has news. Returns how many.

    A digest covers the reminders recorded since the previous one. Running
    twice within a day sends nothing the second time.
    """
    now = now or timezone.now()
    sent = 0
    prefs = NotificationPreference.objects.filter(digest=True).select_related("user")
    due = [
        p
        for p in prefs
        if p.last_digest_at is None or now - p.last_digest_at >= DIGEST_INTERVAL
    ]
    if not due:
        return 0
    rows = (
        ReminderSent.objects.filter(recipient__in=[p.user_id for p in due])
        .filter(sent_at__lte=now)
        .select_related("submission__journal", "submission__section", "assignment")
        .order_by("sent_at", "pk")
    )
    by_user = defaultdict(list)
    for row in rows:
        by_user[row.recipient_id].append(row)
    for pref in due:
        since = pref.last_digest_at or (now - timedelta(days=1))
        items = [r for r in by_user[pref.user_id] if r.sent_at > since]
        with transaction.atomic():
            locked = NotificationPreference.objects.select_for_update(of=("self",)).get(
                pk=pref.pk
            )
            if locked.last_digest_at != pref.last_digest_at:
                continue  # another run got here first
            locked.last_digest_at = now
            locked.save(update_fields=["last_digest_at"])
            if not items:
                continue
            journals = {r.submission.journal_id for r in items if r.submission}
            journal = items[0].submission.journal if len(journals) == 1 else None
            email_queue(
                key=DIGEST_KEY,
                journal=journal,
                to_email=pref.user.email,
                recipient=pref.user,
                context={"items": items},
            )
            sent += 1
    return sent


def notification_preference_set(*, user, digest: bool) -> NotificationPreference:
    """Turn the daily digest on or off for this person."""
    pref, _created = NotificationPreference.objects.get_or_create(user=user)
    if pref.digest != digest:
        pref.digest = digest
        # The first digest covers what comes after this, not what was mailed.
        pref.last_digest_at = timezone.now() if digest else pref.last_digest_at
        pref.save(update_fields=["digest", "last_digest_at"])
    return pref
