"""Measure the server time of every page type at scale (`make bench`); see ytelse.bench."""

from django.core.management import BaseCommand, CommandError, call_command

from skattekiste.ytelse.bench import run_benchmark
from skattekiste.ytelse.guard import ensure_bench_database
from skattekiste.ytelse.report import growth_lines, report_lines

INSIGHTS_PER_EXAMPLE = 10


class Command(BaseCommand):
    help = (
        "Måler hver sidetype i URL-oppsettet: servertid (p50/p95, kald og varm), antall "
        "SQL-spørringer og størrelse, mot målene og mot gulvet (rå SQL for et enkelt "
        "indeksert treff). Kjøres av `make bench` mot databasen skattekiste_bench."
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
            help="Mål bare disse sidetypene, skilt med komma, f.eks. «sok:sok,sok:api».",
        )
        parser.add_argument(
            "--vekst",
            dest="growth",
            default="",
            help=(
                "To antall eksempler, f.eks. «2000,20000»: lager testdata av hver størrelse "
                f"({INSIGHTS_PER_EXAMPLE} innsikter per eksempel), måler begge og viser "
                "forholdet mellom dem."
            ),
        )

    def handle(self, *args, **options):
        # The run makes a user and sessions: only on a database made for it.
        ensure_bench_database(command="bench")
        only = {name.strip() for name in options["only"].split(",") if name.strip()}
        sizes = self.growth_sizes(options["growth"])
        results = []
        for examples in sizes or [None]:
            if examples is not None:
                call_command(
                    "lag_testdata",
                    eksempler=examples,
                    innsikter=examples * INSIGHTS_PER_EXAMPLE,
                    stdout=self.stdout,
                    stderr=self.stderr,
                )
            result = run_benchmark(
                rounds=options["rounds"],
                seed=options["seed"],
                only=only,
                progress=self.stderr.write,
            )
            for line in report_lines(result):
                self.stdout.write(line)
            results.append(result)
        if sizes:
            for line in growth_lines(*results):
                self.stdout.write(line)
        missed = [m.name for m in results[-1].measures if m.missed_target]
        if missed and options["strict"]:
            raise CommandError(f"Målet er ikke nådd for: {', '.join(missed)}")

    @staticmethod
    def growth_sizes(text):
        if not text:
            return []
        try:
            sizes = [int(part) for part in text.split(",")]
        except ValueError:
            sizes = []
        if len(sizes) != 2 or min(sizes) < 1:
            raise CommandError("--vekst tar to positive antall eksempler, f.eks. «2000,20000».")
        return sorted(sizes)
