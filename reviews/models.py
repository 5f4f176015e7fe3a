"""Peer review: rounds, invitations and their states, review forms, reviews, decisions.

State changes of an assignment go only through the transitions below, called by
the services in reviews.services, which check permissions, write the
AssignmentEvent row in the same transaction and queue the emails after commit.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from journal.models import Journal, ReviewMethod, Section
from submissions.models import Submission, SubmissionFile


def default_state_time_limits() -> dict:
    # Days a submission may stay in a state with no one acting before its editor
    # is reminded and the dashboard flags it.
    return {
        "submitted": 7,
        "under-review": 42,
        "revisions-requested": 60,
        "resubmitted": 7,
    }


class ReviewSettings(models.Model):
    """A journal's review timings; one row per journal, created on first use."""

    journal = models.OneToOneField(
        Journal, on_delete=models.CASCADE, related_name="review_settings"
    )
    default_review_days = models.PositiveIntegerField(
        _("days given to review"), default=21
    )
    invitation_response_days = models.PositiveIntegerField(
        _("days to answer an invitation before a reminder"), default=7
    )
    invitation_expiry_days = models.PositiveIntegerField(
        _("days after which an unanswered invitation expires"), default=14
    )
    reminder_days_before_due = models.PositiveIntegerField(
        _("days before the due date to remind the reviewer"), default=3
    )
    overdue_reminder_every_days = models.PositiveIntegerField(
        _("days between reminders of an overdue review"), default=7
    )
    state_time_limits = models.JSONField(
        _("days a submission may wait in each state"),
        default=default_state_time_limits,
        blank=True,
    )
    # Double-anonymous review always waits for an editor's approval of what
    # reviewers write to the author; the other methods only if the journal asks.
    approve_comments_automatically = models.BooleanField(
        _("reviewers' comments reach the author without an editor's approval"),
        default=True,
        help_text=_(
            "Single-anonymous and open review only. In double-anonymous review "
            "an editor always approves the comments first, and so in any review "
            "whose comments may name their reviewer."
        ),
    )

    class Meta:
        verbose_name = _("review settings")
        verbose_name_plural = _("review settings")

    def __str__(self):
        return str(self.journal)

    @classmethod
    def for_journal(cls, journal: Journal) -> "ReviewSettings":
        obj, _created = cls.objects.get_or_create(journal=journal)
        return obj

    def time_limit_for(self, state: str) -> int | None:
        value = (self.state_time_limits or {}).get(state)
        return int(value) if value else None


class ReviewRound(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="review_rounds"
    )
    number = models.PositiveIntegerField(_("round"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The method this round was sent out under; empty for rounds recorded
    # before rounds kept their method, which follow the section's.
    review_method = models.CharField(
        _("review method"), max_length=32, choices=ReviewMethod.choices, blank=True
    )
    # Why the editor chose a method other than the section's.
    method_reason = models.TextField(_("reason for the review method"), blank=True)

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="review_round_number"
            )
        ]

    def __str__(self):
        return _("Round %(n)s") % {"n": self.number}

    @property
    def method(self) -> str:
        """The method this round runs under."""
        return self.review_method or self.submission.review_method

    def get_method_display(self) -> str:
        return ReviewMethod(self.method).label


