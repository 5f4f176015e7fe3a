"""The JATS 1.3 article around a converted body: front matter from plain data."""

import re

from lxml import etree

from ..references import ParsedReference
from .data import ArticleData, ContributorData
from .links import link_mentions, point_graphics

XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
MML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NSMAP = {"xlink": XLINK, "ali": ALI, "mml": MML}


def _sub(parent, tag: str, text: str | None = None, **attrs) -> etree._Element:
    el = etree.SubElement(parent, tag)
    for key, value in attrs.items():
        if value is not None:
            el.set(key.replace("_", "-"), str(value))
    if text:
        el.text = text
    return el


def _paragraphs(parent, text: str) -> None:
    for block in re.split(r"\n\s*\n|\r\n\s*\r\n", text.strip()):
        if block.strip():
            _sub(parent, "p", " ".join(block.split()))


def _date(parent, tag: str, value, **attrs) -> None:
    el = _sub(parent, tag, **attrs)
    el.set("iso-8601-date", value.isoformat())
    _sub(el, "day", f"{value.day:02d}")
    _sub(el, "month", f"{value.month:02d}")
    _sub(el, "year", str(value.year))


class ArticleBuilder:
    """Builds `<article>` from ArticleData plus a body and back from the converter.

    Override a `build_*` hook to change one part; each appends to its parent.
    """

    def __init__(self, data: ArticleData):
        self.data = data
        self._affs: dict[tuple[str, str, str], str] = {}

    def build(
        self,
        body: etree._Element | None = None,
        back: etree._Element | None = None,
    ) -> etree._Element:
        d = self.data
        article = etree.Element("article", nsmap=NSMAP)
        article.set("dtd-version", "1.3")
        article.set("article-type", d.article_type or "research-article")
        article.set(XML_LANG, d.language)
        front = _sub(article, "front")
        self.build_journal_meta(_sub(front, "journal-meta"))
        self.build_article_meta(_sub(front, "article-meta"))
        body = body if body is not None else etree.Element("body")
        article.append(body)
        self.build_back(article, back)
        point_graphics(body, d.media_base)
        link_mentions(body, d.references)
        return article

    # --- journal-meta ----------------------------------------------------
    def build_journal_meta(self, meta) -> None:
        j = self.data.journal
        _sub(
            meta,
            "journal-id",
            j.abbreviation or j.title,
            journal_id_type="publisher-id",
        )
        group = _sub(meta, "journal-title-group")
        _sub(group, "journal-title", j.title)
        if j.abbreviation:
            _sub(group, "abbrev-journal-title", j.abbreviation, abbrev_type="publisher")
        if j.issn_print:
            _sub(meta, "issn", j.issn_print, publication_format="print")
        if j.issn_online:
            _sub(meta, "issn", j.issn_online, publication_format="electronic")
        publisher = _sub(meta, "publisher")
        _sub(publisher, "publisher-name", j.publisher)
        if j.publisher_place:
            _sub(publisher, "publisher-loc", j.publisher_place)

    # --- article-meta ----------------------------------------------------
    def build_article_meta(self, meta) -> None:
        d = self.data
        if d.doi:
            _sub(meta, "article-id", d.doi, pub_id_type="doi")
        if d.section or d.subjects:
            cats = _sub(meta, "article-categories")
            if d.section:
                group = _sub(cats, "subj-group", subj_group_type="heading")
                _sub(group, "subject", d.section)
            for lang, subjects in d.subjects.items():
                group = _sub(cats, "subj-group", subj_group_type="subject")
                group.set(XML_LANG, lang)
                for subject in subjects:
                    _sub(group, "subject", subject)
        self.build_title_group(_sub(meta, "title-group"))
        if d.contributors:
            self.build_contributors(meta)
        if d.published:
            _date(
                meta,
                "pub-date",
                d.published,
                publication_format="electronic",
                date_type="pub",
            )
        else:
            _sub(meta, "pub-date-not-available")
        if d.volume:
            _sub(meta, "volume", d.volume)
        if d.issue:
            _sub(meta, "issue", d.issue)
        if d.elocation_id:
            _sub(meta, "elocation-id", d.elocation_id)
        elif d.first_page:
            _sub(meta, "fpage", d.first_page)
            if d.last_page:
                _sub(meta, "lpage", d.last_page)
        self.build_history(meta)
        self.build_permissions(meta)
        self.build_abstracts(meta)
        self.build_keywords(meta)
        if d.funding:
            group = _sub(meta, "funding-group")
            _sub(group, "funding-statement", d.funding)

    def build_title_group(self, group) -> None:
        d = self.data
        _sub(group, "article-title", d.title)
        if d.subtitle:
            _sub(group, "subtitle", d.subtitle)
        for lang in d.other_languages:
            trans = _sub(group, "trans-title-group")
            trans.set(XML_LANG, lang)
            _sub(trans, "trans-title", d.titles[lang])
            if d.subtitles.get(lang):
                _sub(trans, "trans-subtitle", d.subtitles[lang])

    def _aff_id(self, c: ContributorData) -> str | None:
        if not (c.affiliation or c.country_code):
            return None
        key = (c.affiliation, c.ror, c.country_code)
        if key not in self._affs:
            self._affs[key] = f"aff-{len(self._affs) + 1}"
        return self._affs[key]

    def build_contributors(self, meta) -> None:
        group = _sub(meta, "contrib-group", content_type="authors")
        corresponding = []
        for c in self.data.contributors:
            contrib = _sub(group, "contrib", contrib_type="author")
            if c.is_corresponding:
                contrib.set("corresp", "yes")
            if c.orcid:
                _sub(
                    contrib,
                    "contrib-id",
                    f"https://orcid.org/{c.orcid}",
                    contrib_id_type="orcid",
                    # "true" only for an iD confirmed through ORCID sign-in.
                    authenticated="true" if c.orcid_authenticated else "false",
                )
            name = _sub(contrib, "name", name_style="western")
            _sub(name, "surname", c.family_name or c.given_name)
            if c.family_name and c.given_name:
                _sub(name, "given-names", c.given_name)
            aff = self._aff_id(c)
            if aff:
                _sub(contrib, "xref", ref_type="aff", rid=aff)
            if c.is_corresponding and c.email:
                corresponding.append(c)
                _sub(contrib, "xref", "*", ref_type="corresp", rid="corresp-1")
        for (institution, ror, country), aff_id in self._affs.items():
            aff = _sub(meta, "aff", id=aff_id)
            if ror:
                wrap = _sub(aff, "institution-wrap")
                _sub(wrap, "institution-id", ror, institution_id_type="ror")
                if institution:
                    _sub(wrap, "institution", institution)
            elif institution:
                _sub(aff, "institution", institution)
            if country:
                name = next(
                    c.country_name
                    for c in self.data.contributors
                    if c.country_code == country
                )
                _sub(aff, "country", name or country, country=country)
        if corresponding:
            notes = _sub(meta, "author-notes")
            corresp = _sub(notes, "corresp", id="corresp-1")
            label = _sub(corresp, "label", "*")
            label.tail = f"{corresponding[0].full_name}, "
            _sub(corresp, "email", corresponding[0].email)

    def build_history(self, meta) -> None:
        d = self.data
        dates = [
            ("received", d.received),
            ("rev-recd", d.revised),
            ("accepted", d.accepted),
        ]
        if not any(value for _, value in dates):
            return
        history = _sub(meta, "history")
        for kind, value in dates:
            if value:
                _date(history, "date", value, date_type=kind)

    def build_permissions(self, meta) -> None:
        d = self.data
        perms = _sub(meta, "permissions")
        year, holder = d.copyright_year, d.copyright_holder
        _sub(perms, "copyright-statement", f"© {year} {holder}")
        _sub(perms, "copyright-year", str(year))
        _sub(perms, "copyright-holder", holder)
        etree.SubElement(perms, f"{{{ALI}}}free_to_read")
        if d.licence_url:
            licence = _sub(
                perms,
                "license",
                license_type="open-access" if d.open_access else None,
            )
            licence.set(f"{{{XLINK}}}href", d.licence_url)
            ref = etree.SubElement(licence, f"{{{ALI}}}license_ref")
            ref.text = d.licence_url
            _sub(
                licence,
                "license-p",
                f"This article is published under the {d.licence_label} licence: "
                f"{d.licence_url}",
            )

    def build_abstracts(self, meta) -> None:
        d = self.data
        if d.abstract:
            _paragraphs(_sub(meta, "abstract"), d.abstract)
        for lang, text in d.abstracts.items():
            if lang == d.language or not text:
                continue
            trans = _sub(meta, "trans-abstract")
            trans.set(XML_LANG, lang)
            _paragraphs(trans, text)

    def build_keywords(self, meta) -> None:
        d = self.data
        order = [d.language] + [k for k in d.keywords if k != d.language]
        for lang in order:
            words = d.keywords.get(lang)
            if not words:
                continue
            group = _sub(meta, "kwd-group", kwd_group_type="author")
            group.set(XML_LANG, lang)
            for word in words:
                _sub(group, "kwd", word)

    # --- back ------------------------------------------------------------
    def build_back(self, article, back: etree._Element | None) -> None:
        refs = self.data.references
        converted = list(back) if back is not None else []
        if not refs and not converted:
            return
        out = _sub(article, "back")
        for child in converted:
            if child.tag == "ref-list" and refs:
                continue  # the database's references win over a converted list
            out.append(child)
        if refs:
            ref_list = _sub(out, "ref-list")
            _sub(ref_list, "title", "References")
            for n, parsed in enumerate(refs, start=1):
                ref = _sub(ref_list, "ref", id=f"ref-{n}")
                self.build_reference(ref, parsed)
        if len(out) == 0:
            article.remove(out)

    def build_reference(self, ref, parsed: ParsedReference) -> None:
        """The reference as written (`mixed-citation`) and in parts
        (`element-citation`), side by side in `citation-alternatives`."""
        if not (parsed.authors or parsed.title or parsed.source or parsed.doi):
            _sub(ref, "mixed-citation", parsed.text)
            return
        both = _sub(ref, "citation-alternatives")
        kind = CITATION_TYPES.get(parsed.publication_type, "other")
        _sub(both, "mixed-citation", parsed.text, publication_type=kind)
        cite = _sub(both, "element-citation", publication_type=kind)
        if parsed.authors:
            group = _sub(cite, "person-group", person_group_type="author")
            for author in parsed.authors:
                if author.given:
                    name = _sub(group, "name")
                    _sub(name, "surname", author.family)
                    _sub(name, "given-names", author.given)
                else:
                    _sub(group, "collab", author.family)
        if parsed.year:
            _sub(cite, "year", parsed.year, iso_8601_date=parsed.year[:4])
        if parsed.publication_type == "journal":
            _sub(cite, "article-title", parsed.title)
            _sub(cite, "source", parsed.source)
        elif parsed.publication_type == "chapter":
            _sub(cite, "chapter-title", parsed.title)
            _sub(cite, "source", parsed.source)
        elif parsed.source and parsed.title:
            _sub(cite, "article-title", parsed.title)
            _sub(cite, "source", parsed.source)
        else:
            _sub(cite, "source", parsed.title or parsed.source)
        _sub(cite, "volume", parsed.volume)
        _sub(cite, "issue", parsed.issue)
        _sub(cite, "fpage", parsed.first_page)
        _sub(cite, "lpage", parsed.last_page)
        _sub(cite, "publisher-name", parsed.publisher)
        _sub(cite, "pub-id", parsed.doi, pub_id_type="doi")
        if parsed.url:
            link = _sub(cite, "ext-link", parsed.url, ext_link_type="uri")
            link.set(f"{{{XLINK}}}href", parsed.url)
        for empty in [el for el in cite if not (el.text or len(el))]:
            cite.remove(empty)


CITATION_TYPES = {
    "journal": "journal",
    "book": "book",
    "chapter": "book",
    "web": "webpage",
    "other": "other",
}
