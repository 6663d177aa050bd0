"""Compile MPL files into a checked `Theory`: includes resolved, names and arities checked.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp()); f = d / "t.mpl"
>>> _ = f.write_text("anchor T[N,z,s] := (in[z,N])\\ninduction N from z by s\\n")
>>> load(f).constants
('N', 'z', 's')
"""

from __future__ import annotations

import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ast import (
    And,
    Atom,
    Decl,
    Definition,
    Expr,
    Forall,
    Include,
    Induction,
    Loc,
    Module,
    Statement,
)
from .errors import (
    ArityError,
    CyclicDefinitionError,
    DuplicateNameError,
    IncludeCycleError,
    IncludeError,
    InductionError,
    MPLError,
    NestingError,
    ShadowedVariableError,
    UnboundVariableError,
    UnfoldSizeError,
    UnknownPredicateError,
)
from .inputs import InputFileError, read_text
from .logic import Clause, ClauseError, clausify_parts, iter_atoms, unfold
from .parser import parse_module
from .tip import read_tip

#: Predicates every theory has: membership, graphs of functions of 1, 2 and 3 arguments, equality.
BUILTIN_ARITY = {"in": 2, "in2": 3, "in3": 4, "in4": 5, "=": 2}

#: How deeply a definition or statement may nest once its definitions are unfolded.
MAX_UNFOLDED_DEPTH = 400

#: How deeply includes may nest (a file including a file including ...). Real theories
#: use two or three levels; include chains are read iteratively, so this only stops a
#: runaway chain before it reads without end.
MAX_INCLUDE_DEPTH = 10_000

#: How large one `.mpl` file may be, in bytes. Real files have a few KB; the parser reads
#: about 35-100 KB/s (busy or idle machine), so a file at the limit parses in 5-15 s.
MAX_SOURCE_BYTES = 500_000

#: How many nodes (atoms, connectives, quantifiers) a definition, the anchor or a statement
#: may have once its definitions are unfolded. Real theories are far below it (the largest,
#: gl-gauss's anchor, unfolds to 156 nodes; Peano's to 142), while definitions that each use
#: the previous one twice would otherwise unfold (and clausify) in exponential time.
MAX_UNFOLDED_SIZE = 100_000

#: A definition's (depth, size) once unfolded.
Measure = tuple[int, int]


@dataclass
class Theory:
    """A checked MPL theory: definitions, the anchor (the theory's constants and axioms),
    induction principles, named statements (targets / conjectures) and assumptions
    (`assume`: statements taken as given, like axioms, and reported as such)."""

    path: str
    files: tuple[str, ...]
    definitions: dict[str, Definition]
    anchor: Definition | None
    inductions: tuple[Induction, ...]
    statements: tuple[Statement, ...]
    assumptions: tuple[Statement, ...] = ()
    _axioms: list[Clause | ClauseError] | None = field(default=None, repr=False)
    _measures: dict[str, Measure] | None = field(default=None, repr=False)

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

    def check_statement(self, formula: Expr, where: str = "statement") -> None:
        """Check `formula` as a statement of this theory, as `compile_decls` checks its
        targets: known predicates with the right arity, every identifier bound by a
        quantifier or a theory constant, no rebinding, bounded nesting and size once unfolded.
        Raises the same `MPLError` subclasses.

        >>> from mpl_lang import parse_expr
        >>> compile_decls([]).check_statement(parse_expr("(>[x](in[x,N])(in[x,x]))"))
        Traceback (most recent call last):
        mpl_lang.errors.UnboundVariableError: <string>:1:6: unbound variable 'N' in statement
        """
        constants = frozenset(self.constants)
        _check(formula, self.predicates, scope=constants, free_ok=constants, where=where)
        if self._measures is None:
            self._measures = _definition_measures(self.definitions)
        _unfolded_measure(formula, self._measures, where)

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
        """The named statements (targets and conjectures), in source order."""
        return self.statements

    def decls(self) -> tuple[Decl, ...]:
        """All declarations in canonical order (for printing and comparison)."""
        out: list[Decl] = list(self.definitions.values())
        out += list(self.inductions)
        out += list(self.assumptions)
        out += list(self.statements)
        return tuple(out)

    def module(self) -> Module:
        """The theory as one module (includes expanded), e.g. for `module_to_mpl`."""
        return Module(self.path, self.decls())


# ---------------------------------------------------------------- loading


