"""Import TIP problems (SMT-LIB 2.6, "Tons of Inductive Problems") over one natural-number
datatype as MPL: an s-expression reader with a location on every node, and a translator
that writes MPL *source text*, which the ordinary parser and compiler then read.

The fragment and its encoding (README.md, "TIP input"): one datatype `Nat` with a constant
and a unary successor (`(declare-datatype Nat ((Z) (S (p Nat))))`, any names); functions
of 1 to 3 arguments over Nat and Bool (`define-fun`, `define-fun-rec` with `match` and
`ite`), each a graph relation `in2`/`in3`/`in4` that is total and functional; nullary
`define-fun`s as named elements; `(prove F)` as targets, `(assert F)` as assumptions.
Bool is a set with two distinct constants `true` and `false`; a Bool term `p` in a formula
means `p = true`. A `match`/`ite` tree becomes one defining equation per leaf, in both
directions. Anything else is an `UnsupportedTIPError` naming the construct and its place.

>>> doc = read_sexps("(prove (= x |-2|)) ; a comment", "t.smt2")
>>> [show_sexp(d) for d in doc], doc[0].items[1].loc
(['(prove (= x |-2|))'], Loc(file='t.smt2', line=1, col=8))
>>> tip = translate('''(declare-datatype Nat ((Z) (S (p Nat))))
... (define-fun-rec +2 ((x Nat) (y Nat)) Nat (match x ((Z y) ((S z) (S (+2 z y))))))
... (prove (forall ((x Nat)) (= (+2 x Z) x)))''', "add.smt2")
>>> tip.names
{'+': '+2'}
>>> print(tip.mpl.split("target goal := ")[1].strip())
(>[x](in[x,Nat])(in3[x,Z,x,+]))
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import permutations
from pathlib import Path

from .ast import And, Atom, Decl, Definition, Expr, Forall, Loc, Not, Statement
from .errors import ImportFormatError, MPLSyntaxError, NestingError
from .logic import iter_atoms
from .names import MAX_NAME_LENGTH, is_identifier, shown
from .parser import MAX_DEPTH, parse_expr, parse_module
from .printer import decl_to_mpl
from .terms import Term, encode_graph, fresh_names, leaves, substitute, subterms


class UnsupportedTIPError(ImportFormatError):
    """A TIP construct outside the fragment gl imports (a second datatype, lists, `par`,
    `lambda`, selectors, `declare-fun`, other sorts, functions of more than 3 arguments)."""

    kind = "unsupported TIP construct"


# ---------------------------------------------------------------- s-expressions


@dataclass(frozen=True, slots=True)
class Symbol:
    """A leaf: a symbol (`quoted`: written `|...|`), a keyword, a numeral or a string
    (`string`: written `"..."`). `text` is what it says, without the quotes."""

    text: str
    quoted: bool = False
    string: bool = False
    loc: Loc = field(default=Loc("<string>", 1, 1), compare=False, repr=False)
    span: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class SList:
    """A parenthesized list; `span` is its (start, end) offset in the source text."""

    items: tuple[Sexp, ...]
    loc: Loc = field(default=Loc("<string>", 1, 1), compare=False, repr=False)
    span: tuple[int, int] = field(default=(0, 0), compare=False, repr=False)


Sexp = Symbol | SList

#: whitespace and comments (group 1), then one token (group 2)
_TOKEN = re.compile(r'((?:[ \t\r\n\f]+|;[^\n]*)*+)(\(|\)|\|[^|\\]*\||"(?:[^"]|"")*"|'
                    r"[A-Za-z0-9~!@$%^&*_\-+=<>.?/:']+|[^ \t\r\n\f])", re.S)
_BLANK = re.compile(r"(?:[ \t\r\n\f]+|;[^\n]*)*")
_SIMPLE = re.compile(r"[A-Za-z0-9~!@$%^&*_\-+=<>.?/:']+")


def read_sexps(text: str, file: str = "<string>") -> list[Sexp]:
    """The s-expressions of `text`, each node located; comments (`;` to the end of the
    line) are skipped. Errors are located `MPLSyntaxError`s (`NestingError` past
    MAX_DEPTH levels), never other exceptions.

    >>> read_sexps("(a (b", "x.smt2")
    Traceback (most recent call last):
    mpl_lang.errors.MPLSyntaxError: x.smt2:1:4: '(' is never closed
    """
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def loc(offset: int) -> Loc:
        line = bisect.bisect_right(starts, offset)
        return Loc(file, line, offset - starts[line - 1] + 1)

    def fail(message: str, offset: int, cls: type[MPLSyntaxError] = MPLSyntaxError) -> MPLSyntaxError:
        return cls(message, loc(offset)).with_excerpt(text)

    stack: list[tuple[int, list[Sexp]]] = [(-1, [])]
    pos = 0
    for m in _TOKEN.finditer(text):
        start, tok = m.start(2), m.group(2)
        if m.start() != pos:  # never skip text
            break
        pos = m.end()
        if tok == "(":
            if len(stack) > MAX_DEPTH:
                raise fail(f"s-expression nested deeper than {MAX_DEPTH} levels", start, NestingError)
            stack.append((start, []))
        elif tok == ")":
            if len(stack) == 1:
                raise fail("unexpected ')'", start)
            open_at, items = stack.pop()
            stack[-1][1].append(SList(tuple(items), loc(open_at), (open_at, m.end())))
        elif tok[0] == "|" and len(tok) > 1 and tok[-1] == "|":
            stack[-1][1].append(Symbol(tok[1:-1], True, False, loc(start), (start, m.end())))
        elif tok[0] == '"' and len(tok) > 1 and tok[-1] == '"':
            stack[-1][1].append(Symbol(tok[1:-1].replace('""', '"'), False, True, loc(start), (start, m.end())))
        elif _SIMPLE.fullmatch(tok):
            stack[-1][1].append(Symbol(tok, False, False, loc(start), (start, m.end())))
        elif tok in "|\"":
            raise fail(f"{'quoted symbol' if tok == '|' else 'string'} is never closed", start)
        else:
            raise fail(f"unexpected character {shown(tok)}", start)
    rest = _BLANK.match(text, pos).end()
    if rest < len(text):
        raise fail(f"unexpected character {shown(text[rest])}", rest)
    if len(stack) > 1:
        raise fail("'(' is never closed", stack[-1][0])
    return stack[0][1]


def show_sexp(e: Sexp) -> str:
    """Text that `read_sexps` reads back as `e` (one line).

    >>> show_sexp(SList((Symbol("a"), Symbol("b c", quoted=True), Symbol('x"y', string=True))))
    '(a |b c| "x""y")'
    """
    if isinstance(e, SList):
        return "(" + " ".join(show_sexp(x) for x in e.items) + ")"
    if e.string:
        return '"' + e.text.replace('"', '""') + '"'
    return f"|{e.text}|" if e.quoted or not _SIMPLE.fullmatch(e.text) else e.text


# ---------------------------------------------------------------- names


#: MPL's built-in predicates and the names the encoding itself uses
RESERVED = frozenset({"in", "in2", "in3", "in4", "=", "Bool", "true", "false"})
_WORDS = {"+": "plus", "-": "minus", "*": "times", "/": "div", "<": "lt", ">": "gt", "=": "eq",
          "^": "pow", "~": "tilde", "!": "not", "@": "at", "$": "dollar", "%": "pct", "?": "q",
          ".": "dot", "&": "and", "|": "bar", ":": "colon"}


def word(name: str) -> str:
    """A word (letters, digits, `_`, `'`) for a TIP name, for declaration names.

    >>> word("+2"), word("proj1-S"), word("<="), word("a.b")
    ('plus_2', 'proj1_minus_S', 'lt_eq', 'a_dot_b')
    """
    parts = [p if _WORD.fullmatch(p) else _WORDS.get(p, "x") for p in _WORD_PARTS.findall(name)]
    out = "_".join(parts)[:MAX_NAME_LENGTH - 4] or "x"
    return out if out[0] != "'" else "x" + out


_WORD = re.compile(r"[A-Za-z0-9_']+")
_WORD_PARTS = re.compile(r"[A-Za-z0-9_']+|.", re.S)


class _Namer:
    """MPL names for TIP symbols, deterministic: a TIP name that is an MPL identifier is
    kept; a symbol with a numeric suffix (`+2`, `|-2|`, `<=2`) becomes its symbol part
    when free; anything else its `word`, numbered when taken."""

    def __init__(self, tip_names: list[str]) -> None:
        self.taken = set(RESERVED) | {n for n in tip_names if is_identifier(n)}
        self.mpl: dict[str, str] = {}

    def name(self, tip: str) -> str:
        if tip in self.mpl:
            return self.mpl[tip]
        if is_identifier(tip) and tip not in RESERVED:
            out = tip
        else:
            stem = tip.rstrip("0123456789")
            out = stem if stem != tip and is_identifier(stem) and stem not in self.taken else _numbered(word(tip), self.taken)
        self.taken.add(out)
        self.mpl[tip] = out
        return out


def _numbered(base: str, taken: set[str]) -> str:
    """`base`, or `base_2`, `base_3`, ... : the first one not in `taken`."""
    out, i = base, 1
    while out in taken:
        i += 1
        out = f"{base}_{i}"
    return out


# ---------------------------------------------------------------- the translation


@dataclass(frozen=True)
class _Fun:
    """A function of the problem (a constructor, a defined function or an element)."""

    name: str  # its MPL name
    args: tuple[str, ...]  # argument sorts
    sort: str  # result sort


@dataclass(frozen=True)
class _Lit:
    """`lhs = rhs` (or `lhs ≠ rhs`) between terms."""

    positive: bool
    lhs: Term
    rhs: Term

    def sub(self, mapping: dict[str, Term]) -> _Lit:
        return _Lit(self.positive, substitute(self.lhs, mapping), substitute(self.rhs, mapping))


@dataclass(frozen=True)
class _Branch:
    """One case of a `match`/`ite` tree: variables replaced by patterns, conditions met."""

    subst: tuple[tuple[str, Term], ...] = ()
    conds: tuple[_Lit, ...] = ()

    def bind(self, var: str, term: Term) -> _Branch:
        m = {var: term}
        return _Branch(tuple((v, substitute(t, m)) for v, t in self.subst) + ((var, term),), self.conds)

    def given(self, *lits: _Lit) -> _Branch:
        return _Branch(self.subst, self.conds + lits)

    def resolve(self, t: Term) -> Term:
        return substitute(t, dict(self.subst))


@dataclass
class _Clause:
    """A statement in the making: universal variables, conditions (the branch) and one
    conclusion literal."""

    vars: list[str]
    branch: _Branch
    concl: _Lit


@dataclass
class TipImport:
    """A translated TIP problem: the MPL text, the declarations it parses to (located at
    the TIP commands they come from) and the names that differ (MPL name -> TIP name)."""

    mpl: str
    decls: list[Decl]
    names: dict[str, str]


#: letters for the names of sub-term values in statements
_LETTERS = "abcdefghjklmnopqrtuvw"
#: cases one definition or statement may split into (a `match`/`ite` tree's leaves)
MAX_CASES = 1000
_IGNORED = frozenset({"set-logic", "set-info", "set-option", "check-sat", "exit", "get-model"})
_LOGIC = frozenset({"and", "or", "not", "=>", "=", "distinct", "ite", "forall", "exists", "xor"})

#: arity -> (name, parameters, comment, body) of the definition that makes f a total function
_HELPERS = {
    1: ("fXY", "f,X,Y", "f is a total function from X to Y.",
        "(&(>[x,y](in2[x,y,f])(&(in[x,X])(in[y,Y])))(>[x](in[x,X])!(>[y](in[y,Y])!(in2[x,y,f])))"
        "(>[x](in[x,X])(>[y1,y2](&(in2[x,y1,f])(in2[x,y2,f]))(=[y1,y2]))))"),
    2: ("fXYZ", "f,X,Y,Z", "f is a total function from X × Y to Z.",
        "(&(>[x,y,z](in3[x,y,z,f])(&(in[x,X])(in[y,Y])(in[z,Z])))"
        "(>[x,y](&(in[x,X])(in[y,Y]))!(>[z](in[z,Z])!(in3[x,y,z,f])))"
        "(>[x,y](&(in[x,X])(in[y,Y]))(>[z1,z2](&(in3[x,y,z1,f])(in3[x,y,z2,f]))(=[z1,z2]))))"),
    3: ("fXYZW", "f,X,Y,Z,W", "f is a total function from X × Y × Z to W.",
        "(&(>[x,y,z,w](in4[x,y,z,w,f])(&(in[x,X])(in[y,Y])(in[z,Z])(in[w,W])))"
        "(>[x,y,z](&(in[x,X])(in[y,Y])(in[z,Z]))!(>[w](in[w,W])!(in4[x,y,z,w,f])))"
        "(>[x,y,z](&(in[x,X])(in[y,Y])(in[z,Z]))(>[w1,w2](&(in4[x,y,z,w1,f])(in4[x,y,z,w2,f]))(=[w1,w2]))))"),
    0: ("Booleans", "Bool,true,false", "Bool has exactly two values, true and false.",
        "(&(in[true,Bool])(in[false,Bool])!(=[true,false])(>[b](in[b,Bool])(>[]!(=[b,true])(=[b,false]))))"),
}


def _helper(key: int) -> tuple[str, str]:
    """The comment and pretty MPL text of a helper definition."""
    name, params, comment, body = _HELPERS[key]
    return comment, decl_to_mpl(Definition(name, tuple(params.split(",")), parse_expr(body)), pretty=True)


def translate(text: str, file: str = "<string>") -> TipImport:
    """The MPL theory of the TIP problem `text` (read from `file`)."""
    return _Translator(text, file).run()


def read_tip(path: str | Path, text: str) -> list[Decl]:
    """The MPL declarations of the TIP file `path` with contents `text` (what `load` uses)."""
    return translate(text, str(path)).decls


class _Translator:
    def __init__(self, text: str, file: str) -> None:
        self.text, self.file = text, file
        self.commands = read_sexps(text, file)
        self.namer = _Namer(_constant_names(self.commands))
        self.nat: tuple[str, str] | None = None  # (TIP name, MPL name) of the datatype
        self.ctors: list[_Fun] = []  # its base and successor
        self.funs: dict[str, _Fun] = {}  # TIP name -> function (constructors included)
        self.selectors: set[str] = set()
        self.constants: list[str] = []  # the anchor's parameters, in order
        self.all_constants = {*RESERVED, *(self.namer.name(n) for n in _constant_names(self.commands))}
        self.defs: list[tuple[Sexp, str, Definition]] = []  # (TIP command, comment, definition)
        self.statements: list[tuple[Sexp, Statement]] = []
        self.decl_names: set[str] = {"TIP", *(h[0] for h in _HELPERS.values())}

    # ------------------------------------------------------------ errors and names

    def error(self, node: Sexp, message: str) -> ImportFormatError:
        return ImportFormatError(message, node.loc).with_excerpt(self.text)

    def unsupported(self, node: Sexp, construct: str, why: str) -> UnsupportedTIPError:
        return UnsupportedTIPError(f"unsupported TIP construct {shown(construct)}: {why}",
                                   node.loc).with_excerpt(self.text)

    def constant(self, tip: str) -> str:
        name = self.namer.name(tip)
        self.constants.append(name)
        return name

    def use_bool(self) -> None:
        """Bool, true and false become constants (after the datatype's) when first used."""
        if "Bool" not in self.constants:
            self.constants[3:3] = ["Bool", "true", "false"]

    def decl_name(self, base: str) -> str:
        name = _numbered(base, self.decl_names)
        self.decl_names.add(name)
        return name

    # ------------------------------------------------------------ commands

    def run(self) -> TipImport:
        for cmd in self.commands:
            if not isinstance(cmd, SList) or not cmd.items or not isinstance(cmd.items[0], Symbol):
                raise self.error(cmd, "expected a command such as (define-fun-rec ...)")
            head = cmd.items[0].text
            if head in _IGNORED:
                continue
            handler = {"declare-datatype": self.datatype, "declare-datatypes": self.datatypes,
                       "define-fun": self.function, "define-fun-rec": self.function,
                       "prove": self.statement, "assert": self.statement}.get(head)
            if handler is None:
                raise self.unsupported(cmd, head, "gl imports declare-datatype, define-fun, "
                                       "define-fun-rec, prove and assert")
            if head not in ("declare-datatype", "declare-datatypes") and self.nat is None:
                raise self.error(cmd, "the natural-number datatype must be declared first")
            handler(cmd)
        return self.finish()

    def datatype(self, cmd: SList) -> None:
        if len(cmd.items) != 3 or not isinstance(cmd.items[1], Symbol):
            raise self.error(cmd, "expected (declare-datatype NAME (CONSTRUCTORS))")
        self.declare_nat(cmd, cmd.items[1], cmd.items[2])

    def datatypes(self, cmd: SList) -> None:
        """SMT-LIB's general form `(declare-datatypes ((Nat 0)) ((CONSTRUCTORS)))`, for one datatype."""
        if len(cmd.items) != 3 or not all(isinstance(x, SList) for x in cmd.items[1:]):
            raise self.error(cmd, "expected (declare-datatypes ((NAME 0)) ((CONSTRUCTORS)))")
        heads, bodies = cmd.items[1].items, cmd.items[2].items
        if len(heads) != 1 or len(bodies) != 1:
            raise self.unsupported(cmd, "declare-datatypes", "gl imports one datatype, not several")
        head = heads[0]
        if not (isinstance(head, SList) and len(head.items) == 2 and isinstance(head.items[0], Symbol)
                and head.items[1] == Symbol("0")):
            raise self.unsupported(head, "declare-datatypes", "a parametric datatype")
        self.declare_nat(cmd, head.items[0], bodies[0])

    def declare_nat(self, cmd: SList, name: Symbol, body: Sexp) -> None:
        """The one datatype: a constant and a unary successor over it."""
        if self.nat is not None:
            raise self.unsupported(cmd, cmd.items[0].text, "a second datatype (gl imports one "
                                   "natural-number datatype)")
        if _head(body) == "par":
            raise self.unsupported(body, "par", "polymorphic datatypes")
        shapes = [_constructor(c) for c in body.items] if isinstance(body, SList) else []
        if (len(shapes) != 2 or None in shapes or sorted(len(s[1]) for s in shapes) != [0, 1]
                or next(s for s in shapes if s[1])[1][0][1] != Symbol(name.text)):
            raise self.unsupported(body, name.text, "gl imports a natural-number datatype, "
                                   f"written ((Z) (S (p {name.text}))) with any names")
        base, succ = sorted(shapes, key=lambda s: len(s[1]))
        if len({name.text, base[0].text, succ[0].text}) < 3:
            raise self.error(body, "the datatype and its two constructors need three different names")
        nat = self.constant(name.text)
        self.nat = (name.text, nat)
        z, s = self.constant(base[0].text), self.constant(succ[0].text)
        self.ctors = [_Fun(z, (), nat), _Fun(s, (nat,), nat)]
        self.funs[base[0].text], self.funs[succ[0].text] = self.ctors
        self.selectors.add(succ[1][0][0].text)
        body_expr = And((Atom("in", (z, nat)), Atom("fXY", (s, nat, nat)),
                         Forall(("n",), Atom("in", ("n", nat)), Not(Atom("in2", ("n", z, s)))),
                         Forall(("m",), Atom("in", ("m", nat)),
                                Forall(("n1", "n2"), And((Atom("in2", ("n1", "m", s)), Atom("in2", ("n2", "m", s)))),
                                       Atom("=", ("n1", "n2"))))))
        self.defs.append((cmd, f"{nat} is generated by {z} and {s}: {s} is a total injective "
                          f"function on {nat} and {s}(n) ≠ {z}.",
                          Definition(self.decl_name(f"Datatype_{word(name.text)}"), (nat, z, s), body_expr)))

    def sort(self, node: Sexp) -> str:
        if isinstance(node, Symbol) and node.text == "Bool" and not node.quoted:
            self.use_bool()
            return "Bool"
        if isinstance(node, Symbol) and node.text == self.nat[0]:
            return self.nat[1]
        what = node.text if isinstance(node, Symbol) else _head(node)
        raise self.unsupported(node, what, f"sorts are {self.nat[0]} and Bool")

    def function(self, cmd: SList) -> None:
        items = cmd.items
        if len(items) >= 2 and _head(items[1]) == "par":
            raise self.unsupported(items[1], "par", "polymorphic functions")
        if len(items) != 5 or not isinstance(items[1], Symbol) or not isinstance(items[2], SList):
            raise self.error(cmd, f"expected ({items[0].text} NAME ((x SORT) ...) SORT BODY)")
        tip_name = items[1].text
        if tip_name in self.funs or tip_name in self.selectors or tip_name == self.nat[0]:
            raise self.error(items[1], f"{shown(tip_name)} is defined twice")
        params = [self.binding(b) for b in items[2].items]
        if len({p for p, _ in params}) < len(params):
            raise self.error(items[2], "a parameter name appears twice")
        result = self.sort(items[3])
        if len(params) > 3:
            raise self.unsupported(cmd, items[0].text, f"{shown(tip_name)} has {len(params)} arguments "
                                   "(gl's graph relations in2, in3, in4 take functions of 1 to 3)")
        name = self.constant(tip_name)
        fun = _Fun(name, tuple(s for _, s in params), result)
        if params:  # an element's body cannot use the element
            self.funs[tip_name] = fun
        names = _Names(self.all_constants)
        env = {tip: names.fresh(tip, s) for tip, s in params}
        cases = self.term(items[4], env, _Branch(), names)
        if params and not _terminates(name, [env[tip][0] for tip, _ in params], cases):
            raise self.unsupported(cmd, items[0].text, f"no argument of {shown(tip_name)} (nor a lexicographic "
                                   "order of them) gets structurally smaller in every recursive call, so it "
                                   "may not terminate, and its equations could contradict the datatype")
        self.funs[tip_name] = fun
        parts: list[Expr] = [Atom(_HELPERS[len(params)][0], (name, *fun.args, result)) if params
                             else Atom("in", (name, result))]
        lhs: Term = (name, *(env[tip][0] for tip, _ in params)) if params else name
        arg_vars = [env[tip][0] for tip, _ in params]
        for br, value, sort in cases:
            self.check_sort(items[4], sort, result)
            parts.append(_statement(_Clause(arg_vars, br, _Lit(True, value, lhs)), names.sorts, self.all_constants))
            if params:  # and the other direction, so that forward chaining can use the value
                parts.append(_statement(_Clause(arg_vars, br, _Lit(True, lhs, value)), names.sorts,
                                        self.all_constants, compact=False))
        what = f"the function {name}" if params else f"the element {name}"
        body: Expr = parts[0] if len(parts) == 1 else And(tuple(parts))
        comment = (f"{what}: {_HELPERS[len(params)][0]}, then each case as an equation, both ways"
                   if params else f"{what} and its value")
        self.defs.append((cmd, comment, Definition(
            self.decl_name(("Fun_" if params else "Element_") + word(tip_name)),
            self.params(body, first=name), body)))

    def params(self, body: Expr, first: str) -> tuple[str, ...]:
        used = {a for atom in iter_atoms(body) for a in atom.args}
        return (first, *(c for c in self.constants if c in used and c != first))

    def binding(self, node: Sexp) -> tuple[str, str]:
        if not (isinstance(node, SList) and len(node.items) == 2 and isinstance(node.items[0], Symbol)):
            raise self.error(node, "expected a binding (NAME SORT)")
        return node.items[0].text, self.sort(node.items[1])

    def statement(self, cmd: SList) -> None:
        kind = "target" if cmd.items[0].text == "prove" else "assume"
        if len(cmd.items) != 2:
            raise self.error(cmd, f"expected ({cmd.items[0].text} FORMULA)")
        names = _Names(self.all_constants)
        for clause in self.clauses(cmd.items[1], {}, _Branch(), [], names):
            formula = _statement(clause, names.sorts, self.all_constants)
            self.statements.append((cmd, Statement(self.decl_name("goal" if kind == "target" else "given"),
                                                   kind, formula)))

    # ------------------------------------------------------------ terms

    def check_sort(self, node: Sexp, got: str, want: str) -> None:
        if got != want:
            raise self.error(node, f"sort mismatch: {show_sexp(node)[:60]} is {got}, expected {want}")

    def term(self, node: Sexp, env: dict[str, tuple[Term, str]], br: _Branch,
             names: _Names) -> list[tuple[_Branch, Term, str]]:
        """The cases of a term: (branch, term, sort), one per leaf of its match/ite tree."""
        if isinstance(node, Symbol):
            if node.string or (not node.quoted and node.text[:1].isdigit()):
                raise self.unsupported(node, node.text, "literals other than true and false")
            if node.text in env:
                return [(br, *env[node.text])]
            if node.text in ("true", "false") and not node.quoted:
                self.use_bool()
                return [(br, node.text, "Bool")]
            fun = self.funs.get(node.text)
            if fun is not None and not fun.args:
                return [(br, fun.name, fun.sort)]
            raise self.unknown(node, node.text, 0)
        if not node.items:
            raise self.error(node, "expected a term, got ()")
        head = _head(node)
        args = node.items[1:]
        if head == "ite" and len(args) == 3:
            out = []
            for positive, branch in ((True, args[1]), (False, args[2])):
                for br1, lits in self.literals(args[0], env, br, names, positive):
                    if len(lits) != 1:
                        raise self.unsupported(args[0], _head(args[0]), "an ite condition is one literal")
                    out = self.bounded(node, out + self.term(branch, env, br1.given(*lits), names))
            return out
        if head == "match" and len(args) == 2 and isinstance(args[1], SList):
            return self.match(node, args[0], args[1], env, br, names)
        if head in ("not", "=", "distinct"):  # a formula as a Bool value: true where it holds
            out = []
            for positive, value in ((True, "true"), (False, "false")):
                for br1, lits in self.literals(node, env, br, names, positive):
                    if len(lits) != 1:
                        raise self.unsupported(node, head, "as a value, only a literal")
                    out = self.bounded(node, [*out, (br1.given(*lits), value, "Bool")])
            self.use_bool()
            return out
        if isinstance(node.items[0], Symbol) and node.items[0].text in self.funs:
            fun = self.funs[node.items[0].text]
            if len(args) != len(fun.args) or not args:
                raise self.error(node, f"{shown(node.items[0].text)} takes {len(fun.args)} "
                                 f"argument{'s' * (len(fun.args) != 1)}, got {len(args)}")
            out = []
            for br1, ts in self.arguments(list(zip(args, fun.args)), env, br, names):
                out.append((br1, (fun.name, *ts), fun.sort))
                self.bounded(node, out)
            return out
        raise self.unknown(node.items[0] if isinstance(node.items[0], Symbol) else node, head, len(args))

    def arguments(self, args: list[tuple[Sexp, str]], env: dict[str, tuple[Term, str]], br: _Branch,
                  names: _Names) -> Iterator[tuple[_Branch, list[Term]]]:
        if not args:
            yield br, []
            return
        (node, want), rest = args[0], args[1:]
        for br1, t, sort in self.term(node, env, br, names):
            self.check_sort(node, sort, want)
            for br2, ts in self.arguments(rest, env, br1, names):
                yield br2, [t, *ts]

    def bounded(self, node: Sexp, cases: list) -> list:
        """`cases`, unless there are more than MAX_CASES (a located error)."""
        if len(cases) > MAX_CASES:
            raise self.error(node, f"more than {MAX_CASES:,} cases (match/ite leaves)")
        return cases

    def unknown(self, node: Sexp, name: str, arity: int) -> ImportFormatError:
        if name in self.selectors:
            return self.unsupported(node, name, "selectors (write a match instead)")
        if name in ("let", "lambda", "@", "as", "_", "par", "exists", "choose") or name in _LOGIC:
            return self.unsupported(node, name, "not in the fragment gl imports" if name not in _LOGIC
                                    else "a formula where a term is expected")
        fun = self.funs.get(name)
        if fun is not None:
            return self.error(node, f"{shown(name)} takes {len(fun.args)} argument"
                              f"{'s' * (len(fun.args) != 1)}, got {arity}")
        return self.error(node, f"unknown symbol {shown(name)}")

    def match(self, node: SList, scrutinee: Sexp, cases: SList, env: dict[str, tuple[Term, str]],
              br: _Branch, names: _Names) -> list[tuple[_Branch, Term, str]]:
        out = []
        for br1, t, sort in self.term(scrutinee, env, br, names):
            t = br1.resolve(t)
            ctors = self.ctors if sort == self.nat[1] else [_Fun("true", (), "Bool"), _Fun("false", (), "Bool")]
            left = list(ctors)
            for case in cases.items:
                if not (isinstance(case, SList) and len(case.items) == 2):
                    raise self.error(case, "expected a match case (PATTERN BODY)")
                pattern, body = case.items
                for ctor, fields in self.pattern(pattern, left, sort):
                    left.remove(ctor)
                    vars_ = [names.fresh(f.text if f.text != "_" else "n", self.nat[1]) for f in fields]
                    p: Term = (ctor.name, *(v for v, _ in vars_)) if ctor.args else ctor.name
                    env1 = dict(env)
                    env1.update({f.text: v for f, v in zip(fields, vars_) if f.text != "_"})
                    value = p  # what the scrutinee is in this case
                    if isinstance(t, str) and t in names.sorts:  # a variable: it is the pattern
                        br2 = br1.bind(t, p)
                    elif _constructor_term(t, ctors):  # a constructor term: this case or none
                        if (t if isinstance(t, str) else t[0]) != ctor.name:
                            continue
                        if not isinstance(t, str):
                            env1.update({f.text: (a, self.nat[1]) for f, a in zip(fields, t[1:])})
                        br2, value = br1, t
                    else:  # another term: its value is the pattern
                        br2 = br1.given(_Lit(True, t, p))
                    if isinstance(pattern, Symbol) and pattern.text not in (*self.funs, "_", "true", "false"):
                        env1[pattern.text] = (value, sort)  # a variable pattern names the value
                    out = self.bounded(node, out + self.term(body, env1, br2, names))
        return out

    def pattern(self, pattern: Sexp, left: list[_Fun], sort: str) -> list[tuple[_Fun, tuple[Sexp, ...]]]:
        """The constructors (still uncovered) a pattern covers, with its field names."""
        if isinstance(pattern, SList):
            head = pattern.items[0] if pattern.items else pattern
            fun = self.funs.get(head.text) if isinstance(head, Symbol) else None
            if fun not in self.ctors or sort != self.nat[1] or len(pattern.items) - 1 != len(fun.args):
                raise self.error(pattern, f"pattern {show_sexp(pattern)[:60]} is not a constructor "
                                 "with variables")
            if any(not isinstance(f, Symbol) for f in pattern.items[1:]):
                raise self.unsupported(pattern, "match", "nested patterns")
            return [(fun, pattern.items[1:])] if fun in left else []
        fun = self.funs.get(pattern.text) if sort == self.nat[1] else None
        if fun in self.ctors:
            if fun.args:
                raise self.error(pattern, f"constructor {shown(pattern.text)} needs its fields")
            return [(fun, ())] if fun in left else []
        if sort != self.nat[1] and pattern.text in ("true", "false"):
            return [(f, ()) for f in left if f.name == pattern.text]
        # `_` or a variable: every constructor left, with fresh fields
        return [(f, tuple(Symbol("_") for _ in f.args)) for f in left]

    # ------------------------------------------------------------ formulas

    def literals(self, node: Sexp, env: dict[str, tuple[Term, str]], br: _Branch, names: _Names,
                 positive: bool = True) -> list[tuple[_Branch, list[_Lit]]]:
        """The cases of an atomic formula (a Bool term, an equation, `distinct`, `not` of
        one): per case the literals it is the conjunction of."""
        head = _head(node) if isinstance(node, SList) else None
        args = node.items[1:] if isinstance(node, SList) else ()
        if head == "not" and len(args) == 1:
            return self.literals(args[0], env, br, names, not positive)
        if head in ("=", "distinct") and len(args) >= 2:
            pairs = list(zip(args, args[1:])) if head == "=" else \
                [(a, b) for i, a in enumerate(args) for b in args[i + 1:]]
            equal = (head == "=") == positive
            if len(pairs) > 1 and not positive:
                raise self.unsupported(node, head, f"the negation of a {len(args)}-way {head} is a disjunction")
            out = [(br, [])]
            for a, b in pairs:
                step = []
                for br1, lits in out:
                    for br2, ta, sa in self.term(a, env, br1, names):
                        for br3, tb, sb in self.term(b, env, br2, names):
                            self.check_sort(b, sb, sa)
                            step.append((br3, [*lits, _equation(equal, ta, tb)]))
                            self.bounded(node, step)
                out = step
            return out
        if head in _LOGIC:
            raise self.unsupported(node, head, "here gl expects a literal (an equation or a Bool term)")
        out = []
        for br1, t, sort in self.term(node, env, br, names):
            self.check_sort(node, sort, "Bool")
            self.use_bool()
            out.append((br1, [_Lit(True, t, "true" if positive else "false")]))
        return out

    def clauses(self, node: Sexp, env: dict[str, tuple[Term, str]], br: _Branch, vars_: list[str],
                names: _Names) -> list[_Clause]:
        """A goal or assumption as statements ∀x̄: H → L, each with one literal L."""
        head = _head(node) if isinstance(node, SList) else None
        args = node.items[1:] if isinstance(node, SList) else ()
        if head == "forall" and len(args) == 2 and isinstance(args[0], SList):
            env1 = dict(env)
            new = []
            for b in args[0].items:
                tip, sort = self.binding(b)
                env1[tip] = names.fresh(tip, sort)
                new.append(env1[tip][0])
            return self.clauses(args[1], env1, br, vars_ + new, names)
        if head == "=>" and len(args) >= 2:
            cases = [br]
            for hyp in args[:-1]:
                cases = self.bounded(hyp, [br2 for br1 in cases for br2 in self.hypotheses(hyp, env, br1, names)])
            return [c for br1 in cases for c in self.clauses(args[-1], env, br1, vars_, names)]
        if head == "and":
            return [c for part in args for c in self.clauses(part, env, br, vars_, names)]
        if head == "or" and args:
            cases = [br]
            for part in args[:-1]:
                cases = self.bounded(part, [br2.given(*lits) for br1 in cases
                                            for br2, lits in self.one_literal(part, env, br1, names, "or", False)])
            return [c for br1 in cases for c in self.clauses(args[-1], env, br1, vars_, names)]
        if head == "ite" and len(args) == 3:
            return [c for positive, part in ((True, args[1]), (False, args[2]))
                    for br1, lits in self.one_literal(args[0], env, br, names, "ite", positive)
                    for c in self.clauses(part, env, br1.given(*lits), vars_, names)]
        if head == "not" and len(args) == 1 and _head(args[0]) in _LOGIC - {"=", "distinct", "not"}:
            raise self.unsupported(node, "not", f"the negation of {_head(args[0])!r}")
        if head in ("exists", "let", "lambda"):
            raise self.unsupported(node, head, "not in the fragment gl imports")
        return [_Clause(vars_, br1, lit) for br1, lits in self.literals(node, env, br, names) for lit in lits]

    def one_literal(self, node: Sexp, env: dict[str, tuple[Term, str]], br: _Branch, names: _Names,
                    where: str, positive: bool) -> list[tuple[_Branch, list[_Lit]]]:
        out = self.literals(node, env, br, names, positive)
        if any(len(lits) != 1 for _, lits in out):
            raise self.unsupported(node, where, "only literals can be moved into the hypotheses")
        return out

    def hypotheses(self, node: Sexp, env: dict[str, tuple[Term, str]], br: _Branch,
                   names: _Names) -> list[_Branch]:
        if _head(node) == "and":
            cases = [br]
            for part in node.items[1:]:
                cases = self.bounded(part, [br2 for br1 in cases for br2 in self.hypotheses(part, env, br1, names)])
            return cases
        if _head(node) in ("or", "=>", "forall", "exists", "ite"):
            raise self.unsupported(node, _head(node), "a hypothesis must be a literal or a conjunction")
        return [br1.given(*lits) for br1, lits in self.literals(node, env, br, names)]

    # ------------------------------------------------------------ the MPL text

    def finish(self) -> TipImport:
        """The MPL text: helper definitions, one block per TIP definition (its TIP text as
        a comment), the anchor and induction, then the statements; and its declarations."""
        if self.nat is None:
            raise ImportFormatError("no datatype declared (gl imports problems over one "
                                    "natural-number datatype)", Loc(self.file, 1, 1))
        nat, z, s = self.constants[:3]
        renamed = {m: t for t, m in self.namer.mpl.items() if m != t}
        lines = [f"# The TIP problem {self.file}, imported by gl (mpl_lang/tip.py; README.md, 'TIP input').",
                 "# (in[x,X]) x ∈ X; (in2[x,y,f]) f(x) = y; (in3[x,y,z,f]) f(x,y) = z; (in4[x,y,z,w,f]) f(x,y,z) = w."]
        if renamed:
            lines.append("# Names: " + "; ".join(f"TIP {t} is {m}" for m, t in sorted(renamed.items())))
        first = self.defs[0][0].loc
        locs: list[Loc] = []
        helpers = sorted({len(f.args) for f in self.funs.values()} - {0}) + [0] * ("Bool" in self.constants)
        for key in helpers:
            comment, text = _helper(key)
            lines += ["", f"# {comment}", text]
            locs.append(first)
        for cmd, comment, d in self.defs:
            lines += ["", *self.source(cmd), f"# {comment}", decl_to_mpl(d, pretty=True)]
            locs.append(cmd.loc)
        parts = [Atom(d.name, d.params) for _, _, d in self.defs]
        if "Bool" in self.constants:
            parts.insert(1, Atom("Booleans", ("Bool", "true", "false")))
        anchor = Definition("TIP", tuple(self.constants), And(tuple(parts)) if len(parts) > 1 else parts[0], True)
        lines += ["", "# The theory: its constants, and the definitions above as its axioms.",
                  decl_to_mpl(anchor, pretty=True), f"induction {nat} from {z} by {s}"]
        locs += [first, first]
        shown_cmd = None
        for cmd, st in self.statements:
            if cmd is not shown_cmd:
                lines += ["", *self.source(cmd)]
                shown_cmd = cmd
            lines.append(decl_to_mpl(st, pretty=True))
            locs.append(cmd.loc)
        text = "\n".join(lines) + "\n"
        decls = parse_module(text, f"{self.file} (as MPL)").decls
        return TipImport(text, [replace(d, loc=loc) for d, loc in zip(decls, locs)], renamed)

    def source(self, cmd: Sexp) -> list[str]:
        """The TIP text of a command, as comment lines."""
        return [f"# {line}".rstrip() for line in self.text[cmd.span[0]:cmd.span[1]].split("\n")]


class _Names:
    """Variable names for one definition or statement: TIP's names where free, numbered
    otherwise; never a constant of the theory."""

    def __init__(self, constants: set[str]) -> None:
        self.constants = constants
        self.sorts: dict[str, str] = {}

    def fresh(self, tip: str, sort: str) -> tuple[str, str]:
        base = tip if is_identifier(tip) and tip[0].isalpha() else word(tip)
        name = _numbered(base, {*self.constants, *self.sorts})
        self.sorts[name] = sort
        return name, sort


def _equation(equal: bool, left: Term, right: Term) -> _Lit:
    """`left = right` (or ≠). A Bool value is true or false, so `p ≠ true` is stated as
    `p = false` (and the other way round): a positive fact, which forward chaining meets.

    >>> _equation(False, ("even", "x"), "true")
    _Lit(positive=True, lhs=('even', 'x'), rhs='false')
    """
    flip = {"true": "false", "false": "true"}
    if not equal and right in flip:
        return _Lit(True, left, flip[right])
    if not equal and left in flip:
        return _Lit(True, right, flip[left])
    return _Lit(equal, left, right)


def _statement(clause: _Clause, sorts: dict[str, str], constants: set[str], compact: bool = True) -> Expr:
    """The MPL statement ∀x̄: H → L of a clause (its branch's substitution applied): every
    compound sub-term is named by a fresh variable and its graph atom (a hypothesis);
    variables in no positive graph hypothesis are typed (`in[x,Nat]`). With `compact`, `f(ā) = v`
    for a variable or constant `v` is the graph atom itself; otherwise the left side is
    named and equated to `v`."""
    sub = dict(clause.branch.subst)
    conds = [c.sub(sub) for c in clause.branch.conds]
    concl_lit = clause.concl.sub(sub)
    declared = [x for v in clause.vars for x in leaves(substitute(v, sub)) if x in sorts]
    used = [x for lit in [*conds, concl_lit] for t in (lit.lhs, lit.rhs) for x in leaves(t) if x in sorts]
    vars_ = list(dict.fromkeys(declared + used))
    supply = fresh_names({*constants, *sorts}, _LETTERS)
    named: dict[Term, str] = {}
    hyps: list[Expr] = []
    values: list[str] = []

    def name(t: Term) -> str:
        if isinstance(t, str):
            return t
        if t not in named:
            ins = tuple(name(a) for a in t[1:])
            named[t] = out = next(supply)
            values.append(out)
            hyps.append(Atom(*encode_graph(t[0], ins, out)))
        return named[t]

    def atom(lit: _Lit, compact: bool) -> Expr:
        left, right = lit.lhs, lit.rhs
        if not isinstance(right, str):
            value = name(left)
            a = Atom(*encode_graph(right[0], tuple(name(x) for x in right[1:]), value))
        elif not isinstance(left, str) and compact:
            a = Atom(*encode_graph(left[0], tuple(name(x) for x in left[1:]), right))
        else:
            a = Atom("=", (name(left), right))
        return a if lit.positive else Not(a)

    for c in conds:
        hyps.append(atom(c, True))
    concl = atom(concl_lit, compact)
    # a positive graph or membership hypothesis types its arguments (the typing axioms);
    # every other variable is typed explicitly, so that it ranges over its sort only
    typed = {x for h in hyps if isinstance(h, Atom) and h.name != "=" for x in h.args}
    hyps += [Atom("in", (v, sorts[v])) for v in vars_ if v not in typed]
    if not hyps:
        return concl
    return Forall(tuple(vars_ + values), hyps[0] if len(hyps) == 1 else And(tuple(hyps)), concl)


# ---------------------------------------------------------------- helpers


def _terminates(name: str, params: list[str], cases: list[tuple[_Branch, Term, str]]) -> bool:
    """Whether every call of `name` in `cases` (its values and their conditions) decreases
    in some lexicographic order of its arguments: each argument before the deciding one is
    the case's own, the deciding one a proper sub-term of the case's pattern for it.

    >>> x, z = "x", "z"
    >>> _terminates("f", [x], [(_Branch(((x, ("S", z)),)), ("S", ("f", z)), "Nat")])
    True
    >>> _terminates("f", [x], [(_Branch(), ("S", ("f", x)), "Nat")])
    False
    """
    calls = [(br, call) for br, value, _ in cases
             for t in (value, *(side for lit in br.conds for side in (lit.lhs, lit.rhs)))
             for call in subterms(br.resolve(t)) if not isinstance(call, str) and call[0] == name]

    def smaller(br: _Branch, call: tuple, order: tuple[int, ...]) -> bool:
        for i in order:
            own = br.resolve(params[i])
            if call[i + 1] != own:
                return call[i + 1] in list(subterms(own))[1:]
        return False

    return any(all(smaller(br, call, order) for br, call in calls) for order in permutations(range(len(params))))


def _head(node: Sexp) -> str:
    """The name a list starts with ('' when it does not start with a symbol)."""
    if isinstance(node, SList) and node.items:
        first = node.items[0]
        return first.text if isinstance(first, Symbol) else _head(first)
    return ""


def _constructor(node: Sexp) -> tuple[Symbol, list[tuple[Symbol, Sexp]]] | None:
    """(name, [(selector, sort)]) of a constructor declaration `(C (sel Sort) ...)`."""
    if not (isinstance(node, SList) and node.items and isinstance(node.items[0], Symbol)):
        return None
    fields = []
    for f in node.items[1:]:
        if not (isinstance(f, SList) and len(f.items) == 2 and isinstance(f.items[0], Symbol)):
            return None
        fields.append((f.items[0], f.items[1]))
    return node.items[0], fields


def _constructor_term(t: Term, ctors: list[_Fun]) -> bool:
    return (t if isinstance(t, str) else t[0]) in {c.name for c in ctors}


def _constant_names(commands: list[Sexp]) -> list[str]:
    """The TIP names of the datatypes, constructors and functions a problem declares."""
    out: list[str] = []
    for cmd in commands:
        head, items = _head(cmd), cmd.items if isinstance(cmd, SList) else ()
        if head in ("define-fun", "define-fun-rec") and len(items) > 1 and isinstance(items[1], Symbol):
            out.append(items[1].text)
        elif head in ("declare-datatype", "declare-datatypes") and len(items) == 3:
            names = [items[1]] if head == "declare-datatype" else [
                h.items[0] for h in items[1].items if isinstance(h, SList) and h.items] if isinstance(items[1], SList) else []
            bodies = [items[2]] if head == "declare-datatype" else items[2].items if isinstance(items[2], SList) else []
            out += [n.text for n in names if isinstance(n, Symbol)]
            out += [c.items[0].text for b in bodies if isinstance(b, SList) for c in b.items
                    if isinstance(c, SList) and c.items and isinstance(c.items[0], Symbol)]
    return out
