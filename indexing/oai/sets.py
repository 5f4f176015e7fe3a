"""Journal and section slugs for the setSpecs of record headers, kept in memory.

A header names its sets by slug. Joining the journal and section tables on
every page costs PostgreSQL about half a millisecond (most of it planning the
join), a tenth of a ListIdentifiers page, for a few rows that almost never
change. So each process keeps the slugs, tagged with a version kept in the
shared cache: saving or deleting a journal or section, in any process on any
machine, writes a new version, and every process reloads (one small query)
on its next page, as it does when a page names a journal or section it does
not know. Reading the version is one cache get per page; while the cache is
unreachable every page reloads.
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import CharField, Value

from journal.models import Journal, Section

VERSION_KEY = "oai:set-slugs:version"

_state: dict = {"version": None, "journals": {}, "sections": {}}


def _version_new() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def slugs_forget(**_kwargs) -> None:
    """Make every process reload the slugs (connected to journal and section
    saves): now, and again once the change commits, so that no process
    keeps what it read in between."""
    _state["version"] = None
    _version_new()
    transaction.on_commit(_version_new, robust=True)


def _version() -> str | None:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def _known(rows, journals: dict, sections: dict) -> bool:
    return all(
        row.journal_id in journals
        and (row.section_id is None or row.section_id in sections)
        for row in rows
    )


def _all_slugs():
    journals = (
        Journal.objects.annotate(kind=Value("j", output_field=CharField()))
        .order_by()
        .values_list("kind", "id", "slug")
    )
    sections = (
        Section.objects.annotate(kind=Value("s", output_field=CharField()))
        .order_by()
        .values_list("kind", "id", "slug")
    )
    return journals.union(sections, all=True)


def slugs_for(rows) -> tuple[dict[int, str], dict[int, str]]:
    """(journal id → slug, section id → slug), covering every row's ids."""
    journals, sections = _state["journals"], _state["sections"]
    version = _version()
    fresh = version is not None and version == _state["version"]
    if not (fresh and _known(rows, journals, sections)):
        journals, sections = {}, {}
        kinds = {"j": journals, "s": sections}
        for kind, pk, slug in _all_slugs():
            kinds[kind][pk] = slug
        _state.update(version=version, journals=journals, sections=sections)
    return journals, sections
