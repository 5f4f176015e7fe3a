"""Citation exports of an article and the DOAJ XML of an issue."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from .. import selectors
from ..citations.article import citation_data
from ..citations.formats import EXPORTS
from ..doaj.export import DoajAuthor, DoajRecord, doaj_build, doaj_serialise
from ..doi.data import article_url
from ..models import GalleyKind, Issue
from .common import article_links, journal_or_404
from .reader import article_or_404


@require_safe
def article_cite(request, article_id, fmt):
    if fmt not in EXPORTS:
        raise Http404
    article = selectors.article_load_related(article_or_404(article_id))
    formatter, content_type, ext = EXPORTS[fmt]
    response = HttpResponse(
        formatter(citation_data(article)), content_type=content_type
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{article.journal.slug}-{article.pk}.{ext}"'
    )
    return response


def _doaj_record(article) -> DoajRecord:
    submission = article.submission
    journal = article.journal
    links = article_links(article, article.current_galleys)
    issue = article.issue
    languages = [submission.language] + [
        lang for lang in submission.title if lang != submission.language
    ]
    return DoajRecord(
        language=submission.language,
        publisher=journal.publisher,
        journal_title=journal.title,
        issn=journal.issn_print,
        eissn=journal.issn_online,
        publication_date=journal.local_time(article.published_at).date().isoformat(),
        volume=str(issue.volume.number) if issue and issue.volume_id else "",
        issue=issue.number if issue else "",
        start_page=article.first_page or article.elocation_id,
        end_page=article.last_page,
        doi=article.doi,
        record_id=str(article.pk),
        titles={
            lang: submission.title_in(lang)
            for lang in languages
            if submission.title_in(lang)
        },
        authors=[
            DoajAuthor(name=c.full_name, affiliation=c.affiliation, orcid=c.orcid)
            for c in submission.authors.all()
        ],
        abstracts={
            lang: submission.abstract_in(lang)
            for lang in languages
            if submission.abstract_in(lang)
        },
        full_text_url=links.pdf or article_url(article),
        keywords={lang: submission.keywords_in(lang) for lang in languages},
    )


@require_safe
def issue_doaj(request, slug, issue_id):
    journal = journal_or_404(slug)
    try:
        issue = selectors.issue_public(journal, issue_id)
    except Issue.DoesNotExist:
        raise Http404 from None
    articles = selectors.issue_articles_public(issue)
    for article in articles:
        article.journal = journal
        article.issue = issue
    root = doaj_build([_doaj_record(a) for a in articles])
    response = HttpResponse(doaj_serialise(root), content_type="application/xml")
    response["Content-Disposition"] = (
        f'attachment; filename="{journal.slug}-issue-{issue.pk}-doaj.xml"'
    )
    return response


__all__ = ["article_cite", "issue_doaj", "GalleyKind"]
