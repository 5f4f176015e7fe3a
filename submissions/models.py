import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from journal.models import CallForPapers, Journal, ReviewMethod, Section
from journal.validators import normalise_ror, validate_orcid, validate_ror

from . import permissions as perms
from .abstracts import abstract_problems


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    DESK_REJECTED = "desk-rejected", _("Desk rejected")
    UNDER_REVIEW = "under-review", _("Under review")
    REVISIONS_REQUESTED = "revisions-requested", _("Revisions requested")
    RESUBMITTED = "resubmitted", _("Resubmitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PRODUCTION = "in-production", _("In production")
    READY_FOR_PUBLICATION = "ready-for-publication", _("Ready for publication")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


ACTIVE_STATES = (
    State.SUBMITTED,
    State.UNDER_REVIEW,
    State.REVISIONS_REQUESTED,
    State.RESUBMITTED,
    State.ACCEPTED,
    State.IN_PRODUCTION,
    State.READY_FOR_PUBLICATION,
)
WITHDRAWABLE = [
    State.DRAFT,
    State.SUBMITTED,
    State.UNDER_REVIEW,
    State.REVISIONS_REQUESTED,
    State.RESUBMITTED,
]


class Submission(ConcurrentTransitionMixin, models.Model):
    """A manuscript from draft to publication.

    The state changes only through the transitions below, called by the services
    in submissions.services, which check permissions, write the log and send mail.
    A transition changes the state and its timestamps only.
    """

    journal = models.ForeignKey(
        Journal, on_delete=models.PROTECT, related_name="submissions"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="submissions",
        null=True,
        blank=True,
    )
    call = models.ForeignKey(
        CallForPapers,
        on_delete=models.SET_NULL,
        related_name="submissions",
        null=True,
        blank=True,
        verbose_name=_("call for papers"),
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="submissions"
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        related_name="edited_submissions",
        null=True,
        blank=True,
        verbose_name=_("handling editor"),
    )
    state = FSMField(
        _("state"),
        default=State.DRAFT,
        choices=State.choices,
        protected=True,
        db_index=True,
    )
    language = models.CharField(
        _("language of the manuscript"), max_length=8, default="en"
    )
    # Multilingual metadata: {"en": "...", "ru": "..."}; keywords and subjects
    # {"en": ["..."]}.
    title = models.JSONField(_("title"), default=dict, blank=True)
    subtitle = models.JSONField(_("subtitle"), default=dict, blank=True)
    abstract = models.JSONField(_("abstract"), default=dict, blank=True)
    keywords = models.JSONField(_("keywords"), default=dict, blank=True)
    subjects = models.JSONField(_("subjects"), default=dict, blank=True)
    references = models.TextField(_("references"), blank=True)
    funding = models.TextField(_("funding"), blank=True)
    comments_to_editor = models.TextField(_("comments to the editor"), blank=True)

    decl_original = models.BooleanField(
        _("The manuscript is original and not under consideration elsewhere"),
        default=False,
    )
    decl_competing_interests = models.TextField(
        _("competing interests"),
        blank=True,
        help_text=_("Declare any competing interests, or write “None”."),
    )
    decl_ethics = models.BooleanField(
        _("The research followed ethical standards and has the approvals it needs"),
        default=False,
    )
    decl_licence = models.BooleanField(
        _("I agree to publish under the journal's licence if accepted"), default=False
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    resubmitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    state_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["journal", "state"])]

    def __str__(self):
        return self.display_title

    # --- metadata helpers -------------------------------------------------
    @property
    def display_title(self) -> str:
        """The title in the reader's interface language when the authors gave
        one, else in the manuscript's language, else any."""
        return (
            self.title.get(get_language() or "")
            or self.title.get(self.language)
            or next((t for t in self.title.values() if t), "")
            or str(_("Untitled submission"))
        )

    def title_in(self, language: str) -> str:
        return self.title.get(language, "")

    def subtitle_in(self, language: str) -> str:
        return (self.subtitle or {}).get(language, "")

    def abstract_in(self, language: str) -> str:
        return self.abstract.get(language, "")

    def keywords_in(self, language: str) -> list[str]:
        return list(self.keywords.get(language, []))

    def subjects_in(self, language: str) -> list[str]:
        return list((self.subjects or {}).get(language, []))

    @property
    def review_method(self) -> str:
        if self.section_id:
            return self.section.effective_review_method
        return self.journal.review_method

    def get_review_method_display(self) -> str:
        """The review method's label in the active language."""
        method = self.review_method
        if method in ReviewMethod.values:
            return ReviewMethod(method).label
        return method

    # --- conditions (plain checks, each with a reason in submissions.rules) ---
    def has_manuscript(self) -> bool:
        return self.files.filter(kind=FileKind.MANUSCRIPT).exists()

    def needs_reviewer_copy(self) -> bool:
        """Double-anonymous review: reviewers get an anonymised copy, never the
        manuscript the authors signed."""
        return self.review_method == ReviewMethod.DOUBLE_ANONYMOUS

    def has_declarations(self) -> bool:
        return (
            self.decl_original
            and self.decl_ethics
            and self.decl_licence
            and bool(self.decl_competing_interests.strip())
        )

    def has_primary_metadata(self) -> bool:
        lang = self.language
        return bool(
            self.section_id
            and self.title.get(lang, "").strip()
            and self.abstract.get(lang, "").strip()
            and self.keywords.get(lang)
            and self.authors.exists()
        )

    def abstract_within_limit(self) -> bool:
        return not abstract_problems(self, self.abstract)

    def has_revision_since_decision(self) -> bool:
        since = self.decided_at or self.submitted_at
        qs = self.files.filter(kind=FileKind.MANUSCRIPT)
        return qs.filter(uploaded_at__gt=since).exists() if since else qs.exists()

    def _touch(self):
        self.state_changed_at = timezone.now()

    # --- transitions -------------------------------------------------------
    @transition(
        field=state,
        source=State.DRAFT,
        target=State.SUBMITTED,
        conditions=[
            has_primary_metadata,
            abstract_within_limit,
            has_manuscript,
            has_declarations,
        ],
        permission=perms.rule("submissions.submit"),
    )
    def submit(self):
        self._touch()
        self.submitted_at = self.state_changed_at

    @transition(
        field=state,
        source=State.SUBMITTED,
        target=State.DESK_REJECTED,
        permission=perms.rule("submissions.decide"),
    )
    def desk_reject(self):
        self._touch()
        self.decided_at = self.state_changed_at

    @transition(
        field=state,
        source=[State.SUBMITTED, State.RESUBMITTED],
        target=State.UNDER_REVIEW,
        permission=perms.rule("submissions.decide"),
    )
    def send_to_review(self):
        self._touch()

    @transition(
        field=state,
        source=[State.UNDER_REVIEW, State.RESUBMITTED],
        target=State.REVISIONS_REQUESTED,
        permission=perms.rule("submissions.decide"),
    )
    def request_revisions(self):
        self._touch()
        self.decided_at = self.state_changed_at

    @transition(
        field=state,
        source=State.REVISIONS_REQUESTED,
        target=State.RESUBMITTED,
        conditions=[has_revision_since_decision],
        permission=perms.rule("submissions.resubmit"),
    )
    def resubmit(self):
        self._touch()
        self.resubmitted_at = self.state_changed_at

    @transition(
        field=state,
        source=[State.SUBMITTED, State.UNDER_REVIEW, State.RESUBMITTED],
        target=State.ACCEPTED,
        permission=perms.rule("submissions.decide"),
    )
    def accept(self):
        self._touch()
        self.decided_at = self.accepted_at = self.state_changed_at

    @transition(
        field=state,
        source=[State.UNDER_REVIEW, State.RESUBMITTED],
        target=State.REJECTED,
        permission=perms.rule("submissions.decide"),
    )
    def reject(self):
        self._touch()
        self.decided_at = self.state_changed_at

    @transition(
        field=state,
        source=WITHDRAWABLE,
        target=State.WITHDRAWN,
        permission=perms.rule("submissions.withdraw"),
    )
    def withdraw(self):
        self._touch()

    @transition(
        field=state,
        source=State.ACCEPTED,
        target=State.IN_PRODUCTION,
        permission=perms.rule("production.run"),
    )
    def start_production(self):
        self._touch()

    @transition(
        field=state,
        source=State.IN_PRODUCTION,
        target=State.READY_FOR_PUBLICATION,
        permission=perms.rule("production.approve_proofs"),
    )
    def approve_proofs(self):
        self._touch()

    @transition(
        field=state,
        source=State.READY_FOR_PUBLICATION,
        target=State.IN_PRODUCTION,
        permission=perms.rule("production.approve_proofs"),
    )
    def return_to_production(self):
        self._touch()

    @transition(
        field=state,
        source=State.READY_FOR_PUBLICATION,
        target=State.PUBLISHED,
        permission=perms.rule("submissions.publish"),
    )
    def publish(self):
        self._touch()
        self.published_at = self.published_at or self.state_changed_at


