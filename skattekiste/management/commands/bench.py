"""Measure the server time of the heaviest pages at scale (`make bench`); see ytelse.bench."""

from django.core.management import BaseCommand, CommandError

from skattekiste.ytelse.bench import report_lines, run_benchmark
from skattekiste.ytelse.guard import ensure_bench_database


class Command(BaseCommand):
    help = (
        "Måler servertid (p50/p95) og antall SQL-spørringer for søkesiden, JSON-søket, "
        "eksempellisten, en eksempelside og en gruppeside, mot gulvet: rå SQL for et enkelt "
        "indeksert treff. Kjøres av `make bench` mot databasen skattekiste_bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--runder", dest="rounds", type=int, default=3)
        parser.add_argument("--frø", dest="seed", type=int, default=2022)
        parser.add_argument(
            "--streng",
            dest="strict",
            action="store_true",
            help="Avslutt med feilkode hvis et mål ikke er nådd.",
        )
        parser.add_argument(
            "--bare",
            dest="only",
            default="",
            help="Mål bare disse sidene, skilt med komma, f.eks. «søkesiden,søk (JSON)».",
        )

    def handle(self, *args, **options):
        # The run makes a user and sessions: only on a database made for it.
        ensure_bench_database(command="bench")
        only = {name.strip() for name in options["only"].split(",") if name.strip()}
        result = run_benchmark(
            rounds=options["rounds"], seed=options["seed"], only=only, progress=self.stderr.write
        )
        for line in report_lines(result):
            self.stdout.write(line)
        missed = [m.name for m in result.measures if m.missed_target]
        if missed and options["strict"]:
            raise CommandError(f"Målet er ikke nådd for: {', '.join(missed)}")
