"""PDF from the article's HTML parts with WeasyPrint and the journal's styling.

The page is built here; WeasyPrint runs in a bounded fork of a warm child
process (`pdf_writer`, through `journal.bounded_process.WarmProcess`) with
memory, CPU and wall-clock limits, so a hostile manuscript stops its own render
and never the worker. Only the article's own figures reach the renderer; every
other URL is refused, so text in a manuscript cannot make it reach the network
or the file system. The galley is tagged (PDF/UA-1) and archival (PDF/A-3u),
with the article's JATS embedded as its source.
"""

import html as html_lib
import pickle
import re
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from journal.bounded_process import Limits, WarmProcess

from .html import MEDIA_SCHEME, ArticleHTML
from .pdf_writer import EmbeddedFile, PdfJob
from .xmp import article_xmp

JATS_FILE_NAME = "article.xml"
_MEDIA_URL = re.compile(rf"""{MEDIA_SCHEME}:[^"'\s)]+""")
_RENDERER = WarmProcess("production.render.pdf_writer:render")


def media_pdf_url(name: str) -> str:
    return f"{MEDIA_SCHEME}:{name}"


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


def numbered_affiliations(parts: ArticleHTML) -> tuple[list[str], list[list[int]]]:
    """The distinct affiliations in order of first mention, and for each
    contributor the numbers of their own; a shared affiliation has one number."""
    affiliations: list[str] = []
    numbers = []
    for contributor in parts.contributors:
        own = []
        for affiliation in contributor.affiliations:
            if affiliation not in affiliations:
                affiliations.append(affiliation)
            own.append(affiliations.index(affiliation) + 1)
        numbers.append(own)
    return affiliations, numbers


def pdf_html(parts: ArticleHTML, *, licence_label: str = "") -> str:
    affiliations, numbers = numbered_affiliations(parts)
    with translation.override(parts.language or "en"):
        return render_to_string(
            "production/render/article_pdf.html",
            {
                "a": parts,
                "citation": citation_text(parts),
                "licence_label": licence_label,
                "authors": [c.name for c in parts.contributors],
                "contributors": list(zip(parts.contributors, numbers, strict=True)),
                "affiliations": affiliations,
                "all_keywords": [k for words in parts.keywords.values() for k in words],
            },
        )


def render_limits() -> Limits:
    return Limits(
        memory_bytes=settings.PDF_RENDER_MEMORY_MB * 1024 * 1024,
        cpu_seconds=settings.PDF_RENDER_TIMEOUT_SECONDS,
        timeout_seconds=settings.PDF_RENDER_TIMEOUT_SECONDS,
    )


def render_pdf(
    parts: ArticleHTML,
    *,
    load_media: Callable[[str], tuple[bytes, str] | None],
    licence_label: str = "",
    jats: bytes = b"",
) -> bytes:
    """Render the PDF; images come only from `load_media(name)`, and `jats`,
    when given, is embedded as the PDF's source.

    Raises journal.bounded_process.BoundedProcessError when the renderer runs
    out of time or memory or fails.
    """
    html = pdf_html(parts, licence_label=licence_label)
    media = {}
    for url in set(_MEDIA_URL.findall(html)):
        url = html_lib.unescape(url)
        found = load_media(url[len(MEDIA_SCHEME) + 1 :])
        if found is not None:
            media[url] = found
    files = []
    if jats:
        files.append(
            EmbeddedFile(
                name=JATS_FILE_NAME,
                data=jats,
                description="JATS XML of the article, the source of this PDF",
            )
        )
    job = PdfJob(
        html=html,
        media=media,
        files=files,
        xmp=article_xmp(parts, licence_label=licence_label),
    )
    return _RENDERER.run(pickle.dumps(job), limits=render_limits())
