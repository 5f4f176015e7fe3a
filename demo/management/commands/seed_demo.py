"""Create the demo journal (idempotent), and optionally many published articles."""

import argparse
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test import override_settings
from django.urls import reverse

from demo import content
from demo.archive import articles_bulk_create
from demo.pipeline import complete_articles, complete_articles_possible
from demo.seed import archive_account, demo_seed
from demo.submissions import COMPLETE
from production.jats.schema import schema_path

CONSOLE_MAIL = "django.core.mail.backends.console.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo journal with its sections, call for papers, one login "
        "per role, manuscripts in several workflow states, and a few articles "
        "taken through review, production and publication with HTML, PDF and "
        "JATS. Running it again changes nothing. With --articles N, also add N "
        "published articles to the back issues (for benchmarks)."
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
        parser.add_argument(
            "--complete",
            action=argparse.BooleanOptionalAction,
            default=None,
            help=(
                "Take the demo manuscripts through review, production (JATS, HTML, "
                "PDF) and publication. On by default; off with --articles unless "
                "asked for."
            ),
        )

    def handle(self, *args, articles, seed, batch_size, complete, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more.")
        if complete is None:
            complete = not articles  # benchmarks render no PDFs unless asked
        # The demo's notifications are kept in the outbox; printing every one of
        # them on the console would bury the logins.
        backend = settings.EMAIL_BACKEND
        if backend == CONSOLE_MAIL:
            backend = "django.core.mail.backends.locmem.EmailBackend"
        with override_settings(EMAIL_BACKEND=backend):
            journal, logins = demo_seed(complete=complete)
        self.stdout.write(f"Demo journal: {journal.title} (/{journal.slug}/)")
        if complete:
            self._report_complete(journal)
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

    def _report_complete(self, journal) -> None:
        if not complete_articles_possible():
            self.stdout.write(
                self.style.WARNING(
                    f"No JATS schema at {schema_path()} (settings.SCHEMAS_DIR): the "
                    "complete demo articles were not made."
                )
            )
            return
        self.stdout.write("Complete articles (full text, PDF and JATS XML):")
        for article in complete_articles(journal, COMPLETE):
            url = reverse("publishing:article", args=[article.pk])
            self.stdout.write(f"  {url}  {article.submission.title_in('en')}")
