"""Full-text search over public articles and the related-articles lists.

services: `search_index_article`, `search_unindex_article`, `related_compute`,
`search_refresh_article`, `search_reindex`. selectors: `search_articles`,
`search_filter_options`, `related_articles`. backends: PostgreSQL FTS or
SQLite FTS5, picked by the database vendor.
"""
