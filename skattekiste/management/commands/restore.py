from pathlib import Path

from django.core.management import BaseCommand, CommandError

from skattekiste.oppsett.sikkerhetskopi import SikkerhetskopiFeil, restore


class Command(BaseCommand):
    help = "Gjenoppretter en sikkerhetskopi (pg_restore) i en tom database."

    def add_arguments(self, parser):
        parser.add_argument("fil", type=Path, help="Filen make backup skrev.")
        parser.add_argument(
            "--database",
            default=None,
            help="En annen (tom) database på samme server, for eksempel for å prøve en "
            "gjenoppretting.",
        )
        parser.add_argument(
            "--overskriv",
            action="store_true",
            help="Slett alt i en database som ikke er tom, før gjenopprettingen.",
        )

    def handle(self, *args, fil, database, overskriv, **options):
        try:
            restore(dump=fil, database=database, overwrite=overskriv)
        except SikkerhetskopiFeil as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Gjenopprettet fra {fil}."))
