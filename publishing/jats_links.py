"""No JATS document this site writes or serves links to `javascript:`,
`vbscript:`, `data:` or any other scheme a reader's software could run.

A manuscript's hyperlinks become `<ext-link xlink:href>`; an unsafe one is
unwrapped (its text stays, the link goes). Any other element's unsafe
`xlink:href` is removed.
"""

from lxml import etree

from journal.user_content import is_safe_url

XLINK = "http://www.w3.org/1999/xlink"


def safe_parser() -> etree.XMLParser:
    """The parser for every stored or generated JATS text: no entities, no
    network, no DTD, no huge trees."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )


HREF = f"{{{XLINK}}}href"
UNWRAP = {"ext-link", "uri", "self-uri", "related-article", "related-object"}


def _unwrap(el) -> None:
    parent = el.getparent()
    if parent is None:
        el.attrib.pop(HREF, None)
        return
    index = parent.index(el)
    text = el.text or ""
    previous = el.getprevious()
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        previous.tail = (previous.tail or "") + text
    for offset, child in enumerate(list(el)):
        parent.insert(index + offset, child)
    last = el.getprevious()
    tail = el.tail or ""
    if last is None:
        parent.text = (parent.text or "") + tail
    else:
        last.tail = (last.tail or "") + tail
    parent.remove(el)


def strip_unsafe_links(root) -> int:
    """Remove unsafe links in place; returns how many were removed."""
    removed = 0
    for el in list(root.iter(tag=etree.Element)):
        for attr in list(el.attrib):
            if etree.QName(attr).localname != "href":
                continue
            if is_safe_url(el.get(attr)):
                continue
            removed += 1
            if etree.QName(el).localname in UNWRAP and attr == HREF:
                _unwrap(el)
                break
            del el.attrib[attr]
    return removed


def jats_without_unsafe_links(xml: str) -> bytes:
    """A stored JATS text as bytes, with unsafe links removed (unchanged when
    it has none)."""
    data = xml.encode("utf-8")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError:
        return data  # served under a policy that runs nothing anyway
    if not strip_unsafe_links(root):
        return data
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
