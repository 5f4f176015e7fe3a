"""Plain Crossref data from the database (the builder knows nothing of models)."""

import uuid

from django.conf import settings
from django.utils import timezone

from publishing.links import article_url, issue_url, site_url  # noqa: F401 - re-exported
from publishing.models import Article, Issue, JournalPublishingSettings

from .crossref import ArticleData, BatchData, IssueData, JournalData, Person


def _local_date(journal, value):
    return journal.local_time(value).date() if value else None


def references_of(submission) -> list[str]:
    return [
        line.strip()
        for line in (submission.references or "").splitlines()
        if line.strip()
    ]


def article_data(article: Article) -> ArticleData:
    submission = article.submission
    language = submission.language or article.journal.primary_language
    title = submission.title_in(language) or submission.display_title
    translated = {
        lang: text
        for lang, text in (submission.title or {}).items()
        if lang != language and text
    }
    return ArticleData(
        key=f"article:{article.pk}",
        doi=article.doi,
        url=article_url(article),
        title=title,
        language=language,
        translated_titles=translated,
        authors=[
            Person(
                given_name=c.given_name,
                surname=c.family_name,
                affiliation=c.affiliation,
                orcid=c.orcid,
            )
            for c in submission.authors.all()
        ],
        abstract=submission.abstract_in(language),
        published=_local_date(article.journal, article.published_at),
        first_page=article.first_page,
        last_page=article.last_page,
        item_number=article.elocation_id,
        licence_url=article.journal.licence_url,
        references=references_of(submission),
    )


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
