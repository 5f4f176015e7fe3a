"""The search page: the whole platform at /search/, one journal at
/j/<slug>/search/."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from journal.models import Journal
from journal.selectors import journal_by_slug
from publishing import hooks
from publishing.views.common import journal_or_404

from .forms import SearchForm
from .selectors import search_articles, search_filter_options


def _journal_or_none(slug: str):
    try:
        return journal_by_slug(slug)
    except Journal.DoesNotExist:
        return None


@require_safe
def search(request, slug=None):
    journal = journal_or_404(slug) if slug else None
    form = SearchForm(
        request.GET or None, options=search_filter_options(journal), journal=journal
    )
    params = form.params(_journal_or_none)
    results = search_articles(params, page=request.GET.get("page"))
    if params.text:
        hooks.search_performed(request=request, journal=journal)
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "discovery/search/results.html",
        {
            "journal": journal,
            "form": form,
            "results": results,
            "query": params.text,
            "querystring": querystring.urlencode(),
        },
    )
