import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand

from skattekiste.felles.roles import REDAKSJON


class Command(BaseCommand):
    help = "Oppretter en lokal administrator med tilfeldig passord hvis det ikke finnes brukere."

    def handle(self, *args, **options):
        User = get_user_model()
        if User.objects.exists():
            self.stdout.write("Det finnes allerede brukere. Ingen ny administrator opprettet.")
            return
        password = secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username="admin", email="", password=password)
        user.groups.add(Group.objects.get(name=REDAKSJON))
        self.stdout.write(
            self.style.SUCCESS(
                "Lokal administrator opprettet. Passordet vises bare denne ene gangen:\n"
                f"  brukernavn: admin\n  passord:    {password}"
            )
        )
