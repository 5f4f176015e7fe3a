"""DOIs from a journal's pattern, e.g. "{prefix}/{journal_slug}.{year}.{volume}.{issue}.{seq}".

The default patterns use no database ids: an article's DOI says where it was
published (journal, year, volume, issue) and its place there (`{seq}`: its
position in the issue, or for an article published without an issue, its
number among the journal's such articles of the year). A DOI is minted once,
when the article is published, and never changes afterwards, whatever the
pattern becomes.
"""

import re
import string

from django.db.models import Q
from django.utils.translation import gettext as _

from journal.errors import DomainError

from .models.articles import Article
from .models.versions import (
    DEFAULT_ARTICLE_DOI_PATTERN,
    DEFAULT_ISSUE_DOI_PATTERN,
    JournalPublishingSettings,
)

PLACEHOLDERS = {
    "prefix",
    "journal",
    "journal_slug",
    "year",
    "volume",
    "issue",
    "article",
    "article_id",
    "page",
    "seq",
}
# How many following numbers `{seq}` tries when a DOI is taken.
SEQ_TRIES = 50
# Characters Crossref recommends in a DOI suffix.
_UNSAFE = re.compile(r"[^A-Za-z0-9\-._;()/:]")


def pattern_check(pattern: str) -> None:
    """Raise DomainError if the pattern uses an unknown placeholder."""
    try:
        names = {n for _t, n, _f, _c in string.Formatter().parse(pattern) if n}
    except ValueError as exc:
        raise DomainError(_("The DOI pattern is malformed: %s") % exc) from exc
    unknown = names - PLACEHOLDERS
    if unknown:
        raise DomainError(
            _("Unknown placeholders in the DOI pattern: %s")
            % ", ".join(sorted(unknown))
        )
    if not pattern.startswith("{prefix}/"):
        raise DomainError(_("A DOI pattern starts with {prefix}/."))


def _clean(value) -> str:
    return _UNSAFE.sub("-", str(value if value is not None else "")).strip("-")


def doi_render(pattern: str, values: dict) -> str:
    pattern_check(pattern)
    prefix = values.get("prefix") or ""
    if not prefix:
        raise DomainError(_("The journal has no DOI prefix."))
    clean = {k: _clean(v) for k, v in values.items() if k != "prefix"}
    suffix_pattern = pattern.split("/", 1)[1]
    suffix = suffix_pattern.format(**{k: clean.get(k, "") for k in PLACEHOLDERS})
    suffix = re.sub(r"\.{2,}", ".", suffix).strip(".")
    return f"{prefix}/{suffix}"


def _patterns(journal):
    try:
        settings_row = journal.publishing_settings
    except JournalPublishingSettings.DoesNotExist:
        settings_row = None
    if settings_row is None:
        return DEFAULT_ARTICLE_DOI_PATTERN, DEFAULT_ISSUE_DOI_PATTERN
    return settings_row.article_doi_pattern, settings_row.issue_doi_pattern


def _issue_values(issue) -> dict:
    return {
        "volume": issue.volume.number if issue and issue.volume_id else "",
        "issue": issue.number if issue else "",
    }


def _seq(article, *, year: int) -> int:
    """The article's place: its position in its issue (by order, then the
    order it was added), or 1 + the journal's articles published that year
    without an issue."""
    if article.issue_id:
        before = Q(order__lt=article.order) | Q(order=article.order, pk__lt=article.pk)
        return article.issue.articles.filter(before).count() + 1
    published = (
        Article.objects.filter(
            journal_id=article.journal_id, issue__isnull=True, published_at__year=year
        )
        .exclude(pk=article.pk)
        .exclude(doi="")
    )
    return published.count() + 1


def article_doi(article, *, year: int, taken=None, seq: int | None = None) -> str:
    """The DOI the journal's pattern gives the article. With `taken` (a
    function telling whether a DOI is in use) and `{seq}` in the pattern, the
    next free number is used. `seq` may be given by a caller that already
    knows the article's place (a list of the issue's articles in order)."""
    journal = article.journal
    pattern, _issue = _patterns(journal)
    issue = article.issue
    values = {
        "prefix": journal.doi_prefix,
        "journal": journal.abbreviation.lower(),
        "journal_slug": journal.slug,
        "year": year,
        "article": article.elocation_id or article.order or article.pk,
        "article_id": article.pk,
        "page": article.first_page,
        **_issue_values(issue),
    }
    if "{seq}" not in pattern:
        return doi_render(pattern, values)
    seq = seq if seq is not None else _seq(article, year=year)
    doi = doi_render(pattern, {**values, "seq": seq})
    for step in range(1, SEQ_TRIES if taken is not None else 0):
        if not taken(doi):
            break
        doi = doi_render(pattern, {**values, "seq": seq + step})
    return doi


def issue_doi(issue) -> str:
    """The issue's DOI, or "" when the journal gives issues none."""
    journal = issue.journal
    _article, pattern = _patterns(journal)
    if not pattern or not journal.doi_prefix:
        return ""
    values = {
        "prefix": journal.doi_prefix,
        "journal": journal.abbreviation.lower(),
        "journal_slug": journal.slug,
        "year": issue.year,
        **_issue_values(issue),
    }
    return doi_render(pattern, values)
