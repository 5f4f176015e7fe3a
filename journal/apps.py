from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = _("Journal")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .middleware import restore_account_language

        user_logged_in.connect(
            restore_account_language, dispatch_uid="journal.restore_account_language"
        )
