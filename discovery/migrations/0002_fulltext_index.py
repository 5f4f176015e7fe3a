from django.db import migrations

# The full-text index itself depends on the database: a GIN index over the
# stored tsvector on PostgreSQL, an FTS5 table on SQLite (rowid = article id).
# Other databases get neither and fall back to substring search.
PG_CREATE = (
    "CREATE INDEX IF NOT EXISTS searchdoc_vector_gin "
    "ON discovery_searchdocument USING gin (search_vector)"
)
PG_DROP = "DROP INDEX IF EXISTS searchdoc_vector_gin"
SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS discovery_search_fts USING fts5("
    "title, keywords, authors, abstract, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS discovery_search_fts"

# A search row keeps its short columns and its ranking vector in the table
# itself (the vector inline, as ranking reads it for every candidate); the
# texts and the full-text vector go out of line. Counting matches then visits
# rows without the long texts, and the full-text vector is read only when a
# match must be rechecked (a phrase).
#
# The country and language filters are substring matches (",UZ," in
# ",KZ,UZ,"), which no ordinary index serves: a filtered search would read
# every row matching its words to test them. Trigram indexes let PostgreSQL
# intersect the filter with the words in the indexes and read only rows that
# pass both. pg_trgm ships with PostgreSQL and is a trusted extension (a
# database owner can create it).
SEARCH_STORAGE = [
    "ALTER TABLE discovery_searchdocument SET (toast_tuple_target = 128)",
    "ALTER TABLE discovery_searchdocument ALTER COLUMN rank_vector SET STORAGE MAIN",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS searchdoc_countries_trgm "
    "ON discovery_searchdocument USING gin (countries gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS searchdoc_languages_trgm "
    "ON discovery_searchdocument USING gin (languages gin_trgm_ops)",
]
DEFAULT_STORAGE = [
    "DROP INDEX IF EXISTS searchdoc_countries_trgm",
    "DROP INDEX IF EXISTS searchdoc_languages_trgm",
    "ALTER TABLE discovery_searchdocument RESET (toast_tuple_target)",
    "ALTER TABLE discovery_searchdocument ALTER COLUMN rank_vector "
    "SET STORAGE EXTENDED",
]


def create_fulltext_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)


def drop_fulltext_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)


def _on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("discovery", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_fulltext_index, drop_fulltext_index),
        migrations.RunPython(
            _on_postgresql(SEARCH_STORAGE), _on_postgresql(DEFAULT_STORAGE)
        ),
    ]
