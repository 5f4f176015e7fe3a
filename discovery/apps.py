from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Discovery")

    def ready(self):
        from publishing import hooks

        from .search import signals  # noqa: F401 - connects the index hooks
        from .search.selectors import related_articles

        hooks.related_articles_from(related_articles)
