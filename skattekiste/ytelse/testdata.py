"""Fill the database with a reproducible synthetic corpus, for measuring speed at scale.

Rows are written with COPY; the search vectors are generated columns, so PostgreSQL fills
them. Everything synthetic has a slug starting with «syntetisk-», so it can be removed again.
"""

import random
from datetime import UTC, date, datetime, timedelta

from django.apps import apps
from django.db import connection, transaction

from innsikt.models import Behov, Innsikt, Kilde
from metoder.models import Metode
from skattekiste.eksempler.models import Eksempel
from skattekiste.felles.vokabular import Distrikt, Innbyggergruppe, Tema
from skattekiste.veiledning.models import Veiledning
from skattekiste.ytelse.corpus import Corpus, zipf_picker
from skattekiste.ytelse.progress import Progress, counted
from skattekiste.ytelse.rows import copy_rows, link_tables, next_id, reset_sequence, through_columns

PREFIX = "syntetisk-"
# Deleted in this order: what links to a row goes before it.
SYNTHETIC_OWNERS = [
    Veiledning,
    Innsikt,
    Eksempel,
    Kilde,
    Tema,
    Innbyggergruppe,
    Behov,
    Metode,
    Distrikt,
]


def fill_synthetic(*, examples, insights, groups, themes, seed, again, stderr) -> bool:
    """Make the corpus; False when one of this size is there already and `again` is off."""
    existing = (
        Eksempel.objects.filter(slug__startswith=PREFIX).count(),
        Innsikt.objects.filter(slug__startswith=PREFIX).count(),
    )
    if existing == (examples, insights) and not again:
        return False
    rng = random.Random(seed)
    if any(existing) or again:
        with transaction.atomic():
            delete_synthetic()
        # Statistics for the tables as they are now: planned for the old size, the counting
        # triggers spent over 20 minutes on 200 000 new insights (1 minute on fresh ones).
        _refresh_statistics()
    with transaction.atomic():
        builder = Builder(rng, stderr=stderr)
        builder.vocabulary(groups=groups, themes=themes)
        builder.sources(max(10, insights // 100))
        builder.examples(examples)
        builder.insights(insights)
        builder.guidance(12)
    _refresh_statistics()
    return True


def _refresh_statistics():
    """As autovacuum would soon: statistics for the planner, and a visibility map so
    index-only scans work, like on a database that has been running a while.
    (Inside a transaction, as in the tests, VACUUM is not allowed; ANALYZE is.)"""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


FORNAVN = ["Kari", "Ola", "Ingrid", "Per", "Aisha", "Jonas", "Sara", "Ahmed", "Nora", "Emil"]
ETTERNAVN = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Ali"]
ENHETER = ["Forebyggende enhet", "Felles enhet for etterretning", "Lensmannskontoret"]
PEOPLE = 2500


def synthetic_contact(pk: int) -> dict:
    """A contact person from the example's id alone, so the other columns' random draws
    stay as they were: about 2 500 people over 90 % of the examples, most with e-mail."""
    if pk % 10 == 0:
        return {}
    n = pk * 7919 % PEOPLE
    navn = f"{FORNAVN[n % 10]} {ETTERNAVN[n // 10 % 8]} {n}"
    return {
        "kontakt_navn": navn,
        "kontakt_rolle": "Politikontakt" if n % 3 else "Forebygger",
        "kontakt_enhet": ENHETER[n % 3],
        "kontakt_epost": f"person{n}@politiet.no" if n % 5 else "",
    }


def delete_synthetic():
    """Remove every synthetic row (slug «syntetisk-…») and the links to it, in raw SQL."""
    with connection.cursor() as cursor:
        for model in SYNTHETIC_OWNERS:
            synthetic = f"SELECT id FROM {model._meta.db_table} WHERE slug LIKE %s"
            for through in link_tables():
                for field in through._meta.concrete_fields:
                    if field.is_relation and field.related_model is model:
                        cursor.execute(
                            f"DELETE FROM {through._meta.db_table} "
                            f"WHERE {field.column} IN ({synthetic})",
                            [PREFIX + "%"],
                        )
            # Rows that are not synthetic but may point at one (the bench user's plans) let go.
            for column, table in _nullable_links_to(model):
                cursor.execute(
                    f"UPDATE {table} SET {column} = NULL WHERE {column} IN ({synthetic})",
                    [PREFIX + "%"],
                )
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE slug LIKE %s", [PREFIX + "%"])


def _nullable_links_to(model):
    for other in apps.get_models():
        if other in SYNTHETIC_OWNERS:
            continue
        for field in other._meta.concrete_fields:
            points_here = field.is_relation and field.related_model is model
            if points_here and field.null and field.db_constraint:
                yield field.column, other._meta.db_table


def _slug(kind: str, n: int) -> str:
    """«syntetisk-innsikt-200-000»: slugs never hold six digits in a row (personvern)."""
    return f"{PREFIX}{kind}-" + f"{n:_}".replace("_", "-")


class Builder:
    def __init__(self, rng, stderr):
        self.rng = rng
        self.stderr = stderr
        self.corpus = Corpus(rng)
        self.now = datetime(2025, 6, 1, 12, tzinfo=UTC)

    # Reference data: what exists is reused, what is missing is made up.
    def vocabulary(self, *, groups, themes):
        rng = self.rng
        for n in range(Distrikt.objects.count() + 1, 13):
            Distrikt.objects.create(navn=f"Testdistrikt {n}", slug=f"{PREFIX}distrikt-{n}")
        for n in range(1, groups + 1):
            word = rng.choice(self.corpus.words)
            Innbyggergruppe.objects.create(
                navn=f"Testgruppe {n}",
                slug=f"{PREFIX}gruppe-{n}",
                synonymer=[f"{word}gruppen"],
                beskrivelse=self.corpus.sentence(),
            )
        for n in range(1, themes + 1):
            Tema.objects.create(name=f"Testtema {n}", slug=f"{PREFIX}tema-{n}")
        taken = set(Metode.objects.values_list("nummer", flat=True))
        for n in sorted(set(range(1, 10)) - taken):
            Metode.objects.create(
                nummer=n,
                navn=f"Testmetode {n}",
                slug=f"{PREFIX}metode-{n}",
                ingress=self.corpus.text(2, 3),
                rekkevidde=rng.choice(["faa", "flere", "mange"]),
                forstaaelse=rng.choice(["hvorfor", "hva"]),
                situasjoner=["A"],
            )
        if not Behov.objects.exists():
            for n, kategori in enumerate(["mott", "tilgjengelig", "forstaelig", "lost"] * 3, 1):
                Behov.objects.create(
                    kategori=kategori,
                    tekst=self.corpus.title(4, 8),
                    slug=f"{PREFIX}behov-{n}",
                    rekkefolge=n,
                )
        self.distrikter = list(Distrikt.objects.order_by("id").values_list("id", flat=True))
        self.grupper = list(Innbyggergruppe.objects.order_by("id").values_list("id", flat=True))
        self.temaer = list(Tema.objects.order_by("id").values_list("id", flat=True))
        self.metoder = list(Metode.objects.order_by("id").values_list("id", flat=True))
        self.behov = list(Behov.objects.order_by("id").values_list("id", flat=True))
        # Shuffled once, then Zipf-weighted: some groups and themes get far more content.
        for ids in (self.grupper, self.temaer):
            rng.shuffle(ids)
        self.pick_group = zipf_picker(rng, self.grupper, 0.8)
        self.pick_theme = zipf_picker(rng, self.temaer, 0.8)

    def sources(self, count):
        rng = self.rng
        first = next_id(Kilde)
        types = [value for value, _ in Kilde.Type.choices]
        progress = Progress("kilder", count, stream=self.stderr)

        def rows():
            for i in range(count):
                progress.advance()
                yield {
                    "id": first + i,
                    "tittel": self.corpus.title(),
                    "slug": _slug("kilde", i + 1),
                    "type": rng.choice(types),
                    "beskrivelse": self.corpus.text(1, 3),
                    "eier": rng.choice(["Team Innbyggerstemmen", "Politidistriktet", "POD", ""]),
                    "aar": rng.randint(2010, 2025),
                    "antall": rng.choice([None, rng.randint(5, 5000)]),
                    "metode_id": rng.choice([None, *self.metoder]),
                    "oppdatert": self.now,
                }

        copy_rows(Kilde, rows())
        reset_sequence(Kilde)
        progress.finish()
        self.kilder = list(range(first, first + count))

    def guidance(self, count):
        """A dozen guidance pages, as the seed has, linked to the first examples."""
        pages = Veiledning.objects.bulk_create(
            Veiledning(
                nummer=100 + n,
                tittel=self.corpus.title(),
                slug=_slug("veiledning", n + 1),
                ingress=self.corpus.text(1, 2),
                tekst="\n\n".join(
                    f"## {self.corpus.title()}\n\n{self.corpus.text(2, 4)}" for _ in range(4)
                ),
            )
            for n in range(count)
        )
        first = list(
            Eksempel.objects.filter(slug__startswith=PREFIX).values_list("pk", flat=True)[:5]
        )
        for page in pages:
            page.eksempler.set(first)

    def examples(self, count):
        rng = self.rng
        first = next_id(Eksempel)
        progress = Progress("eksempler", count, stream=self.stderr)
        links = {"distrikter": [], "grupper": [], "metoder": [], "tema": []}

        def rows():
            for i in range(count):
                pk = first + i
                aar = rng.randint(2015, 2025)
                published = rng.random() < 0.95
                stamp = datetime(aar, rng.randint(1, 12), rng.randint(1, 28), 12, tzinfo=UTC)
                links["distrikter"] += [(pk, d) for d in rng.sample(self.distrikter, 1)]
                links["grupper"] += [(pk, g) for g in self.pick_group(rng.randint(0, 2))]
                links["metoder"] += [(pk, m) for m in rng.sample(self.metoder, rng.randint(0, 2))]
                links["tema"] += [(pk, t) for t in self.pick_theme(rng.randint(1, 3))]
                progress.advance()
                yield {
                    "id": pk,
                    "tittel": self.corpus.title(),
                    "slug": _slug("eksempel", i + 1),
                    "ingress": self.corpus.text(2, 3)[:600],
                    "beskrivelse": self.corpus.text(4, 12),
                    "sted": rng.choice(["Fagernes", "Voss", "Stryn", "Arendal", "Bodø", ""]),
                    "aar": aar,
                    "situasjoner": sorted(rng.sample(["A", "B", "C"], rng.randint(1, 2))),
                    "hva_fungerte": self.corpus.text(1, 3),
                    "hva_fungerte_ikke": self.corpus.text(0, 2) if rng.random() < 0.6 else "",
                    "laering": self.corpus.text(1, 3),
                    **synthetic_contact(pk),
                    "status": "publisert" if published else "utkast",
                    "publisert": stamp if published else None,
                    "opprettet": stamp,
                    "oppdatert": stamp,
                }

        made = list(rows())  # collects the links as it goes
        progress.finish()
        # The links before the examples (the foreign keys are checked at commit): each example
        # is then written once, with the names of its tags in its search text, instead of
        # once more for every link table (the emneord triggers from skattekiste 0014/0028).
        self._links(Eksempel, links)
        copy_rows(Eksempel, made)
        reset_sequence(Eksempel)
        self.eksempler = list(range(first, first + count))

    def insights(self, count):
        rng = self.rng
        first = next_id(Innsikt)
        progress = Progress("innsikter", count, stream=self.stderr)
        links = {"kilder": [], "grupper": [], "behov": [], "distrikter": [], "eksempler": []}
        links["tema"] = []
        start = date(2010, 1, 1)

        def rows():
            for i in range(count):
                pk = first + i
                links["kilder"] += [(pk, k) for k in rng.sample(self.kilder, rng.randint(1, 2))]
                links["grupper"] += [(pk, g) for g in self.pick_group(rng.randint(1, 2))]
                links["behov"] += [(pk, b) for b in rng.sample(self.behov, rng.randint(0, 2))]
                if rng.random() < 0.5:
                    links["distrikter"].append((pk, rng.choice(self.distrikter)))
                if self.eksempler and rng.random() < 0.2:
                    links["eksempler"].append((pk, rng.choice(self.eksempler)))
                links["tema"] += [(pk, t) for t in self.pick_theme(rng.randint(0, 2))]
                progress.advance()
                published = rng.random() < 0.97
                yield {
                    "id": pk,
                    "tittel": self.corpus.title(6, 14),
                    "slug": _slug("innsikt", i + 1),
                    "forklaring": self.corpus.text(2, 5),
                    "dato": start + timedelta(days=rng.randint(0, 5600)),
                    "styrke": rng.randint(1, 3),
                    "fra_gruppen_selv": rng.random() < 0.3,
                    "status": "publisert" if published else "utkast",
                    "publisert": self.now if published else None,
                    "opprettet": self.now,
                    "oppdatert": self.now,
                }

        copy_rows(Innsikt, rows())
        reset_sequence(Innsikt)
        progress.finish()
        self._links(Innsikt, links)

    def _links(self, model, links):
        """COPY the collected (owner, target) pairs into each relation's through table."""
        total = sum(len(pairs) for pairs in links.values())
        progress = Progress(f"koblinger ({model._meta.verbose_name_plural})", total, self.stderr)
        for name, pairs in links.items():
            field = model._meta.get_field(name)
            through = field.remote_field.through
            owner, target = through_columns(through, model, field.related_model)
            rows = ({owner: a, target: b} for a, b in pairs)
            # The counting triggers join each COPY with the rows copied before it in this
            # transaction; planned on statistics from before them, one link table took over
            # 18 minutes. ANALYZE sees this transaction's own rows.
            _refresh_statistics()
            copy_rows(through, counted(rows, progress), with_id=False)
        progress.finish()
