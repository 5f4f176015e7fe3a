"""CitationData from an article loaded with its submission, authors and issue."""

from ..links import article_url
from .data import Author, CitationData


def citation_data(article, *, language: str | None = None) -> CitationData:
    submission = article.submission
    journal = article.journal
    language = language or submission.language or journal.primary_language
    issue = article.issue
    return CitationData(
        key=str(article.pk),
        title=submission.title_in(language) or submission.display_title,
        authors=[
            Author(
                given=c.given_name,
                family=c.family_name,
                orcid=c.orcid,
                affiliation=c.affiliation,
            )
            for c in submission.authors.all()
        ],
        journal=journal.title,
        journal_abbrev=journal.abbreviation,
        volume=str(issue.volume.number) if issue and issue.volume_id else "",
        issue=issue.number if issue else "",
        published=journal.local_time(article.published_at).date()
        if article.published_at
        else None,
        first_page=article.first_page,
        last_page=article.last_page,
        article_number=article.elocation_id,
        doi=article.doi,
        url=article_url(article),
        issn=journal.issn_online or journal.issn_print,
        publisher=journal.publisher,
        language=language,
        abstract=submission.abstract_in(language),
        keywords=submission.keywords_in(language),
        issns=[i for i in (journal.issn_print, journal.issn_online) if i],
    )
