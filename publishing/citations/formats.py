"""Exports of an article's citation: BibTeX, RIS and CSL-JSON (the CSL-JSON
item is the one the CSL styles render, see `styles.py`)."""

import json
import re
import unicodedata

from .data import CitationData
from .styles import csl_item

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
    return json.dumps(
        [csl_item(data, citation_key(data))], ensure_ascii=False, indent=2
    )


EXPORTS = {
    "bibtex": (bibtex, "application/x-bibtex; charset=utf-8", "bib"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": (
        csl_json,
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        "json",
    ),
}
