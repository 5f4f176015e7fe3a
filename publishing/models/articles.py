import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from journal.fsm import ConcurrentStateMixin
from journal.models import CallForPapers, Journal, Section
from journal.translations import Translated
from submissions.models import Submission

from ..imports import import_running, may_import


class Volume(models.Model):
    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="volumes"
    )
    number = models.PositiveIntegerField(_("number"))
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("volume")
        verbose_name_plural = _("volumes")
        ordering = ["journal", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "number"], name="volume_number_unique"
            )
        ]

    def __str__(self):
        return _("Volume %(n)s (%(y)s)") % {"n": self.number, "y": self.year}


class IssueState(models.TextChoices):
    DRAFT = "draft", _("In preparation")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


def issue_cover_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "jpg"
    return f"issues/{instance.journal_id}/{uuid.uuid4().hex}.{ext}"


class Issue(Translated, ConcurrentStateMixin, models.Model):
    """An issue of a volume. Its state changes only through the transitions
    below, run by publishing.issues.services through journal.workflow, which
    logs each change (TransitionLog)."""

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="issues"
    )
    volume = models.ForeignKey(
        Volume, on_delete=models.PROTECT, related_name="issues", null=True, blank=True
    )
    number = models.CharField(_("number"), max_length=20)
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=300, blank=True)
    title_translations = models.JSONField(
        _("title in other languages"), default=dict, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    description_translations = models.JSONField(
        _("description in other languages"), default=dict, blank=True
    )
    cover_image = models.ImageField(
        _("cover image"), upload_to=issue_cover_path, blank=True
    )
    cover_alt = models.CharField(
        _("cover description"),
        max_length=300,
        blank=True,
        help_text=_(
            "What the cover shows, for readers who cannot see it; read aloud "
            "by screen readers."
        ),
    )
    is_special = models.BooleanField(_("special issue"), default=False)
    guest_editors = models.CharField(_("guest editors"), max_length=500, blank=True)
    call = models.ForeignKey(
        CallForPapers,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issues",
    )
    state = FSMField(
        _("state"),
        max_length=16,
        choices=IssueState.choices,
        default=IssueState.DRAFT,
        protected=True,
    )
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Whoever scheduled the issue; the beat task publishes on their authority.
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["journal", "-year", "-pk"]

    def __str__(self):
        label = _("Vol. %(v)s No. %(n)s (%(y)s)") % {
            "v": self.volume.number if self.volume_id else "—",
            "n": self.number,
            "y": self.year,
        }
        title = self.localised("title")
        return f"{label}: {title}" if title else str(label)

    @property
    def cover_text(self) -> str:
        """The cover's alternative text: as given, else which issue it is."""
        return self.cover_alt or _("Cover of %(issue)s") % {"issue": self}

    # --- transitions: state and timestamps only -----------------------------
    @transition(
        field=state,
        source=[IssueState.DRAFT, IssueState.SCHEDULED],
        target=IssueState.SCHEDULED,
    )
    def schedule(self, *, when, by):
        self.scheduled_for = when
        self.scheduled_by = by

    @transition(
        field=state,
        source=[IssueState.DRAFT, IssueState.SCHEDULED],
        target=IssueState.DRAFT,
    )
    def unschedule(self):
        self.scheduled_for = None

    @transition(
        field=state,
        source=[IssueState.DRAFT, IssueState.SCHEDULED],
        target=IssueState.PUBLISHED,
    )
    def publish(self, *, when):
        self.published_at = when
        self.scheduled_for = None

    @transition(
        field=state,
        source=IssueState.DRAFT,
        target=IssueState.PUBLISHED,
        conditions=[import_running],
        permission=may_import,
    )
    def import_published(self, *, when):
        """An issue brought from another platform as published there."""
        self.published_at = when


class ArticleStatus(models.TextChoices):
    IN_PRODUCTION = "in-production", _("In production")
    PUBLISHED = "published", _("Published")
    RETRACTED = "retracted", _("Retracted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ArticleAccess(models.TextChoices):
    """How readers may use an article; every published article is free to read.

    Open access adds an open licence; "free to read" is work that came from a
    subscription journal with its rights reserved.
    """

    OPEN = "open", _("Open access")
    FREE = "free", _("Free to read")


class Article(ConcurrentStateMixin, models.Model):
    """The publication of an accepted submission, created when production starts.

    `status` is the publication's own lifecycle (in production, published,
    retracted, withdrawn); the submission's state is the editorial one. They
    meet at publication, which one service (publishing.issues.services) runs as
    both transitions in one database transaction, so neither is written apart
    from the other. Retraction exists for the article only.

    `datestamp` changes whenever anything a harvester sees changes (metadata, a
    galley, a correction, a retraction); OAI-PMH selects and pages by it.
    """

    submission = models.OneToOneField(
        Submission, on_delete=models.PROTECT, related_name="article"
    )
    journal = models.ForeignKey(
        Journal, on_delete=models.PROTECT, related_name="articles"
    )
    section = models.ForeignKey(
        Section,
        on_delete=models.PROTECT,
        related_name="articles",
        null=True,
        blank=True,
    )
    issue = models.ForeignKey(
        Issue, on_delete=models.SET_NULL, null=True, blank=True, related_name="articles"
    )
    order = models.PositiveIntegerField(_("order in issue"), default=0)
    status = FSMField(
        _("status"),
        max_length=16,
        choices=ArticleStatus.choices,
        default=ArticleStatus.IN_PRODUCTION,
        db_index=True,
        protected=True,
    )
    first_page = models.CharField(_("first page"), max_length=20, blank=True)
    last_page = models.CharField(_("last page"), max_length=20, blank=True)
    elocation_id = models.CharField(_("article number"), max_length=40, blank=True)
    doi = models.CharField(_("DOI"), max_length=200, blank=True, db_index=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    # {"en": "The authors", "ru": "Авторы"}; empty: the authors, in the year of
    # publication (JATS, the article page).
    copyright_holder = models.JSONField(_("copyright holder"), default=dict, blank=True)
    copyright_year = models.PositiveIntegerField(
        _("copyright year"), null=True, blank=True
    )
    access_status = models.CharField(
        _("access"),
        max_length=8,
        choices=ArticleAccess.choices,
        default=ArticleAccess.OPEN,
    )
    # The article's JATS XML as last validated and stored; galleys derive from it.
    jats_xml = models.TextField(blank=True)
    retraction_notice = models.TextField(_("retraction notice"), blank=True)
    production_editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("production editor"),
    )
    retracted_at = models.DateTimeField(_("retracted"), null=True, blank=True)
    datestamp = models.DateTimeField(default=timezone.now, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["issue", "order", "pk"]
        indexes = [
            models.Index(fields=["datestamp", "id"], name="article_datestamp_id")
        ]

    def __str__(self):
        return self.submission.display_title

    def touch(self):
        """Mark the record changed for harvesters (call save with datestamp)."""
        self.datestamp = timezone.now()

    def copyright_holder_in(self, language: str) -> str:
        holders = self.copyright_holder or {}
        return holders.get(language) or next((h for h in holders.values() if h), "")

    @property
    def is_public(self) -> bool:
        return self.status in (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)

    # --- transitions: state and timestamps only -----------------------------
    @transition(
        field=status, source=ArticleStatus.IN_PRODUCTION, target=ArticleStatus.PUBLISHED
    )
    def publish(self, *, when):
        self.published_at = when
        self.datestamp = when

    @transition(
        field=status,
        source=ArticleStatus.IN_PRODUCTION,
        target=ArticleStatus.PUBLISHED,
        conditions=[import_running],
        permission=may_import,
    )
    def import_published(self, *, when):
        """An article brought from another platform as published there."""
        self.published_at = when
        self.touch()

    @transition(
        field=status, source=ArticleStatus.PUBLISHED, target=ArticleStatus.RETRACTED
    )
    def retract(self, *, when):
        self.retracted_at = when
        self.touch()


class GalleyKind(models.TextChoices):
    PDF = "pdf", "PDF"
    HTML = "html", "HTML"
    JATS = "jats", "JATS XML"
    SUPPLEMENTARY = "supplementary", _("Supplementary file")


def galley_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"galleys/{instance.article_id}/{uuid.uuid4().hex}.{ext}"


class Galley(models.Model):
    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="galleys"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=GalleyKind.choices)
    label = models.CharField(_("label"), max_length=100, blank=True)
    file = models.FileField(upload_to=galley_path, max_length=300)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    uploaded = models.BooleanField(
        _("uploaded by hand"), default=False, help_text=_("Typeset outside the system.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("galley")
        verbose_name_plural = _("galleys")
        ordering = ["article", "kind", "-version"]

    def __str__(self):
        return f"{self.get_kind_display()} v{self.version}"
