"""Sends Påfyll's weekly e-mail. Run it from a scheduler (see README, «I produksjon»)."""

from django.core.management.base import BaseCommand

from skattekiste.pafyll.digest import send_digest


class Command(BaseCommand):
    help = "Sender ukens Påfyll-e-post til alle som følger noe med nye eksempler."

    def handle(self, *args, **options):
        sent = send_digest()
        self.stdout.write(f"Sendte {sent} e-post{'er' if sent != 1 else ''}.")
