"""Reads for publishing pages, with visibility rules and the joins they need.

Readers see only published (or retracted) articles of published issues or
articles published continuously; editors see their own journal's issues.
"""

import datetime
import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import connections, router
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from journal.models import Journal
from submissions.models import Contributor, State

from .doi_patterns import article_doi, issue_doi
from .models import (
    Article,
    ArticleStatus,
    ArticleVersion,
    Galley,
    Issue,
    IssueState,
    Volume,
)

PUBLIC_STATUSES = (ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED)


def _authors_prefetch():
    return Prefetch(
        "submission__authors",
        queryset=Contributor.objects.order_by("order", "pk"),
    )


def _current_galleys_prefetch():
    return Prefetch(
        "galleys",
        queryset=Galley.objects.filter(is_current=True).order_by("kind", "-version"),
        to_attr="current_galleys",
    )


def articles_public(journal: Journal | None = None) -> QuerySet[Article]:
    qs = Article.objects.filter(status__in=PUBLIC_STATUSES)
    if journal is not None:
        qs = qs.filter(journal=journal)
    return qs


def articles_for_listing(qs: QuerySet[Article]) -> QuerySet[Article]:
    """Joins for a list of articles with authors and PDF links: 3 queries."""
    return qs.select_related("submission", "section").prefetch_related(
        _authors_prefetch(), _current_galleys_prefetch()
    )


def issues_published(journal: Journal) -> QuerySet[Issue]:
    return (
        journal.issues.filter(state=IssueState.PUBLISHED)
        .select_related("volume")
        .order_by("-published_at", "-pk")
    )


def issue_current(journal: Journal) -> Issue | None:
    return issues_published(journal).first()


def issue_public(journal: Journal, issue_id: int) -> Issue:
    """A published issue of the journal; raises Issue.DoesNotExist."""
    return issues_published(journal).get(pk=issue_id)


def issue_articles_public(issue: Issue) -> list[Article]:
    return list(
        articles_for_listing(
            articles_public().filter(issue=issue).order_by("order", "pk")
        )
    )


def _page_key(article: Article) -> tuple:
    page = (article.first_page or "").strip()
    return (0, int(page), "") if page.isdigit() else (1, 0, page)


def issue_sections(articles: list[Article]) -> list[tuple]:
    """[(section or None, [articles])]: sections in the journal's order, and
    in each the articles by first page (then by their place in the issue)."""
    groups: dict = {}
    for article in articles:
        groups.setdefault(article.section_id, (article.section, []))[1].append(article)
    for _section, items in groups.values():
        items.sort(key=lambda a: (_page_key(a), a.order, a.pk))
    return sorted(
        groups.values(),
        key=lambda g: (g[0] is None, g[0].order if g[0] else 0, g[0].pk if g[0] else 0),
    )


def articles_latest(journal: Journal, limit: int = 10) -> list[Article]:
    return list(
        articles_for_listing(
            articles_public(journal)
            .select_related("issue__volume")
            .order_by("-published_at", "-pk")[:limit]
        )
    )


def article_public(article_id: int, *, related: bool = True) -> Article:
    """A published or retracted article (of an active journal); with its authors
    and current galleys unless related=False (then call article_load_related
    when needed). Raises Article.DoesNotExist for anything else."""
    qs = (
        articles_public()
        .filter(journal__is_active=True)
        .select_related("submission", "journal", "section", "issue__volume")
    )
    if related:
        qs = qs.prefetch_related(_authors_prefetch(), _current_galleys_prefetch())
    return qs.get(pk=article_id)


_STAMP_FIELDS = {
    "id",
    "journal_id",
    "submission_id",
    "issue_id",
    "status",
    "version",
    "datestamp",
}
# A value no article id takes, marking where the id goes in the compiled query.
_STAMP_ID_MARK = -7_654_321


@functools.lru_cache(maxsize=8)
def _stamp_statement(alias: str):
    """The stamp query compiled once per process and database: building it
    through the ORM costs more than the rest of serving a kept page. Columns
    come in the model's order, as Model.from_db reads them."""
    fields = [
        f.attname for f in Article._meta.concrete_fields if f.attname in _STAMP_FIELDS
    ]
    qs = (
        articles_public()
        .filter(journal__is_active=True, pk=_STAMP_ID_MARK)
        .values_list(*fields)
    )
    compiler = qs.query.get_compiler(using=alias)
    sql, params = compiler.as_sql()
    params = list(params)
    converters = compiler.get_converters([column[0] for column in compiler.select])
    return fields, compiler, sql, params, params.index(_STAMP_ID_MARK), converters


def article_public_stamp(article_id: int) -> Article:
    """Just enough of a public article to find its cached page: id, journal,
    submission, issue, status, version and datestamp (one cheap query,
    compiled once). Raises Article.DoesNotExist like article_public."""
    alias = router.db_for_read(Article)
    fields, compiler, sql, params, position, converters = _stamp_statement(alias)
    params = [*params[:position], int(article_id), *params[position + 1 :]]
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        raise Article.DoesNotExist("No public article with this id.")
    if converters:
        row = next(iter(compiler.apply_converters([row], converters)))
    return Article.from_db(alias, fields, list(row))


def article_load_related(article: Article) -> Article:
    prefetch_related_objects(
        [article], _authors_prefetch(), _current_galleys_prefetch()
    )
    return article


