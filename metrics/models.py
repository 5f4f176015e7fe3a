"""Usage statistics counted as COUNTER Release 5 counts them.

A hit that passes the robot filter becomes a `UsageEvent`, keyed only by
salted hashes (the salt changes every day and is deleted once that day's
events are aggregated), so no IP address or session id is ever stored.
Events live until the hourly aggregation folds them into `UsageMonthly` and
deletes them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.models.articles import Article


class UsageAction(models.TextChoices):
    # COUNTER: an Investigation is any access to the item (its landing page);
    # a Request is an access to the full content (a galley download). Every
    # Request is also an Investigation.
    INVESTIGATION = "investigation", _("Article page view")
    REQUEST = "request", _("Download")


class Metric(models.TextChoices):
    TOTAL_ITEM_INVESTIGATIONS = "Total_Item_Investigations", _("Total investigations")
    TOTAL_ITEM_REQUESTS = "Total_Item_Requests", _("Total requests")
    UNIQUE_ITEM_INVESTIGATIONS = (
        "Unique_Item_Investigations",
        _("Unique investigations"),
    )
    UNIQUE_ITEM_REQUESTS = "Unique_Item_Requests", _("Unique requests")


UNIQUE_METRICS = (Metric.UNIQUE_ITEM_INVESTIGATIONS, Metric.UNIQUE_ITEM_REQUESTS)


class UsageSalt(models.Model):
    """The secret mixed into the day's hashes; deleted after aggregation."""

    day = models.DateField(unique=True)
    value = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("usage salt")
        verbose_name_plural = _("usage salts")

    def __str__(self):
        return self.day.isoformat()


class UsageEvent(models.Model):
    """One counted hit, after robot filtering and double-click merging."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="usage_events"
    )
    # "" for the article page; otherwise the galley kind downloaded.
    galley_kind = models.CharField(max_length=16, blank=True)
    action = models.CharField(max_length=16, choices=UsageAction.choices)
    occurred_at = models.DateTimeField(db_index=True)
    # HMAC of the user agent and IP address under the day's salt: the
    # double-click key. Not reversible once the salt is gone.
    visitor = models.CharField(max_length=64)
    # HMAC of the session (cookie, else user agent and IP) and the hour: the
    # COUNTER session behind the Unique_Item_* metrics.
    session = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("usage event")
        verbose_name_plural = _("usage events")
        indexes = [
            models.Index(
                fields=["article", "galley_kind", "visitor", "occurred_at"],
                name="usage_event_doubleclick",
            )
        ]

    def __str__(self):
        return f"{self.article_id} {self.action} {self.galley_kind}"


class UsageMonthly(models.Model):
    """Counts per article, galley kind, month and COUNTER metric.

    Total_* rows are kept per galley kind ("" is the article page). Unique_*
    rows count sessions over every format of the article, so they are stored
    once per article and month, under galley kind "".
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="usage_monthly"
    )
    galley_kind = models.CharField(_("format"), max_length=16, blank=True)
    month = models.DateField(_("month"))
    metric = models.CharField(_("metric"), max_length=32, choices=Metric.choices)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("monthly usage")
        verbose_name_plural = _("monthly usage")
        ordering = ["month", "article", "galley_kind", "metric"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "galley_kind", "month", "metric"],
                name="usage_monthly_unique",
            )
        ]
        indexes = [models.Index(fields=["month", "metric"], name="usage_month")]

    def __str__(self):
        return f"{self.article_id} {self.month:%Y-%m} {self.metric}: {self.count}"


class SushiCredential(models.Model):
    """Who may harvest the SUSHI API. While no active credential exists the
    API is open (usage of open-access content reported to "The World")."""

    name = models.CharField(_("institution name"), max_length=200)
    customer_id = models.CharField(_("customer ID"), max_length=100)
    requestor_id = models.CharField(_("requestor ID"), max_length=100, unique=True)
    api_key = models.CharField(_("API key"), max_length=100, blank=True)
    journal = models.ForeignKey(
        "journal.Journal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty to report every journal on the platform."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("SUSHI credential")
        verbose_name_plural = _("SUSHI credentials")

    def __str__(self):
        return f"{self.name} ({self.customer_id})"
