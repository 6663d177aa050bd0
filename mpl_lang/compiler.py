"""Compile MPL files into a checked `Theory`: includes resolved, names and arities checked.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); f = d / "t.mpl"
>>> _ = f.write_text("anchor T[N,z,s] := (in[z,N])\\ninduction N from z by s\\n")
>>> load(f).constants
('N', 'z', 's')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .ast import Atom, Decl, Definition, Expr, Forall, Include, Induction, Loc, Module, Statement
from .errors import (
    ArityError,
    CyclicDefinitionError,
    DuplicateNameError,
    IncludeCycleError,
    IncludeError,
    MPLError,
    ShadowedVariableError,
    UnboundVariableError,
    UnknownPredicateError,
)
from .logic import Clause, ClauseError, clausify_parts, unfold
from .parser import parse_module

#: Predicates every theory has: membership, graphs of unary and binary functions, equality.
BUILTIN_ARITY = {"in": 2, "in2": 3, "in3": 4, "=": 2}


@dataclass
class Theory:
    """A checked MPL theory: definitions, the anchor (the theory's constants and axioms),
    induction principles and named statements (targets / conjectures)."""

    path: str
    files: tuple[str, ...]
    definitions: dict[str, Definition]
    anchor: Definition | None
    inductions: tuple[Induction, ...]
    statements: tuple[Statement, ...]
    _axioms: list[Clause | ClauseError] | None = field(default=None, repr=False)

    @property
    def constants(self) -> tuple[str, ...]:
        """The anchor's parameters: the names statements may use freely."""
        return self.anchor.params if self.anchor else ()

    @property
    def predicates(self) -> dict[str, int]:
        """Every predicate name with its arity."""
        arity = dict(BUILTIN_ARITY)
        arity.update({d.name: len(d.params) for d in self.definitions.values()})
        return arity

    def unfold(self, e: Expr) -> Expr:
        """`e` with every defined predicate replaced by its body."""
        return unfold(e, {d.name: (d.params, d.body) for d in self.definitions.values()})

    def axiom_formula(self) -> Expr | None:
        """The anchor's body, fully unfolded: what the theory assumes."""
        return self.unfold(self.anchor.body) if self.anchor else None

    def axioms(self) -> list[Clause | ClauseError]:
        """The axioms as rules (`clausify_parts` of the unfolded anchor), in source order."""
        if self._axioms is None:
            f = self.axiom_formula()
            self._axioms = clausify_parts(f) if f is not None else []
        return self._axioms

    def targets(self) -> tuple[Statement, ...]:
        return self.statements

    def decls(self) -> tuple[Decl, ...]:
        """All declarations in canonical order (for printing and comparison)."""
        out: list[Decl] = list(self.definitions.values())
        out += list(self.inductions)
        out += list(self.statements)
        return tuple(out)

    def module(self) -> Module:
        return Module(self.path, self.decls())


# ---------------------------------------------------------------- loading


def load(path: str | Path) -> Theory:
    """Load and check a theory from a `.mpl` file, a GL definition folder, or a folder
    holding `<folder name>.mpl`. Raises an `MPLError` subclass on any problem."""
    p = Path(path)
    if p.is_dir():
        p = _folder_entry(p)
    decls = _read(p, stack=())
    return compile_decls(decls, str(path), files=tuple(dict.fromkeys(str(d.loc.file) for d in decls if d.loc)))


def _folder_entry(folder: Path) -> Path:
    own = folder / f"{folder.name}.mpl"
    if own.is_file():
        return own
    mpls = sorted(folder.glob("*.mpl"))
    if len(mpls) == 1:
        return mpls[0]
    return folder  # a GL definition folder


def _read(p: Path, stack: tuple[Path, ...], at: Loc | None = None) -> list[Decl]:
    from .gl_import import is_gl_folder, read_gl_folder

    if p.is_dir():
        if not is_gl_folder(p):
            raise IncludeError(f"folder {str(p)!r} has no .mpl file and no GL config JSON", at or Loc(str(p), 0, 0))
        return list(read_gl_folder(p))
    resolved = p.resolve()
    if resolved in stack:
        chain = " -> ".join(s.name for s in (*stack, resolved))
        raise IncludeCycleError(f"include loop: {chain}", at or Loc(str(p), 0, 0))
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise IncludeError(f"file not found: {str(p)!r}", at or Loc(str(p), 0, 0)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise IncludeError(f"cannot read {str(p)!r}: {exc}", at or Loc(str(p), 0, 0)) from None
    module = parse_module(text, str(p))
    out: list[Decl] = []
    for d in module.decls:
        if isinstance(d, Include):
            target = (p.parent / d.path)
            try:
                out.extend(_read(target, (*stack, resolved), d.loc))
            except MPLError as exc:
                raise _excerpted(exc, text, d.loc) from None
        else:
            out.append(d)
    return [_with_text(d, text) for d in out]


def _excerpted(exc: MPLError, text: str, loc: Loc | None) -> MPLError:
    if not exc.excerpt and loc is not None and exc.loc == loc:
        exc.with_excerpt(text)
    return exc


def _with_text(d: Decl, text: str) -> Decl:
    return d


# ---------------------------------------------------------------- checking


def compile_decls(decls: Iterable[Decl], path: str = "<string>", files: tuple[str, ...] = ()) -> Theory:
    """Check declarations and build the Theory (see module docstring for the checks)."""
    decls = list(decls)
    defs: dict[str, Definition] = {}
    names: dict[str, Loc | None] = {}
    anchor: Definition | None = None
    statements: list[Statement] = []
    inductions: list[Induction] = []
    for d in decls:
        if isinstance(d, Definition | Statement):
            if d.name in names or d.name in BUILTIN_ARITY:
                where = f" (first at {names[d.name]})" if names.get(d.name) else " (a built-in predicate)"
                raise DuplicateNameError(f"duplicate name {d.name!r}{where}", d.loc)
            names[d.name] = d.loc
        if isinstance(d, Definition):
            if d.anchor:
                if anchor is not None:
                    raise DuplicateNameError(f"second anchor {d.name!r} (first is {anchor.name!r} at {anchor.loc})", d.loc)
                anchor = d
            defs[d.name] = d
        elif isinstance(d, Statement):
            statements.append(d)
        elif isinstance(d, Induction):
            inductions.append(d)
    arity = dict(BUILTIN_ARITY)
    arity.update({d.name: len(d.params) for d in defs.values()})
    for d in defs.values():
        _dup_params(d)
        _check(d.body, arity, scope=frozenset(d.params), free_ok=frozenset(d.params), where=f"definition {d.name!r}")
    _check_acyclic(defs)
    constants = frozenset(anchor.params) if anchor else frozenset()
    for ind in inductions:
        for role, name in (("set", ind.set), ("base", ind.base), ("successor", ind.succ)):
            if name not in constants:
                raise UnboundVariableError(
                    f"induction {role} {name!r} is not a constant of the anchor"
                    + ("" if anchor else " (the theory has no anchor)"), ind.loc)
    for s in statements:
        _check(s.formula, arity, scope=constants, free_ok=constants, where=f"{s.kind} {s.name!r}")
    return Theory(path, files, defs, anchor, tuple(inductions), tuple(statements))


def _dup_params(d: Definition) -> None:
    seen: set[str] = set()
    for p in d.params:
        if p in seen:
            raise DuplicateNameError(f"parameter {p!r} appears twice in {d.name!r}", d.loc)
        seen.add(p)


def _check(e: Expr, arity: dict[str, int], scope: frozenset[str], free_ok: frozenset[str], where: str) -> None:
    if isinstance(e, Atom):
        if e.name not in arity:
            raise UnknownPredicateError(f"unknown predicate {e.name!r} in {where}", e.loc)
        if len(e.args) != arity[e.name]:
            raise ArityError(
                f"{e.name!r} takes {arity[e.name]} argument{'s' if arity[e.name] != 1 else ''}, got {len(e.args)} in {where}",
                e.loc)
        for a in e.args:
            if a not in scope:
                raise UnboundVariableError(f"unbound variable {a!r} in {where}", e.loc)
        return
    if isinstance(e, Forall):
        seen: set[str] = set()
        for v in e.vars:
            if v in scope or v in seen:
                what = "a constant or parameter" if v in free_ok else "an enclosing variable"
                raise ShadowedVariableError(f"variable {v!r} shadows {what} in {where}", e.loc)
            seen.add(v)
        inner = scope | frozenset(e.vars)
        _check(e.hyp, arity, inner, free_ok, where)
        _check(e.concl, arity, inner, free_ok, where)
        return
    for child in (e.parts if hasattr(e, "parts") else (e.body,)):
        _check(child, arity, scope, free_ok, where)


def _uses(e: Expr, defs: dict[str, Definition]) -> list[Atom]:
    from .logic import iter_atoms

    return [a for a in iter_atoms(e) if a.name in defs]


def _check_acyclic(defs: dict[str, Definition]) -> None:
    state: dict[str, int] = {}  # 1 = on the stack, 2 = done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for atom in _uses(defs[name].body, defs):
            if state.get(atom.name) == 1:
                cycle = " -> ".join([*path[path.index(atom.name):], atom.name]) if atom.name in path else f"{name} -> {name}"
                raise CyclicDefinitionError(f"cyclic definitions: {cycle}", atom.loc)
            if atom.name not in state:
                visit(atom.name, [*path, atom.name])
        state[name] = 2

    for name in defs:
        if name not in state:
            visit(name, [name])
