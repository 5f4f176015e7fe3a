"""Publishing models, one module per sub-domain.

articles: volumes, issues, articles and their galleys (shared by all of publishing).
Production, issue assembly, DOIs/Crossref and OAI-PMH add their own modules here.
"""

from .articles import (
    Article,
    ArticleStatus,
    Galley,
    GalleyKind,
    Issue,
    IssueState,
    Volume,
)
from .issues import (  # noqa: E501,F401
    ArticleVersion,
    CrossrefDeposit,
    CrossrefDepositItem,
    DepositStatus,
    JournalPublishingSettings,
)
from .oai import OaiRecord  # noqa: F401
from .production import ArticleMedia, CopyeditReview, ProductionMessage, RenderJob  # noqa: F401
from .search import RelatedArticle, SearchDocument, SearchTerm  # noqa: F401

__all__ = [
    "Article",
    "ArticleStatus",
    "Galley",
    "GalleyKind",
    "Issue",
    "IssueState",
    "Volume",
]
from .stats import (  # noqa: E402,F401
    SearchMonthly,
    SushiCredential,
    UsageEvent,
    UsageMonthly,
    UsageSalt,
)
