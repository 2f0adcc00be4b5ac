"""The editorial team (`Redaksjon`) and exactly what it may do."""

REDAKSJON = "Redaksjon"

# app label -> codenames. Employees without the group get none of these.
REDAKSJON_PERMISSIONS = {
    "skattekiste": [
        "add_eksempel",
        "change_eksempel",
        "view_eksempel",
        "add_tema",
        "change_tema",
        "view_tema",
        "view_distrikt",
        "add_innbyggergruppe",
        "change_innbyggergruppe",
        "view_innbyggergruppe",
    ],
    "metoder": [
        "change_metode",
        "view_metode",
        "add_steg",
        "change_steg",
        "delete_steg",
        "view_steg",
        "add_husk",
        "change_husk",
        "delete_husk",
        "view_husk",
    ],
    "innsikt": [
        "add_kilde",
        "change_kilde",
        "view_kilde",
        "add_innsikt",
        "change_innsikt",
        "view_innsikt",
        "view_behov",
    ],
}


def sync_redaksjon_group(apps) -> None:
    """Create the group and give it exactly REDAKSJON_PERMISSIONS (used by migrations)."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=REDAKSJON)
    wanted = []
    for app_label, codenames in REDAKSJON_PERMISSIONS.items():
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in found}
        if missing:
            raise RuntimeError(f"Missing permissions for {app_label}: {sorted(missing)}")
        wanted.extend(found)
    group.permissions.set(wanted)
