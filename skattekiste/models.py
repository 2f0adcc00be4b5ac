"""The models of the skattekiste app, for Django's registry.

Each lives with its feature: the shared vocabulary in felles/, examples in eksempler/,
the search's synonyms and word list in sok/. Tables keep their skattekiste_ names.
"""

from skattekiste.bidra.models import Utkast
from skattekiste.eksempler.models import Eksempel, EksempelTema
from skattekiste.felles.sletting import PersonvernSletting
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.folk.models import Person, Sparringpartner
from skattekiste.innlesing.models import Innlesing
from skattekiste.oversikt.models import Innstilling, Telling
from skattekiste.pafyll.models import Folging, Mottaker, Utsendt
from skattekiste.planer.models import Plan, Planpunkt
from skattekiste.sok.models import SearchWord, Synonym
from skattekiste.veiledning.models import Veiledning

__all__ = [
    "Distrikt",
    "Eksempel",
    "EksempelTema",
    "Folging",
    "Innbyggergruppe",
    "Innlesing",
    "Innstilling",
    "Mottaker",
    "Person",
    "PersonvernSletting",
    "Plan",
    "Planpunkt",
    "SearchWord",
    "Sparringpartner",
    "Synonym",
    "Tema",
    "Telling",
    "Utkast",
    "Utsendt",
    "Veiledning",
]
