"""Results of a search: the front measured honestly, the baselines, and the report folder.

:func:`summarize` measures (:func:`.measure.measure`: the program as written, run in
float64 — float32 ULPs in float32 mode — against the mpmath reference on a dense grid, with
the exact-arithmetic error beside it) every candidate the search holds: the archive's
front and the best seed of each cost (each polished once more by the same minimax fit
when that helps), and the baselines, which were in the initial population. The front is
the Pareto front of those measurements, so at every op count it is at least as good as the
best baseline and the best seed; :func:`comparison_rows` says, per op count, whether
evolution (a program with at least one mutation) improved on both, and by how much.
:func:`write_report` writes ``results.json``, ``index.html`` (self-contained: inline CSS
and an inline SVG chart) and the code of every front program under ``code/``.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import jinja2

from .analysis import behaviour, reductions
from .baselines import Baseline, baselines, best_per_cost, families
from .codegen import c_code, numpy_code, python_code
from .fit import Grid, fit
from .measure import DENSE, Measurement, measure
from .program import Program, cost, program_text, to_sympy
from .search import Entry, Evolution, config_target
from .svgplot import Series, line_chart
from .targets import Target

RESULTS_FORMAT = "gl.autonumerics.results/2"
PALETTE = ("#7f7f7f", "#9467bd", "#2ca02c", "#1f77b4", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39")
EVOLVED = "#d62728"


def _error(m: Measurement, float32: bool) -> float:
    if float32:
        return m.ulp32 if m.ulp32 is not None else math.inf
    return m.error


@dataclass(frozen=True)
class Candidate:
    """A measured program the search holds, with its lineage."""

    program: Program
    measurement: Measurement
    origin: str
    mutations: int
    generation: int


def measure_entries(evo: Evolution, target: Target, entries: list[Entry], polish: bool = True,
                    dense: int = DENSE) -> list[Candidate]:
    """Each entry measured as it is and, with ``polish``, after a longer minimax fit of
    its constants (400 LM steps, 20 Lawson rounds); the better of the two."""
    c = evo.config
    f32 = (1 << 16) if c.float32 else 0
    grid = Grid.chebyshev(target, c.interval, 256)
    out = []
    for e in entries:
        cands = [e.program]
        if polish:
            cands.append(fit(e.program, grid, iterations=400, lawson_rounds=20)[0])
        best = None
        for p in dict.fromkeys(cands):
            m = measure(p, target, c.interval, dense=dense, float32_points=f32)
            if best is None or _error(m, c.float32) < _error(best.measurement, c.float32):
                best = Candidate(p, m, e.origin, e.depth, e.born)
        out.append(best)
    return out


def pareto(cands: list[Candidate], fma_cost: int, float32: bool) -> list[Candidate]:
    """The candidates each better than every cheaper one (ties: the earlier in the list)."""
    front: list[Candidate] = []
    for cd in sorted(cands, key=lambda cd: (cost(cd.program, fma_cost),
                                            _error(cd.measurement, float32))):
        err = _error(cd.measurement, float32)
        if math.isfinite(err) and (not front or err < _error(front[-1].measurement, float32)):
            front.append(cd)
    return front


def summarize(evo: Evolution, reason: str = "", with_baselines: bool = True,
              polish: bool = True, dense: int = DENSE) -> dict:
    """Everything the report shows, as a JSON-able dict."""
    c = evo.config
    target = config_target(evo.config)
    table = baselines(target, c.interval, c.max_ops, fma_cost=c.fma_cost,
                      confirm=target.has_reference, float32=c.float32,
                      dense=dense) if with_baselines else []
    evolved = measure_entries(evo, target, evo.front(), polish, dense)
    seeds = pareto(measure_entries(evo, target, [evo.seed_best[k] for k in sorted(evo.seed_best)],
                                   polish, dense), c.fma_cost, c.float32)
    held = [Candidate(b.program, b.measurement, f"baseline: {b.family} {b.label}", 0, 0)
            for b in table]
    front = pareto(evolved + seeds + held, c.fma_cost, c.float32)
    name = _identifier(c.function)
    kind = "absolute" if target.absolute else "relative"
    items = []
    for cd in front:
        p, m = cd.program, cd.measurement
        k = cost(p, c.fma_cost)
        doc = (f"{c.function} on [{c.interval[0]:g}, {c.interval[1]:g}]: {k} ops, "
               f"max {kind} error {m.error:.3g} in float64")
        items.append({
            "cost": k, "program": program_text(p), "program_json": p.to_json(),
            "origin": cd.origin, "mutations": cd.mutations, "generation": cd.generation,
            "formula": str(to_sympy(p, digits=6)),
            "measurement": _measurement_json(m),
            "python": python_code(p, f"{name}_{k}ops", doc),
            "numpy": numpy_code(p, f"{name}_{k}ops", doc),
            "c": c_code(p, f"{name}_{k}ops", c.float32, doc),
        })
    s = evo.stats
    beh = behaviour(target, c.interval)
    results = {
        "format": RESULTS_FORMAT,
        "config": c.to_json(),
        "target": {"name": c.function, "reference": c.reference,
                   "confirmed_in_mpmath": target.has_reference, "error": kind},
        "behaviour": {"zeros": [asdict(z) for z in beh.zeros], "crossings": list(beh.crossings),
                      "parity": beh.parity,
                      "log_zero": beh.log_zero.at if beh.log_zero else None,
                      "reductions": [r.form("R") for r in reductions(target, c.interval)]},
        "search": {"generations": evo.generation, "elapsed_s": round(evo.elapsed, 1),
                   "cpu_s": round(evo.cpu, 1),
                   "stop": reason, "children": s.children, "exact_hits": s.exact_hits,
                   "functional_hits": s.functional_hits, "cache_hit_rate": round(s.hit_rate, 4),
                   "fits": s.fits, "polishes": s.polishes},
        "front": items,
        "seeds": [_candidate_json(cd, c.fma_cost) for cd in seeds],
        "baselines": [_baseline_json(b) for b in table],
        "families": families(table),
        "best_baselines": {fam: {str(k): _baseline_json(b) for k, b in row.items()}
                           for fam, row in best_per_cost(table, c.max_ops, c.float32).items()},
        "history": evo.history,
    }
    results["comparison"] = comparison_rows(results)
    return results


def _identifier(name: str) -> str:
    ident = "".join(ch if ch.isalnum() else "_" for ch in name.split(":")[-1])
    return ident if ident and not ident[0].isdigit() else f"f_{ident}"


def _measurement_json(m: Measurement) -> dict:
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v)
            for k, v in asdict(m).items()}


def _baseline_json(b: Baseline) -> dict:
    return {"family": b.family, "label": b.label, "cost": b.cost,
            "program": program_text(b.program), "measurement": _measurement_json(b.measurement)}


def _candidate_json(cd: Candidate, fma_cost: int) -> dict:
    return {"cost": cost(cd.program, fma_cost), "program": program_text(cd.program),
            "origin": cd.origin, "mutations": cd.mutations,
            "measurement": _measurement_json(cd.measurement)}


def _err_of(d: dict, float32: bool) -> float:
    v = d["measurement"]["ulp32" if float32 else "error"]
    return math.inf if v is None else float(v)


def _best(items: list[dict], k: int, float32: bool) -> dict | None:
    within = [it for it in items if it["cost"] <= k and math.isfinite(_err_of(it, float32))]
    return min(within, key=lambda it: (_err_of(it, float32), it["cost"])) if within else None


def comparison_rows(results: dict) -> list[dict]:
    """One row per op count k: the best baseline, the best seed and the front program of
    cost at most k (float64-evaluated errors, or float32 ULPs), whether evolution improved
    on both (the front program has mutations and a smaller error) and the factor.

    Each row has ``cost``, ``baseline`` (error), ``baseline_family``, ``seed``,
    ``evolved``, ``origin``, ``mutations``, ``improved``, ``gain`` and one error per
    baseline family."""
    c = results["config"]
    f32 = c["float32"]
    rows = []
    for k in range(1, c["max_ops"] + 1):
        base = _best(results["baselines"], k, f32)
        seed = _best(results["seeds"], k, f32)
        evo = _best(results["front"], k, f32)
        row = {"cost": k,
               "baseline": _err_of(base, f32) if base else None,
               "baseline_family": f"{base['family']} {base['label']}" if base else None,
               "seed": _err_of(seed, f32) if seed else None,
               "evolved": _err_of(evo, f32) if evo else None,
               "origin": evo["origin"] if evo else None,
               "mutations": evo["mutations"] if evo else None}
        start = min((v for v in (row["baseline"], row["seed"]) if v is not None),
                    default=math.inf)
        row["improved"] = (bool(evo) and evo["mutations"] > 0 and math.isfinite(start)
                           and row["evolved"] < start)
        row["gain"] = (start / row["evolved"] if evo and math.isfinite(start)
                       and row["evolved"] > 0 else None)
        for fam in results["families"]:
            b = results["best_baselines"].get(fam, {}).get(str(k))
            row[fam] = _err_of(b, f32) if b else None
        rows.append(row)
    return rows


def chart(results: dict) -> str:
    """The SVG chart: the evolved front against the best baseline of each family."""
    f32 = results["config"]["float32"]
    series = [Series("evolved", EVOLVED,
                     [(it["cost"], _err_of(it, f32)) for it in results["front"]], thick=True)]
    for i, fam in enumerate(results["families"]):
        row = results["best_baselines"].get(fam, {})
        pts, last = [], math.inf
        for k in sorted(row, key=int):
            e = _err_of(row[k], f32)
            if e < last:
                pts.append((int(k), e))
                last = e
        series.append(Series(fam, PALETTE[i % len(PALETTE)], pts, dashed=True))
    return line_chart(series, "operations (depending on x)",
                      "max error (float32 ULPs)" if f32 else
                      f"max {results['target']['error']} error (float64)")


_ENV = jinja2.Environment(loader=jinja2.PackageLoader("mutation.autonumerics", "templates"),
                          autoescape=True, keep_trailing_newline=True)


def _fmt(v: float | None) -> str:
    return "—" if v is None or not math.isfinite(v) else f"{v:.3g}"


def write_report(out: Path, results: dict) -> Path:
    """Write ``results.json``, ``index.html`` and ``code/`` into ``out``; returns the page."""
    out = Path(out)
    code = out / "code"
    code.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    for it in results["front"]:
        stem = f"ops{it['cost']:02d}"
        (code / f"{stem}.py").write_text(it["python"] + "\n")
        (code / f"{stem}_numpy.py").write_text(it["numpy"] + "\n")
        (code / f"{stem}.c").write_text(it["c"] + "\n")
    html = _ENV.get_template("report.html").render(
        r=results, rows=results["comparison"], families=results["families"], chart=chart(results),
        fmt=_fmt, err=lambda d: _err_of(d, results["config"]["float32"]))
    page = out / "index.html"
    page.write_text(html)
    return page
