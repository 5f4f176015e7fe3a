"""Safe XML parsing for documents people upload."""

from lxml import etree

PARSER_OPTIONS = dict(
    resolve_entities=False,
    no_network=True,
    load_dtd=False,
    dtd_validation=False,
    huge_tree=False,
    remove_blank_text=False,
)


def parse(data: bytes) -> etree._Element:
    """Parse XML without entities, DTDs or network access; raise XMLSyntaxError."""
    parser = etree.XMLParser(**PARSER_OPTIONS)
    return etree.fromstring(data, parser=parser)


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
