"""Parse MPL text into the AST (`mpl_lang.ast`): lark grammar + a small transformer.

>>> parse_expr("(>[a,b](in3[a,b,c,+])!(=[a,b]))").vars
('a', 'b')
>>> [d.name for d in parse_module("def P[x] := (in[x,N])", "p.mpl").decls]
['P']
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from sys import intern

from lark import Lark, Transformer, Tree, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from .ast import (
    And,
    Atom,
    Definition,
    Expr,
    Forall,
    Include,
    Induction,
    Loc,
    Module,
    Not,
    Statement,
)
from .errors import MPLSyntaxError, NestingError

_GRAMMAR = (Path(__file__).with_name("grammar.lark")).read_text(encoding="utf-8")


@cache
def _parser(start: str) -> Lark:
    return Lark(_GRAMMAR, start=start, parser="lalr", propagate_positions=True, maybe_placeholders=False)


class _ToAst(Transformer):
    def __init__(self, file: str) -> None:
        super().__init__()
        self.file = file

    def _loc(self, meta) -> Loc | None:
        if getattr(meta, "empty", True):
            return None
        return Loc(self.file, meta.line, meta.column)

    def idents(self, items):
        return tuple(str(t) for t in items)

    @v_args(meta=True)
    def atom(self, meta, items):
        name, *rest = items
        return Atom(str(name), rest[0] if rest else (), self._loc(meta))

    @v_args(meta=True)
    def conj(self, meta, items):
        return And(tuple(items), self._loc(meta))

    @v_args(meta=True)
    def forall(self, meta, items):
        if len(items) == 3:
            vars_, hyp, concl = items
        else:
            vars_, (hyp, concl) = (), items
        return Forall(vars_, hyp, concl, self._loc(meta))

    @v_args(meta=True)
    def neg(self, meta, items):
        return Not(items[0], self._loc(meta))

    @v_args(meta=True)
    def include(self, meta, items):
        path, *anchor = items
        return Include(str(path)[1:-1], str(anchor[0]) if anchor else None, self._loc(meta))

    @v_args(meta=True)
    def definition(self, meta, items):
        kind, name, *rest = items
        params = rest[0] if len(rest) == 2 else ()
        return Definition(str(name), params, rest[-1], str(kind) == "anchor", self._loc(meta))

    @v_args(meta=True)
    def induction(self, meta, items):
        s, b, f = (str(t) for t in items)
        return Induction(s, b, f, self._loc(meta))

    @v_args(meta=True)
    def statement(self, meta, items):
        kind, name, formula = items
        return Statement(str(name), str(kind), formula, self._loc(meta))

    def module(self, items):
        return tuple(items)


#: How deeply expressions may nest. Real theories stay far below; the limit keeps every
#: recursive consumer of the AST (printers, checks, unfolding) inside Python's stack.
MAX_DEPTH = 100

_REGEX_TERMINALS = {"NAME": "name", "SYMBOL": "symbol", "STRING": '"path"',
                    "DEFKIND": "def/anchor", "STMTKIND": "target/conjecture/assume", "$END": "end of input"}


def _describe(terminal: str, start: str) -> str:
    """A terminal as users write it: `'('`, `name`, `def/anchor`, ..."""
    if terminal in _REGEX_TERMINALS:
        return _REGEX_TERMINALS[terminal]
    for t in _parser(start).terminals:
        if t.name == terminal and t.pattern.type == "str":
            return repr(t.pattern.value)
    return terminal


def _syntax_error(exc: UnexpectedInput, text: str, file: str, start: str) -> MPLSyntaxError:
    lines = text.split("\n")
    line, col = getattr(exc, "line", None), getattr(exc, "column", None)
    if isinstance(exc, UnexpectedCharacters):
        msg = f"unexpected character {text[exc.pos_in_stream]!r}"
    elif isinstance(exc, UnexpectedToken) and exc.token.type != "$END":
        msg = f"unexpected {str(exc.token)!r}"
    else:  # UnexpectedEOF, or UnexpectedToken at the end
        msg = "unexpected end of input"
        line, col = len(lines), len(lines[-1]) + 1
    expected = sorted({_describe(t, start) for t in getattr(exc, "expected", None) or ()})
    if expected and len(expected) <= 6:
        msg += f" (expected {', '.join(expected)})"
    if not isinstance(line, int) or not isinstance(col, int) or line < 1 or col < 1:
        line, col = 1, 1
    return MPLSyntaxError(msg, Loc(file, line, col)).with_excerpt(text)


def _check_depth(tree: Tree, text: str, file: str) -> None:
    """Reject expressions nested deeper than MAX_DEPTH (iteratively, before any recursion)."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if node.data in _EXPR_RULES:
            depth += 1
            if depth > MAX_DEPTH:
                loc = Loc(file, node.meta.line, node.meta.column)
                raise NestingError(f"expression nested deeper than {MAX_DEPTH} levels",
                                   loc).with_excerpt(text)
        stack.extend((c, depth) for c in reversed(node.children) if isinstance(c, Tree))


