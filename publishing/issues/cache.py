"""The reader pages' generation number (kept in journal, where the journal's
own details change too)."""

from journal.reader_cache import (  # noqa: F401
    reader_cache_bump,
    reader_cache_bump_for,
    reader_cache_bump_on_commit,
    reader_cache_generation,
)
