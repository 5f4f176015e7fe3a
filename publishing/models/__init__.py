"""Publishing models, one module per sub-domain.

articles: volumes, issues, articles and their galleys (shared by all the apps above).
versions: each journal's publishing settings and the versions of an article.
Production, indexing, discovery and metrics keep their models in their own apps.
"""

from .articles import (
    Article,
    ArticleAccess,
    ArticleStatus,
    Galley,
    GalleyKind,
    Issue,
    IssueState,
    Volume,
)
from .versions import ArticleVersion, JournalPublishingSettings

__all__ = [
    "Article",
    "ArticleAccess",
    "ArticleStatus",
    "ArticleVersion",
    "Galley",
    "GalleyKind",
    "Issue",
    "IssueState",
    "JournalPublishingSettings",
    "Volume",
]
