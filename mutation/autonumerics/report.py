"""Results of a search: the front measured honestly, the baselines, and the report folder.

:func:`summarize` polishes each program of the search's front once more, measures it
(:func:`.measure.measure`: dense grid, refinement, poles, mpmath confirmation, float32 ULPs
in float32 mode), keeps the honest Pareto front, computes the baselines, and returns a
JSON-able dict. :func:`write_report` writes ``results.json``, ``index.html`` (self-contained:
inline CSS and an inline SVG chart) and the code of every front program under ``code/``.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict
from pathlib import Path

import jinja2

from .baselines import FAMILIES, Baseline, baselines, best_per_cost
from .codegen import c_code, numpy_code, python_code
from .fit import Grid, fit
from .measure import Measurement, measure
from .program import Program, cost, program_text, to_sympy
from .search import Entry, Evolution
from .svgplot import Series, line_chart
from .targets import Target, resolve_target

RESULTS_FORMAT = "gl.autonumerics.results/1"
COLORS = {"evolved": "#d62728", "Taylor": "#7f7f7f", "Padé": "#9467bd", "Chebyshev": "#2ca02c",
          "minimax polynomial": "#1f77b4", "minimax rational": "#ff7f0e"}


def _error(m: Measurement, float32: bool) -> float:
    if float32:
        return m.ulp32 if m.ulp32 is not None else math.inf
    return m.error_mp if m.error_mp is not None else m.error


def measure_front(evo: Evolution, target: Target, polish: bool = True
                  ) -> list[tuple[Entry, Program, Measurement]]:
    """Each front program (polished once more when that helps), measured; the result is
    the Pareto front of the measured errors."""
    c = evo.config
    f32 = (1 << 18) if c.float32 else 0
    grid = Grid.chebyshev(target, c.interval, 256)
    out = []
    for e in evo.front():
        cands = [e.program]
        if polish:
            cands.append(fit(e.program, grid, iterations=400, lawson_rounds=20)[0])
        best = None
        for p in cands:
            m = measure(p, target, c.interval, float32_points=f32)
            if best is None or _error(m, c.float32) < _error(best[2], c.float32):
                best = (e, p, m)
        out.append(best)
    front: list[tuple[Entry, Program, Measurement]] = []
    for e, p, m in sorted(out, key=lambda epm: cost(epm[1], c.fma_cost)):
        err = _error(m, c.float32)
        if math.isfinite(err) and (not front or err < _error(front[-1][2], c.float32)):
            front.append((e, p, m))
    return front


def summarize(evo: Evolution, reason: str = "", with_baselines: bool = True,
              polish: bool = True) -> dict:
    """Everything the report shows, as a JSON-able dict."""
    c = evo.config
    target = resolve_target(c.function, c.reference)
    front = measure_front(evo, target, polish)
    table = baselines(target, c.interval, c.max_ops, fma_cost=c.fma_cost,
                      confirm=target.has_reference, float32=c.float32) if with_baselines else []
    name = _identifier(c.function)
    items = []
    for e, p, m in front:
        k = cost(p, c.fma_cost)
        doc = (f"{c.function} on [{c.interval[0]:g}, {c.interval[1]:g}]: {k} ops, "
               f"max relative error {_error(m, False):.3g}")
        items.append({
            "cost": k, "program": program_text(p), "program_json": p.to_json(),
            "origin": e.origin, "mutations": e.depth, "generation": e.born,
            "formula": str(to_sympy(p, digits=6)),
            "measurement": _measurement_json(m),
            "python": python_code(p, f"{name}_{k}ops", doc),
            "numpy": numpy_code(p, f"{name}_{k}ops", doc),
            "c": c_code(p, f"{name}_{k}ops", c.float32, doc),
        })
    s = evo.stats
    return {
        "format": RESULTS_FORMAT,
        "config": c.to_json(),
        "target": {"name": c.function, "reference": c.reference,
                   "confirmed_in_mpmath": target.has_reference},
        "search": {"generations": evo.generation, "elapsed_s": round(evo.elapsed, 1),
                   "stop": reason, "children": s.children, "exact_hits": s.exact_hits,
                   "functional_hits": s.functional_hits, "cache_hit_rate": round(s.hit_rate, 4),
                   "fits": s.fits, "polishes": s.polishes},
        "front": items,
        "baselines": [_baseline_json(b) for b in table],
        "best_baselines": {fam: {str(k): _baseline_json(b) for k, b in row.items()}
                           for fam, row in best_per_cost(table, c.max_ops, c.float32).items()},
        "history": evo.history,
    }


def _identifier(name: str) -> str:
    ident = "".join(ch if ch.isalnum() else "_" for ch in name.split(":")[-1])
    return ident if ident and not ident[0].isdigit() else f"f_{ident}"


def _measurement_json(m: Measurement) -> dict:
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v)
            for k, v in asdict(m).items()}


def _baseline_json(b: Baseline) -> dict:
    return {"family": b.family, "label": b.label, "cost": b.cost,
            "program": program_text(b.program), "measurement": _measurement_json(b.measurement)}


def _err_of(d: dict, float32: bool) -> float:
    m = d["measurement"]
    v = m["ulp32"] if float32 else (m["error_mp"] if m["error_mp"] is not None else m["error"])
    return math.inf if v is None else float(v)


def comparison_rows(results: dict) -> list[dict]:
    """One row per cost: the evolved error (best at most that cost) and each family's."""
    c = results["config"]
    f32 = c["float32"]
    rows = []
    for k in range(1, c["max_ops"] + 1):
        evolved = [it for it in results["front"] if it["cost"] <= k]
        row = {"cost": k, "evolved": _err_of(evolved[-1], f32) if evolved else None}
        for fam in FAMILIES:
            b = results["best_baselines"].get(fam, {}).get(str(k))
            row[fam] = _err_of(b, f32) if b else None
        others = [row[fam] for fam in FAMILIES if row[fam] is not None]
        row["evolved_best"] = row["evolved"] is not None and all(row["evolved"] < o
                                                                  for o in others)
        rows.append(row)
    return rows


def chart(results: dict) -> str:
    """The SVG chart: the evolved front against the best baseline of each family."""
    f32 = results["config"]["float32"]
    series = [Series("evolved", COLORS["evolved"],
                     [(it["cost"], _err_of(it, f32)) for it in results["front"]], thick=True)]
    for fam in FAMILIES:
        row = results["best_baselines"].get(fam, {})
        pts, last = [], math.inf
        for k in sorted(row, key=int):
            e = _err_of(row[k], f32)
            if e < last:
                pts.append((int(k), e))
                last = e
        series.append(Series(fam, COLORS[fam], pts, dashed=True))
    return line_chart(series, "operations (depending on x)",
                      "max error (float32 ULPs)" if f32 else "max relative error")


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
        r=results, rows=comparison_rows(results), families=FAMILIES, chart=chart(results),
        fmt=_fmt, err=lambda d: _err_of(d, results["config"]["float32"]))
    page = out / "index.html"
    page.write_text(html)
    return page