_EXPR_RULES = frozenset({"atom", "conj", "forall", "neg"})


def _parse(text: str, start: str, file: str):
    try:
        tree = _parser(start).parse(text)
    except UnexpectedInput as exc:
        raise _syntax_error(exc, text, file, start) from None
    _check_depth(tree, text, file)
    return _ToAst(file).transform(tree)


_WS = " \t\f\r\n"  # the grammar's whitespace (common.WS)
#: whitespace (group 1), then one token: punctuation (group 2) or an identifier (group 3)
_TOKEN = re.compile(r"([ \t\f\r\n]*)(?:([()\[\],&>!])|([A-Za-z0-9_][A-Za-z0-9_']*|[+*\-/^<=~|@$%?.']+))")


class _Unusual(Exception):
    """Input the fast path leaves to the grammar: comments, errors, deep nesting."""


def _fast_expr(text: str, file: str) -> Expr:
    """Recursive descent over the expression grammar for well-formed input without
    comments: the same AST and locations as the grammar, several times faster (proof
    files hold many formulas). Raises `_Unusual` on anything else."""
    if "#" in text or ";" in text:
        raise _Unusual
    toks: list[tuple[str | None, str | None, int]] = []  # (punctuation, identifier, start)
    pos = 0
    for space, punct, name in _TOKEN.findall(text):
        pos += len(space)
        toks.append((punct, None, pos) if punct else (None, name, pos))
        pos += len(punct or name)
    if text[pos:].strip(_WS):  # findall skipped a character that is not MPL
        raise _Unusual
    toks.append((None, None, len(text)))  # end of input
    one_line = "\n" not in text

    def loc(start: int) -> Loc:
        if one_line:
            return Loc(file, 1, start + 1)
        return Loc(file, text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start))

    def expect(i: int, punct: str) -> int:
        if toks[i][0] != punct:
            raise _Unusual
        return i + 1

    def idents(i: int) -> tuple[tuple[str, ...], int]:
        i = expect(i, "[")
        names: list[str] = []
        while toks[i][1] is not None:
            names.append(toks[i][1])
            i += 1
            if toks[i][0] != ",":
                break
            i += 1
        return tuple(names), expect(i, "]")

    def expr(i: int, depth: int) -> tuple[Expr, int]:
        punct, _, start = toks[i]
        if depth > MAX_DEPTH:
            raise _Unusual
        if punct == "!":
            body, i = expr(i + 1, depth + 1)
            return Not(body, loc(start)), i
        i = expect(i, "(")
        punct, name, _ = toks[i]
        if punct == "&":
            parts: list[Expr] = []
            i += 1
            while toks[i][0] != ")":
                part, i = expr(i, depth + 1)
                parts.append(part)
            if len(parts) < 2:
                raise _Unusual
            return And(tuple(parts), loc(start)), i + 1
        if punct == ">":
            vars_, i = idents(i + 1)
            hyp, i = expr(i, depth + 1)
            concl, i = expr(i, depth + 1)
            return Forall(vars_, hyp, concl, loc(start)), expect(i, ")")
        if name is None:
            raise _Unusual
        args, i = idents(i + 1)
        return Atom(name, args, loc(start)), expect(i, ")")

    e, i = expr(0, 1)
    if i != len(toks) - 1:
        raise _Unusual
    return e


