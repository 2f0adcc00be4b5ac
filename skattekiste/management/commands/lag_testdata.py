"""Fill the database with a reproducible synthetic corpus, for measuring speed at scale.

The text is Norwegian-like: a random walk over word pairs from the product's own seed
content, with a pool of generated compounds that gives a long tail of rare words. Rows
are written with COPY; the search vectors are generated columns, so PostgreSQL fills them.
Everything synthetic has a slug starting with «syntetisk-», so it can be removed again.
"""

import bisect
import itertools
import json
import random
import re
import sys
import time
from datetime import UTC, date, datetime, timedelta

from django.apps import apps
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from taggit.models import TaggedItemBase

from skattekiste.oppsett import embedded_db
from skattekiste.oppsett.seed import seed_fixture_paths
from skattekiste.sok.search import refresh_lexicon

PREFIX = "syntetisk-"
BATCH = 5000
WORD = re.compile(r"[^\W\d_]+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


class Progress:
    """A one-line progress bar on stderr, redrawn when the whole percentage changes."""

    def __init__(self, label, total, stream=sys.stderr, width=30):
        self.label, self.total, self.width = label, max(total, 1), width
        # Django's OutputWrapper would end every write with a newline; write to what it wraps.
        self.stream = getattr(stream, "_out", stream)
        self.done = 0
        self.shown = -1
        # Not a terminal (a log file): one line per 10 % instead of redrawing.
        self.step = 1 if getattr(stream, "isatty", lambda: False)() else 10
        self.started = time.monotonic()

    def advance(self, n=1):
        self.done = min(self.done + n, self.total)
        percent = self.done * 100 // self.total
        if percent // self.step == self.shown // self.step and self.done < self.total:
            return
        self.shown = percent
        bar = "#" * (percent * self.width // 100)
        end = "\r" if self.step == 1 else "\n"
        count = f"{self.done:,}/{self.total:,}".replace(",", " ")
        self.stream.write(f"  {self.label:<24} [{bar:<{self.width}}] {percent:3d} % {count}{end}")
        self.stream.flush()

    def finish(self):
        if self.done < self.total:
            self.advance(self.total - self.done)
        seconds = time.monotonic() - self.started
        self.stream.write(f"  {self.label:<24} ferdig på {seconds:.1f} s\n")
        self.stream.flush()


class Corpus:
    """Random sentences from the word pairs of the seed content, plus rare compounds."""

    def __init__(self, rng: random.Random, compounds: int = 30000):
        self.rng = rng
        followers: dict[str, list[str]] = {}
        starts: list[str] = []
        vocabulary: set[str] = set()
        for text in self._seed_texts():
            for sentence in SENTENCE.split(text):
                words = [w.lower() for w in WORD.findall(sentence)]
                words = [w for w in words if len(w) > 1 or w in ("i", "å")]
                if len(words) < 3:
                    continue
                starts.append(words[0])
                vocabulary.update(words)
                for first, second in itertools.pairwise(words):
                    followers.setdefault(first, []).append(second)
        if not starts:
            raise CommandError("Fant ingen tekst i fixtures/ å lage testdata av.")
        self.followers = {w: tuple(f) for w, f in followers.items()}
        self.starts = tuple(starts)
        self.words = tuple(sorted(vocabulary))
        # Compounds of two content words, Zipf-weighted: a few common, most rare.
        parts = [w for w in self.words if len(w) >= 4]
        pool = []
        seen = set(vocabulary)
        while len(pool) < compounds:
            head, tail = rng.choice(parts), rng.choice(parts)
            compound = head + ("s" if rng.random() < 0.2 else "") + tail
            if compound not in seen and len(compound) <= 30:
                seen.add(compound)
                pool.append(compound)
        self.compounds = tuple(pool)
        self.compound_weights = tuple(itertools.accumulate(1 / r for r in range(1, compounds + 1)))

    @staticmethod
    def _seed_texts():
        for path in seed_fixture_paths():
            for obj in json.loads(path.read_text()):
                for value in obj["fields"].values():
                    if isinstance(value, str) and len(value) > 30 and "://" not in value:
                        yield value

    def compound(self) -> str:
        point = self.rng.random() * self.compound_weights[-1]
        return self.compounds[bisect.bisect(self.compound_weights, point)]

    def sentence(self, low=8, high=18) -> str:
        rng = self.rng
        length = rng.randint(low, high)
        word = rng.choice(self.starts)
        out = [word]
        while len(out) < length:
            nxt = self.followers.get(word)
            word = rng.choice(nxt) if nxt else rng.choice(self.starts)
            out.append(self.compound() if rng.random() < 0.04 else word)
        text = " ".join(out)
        return text[0].upper() + text[1:]

    def title(self, low=5, high=11) -> str:
        return self.sentence(low, high)

    def text(self, sentences_low, sentences_high) -> str:
        count = self.rng.randint(sentences_low, sentences_high)
        return ". ".join(self.sentence() for _ in range(count)) + "."


def _slug(kind: str, n: int) -> str:
    """«syntetisk-innsikt-200-000»: slugs never hold six digits in a row (personvern)."""
    return f"{PREFIX}{kind}-" + f"{n:_}".replace("_", "-")


class Command(BaseCommand):
    help = (
        "Fyller databasen med syntetiske, norsklignende testdata for å måle ytelsen "
        "(standard 20 000 eksempler og 200 000 innsikter). Samme frø gir samme data. "
        "Kjør den mot en egen database, for eksempel DATABASE_NAME=skattekiste_bench."
    )

    def add_arguments(self, parser):
        parser.add_argument("--eksempler", type=int, default=20000)
        parser.add_argument("--innsikter", type=int, default=200000)
        parser.add_argument("--grupper", type=int, default=20, help="Syntetiske grupper i tillegg.")
        parser.add_argument("--temaer", type=int, default=40, help="Syntetiske temaer i tillegg.")
        parser.add_argument("--frø", dest="seed", type=int, default=2022)
        parser.add_argument(
            "--på-nytt",
            dest="again",
            action="store_true",
            help="Slett tidligere syntetiske data og lag dem på nytt.",
        )
        parser.add_argument(
            "--i-hoveddatabasen",
            dest="main_db",
            action="store_true",
            help="Tillat å fylle utviklerdatabasen «skattekiste» (vanligvis en dårlig idé).",
        )

    def handle(self, *args, **options):
        name = connection.settings_dict["NAME"]
        if name == embedded_db.DATABASE_NAME and not options["main_db"]:
            raise CommandError(
                f"Dette ville fylt utviklerdatabasen «{name}» med hundretusener av rader. "
                "Bruk en egen database, for eksempel:\n"
                "  DEBUG=1 DATABASE_NAME=skattekiste_bench .venv/bin/python manage.py migrate\n"
                "  DEBUG=1 DATABASE_NAME=skattekiste_bench .venv/bin/python manage.py lag_testdata"
            )
        n_examples, n_insights = options["eksempler"], options["innsikter"]
        if n_examples < 0 or n_insights < 0:
            raise CommandError("Antallet kan ikke være negativt.")
        Eksempel = apps.get_model("skattekiste", "Eksempel")
        Innsikt = apps.get_model("innsikt", "Innsikt")
        existing = (
            Eksempel.objects.filter(slug__startswith=PREFIX).count(),
            Innsikt.objects.filter(slug__startswith=PREFIX).count(),
        )
        if existing == (n_examples, n_insights) and not options["again"]:
            self.stdout.write(
                f"Testdataene finnes allerede ({n_examples} eksempler, {n_insights} innsikter). "
                "Bruk --på-nytt for å lage dem på nytt."
            )
            return
        started = time.monotonic()
        rng = random.Random(options["seed"])
        with transaction.atomic():
            if any(existing) or options["again"]:
                delete_synthetic()
            builder = Builder(rng, stderr=self.stderr)
            builder.vocabulary(groups=options["grupper"], themes=options["temaer"])
            builder.sources(max(10, n_insights // 100))
            builder.examples(n_examples)
            builder.insights(n_insights)
        with connection.cursor() as cursor:
            # As autovacuum would soon: statistics for the planner, and a visibility map
            # so index-only scans work, like on a database that has been running a while.
            # (Inside a transaction, as in the tests, VACUUM is not allowed; ANALYZE is.)
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        progress = Progress("ordliste for søket", 1, stream=self.stderr)
        words = refresh_lexicon()
        progress.finish()
        self.stdout.write(
            self.style.SUCCESS(
                f"Laget {n_examples} eksempler og {n_insights} innsikter "
                f"({words} ord i søkeordlisten) på {time.monotonic() - started:.0f} s."
            )
        )


def _model(label):
    return apps.get_model(label)


def delete_synthetic():
    """Remove every synthetic row (slug «syntetisk-…») and the links to it, in raw SQL."""
    owners = [
        "innsikt.Innsikt",
        "skattekiste.Eksempel",
        "innsikt.Kilde",
        "skattekiste.Tema",
        "skattekiste.Innbyggergruppe",
        "innsikt.Behov",
        "metoder.Metode",
        "skattekiste.Distrikt",
    ]
    with connection.cursor() as cursor:
        for label in owners:
            model = _model(label)
            synthetic = f"SELECT id FROM {model._meta.db_table} WHERE slug LIKE %s"  # noqa: S608
            for through in _link_tables():
                for field in through._meta.concrete_fields:
                    if field.is_relation and field.related_model is model:
                        cursor.execute(
                            f"DELETE FROM {through._meta.db_table} "  # noqa: S608
                            f"WHERE {field.column} IN ({synthetic})",
                            [PREFIX + "%"],
                        )
            cursor.execute(
                f"DELETE FROM {model._meta.db_table} WHERE slug LIKE %s",  # noqa: S608
                [PREFIX + "%"],
            )


def _link_tables():
    """Many-to-many tables: the automatic ones and the theme (taggit) ones."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.auto_created or issubclass(model, TaggedItemBase)
    ]


def copy_rows(model, rows, *, with_id=True):
    """COPY rows (dicts by attname) into the model's table; missing fields get defaults."""
    fields = [
        f for f in model._meta.concrete_fields if not f.generated and (with_id or not f.primary_key)
    ]
    columns = ", ".join(f'"{f.column}"' for f in fields)
    defaults = {f.attname: f.get_default() for f in fields}
    with (
        connection.cursor() as cursor,
        cursor.copy(f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN') as copy,
    ):
        for row in rows:
            copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])


def reset_sequence(model):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608
            f"GREATEST((SELECT max(id) FROM {table}), 1))",
            [table],
        )


def next_id(model):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(max(id), 0) + 1 FROM {model._meta.db_table}")  # noqa: S608
        return cursor.fetchone()[0]


def zipf_picker(rng, items, exponent=1.0):
    """A function that picks k distinct items, the first ones far more often."""
    weights = list(itertools.accumulate(1 / (r**exponent) for r in range(1, len(items) + 1)))

    def pick(k):
        chosen = []
        for _ in range(k * 3):
            item = items[bisect.bisect(weights, rng.random() * weights[-1])]
            if item not in chosen:
                chosen.append(item)
            if len(chosen) == k:
                break
        return chosen

    return pick


class Builder:
    def __init__(self, rng, stderr):
        self.rng = rng
        self.stderr = stderr
        self.corpus = Corpus(rng)
        self.now = datetime(2025, 6, 1, 12, tzinfo=UTC)

    # Reference data: what exists is reused, what is missing is made up.
    def vocabulary(self, *, groups, themes):
        rng = self.rng
        Distrikt = _model("skattekiste.Distrikt")
        Innbyggergruppe = _model("skattekiste.Innbyggergruppe")
        Tema = _model("skattekiste.Tema")
        Metode = _model("metoder.Metode")
        Behov = _model("innsikt.Behov")
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
        Kilde = _model("innsikt.Kilde")
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

    def examples(self, count):
        Eksempel = _model("skattekiste.Eksempel")
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
                    "status": "publisert" if published else "utkast",
                    "publisert": stamp if published else None,
                    "opprettet": stamp,
                    "oppdatert": stamp,
                }

        copy_rows(Eksempel, rows())
        reset_sequence(Eksempel)
        progress.finish()
        self._links(Eksempel, links)
        self.eksempler = list(range(first, first + count))

    def insights(self, count):
        Innsikt = _model("innsikt.Innsikt")
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
                yield {
                    "id": pk,
                    "tittel": self.corpus.title(6, 14),
                    "slug": _slug("innsikt", i + 1),
                    "forklaring": self.corpus.text(2, 5),
                    "dato": start + timedelta(days=rng.randint(0, 5600)),
                    "styrke": rng.randint(1, 3),
                    "fra_gruppen_selv": rng.random() < 0.3,
                    "status": "publisert" if rng.random() < 0.97 else "utkast",
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
            owner, target = _through_columns(through, model, field.related_model)
            rows = ({owner: a, target: b} for a, b in pairs)
            copy_rows(through, _counted(rows, progress), with_id=False)
        progress.finish()


def _through_columns(through, owner_model, target_model):
    owner = target = None
    for field in through._meta.concrete_fields:
        if field.is_relation:
            if field.related_model is owner_model and owner is None:
                owner = field.attname
            elif field.related_model is target_model:
                target = field.attname
    return owner, target


def _counted(rows, progress):
    for i, row in enumerate(rows, 1):
        if i % 1000 == 0:
            progress.advance(1000)
        yield row
