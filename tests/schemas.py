"""The offline schema oracles in settings.SCHEMAS_DIR (../shared/schemas).

Without them a schema test is skipped on a developer's machine but fails on
CI (CI=true), so a broken checkout never passes as green.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

# NLM's address for the JATS 1.3 Publishing XSD; resolved to the local copy.
NLM_JATS_13 = "https://jats.nlm.nih.gov/publishing/1.3/xsd/"
LOCAL_JATS_13 = "jats/JATS-Publishing-1-3-XSD/"


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def schema_missing(message: str):
    """Skip locally, fail on CI."""
    if on_ci():
        pytest.fail(f"{message} (CI=true: schema tests must not skip)")
    pytest.skip(message)


def schemas_dir() -> Path:
    return Path(settings.SCHEMAS_DIR)


def require_schema(relative: str) -> Path:
    """The path of a schema file under SCHEMAS_DIR, or skip/fail without it."""
    path = schemas_dir() / relative
    if not path.is_file():
        schema_missing(f"schema not found: {path} (settings.SCHEMAS_DIR)")
    return path


class _OfflineResolver(etree.Resolver):
    """NLM's JATS 1.3 URLs map to the local copy; other remote URLs are refused."""

    def resolve(self, url, pubid, context):
        if url and url.startswith(NLM_JATS_13):
            local = schemas_dir() / LOCAL_JATS_13 / url[len(NLM_JATS_13) :]
            return self.resolve_filename(str(local), context)
        if url and url.split(":", 1)[0].lower() in ("http", "https", "ftp"):
            raise RuntimeError(f"remote schema refused: {url}")
        return None


def offline_parser() -> etree.XMLParser:
    parser = etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True)
    parser.resolvers.add(_OfflineResolver())
    return parser


def load_schema(path: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(path), offline_parser()))
