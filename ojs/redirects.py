"""Old OJS addresses answer with a permanent redirect to the new pages, so
readers' bookmarks, citations and search engines keep working.

`{journal}` is the journal's OJS path (`OjsSource.ojs_path`, `--ojs-path`);
every address works with and without `index.php`.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import selectors


def _journal(path: str):
    journal = selectors.journal_by_ojs_path(path)
    if journal is None:
        raise Http404
    return journal


def _moved(url: str, request=None) -> HttpResponsePermanentRedirect:
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@require_safe
def journal_home(request, journal_path):
    journal = _journal(journal_path)
    return _moved(reverse("publishing:journal_home", kwargs={"slug": journal.slug}))


@require_safe
def article_view(request, journal_path, article_ref, galley_ref=None):
    journal = _journal(journal_path)
    article = selectors.public_article_for(journal, article_ref)
    if article is None:
        raise Http404
    if galley_ref is None:
        return _moved(reverse("publishing:article", kwargs={"article_id": article.pk}))
    return _galley(journal, article, galley_ref)


@require_safe
def article_download(request, journal_path, article_ref, galley_ref, file_ref=None):
    journal = _journal(journal_path)
    article = selectors.public_article_for(journal, article_ref)
    if article is None:
        raise Http404
    return _galley(journal, article, galley_ref, file_ref)


def _galley(journal, article, galley_ref, file_ref=None):
    galley = selectors.galley_for(article, journal, galley_ref, file_ref)
    if galley is None:
        raise Http404
    return _moved(
        reverse(
            "publishing:article_download",
            kwargs={"article_id": article.pk, "galley_id": galley.pk},
        )
    )


@require_safe
def issue_view(request, journal_path, issue_ref, rest=None):
    journal = _journal(journal_path)
    if issue_ref == "current":
        return journal_home(request, journal_path)
    issue = selectors.public_issue_for(journal, issue_ref)
    if issue is None:
        raise Http404
    return _moved(
        reverse("publishing:issue", kwargs={"slug": journal.slug, "issue_id": issue.pk})
    )


@require_safe
def issue_archive(request, journal_path, page=None):
    journal = _journal(journal_path)
    return _moved(reverse("publishing:archive", kwargs={"slug": journal.slug}))


def oai(request, journal_path):
    _journal(journal_path)
    return _moved(reverse("oai:endpoint"), request)
