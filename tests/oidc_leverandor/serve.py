"""Start the test provider: python -m tests.oidc_leverandor.serve PORT DB_PATH REDIRECT_URI...

Makes the database, a signing key, the users and the clients, prints "klar" and serves
until it is stopped.
"""

import os
import sys

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_SECRET = "testhemmelighet-som-bare-finnes-i-testene"
PASSWORD = "leverandor-passord"
EDITOR_GROUP = "skattekisten-redaksjon"
# Tokens for this client are already expired when they are issued (validator.py).
EXPIRED_CLIENT = "skattekisten-utlopt"
# Tokens for this client name another audience.
WRONG_AUDIENCE_CLIENT = "skattekisten-feil-mottaker"
# username, first name, last name, groups
USERS = [
    ("kari", "Kari", "Nordmann", [EDITOR_GROUP]),
    ("ola", "Ola", "Hansen", []),
]


def main(port: str, db_path: str, redirect_uris: list[str]) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="tests.oidc_leverandor.settings",
        LEVERANDOR_PORT=port,
        LEVERANDOR_DB=db_path,
        LEVERANDOR_KEY=pem,
    )
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.core.servers.basehttp import get_internal_wsgi_application, run
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    group = Group.objects.create(name=EDITOR_GROUP)
    for username, first, last, groups in USERS:
        user = User.objects.create_user(
            username, f"{username}@politiet.no", PASSWORD, first_name=first, last_name=last
        )
        if groups:
            user.groups.add(group)
    for client_id in ("skattekisten", EXPIRED_CLIENT, WRONG_AUDIENCE_CLIENT):
        Application.objects.create(
            client_id=client_id,
            client_secret=CLIENT_SECRET,
            name=client_id,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(redirect_uris),
            post_logout_redirect_uris=" ".join(redirect_uris),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_leverandor.settings"
    print("klar", flush=True)
    run("127.0.0.1", int(port), get_internal_wsgi_application(), threading=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
