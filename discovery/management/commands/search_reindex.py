from django.core.management.base import BaseCommand, CommandError

from discovery.search.services import search_reindex
from journal.models import Journal


class Command(BaseCommand):
    help = (
        "Rebuild the full-text search index of public articles (all journals or "
        "one) and recompute the related-articles lists."
    )

    def add_arguments(self, parser):
        parser.add_argument("--journal", metavar="SLUG", help="Only this journal.")
        parser.add_argument(
            "--no-related",
            action="store_true",
            help="Skip recomputing related articles.",
        )

    def handle(self, *args, journal=None, no_related=False, **options):
        the_journal = None
        if journal:
            the_journal = Journal.objects.filter(slug=journal).first()
            if the_journal is None:
                raise CommandError(f"No journal with slug {journal!r}.")

        def progress(done):
            if done % 1000 == 0:
                self.stdout.write(f"  {done} articles indexed")

        count = search_reindex(
            journal=the_journal, related=not no_related, progress=progress
        )
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} articles."))
