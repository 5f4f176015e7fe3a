"""Template tags of usage statistics (metrics)."""

from django import template
from django.core.cache import cache

from metrics.queries import article_usage_totals

register = template.Library()

# The article page is cached too; a minute-old count costs readers nothing.
TOTALS_CACHE_SECONDS = 60


@register.inclusion_tag("metrics/_article_usage_card.html")
def article_usage(article):
    """The article's page views and downloads so far (2 queries, then cached)."""
    usage = cache.get_or_set(
        f"usage-totals:{article.pk}",
        lambda: article_usage_totals(article.pk),
        TOTALS_CACHE_SECONDS,
    )
    return {"article": article, "usage": usage}
