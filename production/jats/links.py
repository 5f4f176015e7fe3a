"""Links inside the JATS body: mentions of tables and figures and citations of
references become `<xref>`s, and figures point where they can be downloaded.

`link_mentions` recognises "Table 2", "Figure 1"/"Fig. 1" (and the Russian
forms), numeric citations "[1]", "[2–4]", "[1, 3]", and author-year citations
"(Smith, 2020)", "(Smith & Jones 2019; Lee et al., 2021)", "Weber (1922)".
A mention is linked only when its target exists: a table or figure with that
number, a reference whose first author and year match. Links made here are
taken away and made again on every build, so a corrected reference list never
leaves a link pointing nowhere.
"""

import re

from lxml import etree

from ..references import ParsedReference

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
LINKED_TYPES = ("table", "fig", "bibr")
# Text inside these is never searched for mentions.
SKIP = {
    "xref", "ext-link", "uri", "label", "caption", "title", "graphic",
    "inline-graphic", "email", "pub-id", "monospace", "preformat", "code",
}  # fmt: skip
YEAR = r"(?:1[5-9]\d\d|20\d\d)[a-z]?"
TABLE_RE = re.compile(r"\b(?:Tables?|Таблиц[аеуы]|Табл\.)\s*(\d+)", re.I)
FIGURE_RE = re.compile(
    r"\b(?:Figures?|Figs?\.|Рисун(?:ок|ка|ке|ки)|Рис\.)\s*(\d+)", re.I
)
NUMERIC_RE = re.compile(r"\[(\d+(?:\s*[-–,]\s*\d+)*)\]")
PAREN_RE = re.compile(rf"\(([^()]*?\b{YEAR}\b[^()]*)\)")
NARRATIVE_RE = re.compile(
    rf"(?P<name>[^\W\d_][\w'’-]+)(?:\s+et\s+al\.|\s+(?:and|&|и)\s+[^\W\d_][\w'’-]+)?"
    rf"\s+\((?P<year>{YEAR})\)"
)


def point_graphics(body, media_base: str) -> None:
    """Each graphic's href becomes `media_base` + its stored name."""
    if not media_base:
        return
    for el in body.iter("graphic", "inline-graphic"):
        name = el.get(XLINK_HREF, "").rsplit("/", 1)[-1]
        if name:
            el.set(XLINK_HREF, media_base + name)


def _number(label: str) -> str:
    match = re.search(r"(\d+)", label or "")
    return match.group(1) if match else ""


def _targets(body, tag: str) -> dict[str, str]:
    found = {}
    for el in body.iter(tag):
        number = _number(el.findtext("label") or "")
        if number and el.get("id"):
            found.setdefault(number, el.get("id"))
    return found


def _unlink(body) -> None:
    for xref in list(body.iter("xref")):
        if xref.get("ref-type") not in LINKED_TYPES or len(xref):
            continue
        parent = xref.getparent()
        text = (xref.text or "") + (xref.tail or "")
        previous = xref.getprevious()
        if previous is None:
            parent.text = (parent.text or "") + text
        else:
            previous.tail = (previous.tail or "") + text
        parent.remove(xref)


class _Linker:
    def __init__(self, body, refs: list[ParsedReference]):
        self.tables = _targets(body, "table-wrap")
        self.figures = _targets(body, "fig")
        self.refs = refs
        self.by_author_year: dict[tuple[str, str], str] = {}
        for n, ref in enumerate(refs, start=1):
            if ref.first_author_family and ref.year:
                key = (ref.first_author_family.casefold(), ref.year.casefold())
                self.by_author_year.setdefault(key, f"ref-{n}")

    def spans(self, text: str) -> list[tuple[int, int, str, str]]:
        """(start, end, ref-type, rid) of each linkable mention, in order."""
        spans = []
        for regex, kind, targets in (
            (TABLE_RE, "table", self.tables),
            (FIGURE_RE, "fig", self.figures),
        ):
            for m in regex.finditer(text):
                rid = targets.get(m.group(1))
                if rid:
                    spans.append((m.start(), m.end(), kind, rid))
        for m in NUMERIC_RE.finditer(text):
            for n in re.finditer(r"\d+", m.group(1)):
                if 1 <= int(n.group()) <= len(self.refs):
                    start = m.start(1) + n.start()
                    spans.append(
                        (start, start + len(n.group()), "bibr", f"ref-{n.group()}")
                    )
        for m in PAREN_RE.finditer(text):
            offset = m.start(1)
            for item in re.finditer(r"[^;]+", m.group(1)):
                span = self._author_year(item.group(), offset + item.start())
                if span:
                    spans.append(span)
        for m in NARRATIVE_RE.finditer(text):
            rid = self.by_author_year.get((m["name"].casefold(), m["year"].casefold()))
            if rid:
                spans.append((m.start(), m.end(), "bibr", rid))
        spans.sort()
        kept, end = [], -1
        for span in spans:  # the first of overlapping mentions wins
            if span[0] >= end:
                kept.append(span)
                end = span[1]
        return kept

    def _author_year(self, item: str, offset: int):
        year = re.search(rf"\b{YEAR}\b", item)
        if not year:
            return None
        before = item[: year.start()]
        for (family, ref_year), rid in self.by_author_year.items():
            if ref_year != year.group().casefold():
                continue
            name = re.search(rf"(?<!\w){re.escape(family)}(?!\w)", before, re.I)
            if name:
                return (offset + name.start(), offset + year.end(), "bibr", rid)
        return None

    def pieces(self, text: str | None) -> list | None:
        """[leading text, xref, xref, ...] (each xref carrying its tail), or
        None when the text mentions nothing linkable."""
        if not text:
            return None
        spans = self.spans(text)
        if not spans:
            return None
        out: list = [text[: spans[0][0]]]
        for i, (start, end, kind, rid) in enumerate(spans):
            xref = etree.Element("xref", {"ref-type": kind, "rid": rid})
            xref.text = text[start:end]
            following = spans[i + 1][0] if i + 1 < len(spans) else len(text)
            xref.tail = text[end:following]
            out.append(xref)
        return out


def _searched(el) -> bool:
    while el is not None:
        if not isinstance(el.tag, str) or etree.QName(el).localname in SKIP:
            return False
        el = el.getparent()
    return True


def link_mentions(body, refs: list[ParsedReference]) -> None:
    _unlink(body)
    linker = _Linker(body, refs)
    work = []
    for el in body.iter(tag=etree.Element):
        if _searched(el):
            work.append(("text", el))
            work.extend(("tail", child) for child in el if isinstance(child.tag, str))
    for where, el in work:
        if where == "text":
            pieces = linker.pieces(el.text)
            if pieces:
                el.text = pieces[0]
                for i, xref in enumerate(pieces[1:]):
                    el.insert(i, xref)
        else:
            pieces = linker.pieces(el.tail)
            if pieces:
                el.tail = pieces[0]
                parent = el.getparent()
                index = parent.index(el)
                for i, xref in enumerate(pieces[1:], start=1):
                    parent.insert(index + i, xref)
