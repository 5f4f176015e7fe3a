"""JATS → HTML, walking the lxml tree; the result is sanitised with nh3.

`jats_to_html(xml)` returns the parts (front matter values, body and references
as safe HTML) that the galley, the PDF and the article page all use. Figures
point at `media_url(name)`, a view that streams the stored image.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import nh3
from lxml import etree

from ..jats.body import safe_parser
from ..jats.front import XLINK, XML_LANG

HREF = f"{{{XLINK}}}href"
# Figures in the PDF are addressed as article-media:NAME (see render.pdf).
MEDIA_SCHEME = "article-media"

ALLOWED_TAGS = {
    "section", "h2", "h3", "h4", "h5", "h6", "p", "em", "strong", "sup", "sub",
    "code", "pre", "a", "ul", "ol", "li", "figure", "figcaption", "img", "table",
    "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
    "blockquote", "aside", "br", "span", "div", "dl", "dt", "dd", "u", "s",
    "small",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align", "valign"},
    "th": {"colspan", "rowspan", "align", "valign", "scope"},
    "col": {"width", "span"},
    "ol": {"start", "type"},
}


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", MEDIA_SCHEME},
        link_rel="noopener noreferrer",
    )


@dataclass
class ContributorView:
    name: str
    orcid: str = ""
    affiliations: list[str] = field(default_factory=list)
    corresponding: bool = False
    email: str = ""


@dataclass
class ArticleHTML:
    language: str
    title: str
    trans_titles: dict[str, str]
    contributors: list[ContributorView]
    abstracts: dict[str, str]  # language -> safe HTML
    keywords: dict[str, list[str]]
    body: str  # safe HTML
    references: str  # safe HTML
    doi: str = ""
    section: str = ""
    journal_title: str = ""
    issn: str = ""
    publisher: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    elocation_id: str = ""
    published: str = ""
    received: str = ""
    revised: str = ""
    accepted: str = ""
    year: str = ""
    licence_url: str = ""
    licence_text: str = ""
    copyright: str = ""
    funding: str = ""


# JATS element → (HTML tag, class) for the simple one-to-one cases.
INLINE = {
    "italic": ("em", None),
    "bold": ("strong", None),
    "sup": ("sup", None),
    "sub": ("sub", None),
    "monospace": ("code", None),
    "underline": ("u", None),
    "strike": ("s", None),
    "sc": ("span", "smallcaps"),
    "named-content": ("span", None),
    "styled-content": ("span", None),
}
BLOCK = {
    "p": ("p", None),
    "disp-quote": ("blockquote", None),
    "preformat": ("pre", None),
    "boxed-text": ("aside", "boxed-text"),
    "def-list": ("dl", None),
    "term": ("dt", None),
    "def": ("dd", None),
    "list-item": ("li", None),
    "thead": ("thead", None),
    "tbody": ("tbody", None),
    "tfoot": ("tfoot", None),
    "tr": ("tr", None),
    "colgroup": ("colgroup", None),
}


class HTMLWriter:
    """Turns JATS body elements into HTML elements; unknown ones keep their text."""

    def __init__(self, media_url: Callable[[str], str]):
        self.media_url = media_url

    def convert_children(self, src, dst, depth: int) -> None:
        if src.text:
            self._append_text(dst, src.text)
        for child in src:
            if isinstance(child.tag, str):
                self.convert(child, dst, depth)
            if child.tail:
                self._append_text(dst, child.tail)

    @staticmethod
    def _append_text(dst, text: str) -> None:
        if len(dst):
            dst[-1].tail = (dst[-1].tail or "") + text
        else:
            dst.text = (dst.text or "") + text

    def _el(self, dst, tag, cls=None, **attrs):
        el = etree.SubElement(dst, tag)
        if cls:
            el.set("class", cls)
        for key, value in attrs.items():
            if value:
                el.set(key, str(value))
        return el

    def convert(self, src, dst, depth: int) -> None:
        tag = etree.QName(src).localname
        method = getattr(self, "on_" + tag.replace("-", "_"), None)
        if method is not None:
            method(src, dst, depth)
            return
        if tag in INLINE or tag in BLOCK:
            html_tag, cls = INLINE.get(tag) or BLOCK[tag]
            el = self._el(dst, html_tag, cls, id=src.get("id"))
            self.convert_children(src, el, depth)
            return
        # Unknown: keep the text, drop the element.
        holder = self._el(dst, "span")
        self.convert_children(src, holder, depth)

    def on_sec(self, src, dst, depth):
        section = self._el(dst, "section", id=src.get("id"))
        for child in src:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "title":
                heading = self._el(section, f"h{min(depth + 2, 6)}")
                self.convert_children(child, heading, depth)
            else:
                self.convert(child, section, depth + 1)

    def on_title(self, src, dst, depth):
        heading = self._el(dst, f"h{min(depth + 2, 6)}")
        self.convert_children(src, heading, depth)

    def on_list(self, src, dst, depth):
        ordered = src.get("list-type") in (
            "order",
            "arabic",
            "alpha-lower",
            "roman-lower",
        )
        el = self._el(dst, "ol" if ordered else "ul")
        self.convert_children(src, el, depth)

    def on_ext_link(self, src, dst, depth):
        el = self._el(dst, "a", href=src.get(HREF))
        self.convert_children(src, el, depth)

    def on_uri(self, src, dst, depth):
        self.on_ext_link(src, dst, depth)

    def on_email(self, src, dst, depth):
        address = "".join(src.itertext())
        el = self._el(dst, "a", href=f"mailto:{address}")
        el.text = address

    def on_xref(self, src, dst, depth):
        el = self._el(dst, "a", "xref", href=f"#{src.get('rid', '')}")
        self.convert_children(src, el, depth)

    def on_break(self, src, dst, depth):
        self._el(dst, "br")

    def on_fig(self, src, dst, depth):
        figure = self._el(dst, "figure", "figure", id=src.get("id"))
        label = src.findtext("label") or ""
        caption = src.find("caption")
        # Alternative text for readers who cannot see the figure: the author's
        # own (alt-text) if given, else what the caption says.
        described = ". ".join(p for p in (label.rstrip("."), _text(caption)) if p)
        for graphic in src.iter("graphic"):
            own = _text(graphic.find("alt-text")) or _text(src.find("alt-text"))
            self._img(graphic, figure, alt=own or described)
        if label or caption is not None:
            figcaption = self._el(figure, "figcaption")
            if label:
                strong = self._el(figcaption, "strong")
                strong.text = label + (". " if caption is not None else "")
            if caption is not None:
                for child in caption:
                    if child.tag == "p":
                        span = self._el(figcaption, "span")
                        self.convert_children(child, span, depth)
                    elif child.tag == "title":
                        span = self._el(figcaption, "span")
                        self.convert_children(child, span, depth)

    def _img(self, graphic, dst, alt=""):
        # Stored as a path relative to the JATS address; the name is its end.
        name = graphic.get(HREF, "").rsplit("/", 1)[-1]
        if name:
            self._el(dst, "img", src=self.media_url(name), alt=alt or name)

    def on_graphic(self, src, dst, depth):
        figure = self._el(dst, "figure", "figure")
        self._img(src, figure)

    def on_inline_graphic(self, src, dst, depth):
        self._img(src, dst)

    def on_table_wrap(self, src, dst, depth):
        figure = self._el(dst, "figure", "table-wrap", id=src.get("id"))
        label = src.findtext("label") or ""
        caption = src.find("caption")
        if label or caption is not None:
            cap = self._el(figure, "figcaption")
            if label:
                strong = self._el(cap, "strong")
                strong.text = label + " "
            if caption is not None:
                self.convert_children(caption, cap, depth)
        for table in src.findall("table"):
            scroller = self._el(figure, "div", "table-responsive")
            self.on_table(table, scroller, depth)

    def on_table(self, src, dst, depth):
        table = self._el(dst, "table", "table")
        self.convert_children(src, table, depth)

    def on_col(self, src, dst, depth):
        self._el(dst, "col", width=src.get("width"), span=src.get("span"))

    def on_th(self, src, dst, depth):
        el = self._el(dst, "th", colspan=src.get("colspan"), rowspan=src.get("rowspan"))
        self.convert_children(src, el, depth)

    def on_td(self, src, dst, depth):
        el = self._el(dst, "td", colspan=src.get("colspan"), rowspan=src.get("rowspan"))
        self.convert_children(src, el, depth)

    def on_label(self, src, dst, depth):
        el = self._el(dst, "strong", "label")
        self.convert_children(src, el, depth)

    def on_caption(self, src, dst, depth):
        self.convert_children(src, self._el(dst, "div", "caption"), depth)

    def on_fn_group(self, src, dst, depth):
        self.convert_children(src, self._el(dst, "aside", "footnotes"), depth)

    def on_fn(self, src, dst, depth):
        self.convert_children(
            src, self._el(dst, "div", "footnote", id=src.get("id")), depth
        )


def _fragment(build) -> str:
    holder = etree.Element("div")
    build(holder)
    html = (holder.text or "") + "".join(
        etree.tostring(child, method="html", encoding="unicode") for child in holder
    )
    return sanitise(html)


def _date_text(el) -> str:
    if el is None:
        return ""
    return el.get("iso-8601-date") or "-".join(
        t for t in (el.findtext("year"), el.findtext("month"), el.findtext("day")) if t
    )


def _text(el) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def jats_to_html(xml: bytes | str, media_url: Callable[[str], str]) -> ArticleHTML:
    """Read a JATS article into the parts the HTML and PDF templates show."""
    if isinstance(xml, str):
        xml = xml.encode("utf-8")
    root = etree.fromstring(xml, safe_parser())
    writer = HTMLWriter(media_url)
    lang = root.get(XML_LANG, "en")
    meta = root.find("front/article-meta")
    jmeta = root.find("front/journal-meta")

    def paras(container) -> str:
        return _fragment(lambda h: writer.convert_children(container, h, 0))

    affs = {a.get("id"): _aff_text(a) for a in meta.findall("aff")}
    contributors = []
    corresp_email = meta.findtext("author-notes/corresp/email") or ""
    for contrib in meta.findall("contrib-group/contrib"):
        name = contrib.find("name")
        given = name.findtext("given-names") or "" if name is not None else ""
        family = name.findtext("surname") or "" if name is not None else ""
        orcid = contrib.findtext("contrib-id[@contrib-id-type='orcid']") or ""
        corresponding = contrib.get("corresp") == "yes"
        contributors.append(
            ContributorView(
                name=" ".join(p for p in (given, family) if p),
                orcid=orcid,
                affiliations=[
                    affs[x.get("rid")]
                    for x in contrib.findall("xref[@ref-type='aff']")
                    if x.get("rid") in affs
                ],
                corresponding=corresponding,
                email=corresp_email if corresponding else "",
            )
        )
    abstracts = {}
    abstract = meta.find("abstract")
    if abstract is not None:
        abstracts[lang] = paras(abstract)
    for trans in meta.findall("trans-abstract"):
        abstracts[trans.get(XML_LANG, "")] = paras(trans)
    keywords = {
        g.get(XML_LANG, lang): [_text(k) for k in g.findall("kwd")]
        for g in meta.findall("kwd-group")
    }
    body = root.find("body")
    back = root.find("back")
    references = ""
    if back is not None:
        references = _fragment(lambda h: _references(writer, back, h))
    fpage, lpage = meta.findtext("fpage") or "", meta.findtext("lpage") or ""
    pub_date = meta.find("pub-date")
    issns = [i.text for i in jmeta.findall("issn") if i.text]
    licence = meta.find("permissions/license")
    return ArticleHTML(
        language=lang,
        title=_text(meta.find("title-group/article-title")),
        trans_titles={
            g.get(XML_LANG, ""): _text(g.find("trans-title"))
            for g in meta.findall("title-group/trans-title-group")
        },
        contributors=contributors,
        abstracts=abstracts,
        keywords=keywords,
        body=paras(body) if body is not None else "",
        references=references,
        doi=meta.findtext("article-id[@pub-id-type='doi']") or "",
        section=meta.findtext("article-categories/subj-group/subject") or "",
        journal_title=jmeta.findtext("journal-title-group/journal-title") or "",
        issn=", ".join(issns),
        publisher=jmeta.findtext("publisher/publisher-name") or "",
        volume=meta.findtext("volume") or "",
        issue=meta.findtext("issue") or "",
        pages=f"{fpage}–{lpage}" if fpage and lpage and fpage != lpage else fpage,
        elocation_id=meta.findtext("elocation-id") or "",
        published=_date_text(pub_date),
        received=_date_text(meta.find("history/date[@date-type='received']")),
        revised=_date_text(meta.find("history/date[@date-type='rev-recd']")),
        accepted=_date_text(meta.find("history/date[@date-type='accepted']")),
        year=(pub_date.findtext("year") if pub_date is not None else "")
        or meta.findtext("permissions/copyright-year")
        or "",
        licence_url=licence.get(HREF, "") if licence is not None else "",
        licence_text=_text(licence.find("license-p")) if licence is not None else "",
        copyright=meta.findtext("permissions/copyright-statement") or "",
        funding=_text(meta.find("funding-group/funding-statement")),
    )


def _aff_text(aff) -> str:
    parts = [_text(aff.find("institution")), _text(aff.find("country"))]
    return ", ".join(p for p in parts if p)


def _references(writer: HTMLWriter, back, holder) -> None:
    for child in back:
        if child.tag == "ref-list":
            ol = etree.SubElement(holder, "ol")
            ol.set("class", "references")
            for ref in child.findall("ref"):
                li = etree.SubElement(ol, "li")
                li.set("id", ref.get("id", ""))
                citation = ref.find(".//mixed-citation")
                if citation is None:
                    citation = ref.find(".//element-citation")
                if citation is not None:
                    writer.convert_children(citation, li, 0)
        elif isinstance(child.tag, str):
            writer.convert(child, holder, 0)
