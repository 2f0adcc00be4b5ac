from django.core.management import BaseCommand, CommandError, call_command

from skattekiste.oppsett.seed import identity_numbers_in_fixtures, seed_fixture_paths
from skattekiste.sok.wordlist import refresh_lexicon


class Command(BaseCommand):
    help = (
        "Laster grunninnholdet (distrikter, grupper, metodekort, eksempler og innsikt). "
        "Trygt å kjøre flere ganger."
    )

    def handle(self, *args, **options):
        paths = [str(path) for path in seed_fixture_paths()]
        # loaddata writes raw rows past every form, so the personvern check runs here first.
        problems = identity_numbers_in_fixtures(paths)
        if problems:
            raise CommandError(
                "Innholdet er ikke lastet: fjern identitetsnumrene først.\n" + "\n".join(problems)
            )
        # One loaddata call: one transaction, so a broken file leaves nothing half-loaded.
        call_command("loaddata", *paths, verbosity=options["verbosity"])
        # The search's word list follows the content it was built from.
        refresh_lexicon()
