"""PDF from the article's HTML parts with WeasyPrint and the journal's styling.

The page is built here; WeasyPrint runs in a bounded fork of a warm child
process (`pdf_writer`, through `journal.bounded_process.WarmProcess`) with
memory, CPU and wall-clock limits, so a hostile manuscript stops its own render
and never the worker. Only the article's own figures reach the renderer; every
other URL is refused, so text in a manuscript cannot make it reach the network
or the file system. The galley is tagged (PDF/UA-1) and archival (PDF/A-3u),
with the article's JATS embedded as its source.
"""

import base64
import html as html_lib
import pickle
import re
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from journal.bounded_process import Limits, WarmProcess

from .html import MEDIA_SCHEME, ArticleHTML, ContributorView
from .pdf_writer import EmbeddedFile, PdfJob
from .xmp import article_xmp

JATS_FILE_NAME = "article.xml"
_MEDIA_URL = re.compile(rf"""{MEDIA_SCHEME}:[^"'\s)]+""")
# A 1×1 PNG, so that the warm-up also loads the image decoder.
_DOT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"
)
_LATIN = "The quick brown fox jumps over the lazy dog 0123456789 (&%§–—…“”’). "
_CYRILLIC = "Съешь же ещё этих мягких французских булок, да выпей чаю. ЁЙЩЪЭЮЯ. "


def _warm_up_job() -> bytes:
    """A sample article through the real template: what the warm child renders
    once, so that every forked render starts with the fonts and sizes ready."""
    text = f"<p>{_LATIN}<em>{_LATIN}</em> <strong>{_CYRILLIC}</strong></p>"
    table = (
        "<table><thead><tr><th>A</th><th>Б</th></tr></thead><tbody>"
        f"<tr><td>{_LATIN}</td><td>{_CYRILLIC}</td></tr></tbody></table>"
    )
    figure = (
        f'<figure><img src="{media_pdf_url("dot.png")}" alt="{_LATIN}">'
        f"<figcaption><strong>Figure 1.</strong> {_LATIN}</figcaption></figure>"
    )
    body = (
        f"<section><h2>{_LATIN}</h2>{text}{table}{figure}"
        f"<section><h3>{_CYRILLIC}</h3>{text}<ul><li>{_LATIN}</li></ul>"
        f"<h4>{_LATIN}</h4>{text}</section></section>"
    )
    parts = ArticleHTML(
        language="en",
        title=_LATIN,
        trans_titles={"ru": _CYRILLIC},
        contributors=[
            ContributorView("Ann Lee", affiliations=[_LATIN], corresponding=True),
            ContributorView("Жан Ли", orcid="https://orcid.org/0000-0002-1825-0097"),
        ],
        abstracts={"en": text, "ru": f"<p>{_CYRILLIC}</p>"},
        keywords={"en": [_LATIN], "ru": [_CYRILLIC]},
        body=body,
        references=f"<ol><li>{_LATIN}</li></ol>",
        doi="10.5555/warm-up",
        journal_title=_LATIN,
        issn="0000-0000",
        volume="1",
        issue="1",
        pages="1–2",
        published="2000-01-01",
        year="2000",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
        licence_text=_LATIN,
        copyright=_LATIN,
        funding=_LATIN,
    )
    return _job(
        parts,
        load_media=lambda name: (_DOT_PNG, "image/png"),
        licence_label="CC BY 4.0",
        jats=b"<article/>",
    )


_RENDERER = WarmProcess("production.render.pdf_writer:render", warm_up=_warm_up_job)


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
    job = _job(parts, load_media=load_media, licence_label=licence_label, jats=jats)
    return _RENDERER.run(job, limits=render_limits())


def _job(
    parts: ArticleHTML,
    *,
    load_media: Callable[[str], tuple[bytes, str] | None],
    licence_label: str,
    jats: bytes,
) -> bytes:
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
    return pickle.dumps(job)
