"""The two full-text engines behind one interface, chosen by database vendor.

PostgreSQL: a weighted tsvector stored on SearchDocument (GIN index), queried
with websearch_to_tsquery, ranked with ts_rank, highlighted with ts_headline.
The 'russian' configuration stems Cyrillic words with the Russian Snowball
stemmer and Latin words with the English one, so both languages of the
journal match across word forms.

PostgreSQL also keeps champion lists (SearchTerm): for every word, the
documents where it weighs most. Beyond the counted matches, a page is ranked
among the champions of the query's words (`candidates`) rather than among all
matches; the selectors fall back to ranking every match when the champions do
not fill the page.

SQLite: an FTS5 table (porter over unicode61) kept beside SearchDocument,
queried with MATCH, ranked with bm25(), highlighted with highlight()/snippet().

Ranks are "higher is better" on both, so callers sort the same way.
"""

import json
from contextlib import contextmanager, nullcontext

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
)
from django.db.models.expressions import RawSQL

from . import query as q
from .text import MARK_END, MARK_START

PG_CONFIG = "russian"
FTS_TABLE = "discovery_search_fts"
# Column weights: a title match outranks keywords and authors, which outrank
# the abstract, which outranks the full text.
FTS_WEIGHTS = "10.0, 5.0, 5.0, 2.0, 1.0"
SNIPPET_WORDS = 28
# Documents kept per word. A page deeper than this falls back to ranking every
# match, so it bounds both the work of a first page and where that work ends.
CHAMPIONS = 200
TERMS_TABLE = "discovery_searchterm"
# Each lexeme of each document's metadata vector, with the document's rank for
# that lexeme alone. Read back through the 'simple' configuration a lexeme is
# itself (an odd one, say a web address, splits into parts and ranks low,
# which only costs it its place in a list).
_DOCUMENT_LEXEMES = """
    SELECT u.lexeme, d.article_id, d.published_at,
           ts_rank(d.rank_vector, plainto_tsquery('simple', u.lexeme)) AS weight
    FROM discovery_searchdocument d CROSS JOIN LATERAL unnest(d.rank_vector) u
"""


