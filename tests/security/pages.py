"""What a page would make a browser run: inline scripts, event handler
attributes and style attributes, which the site's policy forbids."""

from lxml import html as lxml_html

DATA_TYPES = {"application/ld+json", "application/json"}


def inline_scripts(content: bytes) -> list[str]:
    """Executable `<script>` elements without `src` (data blocks do not run)."""
    doc = lxml_html.document_fromstring(content)
    return [
        (el.text or "")[:80]
        for el in doc.iter("script")
        if not el.get("src") and (el.get("type") or "").lower() not in DATA_TYPES
    ]


def inline_handlers_and_styles(content: bytes) -> list[str]:
    doc = lxml_html.document_fromstring(content)
    found = []
    for el in doc.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "style":
            found.append("<style>")
        for attr in el.attrib:
            if attr == "style" or attr.startswith("on"):
                found.append(f"<{el.tag} {attr}>")
    return found
