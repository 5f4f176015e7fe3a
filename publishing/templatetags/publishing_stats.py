"""Template tags of usage statistics (publishing.stats)."""

from django import template

from ..stats.queries import article_usage_totals

register = template.Library()


@register.inclusion_tag("publishing/stats/_article_usage_card.html")
def article_usage(article):
    """The article's page views and downloads so far (2 queries)."""
    return {"article": article, "usage": article_usage_totals(article.pk)}
