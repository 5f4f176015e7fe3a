from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Reviews")

    def ready(self):
        from submissions.services import register_send_check, register_upload_check

        from .anonymity.send_checks import anonymity_send_check
        from .services.reviewer_files import reviewer_upload_check

        # register_send_check ignores a check it already has, so a second
        # ready() (tests, autoreload) does not run it twice.
        register_send_check(anonymity_send_check)
        register_upload_check(reviewer_upload_check)