def load(path: str | Path, anchor: str | None = None) -> Theory:
    """Load and check a theory from a `.mpl` file, a GL definition folder, or a folder
    holding `<folder name>.mpl` (else its only `.mpl` file). `anchor` picks the anchor of a
    GL folder whose config lists several (`gl_import.choose_anchor`); for any other source
    it must name the theory's anchor. Raises an `MPLError` subclass on any problem; errors
    found after parsing carry a caret excerpt of their source line."""
    sources: dict[str, str] = {}
    decls = _Reader(sources).read(_entry(Path(path)), anchor)
    if anchor is not None and not any(isinstance(d, Definition) and d.anchor and d.name == anchor for d in decls):
        raise IncludeError(f"{str(path)!r} has no anchor {anchor!r}", Loc(str(path), 1, 1))
    files = tuple(dict.fromkeys(d.loc.file for d in decls if d.loc))
    try:
        return compile_decls(decls, str(path), files=files)
    except MPLError as exc:
        if not exc.excerpt and exc.file in sources:
            exc.with_excerpt(sources[exc.file])
        raise


def _entry(p: Path, at: Loc | None = None) -> Path:
    """The file `load` reads for `p`: `p` itself, or the `.mpl` file a folder names."""
    if _kind(p, at) != "dir":
        return p
    own = p / f"{p.name}.mpl"
    if _kind(own, at) == "file":
        return own
    mpls = sorted(p.glob("*.mpl"))
    if len(mpls) == 1:
        return mpls[0]
    if len(mpls) > 1:
        raise IncludeError(f"folder {str(p)!r} holds several .mpl files and none is named "
                           f"{own.name!r}", at or Loc(str(p), 1, 1))
    return p  # a GL definition folder


def _kind(p: Path, at: Loc | None) -> str:
    """'dir', 'file' (regular), 'other' or 'missing'; a path the OS rejects is an IncludeError."""
    try:
        mode = p.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except (OSError, ValueError) as exc:
        raise IncludeError(f"bad path {str(p)!r}: {exc}", at or Loc(str(p), 1, 1)) from None
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


@dataclass
class _Frame:
    """A file being read: its path, its resolved path, its text and the declarations left."""

    path: Path
    resolved: Path
    text: str
    decls: Iterator[Decl]


class _Reader:
    """Reads a file or GL folder with its includes expanded, in source order, iteratively
    (include chains may be long). The text of every file read is stored in `sources` under
    its name; a file or folder included twice (not in a loop) contributes nothing the
    second time."""

    def __init__(self, sources: dict[str, str]) -> None:
        self.sources = sources
        self.out: list[Decl] = []
        self.done: set[Path] = set()
        self.frames: list[_Frame] = []
        self.reading: set[Path] = set()

    def read(self, entry: Path, anchor: str | None = None) -> list[Decl]:
        """The declarations of `entry` (`anchor`: see `load`), includes expanded."""
        self._enter(entry, None, anchor)
        while self.frames:
            top = self.frames[-1]
            d = next(top.decls, None)
            if d is None:
                self.reading.discard(self.frames.pop().resolved)
            elif not isinstance(d, Include):
                self.out.append(d)
            else:
                try:
                    self._enter(_entry(top.path.parent / d.path, d.loc), d.loc, d.anchor)
                except MPLError as exc:
                    if not exc.excerpt and exc.loc == d.loc:
                        exc.with_excerpt(top.text)
                    raise
        return self.out

    def _enter(self, p: Path, at: Loc | None, anchor: str | None = None) -> None:
        """Start reading `p` (included at `at`): a GL folder's declarations (`anchor` its
        anchor, if given) go straight to the output, an MPL file becomes the innermost frame."""
        from .gl_import import is_gl_folder, read_gl_folder

        where = at or Loc(str(p), 1, 1)
        kind = _kind(p, at)
        if kind == "dir":
            if not is_gl_folder(p):
                raise IncludeError(f"folder {str(p)!r} has no .mpl file and no GL config JSON",
                                   where)
            if p.resolve() not in self.done:
                self.done.add(p.resolve())
                self.out.extend(read_gl_folder(p, self.sources, anchor, where))
            return
        if kind != "file":
            raise IncludeError(f"{'file not found' if kind == 'missing' else 'not a regular file'}: "
                               f"{str(p)!r}", where)
        if anchor is not None and at is not None:
            raise IncludeError(f"'using {anchor}' picks a GL folder's anchor; {str(p)!r} is an MPL file", where)
        resolved = p.resolve()
        if resolved in self.reading:
            chain = " -> ".join([f.resolved.name for f in self.frames] + [resolved.name])
            raise IncludeCycleError(f"include loop: {chain}", where)
        if resolved in self.done:
            return
        if len(self.frames) >= MAX_INCLUDE_DEPTH:
            raise IncludeError(f"includes nested deeper than {MAX_INCLUDE_DEPTH:,} files", where)
        self.done.add(resolved)
        try:
            text = read_text(p, MAX_SOURCE_BYTES)
        except InputFileError as exc:
            raise IncludeError(f"cannot read {str(p)!r}: {exc.message}", where) from None
        self.sources[str(p)] = text
        if p.suffix == ".smt2":  # a TIP problem: its MPL translation, which includes nothing
            self.out.extend(read_tip(p, text))
            return
        decls = iter(parse_module(text, str(p)).decls)
        self.frames.append(_Frame(p, resolved, text, decls))
        self.reading.add(resolved)


