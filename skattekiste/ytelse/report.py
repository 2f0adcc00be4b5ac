"""The benchmark's report: one table of every page type, and the growth between two sizes."""

from datetime import date

from skattekiste.ytelse.bench import (
    CALIBRATION_LOOPS,
    MAX_BYTES,
    MAX_QUERIES,
    TARGET_MS,
    TARGETS_MS,
    Result,
)


def _span(values):
    return str(max(values)) if min(values) == max(values) else f"{min(values)}–{max(values)}"


def report_lines(result: Result):
    """The report as lines of text: the table, then every address that failed."""
    base = result.floor
    yield ""
    yield (
        f"Ytelse {date.today():%Y-%m-%d}: {result.sizes[0]} eksempler, "
        f"{result.sizes[1]} innsikter, {result.rounds} runder, DEBUG av, "
        "Django test-klient i prosessen. Kald = rett etter at hurtigbufferen er tømt."
    )
    yield (
        f"Maskinens fart: {result.machine_ms:.0f} ms for en fast Python-løkke "
        f"({CALIBRATION_LOOPS:_} addisjoner; lavere er raskere)".replace("_", " ")
    )
    yield f"Søkeord ({len(result.queries)}): {', '.join(result.queries)}"
    special = ", ".join(f"{name} {ms}" for name, ms in TARGETS_MS.items())
    yield (
        f"Mål: p95 kald ≤ {TARGET_MS} ms ({special}), ≤ {MAX_QUERIES} spørringer, "
        f"HTML ≤ {MAX_BYTES // 1000} KB."
    )
    yield ""
    header = (
        f"{'side':<22}{'antall':>7}{'p50 ms':>8}{'p95 ms':>8}{'p95 varm':>9}"
        f"{'spørr.':>8}{'KB':>9}{'p95/gulv':>9}{'mål ms':>7}  mål nådd"
    )
    yield header
    yield "-" * len(header)
    for m in [*result.measures, base]:
        if not m.times:
            yield f"{m.name:<22}  ingen vellykkede målinger  IKKE NÅDD"
            continue
        kilobytes = _span([round(s / 1000) for s in m.sizes]) if m.sizes else "–"
        verdict = ""
        if m.has_targets:
            verdict = f"IKKE NÅDD ({', '.join(m.misses)})" if m.misses else "ja"
        yield (
            f"{m.name:<22}{len(m.times):>7}{m.p50:>8.1f}{m.p(0.95):>8.1f}"
            f"{m.p(0.95, warm=True):>9.1f}{_span(m.queries):>8}{kilobytes:>9}"
            f"{m.p(0.95) / base.p(0.95):>9.1f}{(m.target_ms or '–')!s:>7}  {verdict}"
        )
    for m in result.measures:
        for url, error in m.errors.items():
            yield f"FEIL {m.name}: {url} – {error}"


def growth_lines(small: Result, large: Result):
    """Per page type: how p95, queries and size grow from the smaller to the larger data."""
    yield ""
    yield (
        f"Vekst fra {small.sizes[0]} til {large.sizes[0]} eksempler "
        f"({small.sizes[1]} til {large.sizes[1]} innsikter): stor / liten"
    )
    header = f"{'side':<22}{'p95 ms':>16}{'p95':>7}{'spørr.':>9}{'KB':>9}"
    yield header
    yield "-" * len(header)
    before = {m.name: m for m in [*small.measures, small.floor]}
    for m in [*large.measures, large.floor]:
        s = before.get(m.name)
        if s is None or not s.times or not m.times:
            yield f"{m.name:<22}  ikke målt ved begge størrelser"
            continue
        times = f"{s.p(0.95):.1f} → {m.p(0.95):.1f}"
        queries = max(m.queries) / max(s.queries) if s.queries and m.queries else float("nan")
        size = max(m.sizes) / max(s.sizes) if s.sizes and m.sizes else float("nan")
        yield (
            f"{m.name:<22}{times:>16}{m.p(0.95) / s.p(0.95):>6.1f}×{queries:>8.1f}×{size:>8.1f}×"
        )
