"""The main menu, and which of its sections the current page belongs to.

The section comes from the resolved URL (namespace and view name), never from the path, so
a section keeps its mark whatever its URLs look like.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class MenuEntry:
    label: str
    url_name: str
    # URL namespaces ("eksempler") or single views ("bidra:vurdering") in the section.
    sections: frozenset[str]
    permission: str | None = None


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool


MENU = (
    MenuEntry("Eksempler", "eksempler:list", frozenset({"eksempler"})),
    MenuEntry("Metodekort", "metoder:list", frozenset({"metoder"})),
    MenuEntry("Innsikt", "innsikt:list", frozenset({"innsikt"})),
    MenuEntry("Oversikt", "oversikt:oversikt", frozenset({"oversikt"})),
    MenuEntry("Del et eksempel", "bidra:ny", frozenset({"bidra"})),
    # The review queue sits under /bidra/ but is the team's work, not sharing.
    MenuEntry(
        "Redaksjon",
        "admin:index",
        frozenset({"admin", "bidra:vurdering", "bidra:vurder"}),
        permission="skattekiste.change_eksempel",
    ),
)


def current_entry(resolver_match) -> MenuEntry | None:
    """The entry whose section holds the page: a named view wins over its namespace."""
    if resolver_match is None:  # a page that did not resolve, such as a 404
        return None
    for key in (resolver_match.view_name, resolver_match.namespace):
        for entry in MENU:
            if key in entry.sections:
                return entry
    return None


def main_menu(*, user, resolver_match) -> list[MenuItem]:
    """The entries this person may use, with the current section marked."""
    current = current_entry(resolver_match)
    return [
        MenuItem(entry.label, reverse(entry.url_name), entry is current)
        for entry in MENU
        if entry.permission is None or user.has_perm(entry.permission)
    ]
