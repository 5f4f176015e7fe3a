"""Citation exports of an article and the DOAJ XML of an issue (built by
indexing, registered as an issue export)."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from .. import hooks, selectors
from ..citations.article import citation_data
from ..citations.formats import EXPORTS
from ..links import article_url
from ..meta.article import signposting_metadata
from ..models import GalleyKind, Issue
from .common import journal_or_404
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
    # An export is a metadata record of the landing page (its describedby).
    response["Link"] = signposting_metadata(
        article_url(article),
        cite_as=f"https://doi.org/{article.doi}" if article.doi else "",
    )
    return response


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
    export = hooks.issue_export("doaj")
    if export is None:
        raise Http404
    return export(journal=journal, issue=issue, articles=articles)


__all__ = ["article_cite", "issue_doaj", "GalleyKind"]
