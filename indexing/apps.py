from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndexingConfig(AppConfig):
    name = "indexing"
    verbose_name = _("Indexing")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from journal.models import Journal, Section

        from .oai.sets import slugs_forget

        # A renamed journal or section shows in OAI-PMH setSpecs at once here.
        for model in (Journal, Section):
            for signal in (post_save, post_delete):
                signal.connect(
                    slugs_forget,
                    sender=model,
                    dispatch_uid=f"oai-slugs-{model.__name__}-{signal is post_save}",
                )

        from publishing import hooks

        from .doaj.issue import issue_doaj_response
        from .doi.publication import (
            crossref_deposit_after_publication,
            crossref_deposit_request,
        )
        from .doi.selectors import deposit_status_by_item

        hooks.on_dois_published(crossref_deposit_after_publication)
        hooks.deposit_request_by(crossref_deposit_request)
        hooks.deposit_status_from(deposit_status_by_item)
        hooks.issue_export_from("doaj", issue_doaj_response)
