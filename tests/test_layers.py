"""The layer contract of /work/shared/DESIGN.md ("Packages ... and their layers") as a test.

Every import in the packages (also those inside functions, relative ones resolved) is an
edge of one module graph. The graph is acyclic, and every edge goes to the importer's own
layer or below, bottom up: base, then trusted beside core (neither imports the other), then
applications, then interface. `import gl.checker` loads no prover module, and the checker's
verdict depends on exactly the modules `gl.checker.TRUSTED` names.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx
from conftest import ROOT

from gl.checker import TRUSTED

PACKAGES = ("gl", "mpl_lang", "rewriting", "mutation", "export")

#: the one layer table: layer -> the modules in it ("pkg.*" is a package with its submodules)
LAYERS = {
    "base": ("mpl_lang.*", "gl.errors", "gl.version", "gl.document", "gl.equations", "gl.laws",
             "gl.signature", "gl.recursion", "gl.execution", "gl.naming"),
    "trusted": ("gl.checker.*",),
    "core": ("gl.core.*",),
    "applications": ("gl.incubator", "gl.incubator_defs", "gl.explore.*", "rewriting.*", "mutation.*", "export.*"),
    "interface": ("gl.cli.*", "gl"),
}
#: layer -> height; a module imports only from its own layer or a lower one
HEIGHT = {"base": 0, "trusted": 1, "core": 1, "applications": 2, "interface": 3}
#: where the verdict of the checker is reached; everything it imports is trusted
VERDICT = "gl.checker.check"
#: third-party packages that `import gl.checker` must not load
HEAVY = ("networkx", "click", "egglog", "sympy", "jinja2")
#: third-party packages that only the interface imports
INTERFACE_ONLY = ("click",)


@dataclass(frozen=True)
class Import:
    """One import statement's edge: `importer` (at `line`) names the module `imported`."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} ({layer(self.importer)}) imports " \
               f"{self.imported} ({layer(self.imported)})"


def module_files() -> dict[str, Path]:
    """Every module of the packages by dotted name (a package by the name of its folder)."""
    files = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            files[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return files


def covers(pattern: str, module: str) -> bool:
    """Whether a LAYERS entry covers a module.

    >>> covers("gl.core.*", "gl.core"), covers("gl.core.*", "gl.core.block"), covers("gl", "gl.cli")
    (True, True, False)
    """
    if pattern.endswith(".*"):
        return module == pattern[:-2] or module.startswith(pattern[:-1])
    return module == pattern


def layers_of(module: str) -> list[str]:
    """The layers whose entries cover `module` (exactly one for every module)."""
    return [name for name, patterns in LAYERS.items() if any(covers(p, module) for p in patterns)]


def layer(module: str) -> str:
    """The layer of a module.

    >>> layer("mpl_lang.parser"), layer("gl.checker.check"), layer("gl")
    ('base', 'trusted', 'interface')
    """
    (name,) = layers_of(module)
    return name


def imported_names(module: str, path: Path) -> list[tuple[str, int]]:
    """(absolute module name, line) of every import in the file, relative ones resolved;
    `from M import n` names `M.n` too, in case `n` is a submodule."""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parent = package[:len(package) - node.level + 1] if node.level else []
            base = ".".join([*parent, *([node.module] if node.module else [])])
            names.append((base, node.lineno))
            names += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return names


@cache
def imports() -> tuple[Import, ...]:
    """Every import between modules of the packages, in file order."""
    files = module_files()
    edges = {}
    for module, path in files.items():
        for name, line in imported_names(module, path):
            if name in files and name != module:
                edges.setdefault((module, name), Import(module, name, line))
    return tuple(edges.values())


def graph() -> nx.DiGraph:
    """The module graph; each edge keeps its Import."""
    g = nx.DiGraph()
    g.add_nodes_from(module_files())
    g.add_edges_from((i.importer, i.imported, {"import": i}) for i in imports())
    return g


def allowed(edge: Import) -> bool:
    """An import to the importer's own layer or below; trusted and core are side by side."""
    here, there = layer(edge.importer), layer(edge.imported)
    return here == there or HEIGHT[there] < HEIGHT[here]


def describe_cycle(g: nx.DiGraph, cycle: list[tuple[str, str]]) -> str:
    """'a:3 -> b:7 -> a': each module with the line of its import of the next."""
    return " -> ".join(f"{a}:{g.edges[a, b]['import'].line}" for a, b in cycle) + f" -> {cycle[0][0]}"


def test_every_module_has_exactly_one_layer() -> None:
    wrong = {m: layers_of(m) for m in module_files() if len(layers_of(m)) != 1}
    assert wrong == {}, "modules without exactly one layer in LAYERS: " + repr(wrong)


def test_the_imports_form_a_dag() -> None:
    g = graph()
    cycles = [describe_cycle(g, nx.find_cycle(g.subgraph(scc)))
              for scc in sorted(nx.strongly_connected_components(g), key=min) if len(scc) > 1]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def test_every_import_goes_to_the_same_layer_or_below() -> None:
    bad = [str(edge) for edge in imports() if not allowed(edge)]
    assert bad == [], "imports against the layers:\n" + "\n".join(bad)


def outside_imports(modules: list[str]) -> list[tuple[str, str, int]]:
    """(module, top-level name, line) of each import of something outside the packages."""
    files = module_files()
    found = {(m, name.split(".")[0], line) for m in modules for name, line in imported_names(m, files[m])
             if name.split(".")[0] not in PACKAGES}
    return sorted(found, key=lambda f: (f[0], f[2], f[1]))


def test_click_lives_only_in_the_interface() -> None:
    bad = [f"{m}:{line} ({layer(m)}) imports {top}" for m, top, line in outside_imports(list(module_files()))
           if top in INTERFACE_ONLY and layer(m) != "interface"]
    assert bad == [], "\n".join(bad)


def test_the_checker_imports_only_the_base_and_the_standard_library() -> None:
    checker = [m for m in module_files() if layer(m) == "trusted"]
    bad = [f"{m}:{line} imports {top}" for m, top, line in outside_imports(checker)
           if top not in sys.stdlib_module_names and top != "__future__"]
    assert checker and bad == [], "\n".join(bad)


def test_import_gl_checker_loads_no_prover_and_no_heavy_package() -> None:
    code = ("import gl.checker, sys; print('\\n'.join(m for m in sorted(sys.modules) if "
            f"m.split('.')[0] in {PACKAGES + HEAVY!r}))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=ROOT).stdout.split()
    # gl/__init__ (interface) runs first, but its re-exports are lazy
    wrong = [m for m in loaded if m.split(".")[0] in HEAVY
             or (m != "gl" and m.split(".")[0] in PACKAGES and layer(m) not in ("base", "trusted"))]
    assert wrong == [], "import gl.checker loads " + ", ".join(wrong)


def test_the_trusted_base_is_what_the_verdict_imports() -> None:
    reached = {VERDICT} | nx.descendants(graph(), VERDICT)
    difference = {"imported but not in TRUSTED": sorted(reached - set(TRUSTED)),
                  "in TRUSTED but not imported": sorted(set(TRUSTED) - reached)}
    assert difference == {key: [] for key in difference}


def test_no_hidden_import_problems() -> None:
    """Imports are not hidden behind `if TYPE_CHECKING:` nor placed after code (E402)."""
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in module_files().values()
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if "TYPE_CHECKING" in line or "noqa: E402" in line]
    assert found == [], "\n".join(found)
