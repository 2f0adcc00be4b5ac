"""Sharing an example: /bidra/ (filled in by the sharing work)."""

app_name = "bidra"

urlpatterns = []
