"""What the editor's issue page shows of each DOI's Crossref deposits."""

from django.db.models import Q

from indexing.models import CrossrefDepositItem, DepositStatus
from publishing.models import Article, Issue


def deposit_status_by_item(issue: Issue, articles: list[Article]) -> dict:
    """For the issue and each article: the latest deposit item and whether any
    deposit of it ever succeeded (a success is never hidden by a later try).
    Keys: ("issue", pk) and ("article", pk)."""
    items = (
        CrossrefDepositItem.objects.filter(
            Q(issue=issue) | Q(article__in=[a.pk for a in articles])
        )
        .select_related("deposit")
        .order_by("pk")
    )
    result: dict = {}
    for item in items:
        key = (
            ("article", item.article_id)
            if item.article_id
            else ("issue", item.issue_id)
        )
        entry = result.setdefault(key, {"latest": None, "ever_succeeded": None})
        entry["latest"] = item
        if item.status == DepositStatus.SUCCESS:
            entry["ever_succeeded"] = item
    return result
