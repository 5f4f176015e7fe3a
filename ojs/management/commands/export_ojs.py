"""manage.py export_ojs --journal SLUG [--issue ID ...] [--ojs-version 3.4]
[--output FILE] [--users FILE]: the journal's published issues as OJS Native
XML, and its people as an OJS users export."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from journal.models import Journal
from ojs.native.writer import WRITABLE, export_issues, export_users


class Command(BaseCommand):
    help = "Export published issues, articles and galleys as OJS Native XML."

    def add_arguments(self, parser):
        parser.add_argument("--journal", required=True, help="the journal's slug")
        parser.add_argument(
            "--issue", type=int, action="append", help="an issue id (repeatable)"
        )
        parser.add_argument(
            "--ojs-version",
            default="3.5",
            choices=WRITABLE,
            help="the OJS version to write for (default 3.5)",
        )
        parser.add_argument("--output", "-o", help="file to write (default: stdout)")
        parser.add_argument(
            "--users", help="also write the journal's people to this file"
        )

    def handle(self, *args, **options):
        journal = Journal.objects.filter(slug=options["journal"]).first()
        if journal is None:
            raise CommandError(
                _("No journal with the slug %(slug)s.") % {"slug": options["journal"]}
            )
        if options["output"]:
            with open(options["output"], "wb") as out:
                count = self._write(journal, out, options)
        else:
            count = self._write(journal, sys.stdout.buffer, options)
        self.stderr.write(_("%(count)s issues exported.") % {"count": count})
        if options["users"]:
            with open(options["users"], "wb") as out:
                people = export_users(
                    journal=journal, out=out, version=options["ojs_version"]
                )
            self.stderr.write(_("%(count)s people exported.") % {"count": people})

    def _write(self, journal, out, options):
        return export_issues(
            journal=journal,
            out=out,
            version=options["ojs_version"],
            issue_ids=options["issue"],
        )
