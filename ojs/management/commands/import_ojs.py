"""manage.py import_ojs ISSUES.xml [USERS.xml] --journal SLUG [--ojs-path PATH]
[--dry-run]: import an OJS Native XML export (see ojs.services.importer)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from journal.models import Journal
from ojs.native.reader import count_records
from ojs.services import ExportRefused, ojs_import


class Command(BaseCommand):
    help = "Import issues, articles, files and users from an OJS Native XML export."

    def add_arguments(self, parser):
        parser.add_argument("issues", help="issues export (Native XML)")
        parser.add_argument("users", nargs="?", help="users export (Native XML)")
        parser.add_argument("--journal", required=True, help="the journal's slug")
        parser.add_argument(
            "--ojs-path", help="the journal's path in OJS URLs (default: the slug)"
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="report what would change; write nothing",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, **options):
        journal = Journal.objects.filter(slug=options["journal"]).first()
        if journal is None:
            raise CommandError(
                _("No journal with the slug %(slug)s.") % {"slug": options["journal"]}
            )
        bar = None
        if not options["no_progress"]:
            try:
                _issues, total = count_records(options["issues"])
            except Exception:  # noqa: BLE001 - the check below reports it properly
                total = None
            bar = tqdm(
                total=total, unit=" articles", file=self.stderr._out, leave=False
            )
        try:
            report = ojs_import(
                journal=journal,
                issues_path=options["issues"],
                users_path=options["users"],
                ojs_path=options["ojs_path"],
                dry_run=options["dry_run"],
                progress=bar.update if bar else None,
            )
        except ExportRefused as exc:
            raise CommandError(
                _("The export was refused; nothing was imported.")
                + "\n"
                + "\n".join(exc.errors)
            ) from exc
        finally:
            if bar:
                bar.close()
        self._summary(report)
        if report.failed:
            raise CommandError(report.failed)

    def _summary(self, report):
        out = self.stdout
        title = _("Dry run: nothing was written.") if report.dry_run else _("Imported.")
        out.write(f"{title} OJS {report.version}")
        header = (_("what"), _("created"), _("updated"), _("unchanged"))
        if report.dry_run:
            header = (_("what"), _("would create"), _("would update"), _("would skip"))
        rows = [(str(label), *nums) for label, *nums in report.rows()]
        rows.append((_("warnings"), len(report.warnings), "", ""))
        widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(4)]
        line = "  ".join(
            f"{{:<{widths[0]}}}" if i == 0 else f"{{:>{widths[i]}}}" for i in range(4)
        )
        out.write(line.format(*header))
        for row in rows:
            out.write(line.format(*row))
        for warning in report.warnings:
            out.write(self.style.WARNING(f"! {warning}"))
