from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OjsConfig(AppConfig):
    name = "ojs"
    verbose_name = _("Moving from OJS")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
        from .oai import register as register_oai_identifiers

        register_oai_identifiers()
