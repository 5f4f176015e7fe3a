"""What the OAI-PMH endpoint exposes, as querysets.

A record is any article that was ever published (it has `published_at`):
published and retracted articles are full records; withdrawn or unpublished
ones stay as deleted records (header only), because the repository declares
`deletedRecord persistent`.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    BooleanField,
    CharField,
    ExpressionWrapper,
    Func,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest

from journal.models import Journal, Section
from publishing.models import Article, ArticleStatus, Galley
from submissions.models import Contributor

from ..models import OaiRecord

LIVE_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)

# The columns a header needs, read without building model instances.
# Set specs come from slugs kept in memory (sets.py), not from a join.
HEADER_FIELDS = ("id", "status", "stamp", "journal_id", "section_id")


class HeaderRow(NamedTuple):
    """A record's header (HEADER_FIELDS), with its stored metadata if asked for."""

    id: int
    status: str
    stamp: str | datetime  # formatted by the database (UTCStamp)
    journal_id: int
    section_id: int | None
    xml: str | None = None
    has_jats: bool = False  # read by record_header only


class UTCStamp(Func):
    """A datetime column as an OAI-PMH datestamp (`YYYY-MM-DDThh:mm:ssZ`),
    formatted by the database: reading and formatting a hundred datetimes in
    Python costs more than the rest of a ListIdentifiers page. Fractions of a
    second are cut, never rounded, as `from`/`until` expect."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="""to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')""",
            **extra,
        )

    def as_sqlite(self, compiler, connection, **extra):
        # The format goes as a parameter: a literal % would upset the
        # backend's parameter substitution.
        return Func(
            Value("%Y-%m-%dT%H:%M:%SZ"),
            *self.get_source_expressions(),
            function="strftime",
            output_field=CharField(),
        ).as_sql(compiler, connection)


def with_stamp(qs: QuerySet[Article]) -> QuerySet[Article]:
    return qs.annotate(stamp=UTCStamp("datestamp"))


def with_stored_xml(qs: QuerySet[Article], *, prefix: str, fingerprint: str | None):
    """Annotate `xml`: the stored metadata in `prefix` if it is still current
    (built for the article's datestamp, with this fingerprint, after the
    journal's and the issue's last change), else None."""

    current = OaiRecord.objects.filter(
        article_id=OuterRef("pk"),
        prefix=prefix,
        datestamp=OuterRef("datestamp"),
        fingerprint=fingerprint,
        built_at__gte=OuterRef("context_changed"),
    ).values("xml")[:1]
    return qs.annotate(
        context_changed=Coalesce(
            Greatest("journal__updated_at", "issue__updated_at"),
            "journal__updated_at",
        ),
        xml=Subquery(current),
    )


def harvestable_articles() -> QuerySet[Article]:
    return Article.objects.filter(published_at__isnull=False)


def record_stamp(article_id: int) -> tuple[str, datetime] | None:
    """A record's status and exact datestamp (changed whenever its metadata
    does), for revalidating a GetRecord answer; None if there is no record."""
    return (
        harvestable_articles()
        .filter(id=article_id)
        .values_list("status", "datestamp")
        .first()
    )


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


def header_page(
    window: Window,
    *,
    needs_jats: bool,
    after_id: int,
    size: int,
    fingerprint: str | None = None,
) -> list[HeaderRow]:
    """Up to `size + 1` header rows after `after_id`, in id order, with the
    stored metadata when `fingerprint` is given (one query)."""
    sql, params = _page_statement(
        window, needs_jats, size, fingerprint, connection.vendor
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, (*params, after_id))
        return [HeaderRow(*row) for row in cursor.fetchall()]


# Compiling the page query costs more than running it, and a harvest asks the
# same query of every page with only the keyset position changed. The position
# is the query's last parameter (its last WHERE condition; the SELECT's come
# first), so the SQL is compiled once per window and kept.
_POSITION = -987_654_321  # no article has this id


@lru_cache(maxsize=256)
def _page_statement(
    window: Window,
    needs_jats: bool,
    size: int,
    fingerprint: str | None,
    vendor: str,
) -> tuple[str, tuple]:
    qs = with_stamp(articles_in(window, needs_jats=needs_jats)).filter(id__gt=_POSITION)
    fields: tuple[str, ...] = HEADER_FIELDS
    if fingerprint is not None:
        qs = with_stored_xml(qs, prefix=window.prefix, fingerprint=fingerprint)
        fields = (*fields, "xml")
    sql, params = (
        qs.order_by("id").values_list(*fields)[: size + 1].query.sql_with_params()
    )
    if not params or params[-1] != _POSITION or _POSITION in params[:-1]:
        raise AssertionError(
            "the keyset position is not the page query's last parameter"
        )
    return sql, tuple(params[:-1])


def record_header(
    article_id: int, *, prefix: str | None = None, fingerprint: str | None = None
) -> HeaderRow | None:
    """The header row of one record, whether it has JATS, and its stored
    metadata in `prefix` if current (one query)."""
    qs = with_stamp(harvestable_articles().filter(id=article_id)).annotate(
        has_jats=ExpressionWrapper(~Q(jats_xml=""), output_field=BooleanField())
    )
    if prefix is not None:
        qs = with_stored_xml(qs, prefix=prefix, fingerprint=fingerprint)
    else:
        qs = qs.annotate(xml=Value(None, output_field=CharField()))
    row = qs.values_list(*HEADER_FIELDS, "xml", "has_jats").first()
    return None if row is None else HeaderRow(*row)


def articles_for_metadata(ids, *, needs_jats: bool) -> QuerySet[Article]:
    """Articles with everything a metadata format reads, in a fixed number of
    queries whatever their number: the stored JATS alone for a format built
    from it, else the database's metadata without the JATS."""
    if needs_jats:
        return Article.objects.filter(id__in=list(ids)).only(
            "id", "datestamp", "jats_xml"
        )
    return (
        Article.objects.filter(id__in=list(ids))
        .select_related("submission", "journal", "section", "issue", "issue__volume")
        .defer(
            "jats_xml",
            "submission__references",
            "submission__funding",
            "submission__comments_to_editor",
            "submission__decl_competing_interests",
        )
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
