from django.http import Http404
from django.shortcuts import render

from journal.models import Journal
from journal.selectors import calls_open, journal_by_slug


def journal_home(request, slug):
    try:
        journal = journal_by_slug(slug)
    except Journal.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "publishing/journal_home.html",
        {
            "journal": journal,
            "calls": calls_open(journal),
            "sections": journal.sections.all(),
        },
    )