class Contributor(models.Model):
    """An author of record, in order; need not have an account."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="authors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    given_name = models.CharField(_("given name"), max_length=150)
    family_name = models.CharField(_("family name"), max_length=150, blank=True)
    # Names in another script, e.g. {"ru": {"given": "...", "family": "..."}}.
    name_translations = models.JSONField(default=dict, blank=True)
    email = models.EmailField(_("email"))
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    ror = models.CharField(
        _("ROR id of the affiliation"),
        max_length=40,
        blank=True,
        validators=[validate_ror],
        help_text=_("Optional, for example https://ror.org/03yrm5c26 (see ror.org)."),
    )
    country = CountryField(_("country"), blank=True)
    orcid = models.CharField(
        _("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid]
    )
    # True only when the iD came from the person's account and was confirmed
    # there through ORCID sign-in; typed iDs are never authenticated.
    orcid_authenticated = models.BooleanField(default=False, editable=False)
    is_corresponding = models.BooleanField(_("corresponding author"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        ordering = ["submission", "order", "pk"]

    def __str__(self):
        return self.full_name

    def clean(self):
        self.ror = normalise_ror(self.ror)
        super().clean()

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p)

    @property
    def orcid_url(self) -> str:
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""


class FileKind(models.TextChoices):
    MANUSCRIPT = "manuscript", _("Manuscript")
    ANONYMISED = "anonymised", _("Anonymised manuscript")
    FIGURE = "figure", _("Figure")
    SUPPLEMENTARY = "supplementary", _("Supplementary data")
    COVER_LETTER = "cover-letter", _("Cover letter")
    RESPONSE = "response", _("Response to reviewers")
    COPYEDITED = "copyedited", _("Copyedited manuscript")


def submission_file_path(instance, filename):
    # Stored under a random name: the original name may identify the author.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"submissions/{instance.submission_id}/{uuid.uuid4().hex}.{ext}"


class SubmissionFile(models.Model):
    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=FileKind.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    file = models.FileField(upload_to=submission_file_path, max_length=300)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("description"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("submission file")
        verbose_name_plural = _("submission files")
        ordering = ["submission", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "kind", "version"],
                name="submission_file_version",
                condition=~models.Q(kind__in=["figure", "supplementary"]),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"

    @property
    def extension(self) -> str:
        return (
            self.original_name.rsplit(".", 1)[-1].lower()
            if "." in self.original_name
            else ""
        )

    @property
    def neutral_name(self) -> str:
        """A name that says nothing about who wrote it: manuscript-v2.docx."""
        ext = f".{self.extension}" if self.extension else ""
        return f"{self.kind}-v{self.version}{ext}"


class SubmissionEvent(models.Model):
    """One row per transition: who moved the submission, from where to where, why."""

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    transition = models.CharField(max_length=64)
    from_state = models.CharField(max_length=32, choices=State.choices)
    to_state = models.CharField(max_length=32, choices=State.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.transition}: {self.from_state} → {self.to_state}"


class ReviewerPreference(models.Model):
    """A reviewer the author suggests or asks the editor not to invite."""

    class Kind(models.TextChoices):
        SUGGESTED = "suggested", _("Suggested")
        OPPOSED = "opposed", _("Opposed")

    submission = models.ForeignKey(
        Submission, on_delete=models.CASCADE, related_name="reviewer_preferences"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    email = models.EmailField(_("email"), blank=True)
    affiliation = models.CharField(_("affiliation"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("reviewer preference")
        verbose_name_plural = _("reviewer preferences")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


class OutboxEmail(models.Model):
    """Every notification, kept so editors can read what was sent about a submission."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        BLOCKED = "blocked", _("Blocked")

    submission = models.ForeignKey(
        Submission,
        on_delete=models.CASCADE,
        related_name="emails",
        null=True,
        blank=True,
    )
    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, null=True, blank=True
    )
    key = models.CharField(max_length=100)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    to_email = models.EmailField()
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"
