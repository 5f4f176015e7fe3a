"""Reads for publishing pages, with visibility rules and the joins they need.

Readers see only published (or retracted) articles of published issues or
articles published continuously; editors see their own journal's issues.
"""

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from journal.models import Journal
from journal.selectors import journal_by_slug, user_is_editor
from submissions.models import Contributor, State

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


def issue_sections(articles: list[Article]) -> list[tuple]:
    """[(section or None, [articles])] in the order sections first appear."""
    groups: dict = {}
    for article in articles:
        groups.setdefault(article.section_id, (article.section, []))[1].append(article)
    return list(groups.values())


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


def article_public_stamp(article_id: int) -> Article:
    """Just enough of a public article to find its cached page: id, journal,
    submission, issue, status, version and datestamp (a cheap query).
    Raises Article.DoesNotExist like article_public."""
    return (
        articles_public()
        .filter(journal__is_active=True)
        .only(
            "id",
            "journal_id",
            "submission_id",
            "issue_id",
            "status",
            "version",
            "datestamp",
        )
        .get(pk=article_id)
    )


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


def galley_public(article: Article, *, galley_id=None, kind=None) -> Galley:
    """A galley of a public article: current ones by kind, or any one of its
    galleys (old versions too) by id. Raises Galley.DoesNotExist."""
    qs = Galley.objects.filter(article=article)
    if galley_id is not None:
        return qs.get(pk=galley_id)
    return qs.filter(kind=kind, is_current=True).order_by("-version", "-pk")[:1].get()


# --- editors ---------------------------------------------------------------


def journal_for_editor(slug: str, user) -> Journal:
    """The journal if the person edits it; raises Journal.DoesNotExist otherwise."""
    journal = journal_by_slug(slug)
    if not user_is_editor(user, journal):
        raise Journal.DoesNotExist
    return journal


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