# ---------------------------------------------------------------- checking


def compile_decls(decls: Iterable[Decl], path: str = "<string>",
                  files: tuple[str, ...] = ()) -> Theory:
    """Check declarations (includes already expanded) and build the Theory.

    Checks, each raising its own `MPLError` subclass at the offending place: names are
    unique (definitions, statements, built-ins; one anchor), atoms use known predicates
    with the right arity, every identifier is bound (definition parameters, quantified
    variables, or, in statements, the anchor's constants), no quantifier rebinds a name
    in scope, definitions are not cyclic, nothing nests deeper than MAX_UNFOLDED_DEPTH
    levels or has more than MAX_UNFOLDED_SIZE nodes once unfolded, and each `induction`
    names three distinct constants of the anchor, at most once per set.

    >>> from mpl_lang.parser import parse_module
    >>> compile_decls(parse_module("target t := (in[x,N])").decls)
    Traceback (most recent call last):
    mpl_lang.errors.UnboundVariableError: <string>:1:13: unbound variable 'x' in target 't'
    """
    decls = list(decls)
    defs: dict[str, Definition] = {}
    names: dict[str, Loc | None] = {}
    anchor: Definition | None = None
    statements: list[Statement] = []
    assumptions: list[Statement] = []
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
                    raise DuplicateNameError(
                        f"second anchor {d.name!r} (first is {anchor.name!r} at {anchor.loc})", d.loc)
                anchor = d
            defs[d.name] = d
        elif isinstance(d, Statement):
            (assumptions if d.kind == "assume" else statements).append(d)
        elif isinstance(d, Induction):
            inductions.append(d)
    arity = dict(BUILTIN_ARITY)
    arity.update({d.name: len(d.params) for d in defs.values()})
    for d in defs.values():
        _dup_params(d)
        _check(d.body, arity, scope=frozenset(d.params), free_ok=frozenset(d.params),
               where=f"definition {d.name!r}")
    measures = _definition_measures(defs)
    _check_inductions(inductions, anchor)
    theory = Theory(path, files, defs, anchor, tuple(inductions), tuple(statements),
                    tuple(assumptions), _measures=measures)
    for s in [*assumptions, *statements]:
        theory.check_statement(s.formula, f"{s.kind} {s.name!r}")
    return theory


def _check_inductions(inductions: list[Induction], anchor: Definition | None) -> None:
    constants = frozenset(anchor.params) if anchor else frozenset()
    first: dict[str, Induction] = {}
    for ind in inductions:
        roles = (("set", ind.set), ("base", ind.base), ("successor", ind.succ))
        for role, name in roles:
            if name not in constants:
                raise InductionError(
                    f"induction {role} {name!r} is not a constant of the anchor"
                    + ("" if anchor else " (the theory has no anchor)"), ind.loc)
        if len({ind.set, ind.base, ind.succ}) < 3:
            raise InductionError(f"induction set, base and successor must be three different "
                                 f"constants, got {ind.set!r}, {ind.base!r}, {ind.succ!r}", ind.loc)
        if ind.set in first:
            raise InductionError(f"second induction over {ind.set!r} "
                                 f"(first at {first[ind.set].loc})", ind.loc)
        first[ind.set] = ind


def _dup_params(d: Definition) -> None:
    seen: set[str] = set()
    for p in d.params:
        if p in seen:
            raise DuplicateNameError(f"parameter {p!r} appears twice in {d.name!r}", d.loc)
        seen.add(p)


