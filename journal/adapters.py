from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .selectors import user_is_journal_staff


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        language = getattr(request, "LANGUAGE_CODE", None)
        if language in dict(settings.LANGUAGES):
            user.preferred_language = language
        if commit:
            user.save()
        return user


class MFAAdapter(DefaultMFAAdapter):
    """Two-factor authentication is offered to the people who run journals."""

    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "not_staff": _(
            "Two-factor authentication is available to editors, section editors, "
            "production editors and journal managers."
        ),
    }

    def can_activate(self, user) -> bool:
        """Whether this person may turn on an authenticator app.

        allauth has no hook for who may add an authenticator, so the activation
        URL is served by journal.views.mfa_activate_totp, which asks this.
        """

        return user_is_journal_staff(user)
