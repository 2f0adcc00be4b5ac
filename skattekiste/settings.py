"""Settings for Skattekisten, read from the environment (see README)."""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from psycopg_pool import ConnectionPool

from skattekiste.oppsett.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret-skattekiste")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    # The same bar as `check --deploy` (security.W009), so production passes it.
    if (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure-")
    ):
        raise ImproperlyConfigured(
            "SECRET_KEY must be at least 50 random characters, with at least 5 different ones"
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "taggit",
    "simple_history",
    "axes",
    "import_export",
    "skattekiste",
    "metoder",
    "innsikt",
]

# How many proxies in front of the app append to X-Forwarded-For; 0 (the default) trusts no
# header, so a client cannot choose the address axes and the logs see (oppsett/proxy.py).
TRUSTED_PROXIES = env_int("TRUSTED_PROXIES", 0)
if TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES={TRUSTED_PROXIES}: must be 0 or more")

MIDDLEWARE = [
    # First: every later step and log line sees the real client address and the request id.
    "skattekiste.oppsett.proxy.TrustedProxyMiddleware",
    "skattekiste.oppsett.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "skattekiste.oppsett.limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the database: it decides where this request's reads go.
    "skattekiste.oppsett.replika.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before LoginRequiredMiddleware: loading the session is the first query of most requests.
    "skattekiste.oppsett.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "skattekiste.oppsett.cache.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "skattekiste.urls"
WSGI_APPLICATION = "skattekiste.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Plain inputs and text areas written out in Python, the same HTML as Django's templates.
FORM_RENDERER = "skattekiste.felles.widgets.PythonWidgetRenderer"

# PostgreSQL only: DATABASE_URL, or the embedded server with its data in .pgdata/.
# Connections: gunicorn's sync workers (3, see README) serve one request at a time, so one
# persistent connection per worker, checked before reuse, is all they can use. Django's
# psycopg pool would keep min_size idle connections per process and add a checkout per
# request for nothing; it pays off with threads (gthread workers, ASGI). DATABASE_POOL=1
# chooses it, with DATABASE_POOL_MAX connections per process.
DATABASE_POOL = env_bool("DATABASE_POOL", default=False)
DATABASE_POOL_MAX = env_int("DATABASE_POOL_MAX", 4)


# Django reads a form's choices with .iterator(), a server-side cursor WITH HOLD: three
# round trips instead of one, and not allowed behind PgBouncer in transaction mode (see
# README). Nothing here streams a large queryset: the downloads read in chunks of ids.
NO_SERVER_SIDE_CURSORS = {"DISABLE_SERVER_SIDE_CURSORS": True}


def _server_database(variable: str) -> dict:
    """A connection to the server in the URL from `variable`, persistent or pooled."""
    if not DATABASE_POOL:
        config = dj_database_url.parse(env_str(variable), conn_max_age=60, conn_health_checks=True)
    else:
        if DATABASE_POOL_MAX < 1:
            raise ImproperlyConfigured(f"DATABASE_POOL_MAX={DATABASE_POOL_MAX}: must be 1 or more")
        # The pool checks a connection before lending it; Django's own reuse must be off.
        config = dj_database_url.parse(env_str(variable), conn_max_age=0)
        check = ConnectionPool.check_connection
        pool = {"min_size": 1, "max_size": DATABASE_POOL_MAX, "check": check}
        config["OPTIONS"] = {**config.get("OPTIONS", {}), "pool": pool}
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{variable} must point at PostgreSQL")
    return config | NO_SERVER_SIDE_CURSORS


if env_str("DATABASE_URL", ""):
    DATABASES = {"default": _server_database("DATABASE_URL")}
else:
    from skattekiste.oppsett import embedded_db

    # DATABASE_NAME picks another database on the same server (make bench uses its own).
    DATABASES = {
        "default": embedded_db.start(
            BASE_DIR / ".pgdata", env_str("DATABASE_NAME", embedded_db.DATABASE_NAME)
        )
    }
    # runserver starts a thread per request, so persistent connections would only pile up.
    DATABASES["default"] |= {"CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": True}
    DATABASES["default"] |= NO_SERVER_SIDE_CURSORS

# Where `make backup` writes its dated dumps (see README, «Sikkerhetskopi»).
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "sikkerhetskopier")))

