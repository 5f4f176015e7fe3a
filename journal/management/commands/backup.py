from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from journal.backups import backup_write
from journal.errors import DomainError


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, or a copy of the SQLite file) and every "
        "stored file (local or S3) into a new folder, with a checksummed manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a new or empty folder")

    def handle(self, *args, folder, **options):
        try:
            report = backup_write(folder=folder)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up the database ({report.database}) and {report.files} files "
            f"({report.bytes} bytes) into {folder}."
        )
