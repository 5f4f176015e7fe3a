"""Journal and section slugs for the setSpecs of record headers, kept in memory.

A header names its sets by slug. Joining the journal and section tables on
every page costs PostgreSQL about half a millisecond (most of it planning the
join), a tenth of a ListIdentifiers page, for a few rows that almost never
change. So each process keeps the slugs: it reloads them (one small query)
when a page names a journal or section it does not know, after SLUG_SECONDS,
and at once in the process where a journal or section is saved or deleted.
Another process shows a renamed slug within SLUG_SECONDS.
"""

import time

from django.db.models import CharField, Value

from journal.models import Journal, Section

SLUG_SECONDS = 60.0

_state: dict = {"loaded": float("-inf"), "journals": {}, "sections": {}}


def slugs_forget(**_kwargs) -> None:
    """Drop the slugs of this process (connected to journal and section saves)."""
    _state["loaded"] = float("-inf")


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
    fresh = time.monotonic() - _state["loaded"] < SLUG_SECONDS
    if not (fresh and _known(rows, journals, sections)):
        journals, sections = {}, {}
        kinds = {"j": journals, "s": sections}
        for kind, pk, slug in _all_slugs():
            kinds[kind][pk] = slug
        _state.update(loaded=time.monotonic(), journals=journals, sections=sections)
    return journals, sections
