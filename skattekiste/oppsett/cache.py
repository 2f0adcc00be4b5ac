"""No browser or proxy keeps a copy of what a logged-in person saw.

Every page behind the login can show staff contacts, drafts or insight about vulnerable
groups, so all of them are `private, no-store`; pages for anonymous visitors are left alone.
"""

from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True, no_store=True)
        return response
