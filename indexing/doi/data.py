"""Plain Crossref data from the database (the builder knows nothing of models)."""

import uuid
from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from production.references import article_references
from publishing.links import article_url, issue_url, site_url  # noqa: F401 - re-exported
from publishing.models import Article, GalleyKind, Issue, JournalPublishingSettings

from .crossref import ArticleData, BatchData, IssueData, JournalData, Person


def _local_date(journal, value):
    return journal.local_time(value).date() if value else None


def article_data(article: Article) -> ArticleData:
    submission = article.submission
    language = submission.language or article.journal.primary_language
    title = submission.title_in(language) or submission.display_title
    languages = [language] + [k for k in (submission.abstract or {}) if k != language]
    crossmark_policy = _crossmark_policy(article.journal)
    return ArticleData(
        key=f"article:{article.pk}",
        doi=article.doi,
        url=article_url(article),
        title=title,
        language=language,
        authors=[
            Person(
                given_name=c.given_name,
                surname=c.family_name,
                affiliation=c.affiliation,
                orcid=c.orcid,
                ror=c.ror,
                orcid_authenticated=c.orcid_authenticated,
            )
            for c in submission.authors.all()
        ],
        abstract=submission.abstract_in(language),
        published=_local_date(article.journal, article.published_at),
        first_page=article.first_page,
        last_page=article.last_page,
        item_number=article.elocation_id,
        licence_url=article.journal.licence_url,
        references=article_references(article),
        abstracts={
            lang: submission.abstract_in(lang)
            for lang in languages
            if submission.abstract_in(lang)
        },
        full_texts=_full_texts(article),
        crossmark_policy=crossmark_policy,
        crossmark_domain=urlparse(settings.SITE_URL).hostname or "",
        updates=_updates(article) if crossmark_policy else [],
    )


def _crossmark_policy(journal) -> str:
    try:
        return journal.publishing_settings.crossmark_policy_doi
    except JournalPublishingSettings.DoesNotExist:
        return ""


_FULL_TEXT_KINDS = (GalleyKind.PDF, GalleyKind.HTML, GalleyKind.JATS)


def _full_texts(article) -> list[tuple[str, str]]:
    """The stable download address and MIME type of each current full text."""
    kinds = {
        g.kind: g.content_type.split(";")[0].strip()
        for g in article.galleys.filter(is_current=True, kind__in=_FULL_TEXT_KINDS)
    }
    return [
        (
            site_url(
                reverse("publishing:article_download_kind", args=[article.pk, kind])
            ),
            kinds[kind],
        )
        for kind in _FULL_TEXT_KINDS
        if kind in kinds
    ]


def _updates(article) -> list[tuple[str, object, str]]:
    """Crossmark updates of an article corrected or retracted in place: each
    later version is a correction, the retraction a retraction, all on the
    article's own DOI."""
    updates = [
        ("correction", _local_date(article.journal, v.superseded_at), article.doi)
        for v in article.versions.order_by("number")
    ]
    if article.retracted_at:
        updates.append(
            (
                "retraction",
                _local_date(article.journal, article.retracted_at),
                article.doi,
            )
        )
    return updates


def issue_data(issue: Issue) -> IssueData:
    return IssueData(
        key=f"issue:{issue.pk}",
        volume=str(issue.volume.number) if issue.volume_id else "",
        number=issue.number,
        published=_local_date(issue.journal, issue.published_at),
        doi=issue.doi,
        url=issue_url(issue),
    )


def batch_data(*, journal, issue=None, articles=()) -> BatchData:
    try:
        row = journal.publishing_settings
    except JournalPublishingSettings.DoesNotExist:
        row = None
    return BatchData(
        batch_id=f"{journal.slug}-{uuid.uuid4().hex[:16]}",
        timestamp=timezone.now(),
        depositor_name=(row.depositor_name if row else "") or journal.publisher,
        depositor_email=(row.depositor_email if row else "")
        or journal.contact_email
        or settings.DEFAULT_FROM_EMAIL,
        registrant=journal.publisher,
        journal=JournalData(
            title=journal.title,
            abbrev_title=journal.abbreviation,
            issn_print=journal.issn_print,
            issn_online=journal.issn_online,
            language=journal.primary_language,
        ),
        issue=issue_data(issue) if issue is not None else None,
        articles=[article_data(a) for a in articles],
    )
