"""What the OAI-PMH endpoint exposes, as querysets.

A record is any article that was ever published (it has `published_at`):
published and retracted articles are full records; withdrawn or unpublished
ones stay as deleted records (header only), because the repository declares
`deletedRecord persistent`.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import BooleanField, ExpressionWrapper, Min, Prefetch, Q, QuerySet

from journal.models import Journal, Section
from submissions.models import Contributor

from ..models import Article, ArticleStatus, Galley

LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)

# The columns a header needs, read without building model instances.
HEADER_FIELDS = (
    "id",
    "datestamp",
    "status",
    "journal__slug",
    "section__slug",
    "journal__updated_at",
    "issue__updated_at",
)


def harvestable_articles() -> QuerySet[Article]:
    return Article.objects.filter(published_at__isnull=False)


def is_deleted(status: str) -> bool:
    return status not in LIVE_STATUSES


def live_q() -> Q:
    return Q(status__in=LIVE_STATUSES)


@dataclass(frozen=True)
class Window:
    """The records a List request selects: format, set and datestamp range."""

    prefix: str
    set_spec: str | None = None
    since: datetime | None = None  # first instant included
    before: datetime | None = None  # first instant excluded


def articles_in(window: Window, *, needs_jats: bool) -> QuerySet[Article]:
    qs = harvestable_articles()
    if window.since is not None:
        qs = qs.filter(datestamp__gte=window.since)
    if window.before is not None:
        qs = qs.filter(datestamp__lt=window.before)
    if window.set_spec:
        journal_slug, _, section_slug = window.set_spec.partition(":")
        qs = qs.filter(journal__slug=journal_slug)
        if section_slug:
            qs = qs.filter(section__slug=section_slug)
    if needs_jats:
        # A deleted record is listed in every format; a live one only where
        # that format can be disseminated.
        qs = qs.filter(~live_q() | ~Q(jats_xml=""))
    return qs


def header_page(window: Window, *, needs_jats: bool, after_id: int, size: int):
    """Up to `size + 1` header rows after `after_id`, in id order (one query)."""
    return list(
        articles_in(window, needs_jats=needs_jats)
        .filter(id__gt=after_id)
        .order_by("id")
        .values(*HEADER_FIELDS)[: size + 1]
    )


def record_header(article_id: int) -> dict | None:
    """The header row of one record, with whether it has JATS (one query)."""
    row = (
        harvestable_articles()
        .filter(id=article_id)
        .annotate(
            has_jats=ExpressionWrapper(~Q(jats_xml=""), output_field=BooleanField())
        )
        .values(*HEADER_FIELDS, "has_jats")
        .first()
    )
    return row


def articles_for_metadata(ids) -> QuerySet[Article]:
    """Articles with everything a metadata format reads, in a fixed number of
    queries whatever their number."""
    return (
        Article.objects.filter(id__in=list(ids))
        .select_related("submission", "journal", "section", "issue", "issue__volume")
        .prefetch_related(
            Prefetch(
                "submission__authors",
                queryset=Contributor.objects.order_by("order", "pk"),
            ),
            Prefetch(
                "galleys",
                queryset=Galley.objects.filter(is_current=True).only(
                    "id", "article_id", "kind", "content_type"
                ),
                to_attr="current_galleys",
            ),
        )
    )


def earliest_datestamp() -> datetime | None:
    return harvestable_articles().aggregate(first=Min("datestamp"))["first"]


def set_exists(set_spec: str) -> bool:
    journal_slug, _, section_slug = set_spec.partition(":")
    if ":" in section_slug:
        return False
    if section_slug:
        return Section.objects.filter(
            journal__slug=journal_slug, slug=section_slug
        ).exists()
    return Journal.objects.filter(slug=journal_slug).exists()


def has_sets() -> bool:
    return Journal.objects.exists()


def all_sets() -> list[tuple[str, str]]:
    """(setSpec, setName) for every journal and every section (two queries)."""
    sets: list[tuple[str, str]] = []
    sections: dict[int, list[Section]] = {}
    for section in Section.objects.order_by("journal_id", "order", "title"):
        sections.setdefault(section.journal_id, []).append(section)
    for journal in Journal.objects.order_by("slug"):
        sets.append((journal.slug, journal.title))
        for section in sections.get(journal.id, []):
            sets.append(
                (f"{journal.slug}:{section.slug}", f"{journal.title}: {section.title}")
            )
    return sets
