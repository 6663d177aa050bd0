"""Render the site: jinja2 templates for the pages, shared static assets, one data script.

Layout of the output folder::

    index.html          the theory, its laws, then laws and lemmas with a search box
                        (?q=...) and the ground facts as tables (#table-<function>)
    thm/<slug>.html     one page per theorem: its clauses (#clause-j), its neighbourhood,
                        an anchor per step (#main-3, #base-2, ...)
    rules.html          inference kinds, axioms (#ax-i, each with what rests on it),
                        definitions
    graph.html          the citation graph: key boxes first (?all=1 every box,
                        ?focus=NAME&depth=N a neighbourhood)
    static/             gl.css, gl.js (copied from the package)
    data/theory.js      tooltip texts for kinds, axioms and definitions
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from .graph import neighbourhood, site_graph
from .kinds import KINDS
from .model import SiteModel, TheoremView, build_model
from .slugs import slug
from .text import formula_html

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


@dataclass
class SiteReport:
    """What `write_site` wrote: every file (relative paths), the theorem pages' sizes and
    the theorems with a proof the checker rejected."""

    out_dir: Path
    files: list[str] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)
    theorem_page_bytes: list[int] = field(default_factory=list)
    asset_bytes: int = 0

    @property
    def average_page_bytes(self) -> float:
        """Mean size of a theorem page (shared assets not counted)."""
        pages = self.theorem_page_bytes
        return sum(pages) / len(pages) if pages else 0.0


@cache
def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        auto_reload=False,
    )
    env.filters["slug"] = slug
    env.filters["formula"] = formula_html
    return env


def write_site(proofs: Mapping[str, Any], out_dir: str | Path, where: str = "proofs",
               accepted: Collection[str] | None = None) -> SiteReport:
    """Write the HTML site for a `gl.proofs/1` document into `out_dir` (created if needed).

    `accepted` names the theorems whose proofs the independent checker accepted (see
    `write_checked_site`); the others show as rejected by the checker. With None (no
    checker ran) every proof shows as not checked, none as proved.
    Theorem pages left over from an earlier run in `out_dir/thm/` are removed. Raises
    `gl.errors.InputError` (naming `where`) on a malformed document.

    >>> import tempfile
    >>> r = write_site({"schema": "gl.proofs/1", "theorems": []}, tempfile.mkdtemp())
    >>> sorted(r.files)[:3]
    ['data/theory.js', 'graph.html', 'index.html']
    """
    model = build_model(proofs, where, accepted)
    out = Path(out_dir)
    report = SiteReport(out, rejected=[t.name for t in model.theorems if t.state == "rejected"])
    pages = _render(model)
    for sub in ("thm", "static", "data"):
        (out / sub).mkdir(parents=True, exist_ok=True)
    for stale in sorted((out / "thm").glob("*.html")):
        if f"thm/{stale.name}" not in pages:
            stale.unlink()
    for rel, text in pages.items():
        data = text.encode("utf-8")
        (out / rel).write_bytes(data)
        report.files.append(rel)
        if rel.startswith("thm/"):
            report.theorem_page_bytes.append(len(data))
    for asset in sorted(STATIC.iterdir()):
        if asset.is_file():
            shutil.copyfile(asset, out / "static" / asset.name)
            report.files.append(f"static/{asset.name}")
            report.asset_bytes += asset.stat().st_size
    theory = _theory_script(model).encode("utf-8")
    (out / "data" / "theory.js").write_bytes(theory)
    report.files.append("data/theory.js")
    report.asset_bytes += len(theory)
    return report


def _render(model: SiteModel) -> dict[str, str]:
    """Every page's HTML by its path relative to the site root."""
    env = _env()
    common = {"model": model, "kinds": KINDS}
    pages = {
        "index.html": env.get_template("index.html").render(common, root="", page="index"),
        "rules.html": env.get_template("rules.html").render(common, root="", page="rules"),
        "graph.html": env.get_template("graph.html").render(
            common, root="", page="graph", graph=site_graph(model)),
    }
    thm = env.get_template("theorem.html")
    ts = model.theorems
    for k, t in enumerate(ts):
        prev: TheoremView | None = ts[k - 1] if k else None
        nxt: TheoremView | None = ts[k + 1] if k + 1 < len(ts) else None
        pages[f"thm/{t.slug}.html"] = thm.render(common, root="../", page="theorem", t=t,
                                                 prev=prev, next=nxt, near=neighbourhood(model, t))
    return pages


def _theory_script(model: SiteModel) -> str:
    """Tooltip texts shared by every page, as a script that sets `window.GL_THEORY`."""
    data = {
        "kinds": {slug(k): f"{v.title}: {v.text}" for k, v in KINDS.items()},
        "axioms": {str(a.index): a.readable for a in model.axioms},
        "defs": {d.slug: d.text for d in model.definitions},
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # `<` escaped so no text can ever read as markup, even if the script is inlined later
    return "window.GL_THEORY = " + text.replace("<", "\\u003c") + ";\n"
