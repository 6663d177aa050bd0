"""An evaluator for TIP definitions, independent of the importer: numbers are Python ints,
Bool values Python bools, and `match`, `ite`, `=`, `not`, `S`, `Z` and calls are read
straight off the s-expressions. The tests compare what the prover proves about imported
functions with what this computes.

>>> defs, _ = definitions(["(define-fun-rec d ((x Nat)) Nat (match x ((Z Z) ((S y) (S (S (d y)))))))"])
>>> call(defs["d"], [3], defs), numeral(2)
(6, '(S (S Z))')
"""

from __future__ import annotations

from itertools import product

from mpl_lang.tip import Sexp, SList, Symbol, read_sexps, show_sexp

Value = int | bool


def definitions(texts: list[str]) -> tuple[dict[str, SList], dict[str, str]]:
    """The `define-fun`/`define-fun-rec` commands of the TIP texts by name (the first of
    each name), and the text of each."""
    defs: dict[str, SList] = {}
    sources: dict[str, str] = {}
    for text in texts:
        for cmd in read_sexps(text):
            if cmd.items[0].text in ("define-fun", "define-fun-rec") and cmd.items[1].text not in defs:
                defs[cmd.items[1].text], sources[cmd.items[1].text] = cmd, text[cmd.span[0]:cmd.span[1]]
    return defs, sources


def call(cmd: SList, args: list[Value], defs: dict[str, SList]) -> Value:
    """The value of the defined function `cmd` on `args`."""
    params = [b.items[0].text for b in cmd.items[2].items]
    return evaluate(cmd.items[4], dict(zip(params, args)), defs)


def evaluate(e: Sexp, env: dict[str, Value], defs: dict[str, SList]) -> Value:
    if isinstance(e, Symbol):
        if e.text in env:
            return env[e.text]
        if e.text in ("Z", "true", "false"):
            return {"Z": 0, "true": True, "false": False}[e.text]
        return call(defs[e.text], [], defs)
    head, args = e.items[0].text, e.items[1:]
    if head == "match":
        v = evaluate(args[0], env, defs)
        for case in args[1].items:
            pattern, body = case.items
            if isinstance(pattern, SList):  # (S p)
                if v > 0:
                    return evaluate(body, {**env, pattern.items[1].text: v - 1}, defs)
            elif pattern.text in ("Z", "true", "false"):
                if v == {"Z": 0, "true": True, "false": False}[pattern.text]:
                    return evaluate(body, env, defs)
            else:  # `_` or a variable
                return evaluate(body, env if pattern.text == "_" else {**env, pattern.text: v}, defs)
        raise ValueError(f"no case of {show_sexp(e)} matches {v}")
    if head == "ite":
        return evaluate(args[1] if evaluate(args[0], env, defs) else args[2], env, defs)
    values = [evaluate(a, env, defs) for a in args]
    if head == "S":
        return values[0] + 1
    if head == "=":
        return values[0] == values[1]
    if head == "distinct":
        return values[0] != values[1]
    if head == "not":
        return not values[0]
    return call(defs[head], values, defs)


def numeral(n: int) -> str:
    """`n` as a TIP term: Z, (S Z), ..."""
    return "Z" if n == 0 else f"(S {numeral(n - 1)})"


def text(v: Value) -> str:
    """A value as a TIP term."""
    return str(v).lower() if isinstance(v, bool) else numeral(v)


def ground_goals(defs: dict[str, SList], names: list[str], top: int) -> list[tuple[str, bool]]:
    """For each named function of `defs` on all arguments 0..top (and both Bool values):
    the TIP formula stating its value (True) and one stating a wrong value (False)."""
    out = []
    for cmd in (defs[name] for name in names):
        domains = [(False, True) if b.items[1] == Symbol("Bool") else range(top + 1) for b in cmd.items[2].items]
        name = show_sexp(cmd.items[1])
        for args in product(*domains) if domains else ():
            v = call(cmd, list(args), defs)
            term = f"({name} {' '.join(text(a) for a in args)})"
            wrong = not v if isinstance(v, bool) else v + 1
            out += [(f"(= {term} {text(v)})", True), (f"(= {term} {text(wrong)})", False)]
    return out
