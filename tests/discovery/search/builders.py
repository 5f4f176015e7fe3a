"""Published articles with chosen text, indexed as the platform would."""

from discovery.search.services import related_compute, search_index_article
from tests.factories import JournalFactory, SectionFactory
from tests.publishing.factories import (
    PublishedArticleFactory,
    html_galley,
    with_authors,
)


def indexed_article(
    *,
    journal=None,
    section=None,
    title=None,
    abstract=None,
    keywords=None,
    body=None,
    language="en",
    country="KZ",
    published_at=None,
    status=None,
    related=False,
    **kwargs,
):
    journal = journal or JournalFactory()
    section = section or SectionFactory(journal=journal)
    extra = {}
    if published_at is not None:
        extra["published_at"] = published_at
    if status is not None:
        extra["status"] = status
    article = PublishedArticleFactory(
        submission__journal=journal,
        submission__section=section,
        submission__language=language,
        submission__title=title if title is not None else {language: "Untitled work"},
        submission__abstract=abstract if abstract is not None else {language: ""},
        submission__keywords=keywords if keywords is not None else {},
        **extra,
        **kwargs,
    )
    with_authors(article, 1, country=country)
    if body:
        html_galley(article, html=body)
    search_index_article(article=article)
    if related:
        related_compute(article_id=article.pk)
    return article
