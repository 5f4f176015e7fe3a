"""What a journal brought from OJS: where it lived, which rows came from which
OJS records, and the import jobs managers start from the site."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.models import Journal
from publishing.models import Article


class OjsSource(models.Model):
    """The OJS installation a journal came from, for its old links and OAI ids."""

    journal = models.OneToOneField(
        Journal, on_delete=models.CASCADE, related_name="ojs_source"
    )
    ojs_path = models.CharField(
        _("OJS journal path"),
        max_length=100,
        db_index=True,
        help_text=_("The journal's path in its old OJS addresses: /index.php/PATH/."),
    )
    ojs_version = models.CharField(max_length=8, blank=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("OJS source")
        verbose_name_plural = _("OJS sources")

    def __str__(self):
        return f"{self.journal} ← {self.ojs_path}"


class RecordKind(models.TextChoices):
    SECTION = "section", _("Section")
    ISSUE = "issue", _("Issue")
    ARTICLE = "article", _("Article")
    GALLEY = "galley", _("Galley")
    FILE = "file", _("File")
    USER = "user", _("User")


class OjsRecord(models.Model):
    """One OJS record and the row it became here.

    Keyed on the OJS id, so a second import finds what the first one made;
    `fingerprint` (SHA-256 of the record as exported) tells whether it changed.
    """

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="ojs_records"
    )
    kind = models.CharField(max_length=16, choices=RecordKind.choices)
    ojs_id = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    # For a galley: the OJS submission it belongs to; for a file: its galley.
    parent_ojs_id = models.CharField(max_length=200, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)
    # What the row has no column for: a section's abbreviations, an issue's
    # title and description in every locale.
    data = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("imported OJS record")
        verbose_name_plural = _("imported OJS records")
        constraints = [
            models.UniqueConstraint(
                fields=["journal", "kind", "ojs_id"], name="ojs_record_unique"
            )
        ]
        indexes = [
            models.Index(fields=["kind", "object_id"], name="ojs_record_object"),
        ]

    def __str__(self):
        return f"{self.kind} {self.ojs_id} → {self.object_id}"


class ImportedArticle(models.Model):
    """OJS metadata this platform's article has no column for, kept whole
    (subtitles, subjects, copyright and access have their columns on the
    submission and the article)."""

    article = models.OneToOneField(
        Article, on_delete=models.CASCADE, related_name="ojs_metadata"
    )
    ojs_id = models.CharField(max_length=64)
    licence_url = models.URLField(max_length=500, blank=True)
    # Every OJS publication of the article, oldest first, as imported.
    publications = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("imported article metadata")
        verbose_name_plural = _("imported article metadata")

    def __str__(self):
        return f"OJS {self.ojs_id}"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Uploaded")
    CHECKED = "checked", _("Checked")
    REFUSED = "refused", _("Refused")
    RUNNING = "running", _("Importing")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def import_upload_path(instance, filename):
    return f"ojs-imports/{instance.journal_id}/{uuid.uuid4().hex}.xml"


class OjsImport(models.Model):
    """An import started from the site: the uploaded export, its dry-run report,
    then the background job's progress and summary."""

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="ojs_imports"
    )
    issues_file = models.FileField(upload_to=import_upload_path, max_length=300)
    users_file = models.FileField(
        upload_to=import_upload_path, max_length=300, blank=True
    )
    ojs_path = models.CharField(_("OJS journal path"), max_length=100)
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.UPLOADED
    )
    version = models.CharField(max_length=8, blank=True)
    report = models.JSONField(default=dict, blank=True)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("OJS import")
        verbose_name_plural = _("OJS imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.journal} {self.created_at:%Y-%m-%d %H:%M}"
