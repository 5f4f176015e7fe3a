"""Checks in the spirit of the JATS4R recommendations, beside the XSD: every
cross-reference resolves, tables and figures carry a label and a caption,
ORCID iDs are full https URLs with a valid form, DOIs in references are bare,
and no element is left empty."""

import re

from lxml import etree

ORCID_URL = re.compile(r"^https://orcid\.org/\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")
ROR_URL = re.compile(r"^https://ror\.org/0[0-9a-z]{6}\d{2}$")
# Elements that are empty by design (milestones, pointers, table parts).
MAY_BE_EMPTY = {
    "graphic", "inline-graphic", "col", "colgroup", "break", "hr", "td", "th",
    "pub-date-not-available", "xref",
    # ali:free_to_read (NISO Access and License Indicators) is a flag.
    "free_to_read",
}  # fmt: skip


def jats4r_problems(root) -> list[str]:
    problems = []
    ids = {el.get("id") for el in root.iter(tag=etree.Element) if el.get("id")}
    for xref in root.iter("xref"):
        for rid in (xref.get("rid") or "").split():
            if rid not in ids:
                problems.append(f"xref to missing id {rid!r}")
        if not xref.get("rid"):
            problems.append("xref without rid")
        if xref.get("ref-type") is None:
            problems.append(f"xref {xref.get('rid')!r} without ref-type")
    for tag in ("table-wrap", "fig"):
        for el in root.iter(tag):
            if not (el.findtext("label") or "").strip():
                problems.append(f"{tag} {el.get('id')!r} has no label")
            caption = el.find("caption")
            if caption is None or not "".join(caption.itertext()).strip():
                problems.append(f"{tag} {el.get('id')!r} has no caption")
    for cid in root.iter("contrib-id"):
        if cid.get("contrib-id-type") == "orcid":
            if not ORCID_URL.match(cid.text or ""):
                problems.append(f"ORCID not as https://orcid.org/...: {cid.text!r}")
            if cid.get("authenticated") not in (None, "true", "false"):
                problems.append(f"authenticated={cid.get('authenticated')!r}")
    for iid in root.iter("institution-id"):
        if iid.get("institution-id-type") == "ror" and not ROR_URL.match(
            iid.text or ""
        ):
            problems.append(f"ROR id not a ror.org URL: {iid.text!r}")
    for pid in root.iter("pub-id"):
        if pid.get("pub-id-type") == "doi" and not re.match(
            r"^10\.\d{4,9}/\S+$", pid.text or ""
        ):
            problems.append(f"DOI not bare: {pid.text!r}")
    for el in root.iter(tag=etree.Element):
        name = etree.QName(el).localname
        if name in MAY_BE_EMPTY or len(el) or (el.text or "").strip():
            continue
        problems.append(f"empty <{name}>")
    return problems
