"""Reads of the OJS app: what an old OJS address or id names here."""

from journal.models import Journal
from publishing.models import Article, ArticleStatus, Galley, Issue, IssueState

from .models import OjsImport, OjsRecord, OjsSource, RecordKind


def journal_by_ojs_path(path: str) -> Journal | None:
    source = OjsSource.objects.select_related("journal").filter(ojs_path=path).first()
    if source is not None:
        return source.journal
    return Journal.objects.filter(slug=path, ojs_source__isnull=True).first()


def _mapped(journal: Journal, kind: str, ojs_id: str) -> int | None:
    return (
        OjsRecord.objects.filter(journal=journal, kind=kind, ojs_id=ojs_id)
        .values_list("object_id", flat=True)
        .first()
    )


def public_article_for(journal: Journal, ojs_id: str) -> Article | None:
    """The published article an OJS submission id (or its URL path) became."""
    pk = _mapped(journal, RecordKind.ARTICLE, ojs_id)
    if pk is None:
        return None
    return Article.objects.filter(
        pk=pk, status__in=[ArticleStatus.PUBLISHED, ArticleStatus.RETRACTED]
    ).first()


def galley_for(
    article: Article,
    journal: Journal,
    ojs_galley_id: str,
    ojs_file_id: str | None = None,
) -> Galley | None:
    pk = _mapped(journal, RecordKind.GALLEY, ojs_galley_id)
    if pk is None and ojs_file_id:
        pk = _mapped(journal, RecordKind.FILE, ojs_file_id)
    if pk is None:
        return None
    return Galley.objects.filter(pk=pk, article=article).first()


def public_issue_for(journal: Journal, ojs_id: str) -> Issue | None:
    pk = _mapped(journal, RecordKind.ISSUE, ojs_id)
    if pk is None:
        return None
    return Issue.objects.filter(pk=pk, state=IssueState.PUBLISHED).first()


def imports_of(journal: Journal) -> list[OjsImport]:
    return list(OjsImport.objects.filter(journal=journal).order_by("-created_at")[:20])
