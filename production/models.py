"""Production: copyediting rounds, messages between author and production editor,
render jobs and the media (figures) extracted from the accepted manuscript."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from publishing.models.articles import Article
from submissions.models import SubmissionFile


class CopyeditStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the author")
    APPROVED = "approved", _("Approved by the author")
    QUERIES = "queries", _("Author answered with queries")


class CopyeditReview(models.Model):
    """One copyedited file sent to the author, and the author's answer."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="copyedit_reviews"
    )
    file = models.ForeignKey(
        SubmissionFile, on_delete=models.PROTECT, related_name="copyedit_reviews"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CopyeditStatus.choices,
        default=CopyeditStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("copyedit review")
        verbose_name_plural = _("copyedit reviews")
        ordering = ["article", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.file} — {self.get_status_display()}"


class MessageKind(models.TextChoices):
    NOTE = "note", _("Note")
    COPYEDIT_QUERY = "copyedit-query", _("Copyediting query")
    COPYEDIT_APPROVAL = "copyedit-approval", _("Copyediting approved")
    PROOF_CORRECTIONS = "proof-corrections", _("Proof corrections")
    PROOF_APPROVAL = "proof-approval", _("Proofs approved")


class ProductionMessage(models.Model):
    """A message between the author and the production editor about one article."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="production_messages"
    )
    review = models.ForeignKey(
        CopyeditReview,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=32, choices=MessageKind.choices, default=MessageKind.NOTE
    )
    body = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("production message")
        verbose_name_plural = _("production messages")
        ordering = ["article", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class RenderStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")


class RenderJob(models.Model):
    """One run of JATS → HTML → PDF for an article; a failure keeps its reason."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="render_jobs"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RenderStatus.choices,
        default=RenderStatus.QUEUED,
    )
    step = models.CharField(_("step"), max_length=16, blank=True)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    attempts = models.PositiveIntegerField(default=0)
    # The published version (front matter rebuilt around the approved body).
    publication = models.BooleanField(default=False)
    # Put back on the queue by the sweeper after its worker was lost.
    requeued = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("render job")
        verbose_name_plural = _("render jobs")
        ordering = ["article", "-created_at", "-pk"]

    def __str__(self):
        return f"{self.article_id}: {self.get_status_display()}"


def article_media_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"articles/{instance.article_id}/media/{uuid.uuid4().hex}.{ext}"


class ArticleMedia(models.Model):
    """A figure extracted from the manuscript; JATS refers to it by `name`."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="media")
    # Content-addressed (sha256 prefix + extension), so a re-conversion reuses it.
    name = models.CharField(max_length=100)
    file = models.FileField(upload_to=article_media_path, max_length=300)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("article figure")
        verbose_name_plural = _("article figures")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "name"], name="article_media_name_unique"
            )
        ]

    def __str__(self):
        return self.name


class ReferenceCorrection(models.Model):
    """A production editor's correction of one parsed reference.

    Rows are never changed: each save adds one, so they are also the log of who
    corrected what. The newest row for a position wins over the parser while
    the reference still reads as it did (`text`); an edited reference is parsed
    afresh.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="reference_corrections"
    )
    position = models.PositiveIntegerField(_("position"))
    text = models.TextField(_("reference as corrected"))
    fields = models.JSONField(_("corrected fields"), default=dict)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    corrected_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("reference correction")
        verbose_name_plural = _("reference corrections")
        ordering = ["article", "position", "-corrected_at", "-pk"]
        indexes = [models.Index(fields=["article", "position"])]

    def __str__(self):
        return f"{self.article_id} #{self.position}"