def parse_expr(text: str, file: str = "<string>") -> Expr:
    """Parse one MPL expression (well-formed input without comments takes a fast path
    that gives the same AST and locations as the grammar)."""
    try:
        return _fast_expr(text, file)
    except _Unusual:
        return _parse(text, "expr", file)


#: canonical MPL's tokens; any other character is a token of its own, and refused
_CANONICAL_TOKEN = re.compile(r"\(&|\(>\[|[()\[\],!]|[A-Za-z0-9_][A-Za-z0-9_']*|[+*\-/^<=~|@$%?.']+|.", re.S)
_IDENT_START = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+*-/^<=~|@$%?.'")


def parse_canonical(text: str) -> Expr | None:
    """The expression whose canonical text (`to_mpl`) is exactly `text`, or None when
    `text` is not canonical MPL (spaces, comments, anything `to_mpl` never writes, or
    nesting deeper than MAX_DEPTH). Nodes carry no locations. Faster than `parse_expr`:
    the checker reads every formula of a proof document through it.

    >>> parse_canonical("(>[a](in[a,N])!(=[a,b]))") == parse_expr("(>[a](in[a,N])!(=[a,b]))")
    True
    >>> parse_canonical("(>[a] (in[a,N]) !(=[a,b]))") is None
    True
    """
    toks = _CANONICAL_TOKEN.findall(text)
    end = len(toks)
    toks += ["", "", ""]  # end of input, and room to look ahead past it
    try:
        e, i = _canonical(toks, 0, 1)
    except _Unusual:
        return None
    return e if i == end else None


def _canonical(toks: list[str], i: int, depth: int) -> tuple[Expr, int]:
    tok = toks[i]
    if depth > MAX_DEPTH or not tok:
        raise _Unusual
    if tok == "!":
        body, i = _canonical(toks, i + 1, depth + 1)
        return Not(body), i
    if tok == "(&":
        parts: list[Expr] = []
        i += 1
        while toks[i] != ")":
            part, i = _canonical(toks, i, depth + 1)
            parts.append(part)
        if len(parts) < 2:
            raise _Unusual
        return And(tuple(parts)), i + 1
    if tok == "(>[":
        vars_, i = _canonical_idents(toks, i + 1)
        hyp, i = _canonical(toks, i, depth + 1)
        concl, i = _canonical(toks, i, depth + 1)
        if toks[i] != ")":
            raise _Unusual
        return Forall(vars_, hyp, concl), i + 1
    name = toks[i + 1]
    if tok != "(" or name[:1] not in _IDENT_START or toks[i + 2] != "[":
        raise _Unusual
    args, i = _canonical_idents(toks, i + 3)
    if toks[i] != ")":
        raise _Unusual
    return Atom(intern(name), args), i + 1


def _canonical_idents(toks: list[str], i: int) -> tuple[tuple[str, ...], int]:
    """Identifiers separated by commas up to "]" (the "[" already read); past the "]"."""
    names: list[str] = []
    if toks[i] != "]":
        while True:
            if toks[i][:1] not in _IDENT_START:
                raise _Unusual
            names.append(intern(toks[i]))  # shared: a checker keeps many formulas of few names
            if toks[i + 1] == "]":
                i += 1
                break
            if toks[i + 1] != ",":
                raise _Unusual
            i += 2
    return tuple(names), i + 1


def parse_module(text: str, file: str = "<string>") -> Module:
    """Parse the declarations of one `.mpl` file (no include resolution, no checks)."""
    return Module(file, _parse(text, "module", file))