# An optional streaming replica for the reads of GET pages (see oppsett/replika.py).
DATABASE_READ_REPLICA = ""
if env_str("DATABASE_REPLICA_URL", ""):
    DATABASE_READ_REPLICA = "replica"
    DATABASES["replica"] = _server_database("DATABASE_REPLICA_URL")
DATABASE_ROUTERS = ["skattekiste.oppsett.replika.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes throttles logins: it must come first so a locked-out login is never checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Permissions in one query instead of ModelBackend's two (every page's menu asks).
    "skattekiste.oppsett.tilganger.PermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
# Username and address together: colleagues behind one proxy do not lock each other out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "skattekiste.oppsett.innlogging.login_locked_out"
AXES_USERNAME_CALLABLE = "skattekiste.oppsett.innlogging.login_attempt_username"
AXES_CLIENT_IP_CALLABLE = "skattekiste.oppsett.proxy.client_address"
# Axes' own log lines name the username; ours keep the address and path only.
AXES_CLIENT_STR_CALLABLE = "skattekiste.oppsett.proxy.axes_client_str"

# Login with the police account (OpenID Connect, authorization code + PKCE), on when
# OIDC_CLIENT_ID is set; then the secret, the issuer and the group must be set too. The
# provider's addresses come from its discovery document unless set one by one (README).
OIDC_ENABLED = bool(env_str("OIDC_CLIENT_ID", ""))
_oidc = env_str if OIDC_ENABLED else (lambda name, default=None: env_str(name, default or ""))
OIDC_RP_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = _oidc("OIDC_CLIENT_SECRET")
OIDC_ISSUER = _oidc("OIDC_ISSUER")  # exactly as `iss` in the tokens, trailing slash and all
# Discovery 1.0: the issuer without its trailing slash, then the well-known path.
_discovery = f"{OIDC_ISSUER.rstrip('/')}/.well-known/openid-configuration" if OIDC_ISSUER else ""
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL", _discovery)
OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env_str("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_JWKS_ENDPOINT", "")
OIDC_END_SESSION_ENDPOINT = env_str("OIDC_END_SESSION_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = env_str("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env_str("OIDC_SCOPES", "openid email profile")
OIDC_CLAIM_USERNAME = env_str("OIDC_CLAIM_USERNAME", "sub")
OIDC_CLAIM_EMAIL = env_str("OIDC_CLAIM_EMAIL", "email")
OIDC_CLAIM_GIVEN_NAME = env_str("OIDC_CLAIM_GIVEN_NAME", "given_name")
OIDC_CLAIM_FAMILY_NAME = env_str("OIDC_CLAIM_FAMILY_NAME", "family_name")
OIDC_CLAIM_GROUPS = env_str("OIDC_CLAIM_GROUPS", "groups")
# The value in the group claim that makes someone an editor (Redaksjon + staff).
OIDC_REDAKSJON_GROUP = _oidc("OIDC_REDAKSJON_GROUP")
OIDC_LEEWAY_SECONDS = env_int("OIDC_LEEWAY_SECONDS", 30)
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_STORE_ID_TOKEN = True  # for the provider's logout (id_token_hint)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
# Local passwords: for make run and break-glass accounts; production can turn them off.
LOCAL_LOGIN = env_bool("LOCAL_LOGIN", default=True)
if not LOCAL_LOGIN and not OIDC_ENABLED:
    raise ImproperlyConfigured("LOCAL_LOGIN=0 needs OIDC_CLIENT_ID: nobody could log in")
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("skattekiste.oppsett.oidc.PolitiOIDCBackend")
if not LOCAL_LOGIN:
    AUTHENTICATION_BACKENDS.remove("django.contrib.auth.backends.ModelBackend")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "hjem"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nb"
# Our Norwegian for what Django and the libraries leave in English; it wins over theirs.
LOCALE_PATHS = [BASE_DIR / "skattekiste" / "locale"]
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: SMTP when EMAIL_HOST is set, otherwise the console (development). Django 6.1
# replaces the EMAIL_* settings with MAILERS; the environment variables keep their names.
if env_str("EMAIL_HOST", ""):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": env_str("EMAIL_HOST"),
                "port": env_int("EMAIL_PORT", 587),
                "username": env_str("EMAIL_HOST_USER", ""),
                "password": env_str("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "skattekisten@politiet.no")
# Where people report problems, for example accessibility barriers (Team Innbyggerstemmen).
TEAM_EMAIL = env_str("TEAM_EMAIL", DEFAULT_FROM_EMAIL)
# Who hears about new examples to review; empty means every member of the Redaksjon group.
REDAKSJON_EPOST = env_list("REDAKSJON_EPOST")
# The address people use, for links in e-mails (no request to build them from there).
_FIRST_HOST = next((h for h in ALLOWED_HOSTS if h != "*" and not h.startswith(".")), "")
SITE_ROOT = env_str(
    "SITE_ROOT", "http://localhost:8000" if DEBUG or not _FIRST_HOST else f"https://{_FIRST_HOST}"
).rstrip("/")

# Security: strict by default; DEBUG only loosens what local http needs.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True  # no script reads the token; forms carry it
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe /helse/ and /helse/klar/ over plain http inside the network.
SECURE_REDIRECT_EXEMPT = [r"^helse/$", r"^helse/klar/$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# «Logg ut» is a form whose answer sends the browser on to the provider's logout: at the
# issuer's host when discovered, or where OIDC_END_SESSION_ENDPOINT says.
for _address in dict.fromkeys(a for a in (OIDC_ISSUER, OIDC_END_SESSION_ENDPOINT) if a):
    _parts = urlsplit(_address)
    SECURE_CSP["form-action"].append(f"{_parts.scheme}://{_parts.netloc}")

# Request bodies: forms of text only. The proxy in front should refuse the same (1 MB).
MAX_REQUEST_BODY_BYTES = 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = MAX_REQUEST_BODY_BYTES
# The admin's bulk import (skattekiste/innlesing) is the one place that takes a file.
IMPORT_MAX_FILE_BYTES = 50 * 1024 * 1024
# Room for the form around the file; a larger body is refused before it is read.
IMPORT_MAX_REQUEST_BYTES = IMPORT_MAX_FILE_BYTES + MAX_REQUEST_BODY_BYTES
# django-import-export: every import in one transaction (a bad row writes nothing), and no
# exported cell is a formula in a spreadsheet (the escape is skattekiste/innlesing/formater.py).
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# Production logs one JSON object per line to stderr (LOG_FORMAT=json, the default without
# DEBUG); LOG_FORMAT=tekst gives plain lines for a person reading a terminal.
LOG_FORMAT = env_str("LOG_FORMAT", "tekst" if DEBUG else "json")
if LOG_FORMAT not in ("json", "tekst"):
    raise ImproperlyConfigured(f"LOG_FORMAT={LOG_FORMAT!r}: use json or tekst")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_forbidden": {"()": "skattekiste.oppsett.logging.OneLineForbidden"}},
    "formatters": {
        "json": {"()": "skattekiste.oppsett.logging.JsonFormatter"},
        "tekst": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["one_line_forbidden"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    # One line per request; runserver already prints its own, so only in production.
    "loggers": {"skattekiste.tilgang": {"level": "WARNING" if DEBUG else "INFO"}},
}
