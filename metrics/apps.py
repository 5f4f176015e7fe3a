from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MetricsConfig(AppConfig):
    name = "metrics"
    verbose_name = _("Metrics")

    def ready(self):
        from publishing import hooks

        from .counting import usage_record

        # Article pages and downloads are counted (COUNTER) here.
        hooks.on_article_viewed(usage_record)
