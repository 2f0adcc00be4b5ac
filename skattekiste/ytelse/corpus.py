"""Norwegian-like text for the synthetic corpus.

A random walk over word pairs from the product's own seed content, with a pool of generated
compounds that gives a long tail of rare words, as real text has.
"""

import bisect
import itertools
import json
import random
import re

from django.core.management import CommandError

from skattekiste.oppsett.seed import seed_fixture_paths

WORD = re.compile(r"[^\W\d_]+")
SENTENCE = re.compile(r"(?<=[.!?])\s+")


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