class AssignmentState(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    SUBMITTED = "submitted", _("Submitted")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")


# Assignments that still count as someone reviewing (load, reminders).
OPEN_STATES = (AssignmentState.INVITED, AssignmentState.ACCEPTED)


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


class ReviewAssignment(ConcurrentTransitionMixin, models.Model):
    """One reviewer invited to one round."""

    round = models.ForeignKey(
        ReviewRound, on_delete=models.CASCADE, related_name="assignments"
    )
    # Denormalised from the round so lists and the finder filter without a join.
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="review_assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    state = FSMField(
        _("state"),
        default=AssignmentState.INVITED,
        choices=AssignmentState.choices,
        protected=True,
        db_index=True,
    )
    message = models.TextField(_("personal message"), blank=True)
    invited_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)
    due_at = models.DateTimeField(_("due"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    suggested_alternative = models.TextField(
        _("suggested alternative reviewer"), blank=True
    )
    competing_interests = models.TextField(_("competing interests"), blank=True)
    has_conflict = models.BooleanField(
        _("declared a conflict of interest"), default=False
    )
    editor_rating = models.PositiveSmallIntegerField(
        _("editor's rating of the review"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    # Part of every signed link; replaced when a link is used so it cannot be reused.
    token_nonce = models.CharField(max_length=64, default=new_nonce)

    class Meta:
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        ordering = ["round", "invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "reviewer"],
                condition=~models.Q(state="cancelled"),
                name="review_assignment_one_per_round",
            )
        ]
        indexes = [models.Index(fields=["reviewer", "state"])]

    def __str__(self):
        return f"{self.reviewer} / {self.submission_id} ({self.state})"

    def save(self, *args, **kwargs):
        if not self.submission_id and self.round_id:
            self.submission_id = self.round.submission_id
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.state in OPEN_STATES and self.due_at < timezone.now()

    def rotate_nonce(self) -> None:
        self.token_nonce = new_nonce()

    # --- transitions: state and timestamps only -----------------------------
    @transition(
        field=state, source=AssignmentState.INVITED, target=AssignmentState.ACCEPTED
    )
    def accept(self):
        self.responded_at = timezone.now()

    @transition(
        field=state, source=AssignmentState.INVITED, target=AssignmentState.DECLINED
    )
    def decline(self):
        self.responded_at = self.closed_at = timezone.now()

    @transition(
        field=state, source=AssignmentState.ACCEPTED, target=AssignmentState.SUBMITTED
    )
    def submit(self):
        self.submitted_at = self.closed_at = timezone.now()

    @transition(
        field=state,
        source=[AssignmentState.INVITED, AssignmentState.ACCEPTED],
        target=AssignmentState.CANCELLED,
    )
    def cancel(self):
        self.closed_at = timezone.now()

    @transition(
        field=state, source=AssignmentState.INVITED, target=AssignmentState.EXPIRED
    )
    def expire(self):
        self.closed_at = timezone.now()


class AssignmentEvent(models.Model):
    """One row per assignment transition: who, from where to where, why."""

    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    transition = models.CharField(max_length=32)
    from_state = models.CharField(max_length=16, choices=AssignmentState.choices)
    to_state = models.CharField(max_length=16, choices=AssignmentState.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("assignment event")
        verbose_name_plural = _("assignment events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class ReminderSent(models.Model):
    """A reminder that went out; the unique key makes sending it twice impossible.

    Either an assignment (reviewer reminders) or a submission (state time limits)
    is set. `key` tells occurrences apart, e.g. the due date or the overdue step.
    """

    assignment = models.ForeignKey(
        ReviewAssignment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_reminders",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=100, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "kind", "key"],
                condition=models.Q(assignment__isnull=False),
                name="reminder_once_per_assignment",
            ),
            models.UniqueConstraint(
                fields=["submission", "recipient", "kind", "key"],
                condition=models.Q(assignment__isnull=True, submission__isnull=False),
                name="reminder_once_per_submission",
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.key}"


class NotificationPreference(models.Model):
    """Whether a person wants one digest instead of an email per event."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="review_notification_preference",
    )
    digest = models.BooleanField(
        _("send me a daily digest instead of an email per event"), default=False
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class ManuscriptCheck(models.Model):
    """The result of searching an anonymised manuscript for its authors' identities.

    `hits` lists what was found ({"term": ..., "where": ...}); a file with hits
    is held from reviewers until an editor clears it.
    """

    file = models.OneToOneField(
        SubmissionFile, on_delete=models.CASCADE, related_name="anonymity_check"
    )
    hits = models.JSONField(default=list, blank=True)
    checked_at = models.DateTimeField(default=timezone.now)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("anonymity check")
        verbose_name_plural = _("anonymity checks")

    def __str__(self):
        return f"{self.file} ({len(self.hits)})"

    @property
    def blocks_reviewers(self) -> bool:
        return bool(self.hits) and self.cleared_at is None


class FileAction(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKED = "checked", _("Checked")
    CLEARED = "cleared", _("Cleared")
    HELD = "held", _("Held from reviewers")
    REVIEWER_WAITING = "reviewer-waiting", _("A reviewer is waiting for it")
    SHARED = "shared", _("Shared with reviewers")
    UNSHARED = "unshared", _("No longer shared with reviewers")


class SharedReviewerFile(models.Model):
    """A figure or supplementary file the editor chose to give reviewers."""

    file = models.OneToOneField(
        SubmissionFile, on_delete=models.CASCADE, related_name="reviewer_share"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    shared_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("file shared with reviewers")
        verbose_name_plural = _("files shared with reviewers")

    def __str__(self):
        return str(self.file)


class ReviewerFileEvent(models.Model):
    """What happened to a file reviewers receive: who uploaded, checked or cleared
    which version, and when a reviewer found it held."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reviewer_file_events"
    )
    file = models.ForeignKey(
        SubmissionFile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewer_events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=20, choices=FileAction.choices)
    # For REVIEWER_WAITING: who waits, for what ("manuscript", "response"), and
    # when the editor made the file available.
    assignment = models.ForeignKey(
        ReviewAssignment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="file_waits",
    )
    what = models.CharField(max_length=20, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("reviewer file event")
        verbose_name_plural = _("reviewer file events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.action} {self.file_id}"


class ReviewForm(models.Model):
    """The questions reviewers answer, per journal and optionally per section."""

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="review_forms"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="review_forms",
        help_text=_("Leave empty to use the form for every section."),
    )
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review form")
        verbose_name_plural = _("review forms")
        ordering = ["journal", "name"]

    def __str__(self):
        return self.name


class CriterionKind(models.TextChoices):
    NUMERIC = "numeric", _("Numeric scale")
    YESNO = "yesno", _("Yes or no")


class ReviewCriterion(models.Model):
    form = models.ForeignKey(
        ReviewForm, on_delete=models.CASCADE, related_name="criteria"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    label = models.CharField(_("label"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"),
        max_length=16,
        choices=CriterionKind.choices,
        default=CriterionKind.NUMERIC,
    )
    scale_min = models.IntegerField(_("lowest score"), default=1)
    scale_max = models.IntegerField(_("highest score"), default=5)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")
        ordering = ["form", "order", "pk"]

    def __str__(self):
        return self.label

    def normalised(self, value) -> float | None:
        """The answer on a 0..1 scale (yes = 1, no = 0), or None if unanswered."""
        if value is None or value == "":
            return None
        if self.kind == CriterionKind.YESNO:
            if isinstance(value, str):
                return 1.0 if value.lower() in ("yes", "true", "1") else 0.0
            return 1.0 if value else 0.0
        span = self.scale_max - self.scale_min
        if span <= 0:
            return None
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None
        return min(max((number - self.scale_min) / span, 0.0), 1.0)


class Recommendation(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    MINOR_REVISION = "minor-revision", _("Minor revision")
    MAJOR_REVISION = "major-revision", _("Major revision")
    REJECT = "reject", _("Reject")


# Position on the scale accept < minor < major < reject; two steps apart is strong
# disagreement.
RECOMMENDATION_STEP = {
    Recommendation.ACCEPT: 0,
    Recommendation.MINOR_REVISION: 1,
    Recommendation.MAJOR_REVISION: 2,
    Recommendation.REJECT: 3,
}


def annotated_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"reviews/{instance.assignment_id}/{uuid.uuid4().hex}.{ext}"


class Review(models.Model):
    """A reviewer's report; a draft until submitted, then locked."""

    assignment = models.OneToOneField(
        ReviewAssignment, on_delete=models.CASCADE, related_name="review"
    )
    form = models.ForeignKey(
        ReviewForm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
    )
    # {str(criterion_id): value}; numbers for scales, true/false for yes/no.
    answers = models.JSONField(default=dict, blank=True)
    confidence = models.PositiveSmallIntegerField(
        _("confidence"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    recommendation = models.CharField(
        _("recommendation"), max_length=20, choices=Recommendation.choices, blank=True
    )
    comments_to_author = models.TextField(_("comments to the author"), blank=True)
    comments_to_editor = models.TextField(
        _("confidential comments to the editor"), blank=True
    )
    annotated_file = models.FileField(
        _("annotated manuscript"),
        upload_to=annotated_file_path,
        max_length=300,
        blank=True,
    )
    annotated_content_type = models.CharField(max_length=120, blank=True)
    annotated_extension = models.CharField(max_length=10, blank=True)
    # What the check before submitting found of the reviewer's own identity in
    # the comments to the author or the annotated file, when they submitted
    # anyway: [{"term", "snippet", "where"}]. The editor sees a flag.
    identity_hits = models.JSONField(default=list, blank=True)
    # The comments reach the author (and the next round's reviewers) only once
    # approved: by an editor, or automatically where the journal allows it.
    # `approved_comments` is the editor's edited copy; empty means as written.
    comments_approved_at = models.DateTimeField(null=True, blank=True)
    comments_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_comments = models.TextField(
        _("comments to the author as approved"), blank=True
    )
    is_draft = models.BooleanField(default=True)
    saved_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self):
        return f"{_('Review')} {self.assignment_id}"

    def criteria(self) -> list[ReviewCriterion]:
        if self.form_id is None:
            return []
        return list(self.form.criteria.all())

    @property
    def weighted_score(self) -> float | None:
        """Weighted mean of the answers on a 0..1 scale; None without answers.

        Uses prefetched `form.criteria` when present, so lists stay one query.
        """
        total = weights = 0.0
        for criterion in self.criteria():
            value = criterion.normalised(self.answers.get(str(criterion.pk)))
            if value is None:
                continue
            weight = float(criterion.weight)
            total += value * weight
            weights += weight
        return total / weights if weights else None

    @property
    def comments_approved(self) -> bool:
        return self.comments_approved_at is not None

    @property
    def comments_for_author(self) -> str:
        """What the author may read: the approved text, or "" before approval."""
        if not self.comments_approved:
            return ""
        return self.approved_comments or self.comments_to_author

    @property
    def annotated_neutral_name(self) -> str:
        ext = f".{self.annotated_extension}" if self.annotated_extension else ""
        return f"annotated-review-{self.assignment_id}{ext}"


class DecisionKind(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    MINOR_REVISION = "minor-revision", _("Minor revision")
    MAJOR_REVISION = "major-revision", _("Major revision")
    REJECT = "reject", _("Reject")
    DESK_REJECT = "desk-reject", _("Desk reject")


# The submission transition each decision runs.
DECISION_TRANSITION = {
    DecisionKind.ACCEPT: "accept",
    DecisionKind.MINOR_REVISION: "request_revisions",
    DecisionKind.MAJOR_REVISION: "request_revisions",
    DecisionKind.REJECT: "reject",
    DecisionKind.DESK_REJECT: "desk_reject",
}


class Decision(models.Model):
    """An editorial decision and the letter sent with it.

    `number` counts decisions per submission. The service takes the next number
    from what the editor saw, so two editors deciding on the same state collide
    on the unique constraint and exactly one decision is recorded.
    """

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="decisions"
    )
    round = models.ForeignKey(
        ReviewRound,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decisions",
    )
    number = models.PositiveIntegerField()
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    kind = models.CharField(_("decision"), max_length=20, choices=DecisionKind.choices)
    language = models.CharField(max_length=8, default="en")
    letter_subject = models.CharField(_("subject"), max_length=300)
    letter_body = models.TextField(_("letter"))
    # The email that carries the letter: the last one sent or held. The author
    # sees the letter only once it has gone out.
    letter_email = models.ForeignKey(
        "submissions.OutboxEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="decision_one_per_step"
            ),
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(round__isnull=False),
                name="decision_one_per_round",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.submission_id})"

    @property
    def letter_held(self) -> bool:
        return (
            self.letter_email is not None
            and self.letter_email.status == self.letter_email.Status.BLOCKED
        )
