from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from journal.backups import backup_restore
from journal.errors import DomainError


class Command(BaseCommand):
    help = (
        "Restore a folder written by `backup` into this site's database, which "
        "must be new (no tables), and its file storage, which must be empty."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="a folder written by backup")

    def handle(self, *args, folder, **options):
        try:
            report = backup_restore(folder=folder)
        except DomainError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the database ({report.database}) and {report.files} files "
            f"({report.bytes} bytes) from {folder}."
        )
