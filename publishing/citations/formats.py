"""How to cite an article: APA 7 and Chicago (notes-bibliography) as HTML,
and exports to BibTeX, RIS and CSL-JSON.

Our own small formatter: journal articles are one shape only, and it handles
Cyrillic names (initials of each part, hyphenated names) without a CSL engine.
"""

import json
import re
import unicodedata

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .data import Author, CitationData


def initials(given: str) -> str:
    """'Jean-Paul' -> 'J.-P.', 'Айгуль Маратовна' -> 'А. М.'."""
    parts = []
    for word in given.split():
        pieces = [p for p in word.split("-") if p]
        parts.append("-".join(f"{p[0].upper()}." for p in pieces))
    return " ".join(parts)


def _apa_name(author: Author) -> str:
    if not author.family:
        return author.given
    given = initials(author.given)
    return f"{author.family}, {given}" if given else author.family


def _apa_authors(authors: list[Author]) -> str:
    names = [_apa_name(a) for a in authors]
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    if len(names) > 20:
        return ", ".join(names[:19]) + ", . . . " + names[-1]
    return ", ".join(names[:-1]) + ", & " + names[-1]


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def apa(data: CitationData) -> SafeString:
    authors = _apa_authors(data.authors)
    year = data.year or "n.d."
    parts = [escape(authors), f" ({escape(year)}). ", escape(_end(data.title)), " "]
    parts.append(format_html("<i>{}</i>", data.journal))
    if data.volume:
        parts.append(format_html(", <i>{}</i>", data.volume))
        if data.issue:
            parts.append(f"({escape(data.issue)})")
    if data.pages:
        parts.append(f", {escape(data.pages)}")
    elif data.article_number:
        parts.append(f", Article {escape(data.article_number)}")
    parts.append(".")
    if data.link:
        parts.append(format_html(' <a href="{0}">{0}</a>', data.link))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - parts escaped


def _chicago_authors(authors: list[Author]) -> str:
    if not authors:
        return ""
    first = authors[0]
    names = [f"{first.family}, {first.given}" if first.family else first.given]
    names += [a.full_name for a in authors[1:]]
    if len(names) > 10:
        return ", ".join(names[:7]) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]}, and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


def chicago(data: CitationData) -> SafeString:
    parts = [escape(_end(_chicago_authors(data.authors))), " "]
    parts.append(f"“{escape(_end(data.title))}” ")
    parts.append(format_html("<i>{}</i>", data.journal))
    if data.volume:
        parts.append(f" {escape(data.volume)}")
    if data.issue:
        parts.append(f", no. {escape(data.issue)}")
    if data.year:
        parts.append(f" ({escape(data.year)})")
    if data.pages:
        parts.append(f": {escape(data.pages)}")
    elif data.article_number:
        parts.append(f": {escape(data.article_number)}")
    parts.append(".")
    if data.link:
        parts.append(format_html(' <a href="{0}">{0}</a>.', data.link))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - parts escaped


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya"
        " a g q n o u u h i".split(),
        strict=True,
    )
)


def _ascii_key(text: str) -> str:
    out = []
    for char in text.lower():
        if char.isascii():
            out.append(char if char.isalnum() else "")
        else:
            out.append(_TRANSLIT.get(char, "").replace("_", ""))
    return "".join(out)


def citation_key(data: CitationData) -> str:
    family = data.authors[0].family or data.authors[0].given if data.authors else ""
    return f"{_ascii_key(family) or 'article'}{data.year}{data.key}"


_BIBTEX_SPECIAL = re.compile(r"([{}&%$#_\\])")


def one_line(text) -> str:
    """The value on one line: line breaks (CR, LF, and the Unicode ones) become
    spaces and other control characters go, so no value can start a record or
    a field of its own in a line-based format."""
    text = "" if text is None else str(text)
    text = "".join(
        c if unicodedata.category(c) != "Cc" or c in "\t\n\r" else "" for c in text
    )
    return " ".join(text.split())


def _bibtex_escape(text: str) -> str:
    text = one_line(text)
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1), text).replace("~", "\\~{}")


def _bibtex_verbatim(text: str) -> str:
    """DOI and URL fields are read verbatim: braces or backslashes in them
    would end the field, and no real identifier has them unencoded."""
    return one_line(text).translate(str.maketrans("", "", "{}\\"))


def bibtex(data: CitationData) -> str:
    fields = [
        ("title", "{" + _bibtex_escape(data.title) + "}"),
        (
            "author",
            " and ".join(
                _bibtex_escape(f"{a.family}, {a.given}" if a.family else a.given)
                for a in data.authors
            ),
        ),
        ("journal", _bibtex_escape(data.journal)),
        ("year", _bibtex_escape(data.year)),
        ("volume", _bibtex_escape(data.volume)),
        ("number", _bibtex_escape(data.issue)),
        ("pages", _bibtex_escape(data.pages.replace("–", "--"))),
        ("eid", _bibtex_escape(data.article_number)),
        ("doi", _bibtex_verbatim(data.doi)),
        ("url", _bibtex_verbatim(data.url)),
        ("issn", _bibtex_escape(data.issn)),
        ("publisher", _bibtex_escape(data.publisher)),
        ("langid", _bibtex_escape(data.language)),
        ("keywords", _bibtex_escape(", ".join(data.keywords))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@article{{{citation_key(data)},\n{body}\n}}\n"


def ris(data: CitationData) -> str:
    lines = [("TY", "JOUR"), ("TI", data.title)]
    for author in data.authors:
        lines.append(
            (
                "AU",
                f"{author.family}, {author.given}" if author.family else author.given,
            )
        )
    lines += [
        ("JO", data.journal),
        ("J2", data.journal_abbrev),
        ("VL", data.volume),
        ("IS", data.issue),
        ("SP", data.first_page or data.article_number),
        ("EP", data.last_page),
        ("PY", data.year),
        ("DA", data.published.strftime("%Y/%m/%d") if data.published else ""),
        ("DO", data.doi),
        ("UR", data.link),
        ("SN", data.issn),
        ("PB", data.publisher),
        ("LA", data.language),
        ("AB", data.abstract),
    ]
    lines += [("KW", k) for k in data.keywords]
    lines = [(tag, one_line(value)) for tag, value in lines]
    text = "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def csl_json(data: CitationData) -> str:
    item = {
        "id": citation_key(data),
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
    item = {k: v for k, v in item.items() if v is not None}
    return json.dumps([item], ensure_ascii=False, indent=2)


EXPORTS = {
    "bibtex": (bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": (
        csl_json,
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        "json",
    ),
}
