"""Test settings: the production settings, loaded from an environment the tests decide.

An exported DEBUG=1, DATABASE_NAME or ALLOWED_HOSTS in the developer's shell must not
change what the tests see, so only the server's address is taken from outside.
"""

import os

from skattekiste.oppsett.env import fixed_environment

# Where the PostgreSQL server is, not how the app behaves: CI may bring its own server.
_SERVER_VARIABLES = ("DATABASE_URL",)
_TEST_ENVIRONMENT = {
    "DEBUG": "0",
    "SECRET_KEY": "test-only-secret-key-that-is-long-enough-for-check-deploy-1234567890",
    **{name: os.environ[name] for name in _SERVER_VARIABLES if name in os.environ},
}

with fixed_environment(_TEST_ENVIRONMENT):
    from skattekiste.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test runner swaps every mailer for its in-memory outbox (mail.outbox).
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Parallel test runs on one server each need their own test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DB_NAME", "test_skattekiste")}  # noqa: F405

# A second connection to the same test database, for the replica routing tests; routing to
# it is off unless a test turns it on (DATABASE_READ_REPLICA).
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
