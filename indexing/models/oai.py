from django.db import models
from django.utils.translation import gettext_lazy as _

from publishing.models.articles import Article


class OaiRecord(models.Model):
    """An article's OAI-PMH metadata, serialised once per format.

    Building a record (an `oai_dc` crosswalk, a JATS document moved into its
    namespace) costs far more than reading it back, and harvesters read every
    record many times between changes. A row is current while `datestamp`
    equals the article's and `fingerprint` matches the format version and the
    site settings the XML embeds; otherwise the endpoint rebuilds it lazily.
    """

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="oai_records"
    )
    prefix = models.CharField(_("metadata prefix"), max_length=32)
    datestamp = models.DateTimeField(_("article datestamp it was built for"))
    fingerprint = models.CharField(max_length=32)
    built_at = models.DateTimeField()
    xml = models.TextField()

    class Meta:
        verbose_name = _("OAI-PMH record")
        verbose_name_plural = _("OAI-PMH records")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "prefix"], name="oai_record_article_prefix"
            )
        ]

    def __str__(self):
        return f"{self.prefix}:{self.article_id}"
