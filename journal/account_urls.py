"""Account URLs that take precedence over allauth's (included before them)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "2fa/totp/activate/",
        views.mfa_activate_totp,
        name="mfa_activate_totp",
    ),
]