def _check(e: Expr, arity: dict[str, int], scope: frozenset[str], free_ok: frozenset[str],
           where: str) -> None:
    if isinstance(e, Atom):
        if e.name not in arity:
            raise UnknownPredicateError(f"unknown predicate {e.name!r} in {where}", e.loc)
        if len(e.args) != arity[e.name]:
            n = arity[e.name]
            raise ArityError(f"{e.name!r} takes {n} argument{'s' if n != 1 else ''}, "
                             f"got {len(e.args)} in {where}", e.loc)
        for a in e.args:
            if a not in scope:
                raise UnboundVariableError(f"unbound variable {a!r} in {where}", e.loc)
        return
    if isinstance(e, Forall):
        seen: set[str] = set()
        for v in e.vars:
            if v in scope or v in seen:
                what = ("a constant or parameter" if v in free_ok
                        else "a variable of the same quantifier" if v in seen
                        else "an enclosing variable")
                raise ShadowedVariableError(f"variable {v!r} shadows {what} in {where}", e.loc)
            seen.add(v)
        inner = scope | frozenset(e.vars)
        _check(e.hyp, arity, inner, free_ok, where)
        _check(e.concl, arity, inner, free_ok, where)
        return
    for child in (e.parts if isinstance(e, And) else (e.body,)):
        _check(child, arity, scope, free_ok, where)


def _check_acyclic(defs: dict[str, Definition]) -> list[str]:
    """Depth-first search for a definition that uses itself, iteratively (long chains).
    Returns the definition names, each after the definitions it uses."""
    done: dict[str, None] = {}
    for root in defs:
        if root in done:
            continue
        path: list[str] = [root]
        on_path = {root}
        todo = [iter(_uses(defs[root].body, defs))]
        while todo:
            atom = next(todo[-1], None)
            if atom is None:
                name = path.pop()
                on_path.discard(name)
                done[name] = None
                todo.pop()
                continue
            if atom.name in on_path:
                cycle = " -> ".join([*path[path.index(atom.name):], atom.name])
                raise CyclicDefinitionError(f"cyclic definitions: {cycle}", atom.loc)
            if atom.name not in done:
                path.append(atom.name)
                on_path.add(atom.name)
                todo.append(iter(_uses(defs[atom.name].body, defs)))
    return list(done)


def _definition_measures(defs: dict[str, Definition]) -> dict[str, Measure]:
    """How deeply each (acyclic) definition nests once unfolded, and how many nodes it has
    then. Raises NestingError past MAX_UNFOLDED_DEPTH levels (so unfolding and clausifying
    stay inside Python's stack) and UnfoldSizeError past MAX_UNFOLDED_SIZE nodes (so they
    stay fast: definitions that use each other twice double at each step)."""
    measures: dict[str, Measure] = {}
    for name in _check_acyclic(defs):
        measures[name] = _unfolded_measure(defs[name].body, measures, f"definition {name!r}")
    return measures


def _unfolded_measure(e: Expr, measures: dict[str, Measure], where: str) -> Measure:
    """(depth, size) of `e` once the definitions in `measures` are unfolded; an atom of a
    definition counts as that definition's body."""
    deepest, size = 0, 0
    stack: list[tuple[Expr, int]] = [(e, 1)]
    while stack:
        x, level = stack.pop()
        if isinstance(x, Atom):
            depth, nodes = measures.get(x.name, (0, 1))
            total = level + depth  # unfolding costs a level itself
            if total > MAX_UNFOLDED_DEPTH:
                raise NestingError(f"{where} unfolds deeper than {MAX_UNFOLDED_DEPTH} levels "
                                   f"(through {x.name!r})", x.loc)
            deepest = max(deepest, total)
            size += nodes
            if size > MAX_UNFOLDED_SIZE:
                raise UnfoldSizeError(f"{where} has more than {MAX_UNFOLDED_SIZE:,} nodes once "
                                      f"unfolded (through {x.name!r})", x.loc)
            continue
        size += 1
        if isinstance(x, And):
            stack.extend((p, level + 1) for p in x.parts)
        elif isinstance(x, Forall):
            stack.extend(((x.hyp, level + 1), (x.concl, level + 1)))
        else:
            stack.append((x.body, level + 1))
    return deepest, size


def _uses(e: Expr, defs: dict[str, Definition]) -> list[Atom]:
    return [a for a in iter_atoms(e) if a.name in defs]
