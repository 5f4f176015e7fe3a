"""Reading what a reader typed into the search box.

PostgreSQL parses it itself (websearch_to_tsquery); FTS5 has its own syntax in
which stray quotes, colons or a bare NOT are errors, so for FTS5 every term is
rebuilt as a quoted string. Both accept the same input: words, "exact
phrases", -excluded words and `or` between alternatives.
"""

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    text: str  # words separated by single spaces; more than one means a phrase
    negated: bool = False
    prefix: bool = False


def parse(raw: str) -> list[list[Term]]:
    """Alternatives (split on `or`), each a list of terms that must all hold."""
    groups: list[list[Term]] = [[]]
    for match in _TOKEN.finditer(raw or ""):
        neg_phrase, phrase, bare = match.groups()
        if bare is not None:
            if bare.lower() == "or":
                if groups[-1]:
                    groups.append([])
                continue
            negated = bare.startswith("-") and len(bare) > 1
            prefix = bare.endswith("*")
            words = _WORD.findall(bare)
        else:
            negated, prefix = bool(neg_phrase), False
            words = _WORD.findall(phrase)
        if words:
            groups[-1].append(
                Term(" ".join(words), negated, prefix and len(words) == 1)
            )
    return [g for g in groups if any(not t.negated for t in g)]


def words(raw: str) -> list[str]:
    """The positive words of a query, for highlighting and relevance hints."""
    return [
        w
        for group in parse(raw)
        for t in group
        if not t.negated
        for w in t.text.split()
    ]


def _fts5_string(term: Term) -> str:
    quoted = '"' + term.text.replace('"', '""') + '"'
    return quoted + "*" if term.prefix else quoted


def to_fts5(raw: str) -> str:
    """An FTS5 MATCH expression, or "" if nothing searchable was typed."""
    alternatives = []
    for group in parse(raw):
        positive = " AND ".join(_fts5_string(t) for t in group if not t.negated)
        negative = [_fts5_string(t) for t in group if t.negated]
        if negative:
            positive = f"({positive}) NOT ({' OR '.join(negative)})"
        alternatives.append(f"({positive})")
    return " OR ".join(alternatives)


def to_websearch(raw: str) -> str:
    """The query normalised for websearch_to_tsquery (same meaning as FTS5's)."""
    parts = []
    for group in parse(raw):
        items = []
        for t in group:
            text = f'"{t.text}"' if " " in t.text else t.text
            items.append(f"-{text}" if t.negated else text)
        parts.append(" ".join(items))
    return " or ".join(parts)


def is_empty(raw: str) -> bool:
    return not parse(raw)
