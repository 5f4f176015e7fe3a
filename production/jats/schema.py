"""Validation against the JATS 1.3 Journal Publishing XSD (loaded once, offline)."""

import functools
from pathlib import Path

from django.conf import settings
from lxml import etree

XSD_PATH = "jats/JATS-Publishing-1-3-XSD/JATS-journalpublishing1-3-mathml3.xsd"


class SchemaMissing(RuntimeError):
    pass


def schema_path() -> Path:
    return Path(settings.SCHEMAS_DIR) / XSD_PATH


@functools.cache
def _schema(path: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True, resolve_entities=False)
    return etree.XMLSchema(etree.parse(path, parser))


def jats_schema() -> etree.XMLSchema:
    path = schema_path()
    if not path.is_file():
        raise SchemaMissing(f"JATS schema not found at {path}")
    return _schema(str(path))


def validate_jats(xml_bytes: bytes) -> list[str]:
    """The validator's messages for a JATS document; empty when it is valid."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        doc = etree.fromstring(xml_bytes, parser)
    except etree.XMLSyntaxError as exc:
        return [f"line {exc.lineno}: {exc.msg}"]
    schema = jats_schema()
    if schema.validate(doc):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
