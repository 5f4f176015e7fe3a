from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "journal"
    verbose_name = _("Journal")

    def ready(self) -> None:
        from allauth.socialaccount.signals import (
            social_account_added,
            social_account_updated,
        )
        from django.contrib.auth.signals import user_logged_in

        from .adapters import confirm_connected_orcid
        from .middleware import restore_account_language

        user_logged_in.connect(
            restore_account_language, dispatch_uid="journal.restore_account_language"
        )
        # allauth has no adapter hook for a connected account, only these signals.
        social_account_added.connect(
            confirm_connected_orcid, dispatch_uid="journal.orcid_connected"
        )
        social_account_updated.connect(
            confirm_connected_orcid, dispatch_uid="journal.orcid_signed_in_again"
        )
