"""Create the demo journal (idempotent), and optionally many published articles."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings

from publishing.demo import content
from publishing.demo.archive import articles_bulk_create
from publishing.demo.seed import archive_account, demo_seed

CONSOLE_MAIL = "django.core.mail.backends.console.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo journal with its sections, call for papers, one login "
        "per role and manuscripts in several workflow states. Running it again "
        "changes nothing. With --articles N, also add N published articles to "
        "the back issues (for benchmarks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=0,
            metavar="N",
            help="Add N published articles across volumes and issues by year.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=None,
            help="Random seed for --articles, for repeatable data.",
        )
        parser.add_argument(
            "--batch-size", type=int, default=1000, help="Rows per transaction."
        )

    def handle(self, *args, articles, seed, batch_size, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        # The demo's notifications are kept in the outbox; printing every one of
        # them on the console would bury the logins.
        backend = settings.EMAIL_BACKEND
        if backend == CONSOLE_MAIL:
            backend = "django.core.mail.backends.locmem.EmailBackend"
        with override_settings(EMAIL_BACKEND=backend):
            journal, logins = demo_seed()
        self.stdout.write(f"Demo journal: {journal.title} (/{journal.slug}/)")
        if articles:
            started = time.monotonic()
            step = max(batch_size, articles // 10)

            def progress(done):
                if done % step < batch_size or done == articles:
                    self.stdout.write(f"  {done} of {articles} articles")

            articles_bulk_create(
                journal=journal,
                submitter=archive_account(),
                count=articles,
                seed=seed,
                batch_size=batch_size,
                progress=progress if options["verbosity"] > 0 else None,
            )
            elapsed = time.monotonic() - started
            self.stdout.write(
                f"Added {articles} published articles in {elapsed:.1f} s."
            )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {content.PASSWORD}):")
        width = max(len(login.label) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.label.ljust(width)}  {login.email}")
