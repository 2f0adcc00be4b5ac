"""Permissions read in one query: every page's menu asks for them, for the team's entries."""

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission


class PermissionBackend(ModelBackend):
    """Django's ModelBackend, but a person's own and their groups' permissions in one query.

    ModelBackend reads them in two (user permissions, then group permissions), and the
    menu of every page needs them. Same result, same per-request cache (`_perm_cache`).
    """

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
