"""No browser or proxy keeps a copy of a page.

Nearly every page is behind the login and can show staff contacts, drafts or insight about
vulnerable groups, so every response from a view is `private, no-store`. It never asks who
the user is: that would read the database, which may be the very thing that is down.
Static files are served by WhiteNoise before this runs and keep their long caching.
"""

from django.utils.cache import patch_cache_control


class PrivateNoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_cache_control(response, private=True, no_store=True)
        return response
