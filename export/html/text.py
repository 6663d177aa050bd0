"""Readable forms of MPL facts and clauses, and escaped HTML with changed parts marked.

Facts are canonical MPL text (or `⊥`); their readable form is `mpl_lang.readable` of the
parsed expression, never a text the document supplies, with the theory's notation for its
defined predicates (`notation.py`: `S = Σ_{i=i0..n} id(i)` for a `fold`). Text that does not parse is shown
as such (`formula_html`), escaped. Results are cached: proofs repeat the same facts many times.

>>> readable_fact("(in3[a,b,c,+])")
'a + b = c'
>>> str(marked_fact("(in[b,N])", (0,))[0])
'<mark>b</mark> ∈ N'
>>> readable_clause("∀x,y: (in2[x,y,s]) ⇒ (in[x,N])")
'∀x,y: s(x) = y ⇒ x ∈ N'
>>> str(formula_html(try_readable("(in[<b>"), "(in[<b>"))
'<span class="unparsable">unparsable: (in[&lt;b&gt;</span>'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup, escape

from mpl_lang import Atom, Expr, MPLError, Not, parse_expr, readable
from mpl_lang.logic import FALSUM
from mpl_lang.terms import is_symbol

from .notation import PLAIN, SiteNotation

# A literal inside a clause's text: `(name[args])` or `!(name[args])`.
_LITERAL = re.compile(r"!?\([^()\[\]]+\[[^()\[\]]*\]\)")
# Stand-ins for marked arguments; one keeps an identifier's first-character class so the
# readable printer chooses the same infix/prefix form as for the real name.
_WORD_MARK, _SYMBOL_MARK = "ᚠ", "\ue000"
_MARKED = re.compile(f"([{_WORD_MARK}{_SYMBOL_MARK}])(\\d+)\\1")


@lru_cache(maxsize=1 << 16)
def parse_fact(mpl: str) -> Expr | None:
    """The expression of a fact's MPL text; None for `⊥`. Raises MPLError on bad text."""
    return None if mpl == FALSUM else parse_expr(mpl)


@lru_cache(maxsize=1 << 16)
def readable_fact(mpl: str, notation: SiteNotation = PLAIN) -> str:
    """The readable form of a fact (`⊥` stays `⊥`)."""
    e = parse_fact(mpl)
    return FALSUM if e is None else readable(e, notation=notation.printer())


def try_readable(mpl: str, notation: SiteNotation = PLAIN) -> str | None:
    """The readable form of a fact, or None when its text does not parse."""
    try:
        return readable_fact(mpl, notation)
    except MPLError:
        return None


def formula_text(text: str | None, mpl: str) -> str:
    """Plain text for a formula: its readable form, or its raw text marked as unparsable."""
    return f"unparsable: {mpl}" if text is None else text


def formula_html(text: str | None, mpl: str) -> Markup:
    """Escaped HTML for a formula's readable form (`text`, from `try_readable(mpl)`); a
    formula that does not parse is shown as its raw text in the `unparsable` error style."""
    if text is None:
        return Markup('<span class="unparsable">{}</span>').format(formula_text(text, mpl))
    return escape(text)


def readable_clause(clause: str, notation: SiteNotation = PLAIN) -> str:
    """A clause's text (`str` of `mpl_lang.logic.Clause`) with each literal made readable."""
    return _LITERAL.sub(lambda m: readable_fact(m.group(0), notation), clause)


def literal_atom(e: Expr | None) -> tuple[bool, Atom] | None:
    """(positive, atom) when `e` is an atom or a negated atom, else None."""
    if isinstance(e, Atom):
        return True, e
    if isinstance(e, Not) and isinstance(e.body, Atom):
        return False, e.body
    return None


def literal_of(mpl: str) -> tuple[bool, Atom] | None:
    """(positive, atom) when the fact `mpl` is a literal; None otherwise or when it does
    not parse."""
    try:
        return literal_atom(parse_fact(mpl))
    except MPLError:
        return None


def marked_fact(mpl: str, positions: Iterable[int], notation: SiteNotation = PLAIN) -> tuple[Markup, Markup]:
    """Readable and MPL HTML of a literal fact with the arguments at `positions` in <mark>.

    Facts that are not literals come back unmarked, and facts that do not parse as such.
    """
    lit = literal_of(mpl)
    marks = sorted(set(positions))
    if lit is None or not marks:
        return formula_html(try_readable(mpl, notation), mpl), escape(mpl)
    positive, atom = lit
    args = list(atom.args)
    for i in marks:
        stand_in = _SYMBOL_MARK if is_symbol(args[i]) else _WORD_MARK
        args[i] = f"{stand_in}{i}{stand_in}"
    stand = Atom(atom.name, tuple(args))
    text = readable(stand if positive else Not(stand), notation=notation.printer())
    html = _MARKED.sub(lambda m: f"<mark>{escape(atom.args[int(m.group(2))])}</mark>",
                       str(escape(text)))
    parts = [f"<mark>{escape(a)}</mark>" if i in marks else str(escape(a))
             for i, a in enumerate(atom.args)]
    raw = f"{'' if positive else '!'}({escape(atom.name)}[{','.join(parts)}])"
    return Markup(html), Markup(raw)
