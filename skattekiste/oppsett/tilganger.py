"""Permissions read in one query: every page's menu asks for them, for the team's entries."""

from django.contrib.auth.models import Permission


class PermissionBackend:
    """A person's own and their groups' permissions in one query, before ModelBackend asks.

    ModelBackend reads them in two (user permissions, then group permissions), and the
    menu of every page needs them. Listed before ModelBackend, this fills the same
    per-request cache (`_perm_cache`), so ModelBackend then answers without a query.
    ModelBackend still logs people in and loads them from the session: sessions keep
    naming it, so nobody is logged out by this. (No get_user: force_login and login pick
    the first backend that has one, and that must stay ModelBackend.)
    """

    def authenticate(self, request, **credentials):
        return None  # ModelBackend checks passwords

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj=obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            names = ("content_type__app_label", "codename")
            if user_obj.is_superuser:
                rows = Permission.objects.values_list(*names)
            else:
                # The two queries ModelBackend makes, as one UNION.
                own = user_obj.user_permissions.values_list(*names).order_by()
                groups = Permission.objects.filter(group__user=user_obj)
                rows = own.union(groups.values_list(*names).order_by()).order_by()
            user_obj._perm_cache = {f"{app_label}.{codename}" for app_label, codename in rows}
        return user_obj._perm_cache
