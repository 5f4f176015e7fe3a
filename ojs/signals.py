"""Someone imported from OJS without a usable password (OJS exported none we
can check) gets a set-password email the first time they try to sign in."""

from django.contrib import messages
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.utils.translation import gettext as _

from journal.models import User

from .models import OjsRecord, RecordKind

RESEND_AFTER_SECONDS = 15 * 60


@receiver(user_login_failed, dispatch_uid="ojs_set_password_on_first_sign_in")
def _offer_set_password(sender, credentials, request=None, **kwargs):
    email = (credentials.get("email") or credentials.get("username") or "").strip()
    if not email or request is None:
        return
    user = User.objects.filter(email=email.lower(), is_active=True).first()
    if user is None or user.has_usable_password():
        return
    if not OjsRecord.objects.filter(kind=RecordKind.USER, object_id=user.pk).exists():
        return
    if cache.add(f"ojs:set-password:{user.pk}", 1, RESEND_AFTER_SECONDS):
        _send_set_password(request, user)
    messages.info(
        request,
        _(
            "Your account was moved here from the journal's previous site. "
            "We have emailed you a link to set a password."
        ),
    )


def _send_set_password(request, user) -> None:
    from allauth.account.forms import ResetPasswordForm

    form = ResetPasswordForm(data={"email": user.email})
    if form.is_valid():
        form.save(request)
