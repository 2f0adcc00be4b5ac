from django.core.management import BaseCommand

from skattekiste.sok.wordlist import refresh_lexicon


class Command(BaseCommand):
    help = (
        "Oppdaterer søkets ordliste fra det publiserte innholdet (sammensatte ord, bøyninger "
        "og «Mente du …?»). Kjør den jevnlig, for eksempel hver natt. Trygt å kjøre flere ganger."
    )

    def handle(self, *args, **options):
        words = refresh_lexicon()
        if options["verbosity"]:
            self.stdout.write(f"Søkets ordliste har {words} ord.")
