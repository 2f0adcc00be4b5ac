"""Login with the police account: OpenID Connect, authorization code flow with PKCE.

Built on mozilla-django-oidc (see README «Innlogging med politiets konto» for why). What we
add: the issuer and audience checks it leaves out, users keyed on a stable claim, Redaksjon
and staff status from the group claim on every login, and a Norwegian refusal page for every
way a login can fail, logged with its reason and never with a token or a claim.
"""

import logging
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from skattekiste.felles.roles import REDAKSJON
from skattekiste.oppsett.oidc_oppdagelse import DiscoveryFailed, endpoint

logger = logging.getLogger(__name__)

# Why a login was refused: the reason in the log, and what the person is told.
REFUSALS = {
    "utsteder": "Svaret kom ikke fra politiets innloggingstjeneste (feil utsteder).",
    "mottaker": "Svaret var ikke laget for Skattekisten (feil mottaker).",
    "nonce": "Svaret hørte ikke til denne innloggingen.",
    "utlopt": "Svaret fra innloggingstjenesten var utløpt.",
    "signatur": "Svaret fra innloggingstjenesten kunne ikke kontrolleres.",
    "tilstand": "Innloggingen ble startet i en annen fane eller er for gammel.",
    "avbrutt": "Innloggingen ble avbrutt hos innloggingstjenesten.",
    "nede": "Innloggingstjenesten svarer ikke akkurat nå.",
    "kode": "Innloggingstjenesten godtok ikke innloggingen.",
    "konto": "Kontoen din kan ikke brukes i Skattekisten. Kontakt redaksjonen.",
}


class OIDCRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class PolitiOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if request is None or not {"code", "state"} <= request.GET.keys():
            return None  # a password login: not ours, and it must work with the provider down
        # The addresses are read here, not in __init__: Django builds every backend for
        # every login, and a password login must never wait for discovery.
        self.OIDC_OP_TOKEN_ENDPOINT = endpoint("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = endpoint("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = endpoint("OIDC_OP_JWKS_ENDPOINT")
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload, key):
        if jwt.get_unverified_header(payload).get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise OIDCRefused("signatur")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER,
                leeway=settings.OIDC_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise OIDCRefused("utlopt") from None
        except jwt.InvalidIssuerError:
            raise OIDCRefused("utsteder") from None
        except jwt.InvalidAudienceError:
            raise OIDCRefused("mottaker") from None
        except jwt.PyJWTError:
            raise OIDCRefused("signatur") from None

    def verify_token(self, token, **kwargs):
        try:
            return super().verify_token(token, **kwargs)
        except SuspiciousOperation as exc:
            raise OIDCRefused("nonce" if "Nonce" in str(exc) else "signatur") from None

    def get_userinfo(self, access_token, id_token, payload):
        # The ID token's claims, completed by the userinfo endpoint (which wins).
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_CLAIM_USERNAME))

    def filter_users_by_claims(self, claims):
        username = str(claims[settings.OIDC_CLAIM_USERNAME])[:150]
        users = self.UserModel.objects.filter(username=username)
        if any(user.has_usable_password() for user in users):
            # A local (break-glass) account is never taken over by an identity of the same name.
            raise OIDCRefused("konto")
        return users

    def create_user(self, claims):
        username = str(claims[settings.OIDC_CLAIM_USERNAME])[:150]
        user = self.UserModel.objects.create_user(username)  # no password: unusable
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        """Name, e-mail, Redaksjon and staff status follow the provider on every login."""
        user.first_name = str(claims.get(settings.OIDC_CLAIM_GIVEN_NAME, ""))[:150]
        user.last_name = str(claims.get(settings.OIDC_CLAIM_FAMILY_NAME, ""))[:150]
        user.email = str(claims.get(settings.OIDC_CLAIM_EMAIL, ""))[:254]
        groups = claims.get(settings.OIDC_CLAIM_GROUPS) or []
        editor = settings.OIDC_REDAKSJON_GROUP in (groups if isinstance(groups, list) else [groups])
        user.is_staff = editor or user.is_superuser
        user.save()
        redaksjon = Group.objects.get(name=REDAKSJON)
        if editor:
            user.groups.add(redaksjon)
        else:
            user.groups.remove(redaksjon)
        return user


def _enabled():
    if not settings.OIDC_ENABLED:
        raise Http404


@method_decorator([login_not_required, never_cache], name="dispatch")
class OIDCLogin(OIDCAuthenticationRequestView):
    """Sends the browser to the provider with state, nonce and a PKCE challenge."""

    def dispatch(self, request, *args, **kwargs):
        _enabled()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoint("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except DiscoveryFailed as exc:
            return refuse(request, exc.reason)
        return super().get(request)


def refuse(request, reason: str):
    """The Norwegian page for a refused login, logged with its reason only."""
    logger.warning("OIDC-innlogging avvist: %s", reason, extra={"grunn": reason})
    if request.user.is_authenticated:
        auth.logout(request)  # never half-way: whoever was here before is out too
    status = 503 if reason == "nede" else 403
    return render(
        request, "registration/oidc_avvist.html", {"grunn": REFUSALS[reason]}, status=status
    )


@method_decorator([login_not_required, never_cache], name="dispatch")
class OIDCCallback(OIDCAuthenticationCallbackView):
    """The provider's answer: log in, or refuse with a page that says why. Never a 500."""

    def dispatch(self, request, *args, **kwargs):
        _enabled()
        return super().dispatch(request, *args, **kwargs)

    def login_failure(self):
        raise OIDCRefused("avbrutt" if self.request.GET.get("error") else "tilstand")

    def get(self, request):
        try:
            state = request.GET.get("state")
            if "error" not in request.GET and state not in request.session.get("oidc_states", {}):
                raise OIDCRefused("tilstand")
            response = super().get(request)
            if not (self.user and self.user.is_active):
                raise OIDCRefused("konto")
            return response
        except (OIDCRefused, DiscoveryFailed) as exc:
            reason = exc.reason
        except SuspiciousOperation:
            reason = "tilstand"
        except requests.HTTPError:
            reason = "kode"
        except requests.RequestException:
            reason = "nede"
        return refuse(request, reason)


def provider_logout_url(request, id_token: str | None) -> str | None:
    """The provider's end-session address, to end its session too (RP-initiated logout)."""
    if not (settings.OIDC_ENABLED and id_token):
        return None
    try:
        end_session = endpoint("OIDC_END_SESSION_ENDPOINT")
    except DiscoveryFailed:
        return None  # the local session ends all the same
    if not end_session:
        return None
    back = request.build_absolute_uri(redirect(settings.LOGOUT_REDIRECT_URL).url)
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": back,
            "client_id": settings.OIDC_RP_CLIENT_ID,
        }
    )
    return f"{end_session}?{query}"
