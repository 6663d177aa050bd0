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
        return Include(str(items[0])[1:-1], self._loc(meta))

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
                    "DEFKIND": "def/anchor", "STMTKIND": "target/conjecture", "$END": "end of input"}


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
_LITERAL = re.compile(r"[ \t\f\r\n]*(!?)\([ \t\f\r\n]*([^ \t\f\r\n\[\]()!&>,]+)[ \t\f\r\n]*"
                      r"\[([^\[\]()!&>]*)\][ \t\f\r\n]*\)[ \t\f\r\n]*\Z")
_IDENT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_']*|[+*\-/^<=~|@$%?.']+")


def parse_expr(text: str, file: str = "<string>") -> Expr:
    """Parse one MPL expression. Simple literals take a fast path (proof files hold many)
    that gives the same AST and locations as the grammar."""
    m = _LITERAL.match(text)
    if m:
        args = tuple(a.strip(_WS) for a in m.group(3).split(",")) if m.group(3).strip(_WS) else ()
        if all(_IDENT.fullmatch(a) for a in (m.group(2), *args)):
            start = m.start(1)
            line = text.count("\n", 0, start) + 1
            col = start - text.rfind("\n", 0, start)
            atom = Atom(m.group(2), args, Loc(file, line, col + len(m.group(1))))
            return Not(atom, Loc(file, line, col)) if m.group(1) else atom
    return _parse(text, "expr", file)


def parse_module(text: str, file: str = "<string>") -> Module:
    """Parse the declarations of one `.mpl` file (no include resolution, no checks)."""
    return Module(file, _parse(text, "module", file))
