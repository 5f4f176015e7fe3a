"""Publishing settings per journal and the versions of an article."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from journal.models import Journal

from .articles import Article, Galley

# No database ids: where the article appeared and its place there.
DEFAULT_ARTICLE_DOI_PATTERN = "{prefix}/{journal_slug}.{year}.{volume}.{issue}.{seq}"
# The default before: kept to move journals that never chose a pattern.
OLD_DEFAULT_ARTICLE_DOI_PATTERN = "{prefix}/{journal_slug}.{year}.{article_id}"
DEFAULT_ISSUE_DOI_PATTERN = "{prefix}/{journal_slug}.{year}.{volume}.{issue}"


class JournalPublishingSettings(models.Model):
    """How a journal names its DOIs and deposits them."""

    journal = models.OneToOneField(
        Journal, on_delete=models.CASCADE, related_name="publishing_settings"
    )
    article_doi_pattern = models.CharField(
        _("article DOI pattern"),
        max_length=200,
        default=DEFAULT_ARTICLE_DOI_PATTERN,
        help_text=_(
            "Placeholders: {prefix}, {journal} (abbreviation), {journal_slug}, "
            "{year}, {volume}, {issue}, {seq} (the article's place in the issue), "
            "{page}, {article} (article number). DOIs already given never change."
        ),
    )
    issue_doi_pattern = models.CharField(
        _("issue DOI pattern"),
        max_length=200,
        default=DEFAULT_ISSUE_DOI_PATTERN,
        blank=True,
        help_text=_("Leave empty to give issues no DOI."),
    )
    depositor_name = models.CharField(_("depositor name"), max_length=200, blank=True)
    depositor_email = models.EmailField(_("depositor email"), blank=True)
    doaj_listed = models.BooleanField(_("listed in DOAJ"), default=False)
    crossmark_policy_doi = models.CharField(
        _("Crossmark policy DOI"),
        max_length=200,
        blank=True,
        help_text=_(
            "The DOI of the journal's update policy page (how it corrects and "
            "retracts articles). With it, deposits carry Crossmark, and "
            "corrections and retractions are deposited as updates."
        ),
    )

    # The update policy page's text per language ({"en": ..., "ru": ...}), like
    # a submission's title; a default text stands in for a missing language.
    update_policy = models.JSONField(
        _("update policy"),
        default=dict,
        blank=True,
        help_text=_(
            "How the journal handles corrections, retractions, expressions of "
            "concern and new versions."
        ),
    )

    citation_style = models.CharField(
        _("citation style"),
        max_length=100,
        blank=True,
        help_text=_(
            "The name of a CSL style (e.g. harvard-cite-them-right, ieee, "
            "gost-r-7-0-5-2008) to show first under How to cite, besides APA "
            "and Chicago author-date."
        ),
    )

    class Meta:
        verbose_name = _("publishing settings")
        verbose_name_plural = _("publishing settings")

    def __str__(self):
        return str(self.journal)

    def update_policy_in(self, *languages: str) -> tuple[str, str]:
        """(language, text) of the update policy in the first of `languages`
        it is written in, else in any written language, else ("", "")."""
        written = {k: v for k, v in (self.update_policy or {}).items() if v.strip()}
        for language in (*languages, *written):
            if language in written:
                return language, written[language]
        return "", ""


class ArticleVersion(models.Model):
    """A frozen earlier version of a published article, still reachable."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    reason = models.TextField(_("reason for the new version"))
    # Title, abstract, keywords, authors, pages and DOI as they were.
    metadata = models.JSONField(default=dict)
    galleys = models.ManyToManyField(Galley, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)
    superseded_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="article_version_unique"
            )
        ]

    def __str__(self):
        return f"{self.article_id} v{self.number}"
