"""The skattekiste app's admin registrations live with their features; import them here.

Django's autodiscovery only looks for <app>/admin.py.
"""

from skattekiste.eksempler import admin as eksempler_admin
from skattekiste.felles import admin as felles_admin
from skattekiste.innlesing import admin as innlesing_admin
from skattekiste.oversikt import admin as oversikt_admin
from skattekiste.sok import admin as sok_admin
from skattekiste.veiledning import admin as veiledning_admin

__all__ = [
    "eksempler_admin",
    "felles_admin",
    "innlesing_admin",
    "oversikt_admin",
    "sok_admin",
    "veiledning_admin",
]
