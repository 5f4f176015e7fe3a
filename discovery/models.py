from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from journal.models import Journal, Section
from publishing.models.articles import Article


class SearchDocument(models.Model):
    """The searchable text of one public article, flattened for the search engine.

    A row exists only while the article is public; `search_index_article`
    writes and deletes it. On PostgreSQL `search_vector` holds the weighted
    tsvector (GIN-indexed) and `rank_vector` the same without the full text;
    on SQLite the text is mirrored into an FTS5 table
    (`discovery_search_fts`, rowid = article id) created by the migration.
    `languages` and `countries` are delimited (",en,ru,") so a filter is a
    plain substring match that works on both databases.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    journal = models.ForeignKey(Journal, on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        Section, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    year = models.PositiveIntegerField(_("year"), db_index=True)
    published_at = models.DateTimeField(_("published"), db_index=True)
    languages = models.CharField(max_length=100, blank=True)
    countries = models.CharField(max_length=400, blank=True)
    title = models.TextField(_("title"))
    abstract = models.TextField(_("abstract"), blank=True)
    keywords = models.TextField(_("keywords"), blank=True)
    authors = models.TextField(_("authors"), blank=True)
    body = models.TextField(_("full text"), blank=True)
    search_vector = SearchVectorField(null=True, editable=False)
    # Ranking reads this smaller vector (everything but the full text), so that
    # ordering thousands of matches does not unpack every body; a match found
    # only in the full text ranks after any match in the title or metadata.
    rank_vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            models.Index(
                fields=["journal", "-published_at"], name="searchdoc_journal_date"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def keyword_list(self) -> list[str]:
        return [k for k in self.keywords.split("\n") if k]

    @property
    def country_codes(self) -> list[str]:
        return [c for c in self.countries.split(",") if c]


class RelatedArticle(models.Model):
    """One of an article's most similar public articles, best first (`rank` 1..N).

    Computed off the request path when the article is indexed; the article
    page reads the stored list in one query.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="related_links"
    )
    related = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()

    class Meta:
        verbose_name = _("related article")
        verbose_name_plural = _("related articles")
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "related"], name="related_article_unique"
            )
        ]

    def __str__(self):
        return f"{self.article_id} → {self.related_id}"


class SearchTerm(models.Model):
    """One entry of a word's champion list: the documents in which the word
    (a stemmed lexeme) weighs most, best first.

    Relevance order ranks every match; a word found in half of a large
    archive would have tens of thousands of vectors read and ranked for one
    page. When more documents match than are counted, a page is ranked among
    the champions of the query's words instead (PostgreSQL only; see
    `discovery.search.backends`). `weight` is the document's rank for the
    word alone, so a one-word query gets exactly its best documents.
    """

    lexeme = models.TextField()
    document = models.ForeignKey(
        SearchDocument,
        on_delete=models.CASCADE,
        related_name="+",
        db_column="article_id",
    )
    weight = models.FloatField()
    published_at = models.DateTimeField()

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            models.Index(
                fields=["lexeme", "-weight", "-published_at", "document"],
                name="searchterm_champions",
            )
        ]

    def __str__(self):
        return f"{self.lexeme} → {self.document_id}"
