"""PDF from the article's HTML parts with WeasyPrint and the journal's styling.

Only the article's own figures are fetched (through `MediaFetcher`); every other
URL is refused, so text in a manuscript cannot make the renderer reach the
network or the file system.
"""

from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils import translation

from .html import MEDIA_SCHEME, ArticleHTML


def media_pdf_url(name: str) -> str:
    return f"{MEDIA_SCHEME}:{name}"


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class MediaFetcher(URLFetcher):
        def __init__(self, load: Callable[[str], tuple[bytes, str] | None]):
            super().__init__(fail_on_errors=False)
            self.load = load

        def fetch(self, url, headers=None):
            prefix = f"{MEDIA_SCHEME}:"
            if not url.startswith(prefix):
                raise ValueError(f"refused to fetch {url}")
            found = self.load(url[len(prefix) :])
            if found is None:
                raise ValueError(f"no such figure: {url}")
            data, content_type = found
            return URLFetcherResponse(
                url, body=data, headers={"Content-Type": content_type}
            )

    return MediaFetcher


def citation_text(parts: ArticleHTML) -> str:
    """A ready citation in APA style from the article's parts."""
    names = []
    for c in parts.contributors:
        bits = c.name.split()
        if len(bits) > 1:
            initials = " ".join(f"{b[0]}." for b in bits[:-1])
            names.append(f"{bits[-1]}, {initials}")
        elif bits:
            names.append(bits[0])
    if len(names) > 1:
        authors = ", ".join(names[:-1]) + ", & " + names[-1]
    else:
        authors = "".join(names)
    where = parts.journal_title
    if parts.volume:
        where += f", {parts.volume}"
        if parts.issue:
            where += f"({parts.issue})"
    if parts.elocation_id:
        where += f", {parts.elocation_id}"
    elif parts.pages:
        where += f", {parts.pages}"
    year = parts.year or "n.d."
    text = f"{authors} ({year}). {parts.title.rstrip('.')}. {where}."
    if parts.doi:
        text += f" https://doi.org/{parts.doi}"
    return text


def pdf_html(parts: ArticleHTML, *, licence_label: str = "") -> str:
    with translation.override(parts.language or "en"):
        return render_to_string(
            "production/render/article_pdf.html",
            {
                "a": parts,
                "citation": citation_text(parts),
                "licence_label": licence_label,
                "authors": [c.name for c in parts.contributors],
                "all_keywords": [k for words in parts.keywords.values() for k in words],
            },
        )


def render_pdf(
    parts: ArticleHTML,
    *,
    load_media: Callable[[str], tuple[bytes, str] | None],
    licence_label: str = "",
) -> bytes:
    """Render the PDF; images come only from `load_media(name)`."""
    from weasyprint import HTML

    html = pdf_html(parts, licence_label=licence_label)
    fetcher = _fetcher_class()(load_media)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(optimize_images=False)
