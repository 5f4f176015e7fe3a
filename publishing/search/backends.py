"""The two full-text engines behind one interface, chosen by database vendor.

PostgreSQL: a weighted tsvector stored on SearchDocument (GIN index), queried
with websearch_to_tsquery, ranked with ts_rank, highlighted with ts_headline.
The 'russian' configuration stems Cyrillic words with the Russian Snowball
stemmer and Latin words with the English one, so both languages of the
journal match across word forms.

SQLite: an FTS5 table (porter over unicode61) kept beside SearchDocument,
queried with MATCH, ranked with bm25(), highlighted with highlight()/snippet().

Ranks are "higher is better" on both, so callers sort the same way.
"""

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from . import query as q
from .text import MARK_END, MARK_START

PG_CONFIG = "russian"
FTS_TABLE = "publishing_search_fts"
# Column weights: a title match outranks keywords and authors, which outrank
# the abstract, which outranks the full text.
FTS_WEIGHTS = "10.0, 5.0, 5.0, 2.0, 1.0"
SNIPPET_WORDS = 28


class PostgresBackend:
    vendor = "postgresql"

    def write(self, document) -> None:
        self.write_many(type(document), [document])

    def write_many(self, model, documents) -> None:
        head = (
            SearchVector("title", weight="A", config=PG_CONFIG)
            + SearchVector("keywords", weight="B", config=PG_CONFIG)
            + SearchVector("authors", weight="B", config=PG_CONFIG)
            + SearchVector("abstract", weight="C", config=PG_CONFIG)
        )
        model.objects.filter(pk__in=[d.pk for d in documents]).update(
            search_vector=head + SearchVector("body", weight="D", config=PG_CONFIG),
            rank_vector=head,
        )

    def delete(self, article_id: int) -> None:
        """The row itself carries the vector; nothing else to remove."""

    def delete_many(self, article_ids) -> None:
        pass

    def _query(self, raw: str) -> SearchQuery:
        return SearchQuery(
            q.to_websearch(raw), config=PG_CONFIG, search_type="websearch"
        )

    def filter(self, qs: QuerySet, raw: str) -> QuerySet:
        return qs.filter(search_vector=self._query(raw))

    def match(self, qs: QuerySet, raw: str) -> QuerySet:
        return self.filter(qs, raw).annotate(
            rank=SearchRank(F("rank_vector"), self._query(raw))
        )

    def highlights(self, model, ids: list[int], raw: str) -> dict[int, tuple]:
        query = self._query(raw)
        common = {
            "config": PG_CONFIG,
            "start_sel": MARK_START,
            "stop_sel": MARK_END,
        }
        fragments = {
            **common,
            "max_words": SNIPPET_WORDS,
            "min_words": 12,
            "max_fragments": 2,
            "fragment_delimiter": " … ",
        }
        rows = (
            model.objects.filter(pk__in=ids)
            .annotate(
                hl_title=SearchHeadline("title", query, highlight_all=True, **common),
                hl_abstract=SearchHeadline("abstract", query, **fragments),
                hl_body=SearchHeadline("body", query, **fragments),
            )
            .values_list("pk", "hl_title", "hl_abstract", "hl_body")
        )
        return {pk: (title, abstract, body) for pk, title, abstract, body in rows}


class SqliteBackend:
    vendor = "sqlite"

    def write(self, document) -> None:
        self.delete_many([document.pk])
        self.write_many(type(document), [document])

    def write_many(self, model, documents) -> None:
        """Insert rows for documents not yet in the FTS table."""
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} "
                "(rowid, title, keywords, authors, abstract, body) "
                "VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (d.pk, d.title, d.keywords, d.authors, d.abstract, d.body)
                    for d in documents
                ],
            )

    def delete(self, article_id: int) -> None:
        self.delete_many([article_id])

    def delete_many(self, article_ids) -> None:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"DELETE FROM {FTS_TABLE} WHERE rowid = %s",
                [(pk,) for pk in article_ids],
            )

    def _matching(self, raw: str) -> RawSQL:
        return RawSQL(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
            [q.to_fts5(raw)],
        )

    def filter(self, qs: QuerySet, raw: str) -> QuerySet:
        return qs.filter(pk__in=self._matching(raw))

    def match(self, qs: QuerySet, raw: str) -> QuerySet:
        expression = q.to_fts5(raw)
        table = qs.model._meta.db_table
        rank = RawSQL(
            f"SELECT -bm25({FTS_TABLE}, {FTS_WEIGHTS}) FROM {FTS_TABLE} "
            f'WHERE {FTS_TABLE} MATCH %s AND rowid = "{table}"."article_id"',
            [expression],
            output_field=FloatField(),
        )
        return self.filter(qs, raw).annotate(rank=rank)

    def highlights(self, model, ids: list[int], raw: str) -> dict[int, tuple]:
        if not ids:
            return {}
        marks = [MARK_START, MARK_END]
        placeholders = ", ".join(["%s"] * len(ids))
        sql = (
            f"SELECT rowid, highlight({FTS_TABLE}, 0, %s, %s), "
            f"snippet({FTS_TABLE}, 3, %s, %s, ' … ', {SNIPPET_WORDS}), "
            f"snippet({FTS_TABLE}, 4, %s, %s, ' … ', {SNIPPET_WORDS}) "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND rowid IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*marks, *marks, *marks, q.to_fts5(raw), *ids])
            return {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


class SubstringBackend:
    """Other databases: every word must appear somewhere; no ranking."""

    vendor = "other"

    def write(self, document) -> None:
        pass

    def write_many(self, model, documents) -> None:
        pass

    def delete(self, article_id: int) -> None:
        pass

    def delete_many(self, article_ids) -> None:
        pass

    def match(self, qs: QuerySet, raw: str) -> QuerySet:
        return self.filter(qs, raw).annotate(rank=Value(0.0, output_field=FloatField()))

    def filter(self, qs: QuerySet, raw: str) -> QuerySet:
        for word in q.words(raw):
            qs = qs.filter(
                Q(title__icontains=word)
                | Q(keywords__icontains=word)
                | Q(authors__icontains=word)
                | Q(abstract__icontains=word)
                | Q(body__icontains=word)
            )
        return qs

    def highlights(self, model, ids, raw) -> dict[int, tuple]:
        return {}


def backend():
    vendor = connection.vendor
    if vendor == "postgresql":
        return PostgresBackend()
    if vendor == "sqlite":
        return SqliteBackend()
    return SubstringBackend()
