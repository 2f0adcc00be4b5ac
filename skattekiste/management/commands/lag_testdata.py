"""Fill a benchmark database with a reproducible synthetic corpus; see ytelse.testdata."""

import time

from django.core.management import BaseCommand, CommandError

from skattekiste.sok.wordlist import refresh_lexicon
from skattekiste.ytelse.guard import ensure_bench_database
from skattekiste.ytelse.progress import Progress
from skattekiste.ytelse.testdata import fill_synthetic


class Command(BaseCommand):
    help = (
        "Fyller databasen med syntetiske, norsklignende testdata for å måle ytelsen "
        "(standard 20 000 eksempler og 200 000 innsikter). Samme frø gir samme data. "
        "Kjøres bare med DEBUG=1 mot en database som slutter på «_bench», "
        "for eksempel DATABASE_NAME=skattekiste_bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--eksempler", type=int, default=20000)
        parser.add_argument("--innsikter", type=int, default=200000)
        parser.add_argument("--grupper", type=int, default=20, help="Syntetiske grupper i tillegg.")
        parser.add_argument("--temaer", type=int, default=40, help="Syntetiske temaer i tillegg.")
        parser.add_argument("--frø", dest="seed", type=int, default=2022)
        parser.add_argument(
            "--på-nytt",
            dest="again",
            action="store_true",
            help="Slett tidligere syntetiske data og lag dem på nytt.",
        )

    def handle(self, *args, **options):
        ensure_bench_database(command="lag_testdata")
        n_examples, n_insights = options["eksempler"], options["innsikter"]
        if n_examples < 0 or n_insights < 0:
            raise CommandError("Antallet kan ikke være negativt.")
        started = time.monotonic()
        made = fill_synthetic(
            examples=n_examples,
            insights=n_insights,
            groups=options["grupper"],
            themes=options["temaer"],
            seed=options["seed"],
            again=options["again"],
            stderr=self.stderr,
        )
        if not made:
            self.stdout.write(
                f"Testdataene finnes allerede ({n_examples} eksempler, {n_insights} innsikter). "
                "Bruk --på-nytt for å lage dem på nytt."
            )
            return
        progress = Progress("ordliste for søket", 1, stream=self.stderr)
        words = refresh_lexicon()
        progress.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Laget {n_examples} eksempler og {n_insights} innsikter "
                f"({words} ord i søkeordlisten) på {time.monotonic() - started:.0f} s."
            )
        )
