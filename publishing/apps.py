from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = _("Publishing")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from journal.models import CallForPapers, Journal, Section

        from .issues.cache import reader_cache_bump_for, reader_cache_bump_on_commit
        from .models import Article

        # Journal details, sections and calls are edited in the journal app
        # (the admin): reader pages of every web process show the change at
        # once, since they are cached under the journal's shared generation.
        for model in (Journal, Section, CallForPapers):
            for signal in (post_save, post_delete):
                signal.connect(
                    reader_cache_bump_for,
                    sender=model,
                    dispatch_uid=f"reader-cache-{model.__name__}-{signal is post_save}",
                )

        # The saves of an article that is or was public (a new galley, a
        # correction, metadata, taken down; wherever saved): its kept page is
        # named by the generation alone.
        def article_changed(sender, instance, raw=False, **kwargs):
            if not raw and (instance.is_public or instance.published_at):
                reader_cache_bump_on_commit(instance.journal_id)

        for signal in (post_save, post_delete):
            signal.connect(
                article_changed,
                sender=Article,
                weak=False,
                dispatch_uid=f"reader-cache-Article-{signal is post_save}",
            )
