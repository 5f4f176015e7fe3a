"""Crossref deposits: each batch sent to Crossref and the status of each DOI in it."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.models import Journal
from publishing.models import Article, Issue


class DepositStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SUBMITTED = "submitted", _("Submitted")
    SUCCESS = "success", _("Deposited")
    FAILED = "failed", _("Failed")


class CrossrefDeposit(models.Model):
    """One batch sent to Crossref; each DOI in it has its own item status."""

    journal = models.ForeignKey(
        Journal, on_delete=models.CASCADE, related_name="crossref_deposits"
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="crossref_deposits",
    )
    batch_id = models.CharField(max_length=64, unique=True)
    # The name the batch was uploaded under: Crossref's submission log is
    # looked up by it.
    file_name = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=16, choices=DepositStatus.choices, default=DepositStatus.PENDING
    )
    xml = models.TextField(blank=True)
    response = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # When Crossref's submission log was last read for this batch's result.
    result_checked_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("Crossref deposit")
        verbose_name_plural = _("Crossref deposits")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.batch_id


class CrossrefDepositItem(models.Model):
    """The deposit status of one DOI (an article or an issue) in one batch."""

    deposit = models.ForeignKey(
        CrossrefDeposit, on_delete=models.CASCADE, related_name="items"
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="crossref_items",
    )
    issue = models.ForeignKey(
        Issue,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="crossref_items",
    )
    doi = models.CharField(max_length=200)
    status = models.CharField(
        max_length=16, choices=DepositStatus.choices, default=DepositStatus.PENDING
    )
    message = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Crossref deposit item")
        verbose_name_plural = _("Crossref deposit items")
        ordering = ["deposit", "pk"]

    def __str__(self):
        return f"{self.doi}: {self.status}"