def article_version_public(article: Article, number: int) -> ArticleVersion:
    return (
        ArticleVersion.objects.filter(article=article, number=number)
        .prefetch_related("galleys")
        .get()
    )


def article_versions(article: Article) -> list[ArticleVersion]:
    return list(ArticleVersion.objects.filter(article=article).order_by("number"))


@dataclass(frozen=True)
class ArticleUpdate:
    """A published change to an article: a correction (which made a new
    version, `version`) or its retraction, with the reason or notice."""

    kind: str  # "correction" or "retraction"
    date: datetime.datetime
    article: Article
    note: str
    version: int | None = None


def journal_updates(journal: Journal) -> list[ArticleUpdate]:
    """The journal's corrections and retractions of public articles, newest
    first (two queries, however many there are)."""
    corrections = (
        ArticleVersion.objects.filter(
            article__journal=journal, article__status__in=PUBLIC_STATUSES
        )
        .select_related("article__submission")
        .only(
            "number",
            "reason",
            "superseded_at",
            "article__id",
            "article__doi",
            "article__journal_id",
            "article__submission__title",
            "article__status",
            "article__submission__language",
            # The workflow reads its state when a submission row is loaded.
            "article__submission__state",
        )
    )
    retracted = (
        articles_public(journal)
        .filter(retracted_at__isnull=False)
        .select_related("submission")
        .only(
            "id",
            "doi",
            "journal_id",
            "retracted_at",
            "retraction_notice",
            "submission__title",
            "status",
            "submission__language",
            "submission__state",
        )
    )
    updates = [
        ArticleUpdate(
            kind="correction",
            date=v.superseded_at,
            article=v.article,
            note=v.reason,
            # The correction made the next version the current one.
            version=v.number + 1,
        )
        for v in corrections
    ] + [
        ArticleUpdate(
            kind="retraction",
            date=a.retracted_at,
            article=a,
            note=a.retraction_notice,
        )
        for a in retracted
        if a.retracted_at is not None  # filtered in the query; for the types
    ]
    updates.sort(key=lambda u: (u.date, u.kind == "retraction"), reverse=True)
    return updates


def galley_public(article: Article, *, galley_id=None, kind=None) -> Galley:
    """A galley of a public article: current ones by kind, or any one of its
    galleys (old versions too) by id. Raises Galley.DoesNotExist."""
    qs = Galley.objects.filter(article=article)
    if galley_id is not None:
        return qs.get(pk=galley_id)
    return qs.filter(kind=kind, is_current=True).order_by("-version", "-pk")[:1].get()


# --- editors ---------------------------------------------------------------


def volumes_of(journal: Journal) -> QuerySet[Volume]:
    return journal.volumes.all()


def issues_for_editor(journal: Journal) -> QuerySet[Issue]:
    return (
        journal.issues.select_related("volume")
        .annotate(article_count=Count("articles"))
        .order_by("-year", "-pk")
    )


def issue_for_editor(journal: Journal, issue_id: int) -> Issue:
    return journal.issues.select_related("volume", "call").get(pk=issue_id)


def issue_articles_for_editor(issue: Issue) -> list[Article]:
    return list(
        issue.articles.select_related("submission", "section")
        .prefetch_related(_authors_prefetch())
        .order_by("order", "pk")
    )


def articles_ready_unassigned(journal: Journal) -> QuerySet[Article]:
    """Articles an editor can put into an issue: ready for publication and in no
    issue, or published continuously and in no issue."""
    return (
        Article.objects.filter(journal=journal, issue__isnull=True)
        .filter(
            Q(submission__state=State.READY_FOR_PUBLICATION)
            | Q(status=ArticleStatus.PUBLISHED)
        )
        .select_related("submission")
        .order_by("pk")
    )


def issue_publish_preview(issue: Issue) -> dict:
    """What publishing this issue will do, for the confirmation page: each
    article with the DOI it keeps or will get, whether it is ready, the issue's
    DOI, the Crossref deposit, the regenerated galleys. Nothing is saved."""
    rows = []
    articles = issue_articles_for_editor(issue)
    prefix = issue.journal.doi_prefix
    # One query for the DOIs in use, instead of one per article.
    in_use = (
        set(
            Article.objects.filter(doi__startswith=f"{prefix}/").values_list(
                "doi", flat=True
            )
        )
        if prefix
        else set()
    )
    for place, article in enumerate(articles, start=1):
        pending = article.status == ArticleStatus.IN_PRODUCTION
        doi = article.doi
        if pending and not doi and prefix:
            article.journal, article.issue = issue.journal, issue
            doi = article_doi(
                article, year=issue.year, taken=in_use.__contains__, seq=place
            )
            in_use.add(doi)
        rows.append(
            {
                "article": article,
                "doi": doi,
                "new_doi": pending and not article.doi and bool(doi),
                "ready": not pending
                or article.submission.state == State.READY_FOR_PUBLICATION,
                "already_published": not pending,
            }
        )
    return {
        "rows": rows,
        "issue_doi": issue.doi or issue_doi(issue),
        "ready": bool(rows) and all(r["ready"] for r in rows),
        "deposit": bool(settings.CROSSREF_USERNAME) and bool(issue.journal.doi_prefix),
        "rerender": sum(1 for r in rows if not r["already_published"]),
    }
