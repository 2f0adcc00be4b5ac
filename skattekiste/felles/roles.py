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
        "add_synonym",
        "change_synonym",
        "view_synonym",
        "slett_av_personvernhensyn",
        "view_personvernsletting",
        "change_innstilling",
        "view_innstilling",
        "add_veiledning",
        "change_veiledning",
        "view_veiledning",
        "change_innlesing",
        "view_innlesing",
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

    assign_redaksjon_permissions(
        group_model=apps.get_model("auth", "Group"),
        permission_model=apps.get_model("auth", "Permission"),
        apps=apps,
    )


def assign_redaksjon_permissions(*, group_model=None, permission_model=None, apps=None):
    """Create the group if needed and give it exactly REDAKSJON_PERMISSIONS.

    With a migration's `apps`, models that do not exist yet at that point in the
    history are skipped; the later migration that adds them syncs the group again.
    """
    if group_model is None or permission_model is None:
        from django.contrib.auth.models import Group, Permission

        group_model, permission_model = Group, Permission
    Group, Permission = group_model, permission_model
    group, _ = Group.objects.get_or_create(name=REDAKSJON)
    wanted = []
    for app_label, codenames in REDAKSJON_PERMISSIONS.items():
        found = list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
        missing = set(codenames) - {p.codename for p in found}
        # In a migration, models added later have no permissions yet; outside one, a missing
        # permission is a typo.
        if missing and apps is None:
            raise RuntimeError(f"Missing permissions for {app_label}: {sorted(missing)}")
        wanted.extend(found)
    group.permissions.set(wanted)
