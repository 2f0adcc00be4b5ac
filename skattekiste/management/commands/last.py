"""Load gunicorn with locust over real HTTP (`make last`); see ytelse.last."""

from django.core.management import BaseCommand, CommandError

from skattekiste.ytelse.guard import ensure_bench_database
from skattekiste.ytelse.last import report_lines, run_load
from skattekiste.ytelse.last_vakt import NotLocalHost, ensure_local_host


class Command(BaseCommand):
    help = (
        "Starter gunicorn med produksjonsinnstillinger på 127.0.0.1 og belaster den med "
        "locust: innloggede ansatte på lister, eksempler, søk, gruppesider og metodekort, "
        "mot taket (én statisk fil). Kjøres av `make last` mot databasen skattekiste_bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--brukere", dest="users", type=int, default=20)
        parser.add_argument("--sekunder", dest="seconds", type=int, default=60)
        parser.add_argument(
            "--tenketid",
            dest="think",
            default="1,3",
            help="Sekunder mellom sidene for hver bruker, fra,til (standard 1,3).",
        )
        parser.add_argument("--frø", dest="seed", type=int, default=2022)
        parser.add_argument(
            "--vert", dest="host", default="127.0.0.1", help="Bare 127.0.0.1 er lov."
        )

    def handle(self, *args, **options):
        try:
            ensure_local_host(f"http://{options['host']}:1")
        except NotLocalHost as error:
            raise CommandError(str(error)) from None
        # The run makes a user and sessions: only on a database made for it.
        ensure_bench_database(command="last")
        if not 1 <= options["users"] <= 200 or not 5 <= options["seconds"] <= 600:
            raise CommandError("Bruk 1–200 brukere og 5–600 sekunder.")
        try:
            low, high = (float(part) for part in options["think"].split(","))
        except ValueError:
            raise CommandError("--tenketid må være to tall skilt med komma, f.eks. 1,3.") from None
        if not 0 <= low <= high:
            raise CommandError("--tenketid: fra må være 0 eller mer, og ikke over til.")
        ceiling, mixed = run_load(
            users=options["users"],
            seconds=options["seconds"],
            think=(low, high),
            seed=options["seed"],
            progress=self.stderr.write,
        )
        for line in report_lines(ceiling, mixed, users=options["users"]):
            self.stdout.write(line)
