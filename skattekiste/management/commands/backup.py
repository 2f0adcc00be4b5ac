from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, CommandError

from skattekiste.oppsett.sikkerhetskopi import SikkerhetskopiFeil, backup


class Command(BaseCommand):
    help = "Tar en sikkerhetskopi av databasen (pg_dump) til en datert fil."

    def add_arguments(self, parser):
        parser.add_argument(
            "--mappe",
            type=Path,
            default=None,
            help="Mappen filen skrives til (standard: BACKUP_DIR, ellers sikkerhetskopier/).",
        )
        parser.add_argument("--database", default=None, help="En annen database på serveren.")

    def handle(self, *args, mappe, database, **options):
        try:
            path = backup(folder=mappe or settings.BACKUP_DIR, database=database)
        except SikkerhetskopiFeil as exc:
            raise CommandError(str(exc)) from None
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Sikkerhetskopi skrevet: {path} ({size} byte)"))
