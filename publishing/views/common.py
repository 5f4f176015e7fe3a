from django.http import Http404
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from journal.models import Journal
from journal.selectors import journal_by_slug

from .. import selectors
from ..citations.article import citation_data
from ..links import site_url
from ..meta.article import ArticleLinks, GalleyLink
from ..models import Article, GalleyKind


def journal_or_404(slug: str) -> Journal:
    try:
        return journal_by_slug(slug)
    except Journal.DoesNotExist:
        raise Http404 from None


def article_or_404(article_id: int) -> Article:
    try:
        return selectors.article_public(article_id)
    except Article.DoesNotExist:
        raise Http404 from None


_ORCID_PARTIAL = []


def orcid_template() -> str:
    """The shared ORCID partial if the site has one, else ours."""
    if not _ORCID_PARTIAL:
        try:
            get_template("shared/_orcid.html")
            _ORCID_PARTIAL.append("shared/_orcid.html")
        except TemplateDoesNotExist:
            _ORCID_PARTIAL.append("publishing/_orcid.html")
    return _ORCID_PARTIAL[0]


def galley_url(article, galley) -> str:
    return site_url(
        reverse("publishing:article_download", args=[article.pk, galley.pk])
    )


def article_links(article, galleys) -> ArticleLinks:
    by_kind = {}
    for galley in galleys:
        by_kind.setdefault(galley.kind, galley)
    jats = ""
    if GalleyKind.JATS in by_kind or article.jats_xml:
        jats = site_url(
            reverse("publishing:article_download_kind", args=[article.pk, "jats"])
        )
    return ArticleLinks(
        landing=site_url(reverse("publishing:article", args=[article.pk])),
        pdf=galley_url(article, by_kind[GalleyKind.PDF])
        if GalleyKind.PDF in by_kind
        else "",
        jats=jats,
        html=galley_url(article, by_kind[GalleyKind.HTML])
        if GalleyKind.HTML in by_kind
        else "",
        licence=article.journal.licence_url,
        bibtex=site_url(
            reverse("publishing:article_cite", args=[article.pk, "bibtex"])
        ),
        csl_json=site_url(
            reverse("publishing:article_cite", args=[article.pk, "csl-json"])
        ),
        galleys=tuple(
            GalleyLink(
                url=galley_url(article, g), content_type=g.content_type, kind=g.kind
            )
            for g in galleys
        ),
    )


def article_citation(article):
    return citation_data(article)


# --- conditional GET ------------------------------------------------------------
def page_etag(request, *parts) -> str:
    """A validator for a page built from `parts`, different for each reader
    state that changes the HTML around them (language, who is signed in, the
    CSRF cookie the page's forms carry)."""
    import hashlib

    from django.utils.translation import get_language

    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else 0
    # A signed-in reader's page has forms with the CSRF secret of the request
    # (from its cookie, or the one the page just made), and a kept copy must
    # match the reader's cookie. Anonymous pages carry no token.
    csrf = request.META.get("CSRF_COOKIE", "") if who else ""
    text = "|".join(str(p) for p in (*parts, get_language(), who, csrf))
    return '"' + hashlib.sha256(text.encode()).hexdigest()[:32] + '"'


def not_modified(request, *, etag: str, last_modified=None):
    """A 304 response when the client's copy is current, else None (a failed
    If-Match or If-Unmodified-Since cannot happen on these GET-only pages)."""
    from django.utils.cache import get_conditional_response

    response = get_conditional_response(
        request,
        etag=etag,
        last_modified=int(last_modified.timestamp()) if last_modified else None,
    )
    if response is not None and response.status_code == 304:
        return response
    return None


def set_validators(response, *, etag: str, last_modified=None):
    from django.utils.http import http_date

    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response
