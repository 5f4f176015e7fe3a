"""Structured references: each line of a manuscript's references parsed into
parts (`parser`), with the production editor's corrections winning over the
parser (`services.reference_correct`).

For other apps: `article_references(article) -> list[ParsedReference]`, in the
order of the reference list.
"""

from .parser import Author, ParsedReference, find_doi, parse_reference
from .services import (
    EDITABLE_FIELDS,
    article_references,
    reference_correct,
    reference_lines,
    reference_rows,
    references_editable,
)

__all__ = [
    "EDITABLE_FIELDS",
    "Author",
    "ParsedReference",
    "article_references",
    "find_doi",
    "parse_reference",
    "reference_correct",
    "reference_lines",
    "reference_rows",
    "references_editable",
]
