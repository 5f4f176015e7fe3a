from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProductionConfig(AppConfig):
    name = "production"
    verbose_name = _("Production")

    def ready(self):
        from publishing import hooks

        from .services import render_after_publication

        # A published article's galleys are rendered again as the version of record.
        hooks.on_article_published(render_after_publication)
