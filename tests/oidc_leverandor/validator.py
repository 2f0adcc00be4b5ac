"""Claims for the test users, and two clients that get bad tokens on purpose."""

from datetime import timedelta

from django.utils import timezone
from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_leverandor.serve import EXPIRED_CLIENT, WRONG_AUDIENCE_CLIENT


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim in every token; the scopes are the RP's business

    def get_additional_claims(self, request):
        user = request.user
        return {
            "preferred_username": user.username,
            "given_name": user.first_name,
            "family_name": user.last_name,
            "email": user.email,
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        if request.client.client_id == EXPIRED_CLIENT:
            expiration = timezone.now() - timedelta(minutes=10)
            claims["exp"] = int(expiration.timestamp())
        if request.client.client_id == WRONG_AUDIENCE_CLIENT:
            claims["aud"] = "en-annen-tjeneste"
        return claims, expiration
