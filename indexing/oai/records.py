"""Serialised metadata for a page of records, from the store or built anew.

The page's own query reads the stored XML of its records (see
`selectors.with_stored_xml`); only records whose article changed since (or that
were never built) are loaded with their relations (a fixed number of queries)
and written back in one upsert. A page therefore costs the same number of
queries whatever its size, and a page of stored records costs one.
"""

import logging

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from ..models import OaiRecord
from .metadata import FORMATS, CannotDisseminate, fingerprint
from .selectors import HeaderRow, articles_for_metadata

logger = logging.getLogger(__name__)


def metadata_for(rows: list[HeaderRow], prefix: str) -> dict[int, bytes]:
    """Metadata bytes per article id for the live (not deleted) rows given.

    Rows come from `selectors.header_page`/`record_header` with `xml`, the
    stored metadata if still current. The others are built, stored and
    returned. A record that cannot be expressed in the format is absent.
    """
    result: dict[int, bytes] = {}
    stale: list[int] = []
    for row in rows:
        if row.xml is not None:
            result[row.id] = row.xml.encode("utf-8")
        else:
            stale.append(row.id)
    if stale:
        result.update(_rebuild(stale, FORMATS[prefix], fingerprint()))
    return result


def _rebuild(ids: list[int], fmt, current_fingerprint: str) -> dict[int, bytes]:
    built: dict[int, bytes] = {}
    rows: list[OaiRecord] = []
    now = timezone.now()
    for article in articles_for_metadata(ids, needs_jats=fmt.needs_jats):
        try:
            xml = fmt.build(article)
        except CannotDisseminate:
            continue
        built[article.id] = xml
        rows.append(
            OaiRecord(
                article_id=article.id,
                prefix=fmt.prefix,
                datestamp=article.datestamp,
                fingerprint=current_fingerprint,
                built_at=now,
                xml=xml.decode("utf-8"),
            )
        )
    if rows:
        try:
            # A savepoint, so a failed write (a concurrent delete of the
            # article) leaves the response intact; the next request retries.
            with transaction.atomic():
                _store(rows)
        except DatabaseError:
            logger.warning("Could not store rebuilt OAI-PMH records", exc_info=True)
    return built


_FIELDS = ("article_id", "prefix", "datestamp", "fingerprint", "built_at", "xml")


def _store(rows: list[OaiRecord]) -> None:
    """Insert or replace the rows (one statement)."""
    if connection.vendor == "postgresql":
        # Django binds parameters on the client with psycopg, quoting each
        # value in Python; for a page of JATS documents that quoting costs
        # more than the insert. A server-side-binding cursor sends them as
        # they are, in a pipeline.
        from psycopg import Cursor

        table = connection.ops.quote_name(OaiRecord._meta.db_table)
        columns = ", ".join(_FIELDS)
        updates = ", ".join(f"{f} = EXCLUDED.{f}" for f in _FIELDS[2:])
        sql = (
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(_FIELDS))}) "
            f"ON CONFLICT (article_id, prefix) DO UPDATE SET {updates}"
        )
        connection.ensure_connection()
        with connection.wrap_database_errors, Cursor(connection.connection) as cursor:
            cursor.executemany(
                sql, [tuple(getattr(row, f) for f in _FIELDS) for row in rows]
            )
        return
    OaiRecord.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["article", "prefix"],
        update_fields=["datestamp", "fingerprint", "built_at", "xml"],
    )
