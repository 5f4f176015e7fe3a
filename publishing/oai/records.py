"""Serialised metadata for a page of records, from the store or built anew.

One query reads the stored XML of the whole page; only records whose article
changed since (or never built) are loaded with their relations (a fixed number
of queries) and written back in one upsert. A page therefore costs the same
number of queries whatever its size, and a warm page costs two.
"""

import logging

from django.db import DatabaseError, transaction
from django.utils import timezone

from ..models import OaiRecord
from .metadata import FORMATS, CannotDisseminate, fingerprint
from .selectors import articles_for_metadata

logger = logging.getLogger(__name__)


def _is_current(stored: tuple, row: dict, current_fingerprint: str) -> bool:
    datestamp, fp, built_at = stored
    if datestamp != row["datestamp"] or fp != current_fingerprint:
        return False
    # The journal's and the issue's own fields (title, publisher, ISSN, issue
    # number) appear in records too.
    for key in ("journal__updated_at", "issue__updated_at"):
        changed = row.get(key)
        if changed is not None and changed > built_at:
            return False
    return True


def metadata_for(rows: list[dict], prefix: str) -> dict[int, bytes]:
    """Metadata bytes per article id for the live (not deleted) rows given.

    A record that cannot be expressed in the format is absent from the result.
    """
    if not rows:
        return {}
    fmt = FORMATS[prefix]
    current_fingerprint = fingerprint()
    by_id = {row["id"]: row for row in rows}
    stored = {
        article_id: (datestamp, fp, built_at, xml)
        for article_id, datestamp, fp, built_at, xml in OaiRecord.objects.filter(
            article_id__in=list(by_id), prefix=prefix
        ).values_list("article_id", "datestamp", "fingerprint", "built_at", "xml")
    }
    result: dict[int, bytes] = {}
    stale: list[int] = []
    for article_id, row in by_id.items():
        found = stored.get(article_id)
        if found is not None and _is_current(found[:3], row, current_fingerprint):
            result[article_id] = found[3].encode("utf-8")
        else:
            stale.append(article_id)
    if stale:
        result.update(_rebuild(stale, fmt, current_fingerprint))
    return result


def _rebuild(ids: list[int], fmt, current_fingerprint: str) -> dict[int, bytes]:
    built: dict[int, bytes] = {}
    rows: list[OaiRecord] = []
    now = timezone.now()
    for article in articles_for_metadata(ids):
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
                OaiRecord.objects.bulk_create(
                    rows,
                    update_conflicts=True,
                    unique_fields=["article", "prefix"],
                    update_fields=["datestamp", "fingerprint", "built_at", "xml"],
                )
        except DatabaseError:
            logger.warning("Could not store rebuilt OAI-PMH records", exc_info=True)
    return built
