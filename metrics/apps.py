from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = _("Metrics")

    def ready(self):
        from publishing import hooks

        from .counting import search_record, usage_record
        from .journal import journal_counts

        # Article pages and downloads are counted (COUNTER) here.
        hooks.on_article_viewed(usage_record)
        hooks.on_search(search_record)
        # The journal's home page shows the statistics page's own numbers.
        hooks.home_counts_from(journal_counts)
