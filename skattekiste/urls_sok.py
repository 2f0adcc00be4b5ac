"""Search: /sok/ and /api/sok/ (filled in by the search work)."""

app_name = "sok"

urlpatterns = []