class PostgresBackend:
    vendor = "postgresql"

    def write(self, document) -> None:
        self.write_many(type(document), [document])

    def write_many(self, model, documents, *, champions: bool = True) -> None:
        head = (
            SearchVector("title", weight="A", config=PG_CONFIG)
            + SearchVector("keywords", weight="B", config=PG_CONFIG)
            + SearchVector("authors", weight="B", config=PG_CONFIG)
            + SearchVector("abstract", weight="C", config=PG_CONFIG)
        )
        ids = [d.pk for d in documents]
        model.objects.filter(pk__in=ids).update(
            search_vector=head + SearchVector("body", weight="D", config=PG_CONFIG),
            rank_vector=head,
        )
        if champions:
            self.champions_add(ids)

    def champions_add(self, ids: list[int]) -> None:
        """Enter the documents into the champion lists of their words where
        they rank among the best (lists may run over CHAMPIONS until the next
        `champions_rebuild`; reads take the best CHAMPIONS only)."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TERMS_TABLE} WHERE article_id = ANY(%s)", [ids]
            )
            cursor.execute(
                f"""
                INSERT INTO {TERMS_TABLE} (lexeme, article_id, weight, published_at)
                SELECT s.lexeme, s.article_id, s.weight, s.published_at
                FROM ({_DOCUMENT_LEXEMES} WHERE d.article_id = ANY(%s)) s
                WHERE NOT EXISTS (
                    SELECT 1 FROM (
                        SELECT t.weight, t.published_at FROM {TERMS_TABLE} t
                        WHERE t.lexeme = s.lexeme
                        ORDER BY t.weight DESC, t.published_at DESC
                        OFFSET %s LIMIT 1
                    ) last
                    WHERE (last.weight, last.published_at)
                        >= (s.weight, s.published_at)
                )
                """,
                [ids, CHAMPIONS - 1],
            )

    def champions_rebuild(self) -> None:
        """Recompute every champion list from the documents (after a bulk
        reindex, and nightly to trim lists that grew and refill ones that lost
        documents)."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TERMS_TABLE}")
            cursor.execute(
                f"""
                INSERT INTO {TERMS_TABLE} (lexeme, article_id, weight, published_at)
                SELECT lexeme, article_id, weight, published_at FROM (
                    SELECT s.*, row_number() OVER (
                        PARTITION BY s.lexeme
                        ORDER BY s.weight DESC, s.published_at DESC, s.article_id DESC
                    ) AS place
                    FROM ({_DOCUMENT_LEXEMES}) s
                ) ranked
                WHERE place <= %s
                """,
                [CHAMPIONS],
            )

    def candidates(self, raw: str) -> RawSQL | None:
        """Ids of the champions of the query's positive words (a subquery)."""
        words = " ".join(q.words(raw))
        if not words:
            return None
        return RawSQL(
            f"""
            SELECT t.article_id
            FROM unnest(tsvector_to_array(to_tsvector(%s::regconfig, %s))) l(lexeme)
            CROSS JOIN LATERAL (
                SELECT article_id FROM {TERMS_TABLE}
                WHERE lexeme = l.lexeme
                ORDER BY weight DESC, published_at DESC
                LIMIT %s
            ) t
            """,
            [PG_CONFIG, words, CHAMPIONS],
        )

    def estimate(self, qs: QuerySet) -> int:
        """How many rows the planner expects `qs` to return (none are read)."""
        plan = json.loads(qs.explain(format="json"))
        return int(plan[0]["Plan"]["Plan Rows"])

    @contextmanager
    def reading(self):
        """Search reads use the GIN index, never a scan of the table: the
        planner does not count the cost of unpacking each row's out-of-line
        vector, so on a table whose rows keep their texts elsewhere it would
        otherwise choose to read and test every row."""
        nested = connection.in_atomic_block
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            try:
                yield
            finally:
                if nested:
                    # The rest of the longer transaction plans as usual.
                    cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")

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
            # One passage around the words, as FTS5's snippet() gives (in two
            # fragments PostgreSQL takes nearly twice as long).
            "max_words": SNIPPET_WORDS,
            "min_words": 12,
        }
        rows = model.objects.filter(pk__in=ids).annotate(
            hl_title=SearchHeadline("title", query, highlight_all=True, **common),
            hl_abstract=SearchHeadline("abstract", query, **fragments),
            in_metadata=ExpressionWrapper(
                Q(rank_vector=query), output_field=BooleanField()
            ),
        )
        found, body_only = {}, []
        for pk, title, abstract, in_metadata in rows.values_list(
            "pk", "hl_title", "hl_abstract", "in_metadata"
        ):
            found[pk] = [title, abstract, ""]
            if not in_metadata:
                body_only.append(pk)
        # The full text is long: it is read only for a result found by its
        # full text alone, to show where the words are. Otherwise the snippet
        # is the abstract (its matches marked, if any).
        if body_only:
            bodies = (
                model.objects.filter(pk__in=body_only)
                .annotate(hl_body=SearchHeadline("body", query, **fragments))
                .values_list("pk", "hl_body")
            )
            for pk, body in bodies:
                found[pk][2] = body
        return {pk: tuple(parts) for pk, parts in found.items()}


class _WithoutChampions:
    """Engines without champion lists or estimates: every match is ranked and
    counted, and reads need no settings of their own."""

    def champions_rebuild(self) -> None:
        pass

    def candidates(self, raw: str) -> None:
        return None

    def estimate(self, qs: QuerySet) -> None:
        return None

    def reading(self):
        return nullcontext()


class SqliteBackend(_WithoutChampions):
    vendor = "sqlite"

    def write(self, document) -> None:
        self.delete_many([document.pk])
        self.write_many(type(document), [document])

    def write_many(self, model, documents, *, champions: bool = True) -> None:
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


class SubstringBackend(_WithoutChampions):
    """Other databases: every word must appear somewhere; no ranking."""

    vendor = "other"

    def write(self, document) -> None:
        pass

    def write_many(self, model, documents, *, champions: bool = True) -> None:
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
