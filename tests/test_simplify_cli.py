"""`gl simplify` on hostile input: long and deep expressions are handled or refused with one
line `gl: error: ...` and exit code 2, never a traceback; limit options must be finite and
positive."""

from __future__ import annotations

import math

import pytest

from gl.cli import main
from rewriting import Limits, parse_term, simplify, term_to_str
from rewriting.terms import MAX_DEPTH

#: iteration and node bounds (the time limit, a week, is out of reach), so that the outputs
#: do not depend on the machine's load
QUICK = ["--iterations", "2", "--nodes", "2000", "--time", "604800"]


def run(capsys, *args: str) -> tuple[int, list[str], list[str]]:
    """Exit code, stdout lines and stderr lines of `gl simplify ARGS`."""
    code = 0
    try:
        main(["simplify", *args])
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err.splitlines()


def assert_one_line_error(capsys, *args: str, says: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == []
    assert len(err) == 1 and err[0].startswith("gl: error: ") and says in err[0], err


def test_400_term_sums_and_products_are_simplified(capsys):
    distinct = "+".join(f"x{i}" for i in range(1, 401))
    code, out, _ = run(capsys, distinct, *QUICK)
    assert code == 0 and parse_term(out[0]) == parse_term(distinct)
    code, out, _ = run(capsys, "+".join(["x"] * 400), "--rules", "semiring", *QUICK)
    assert code == 0 and out[1].startswith("cost: ")
    code, out, _ = run(capsys, "*".join(f"y{i}" for i in range(400)), *QUICK)
    assert code == 0 and len(parse_term(out[0])) == 3


def test_200_nested_parentheses_and_chained_powers(capsys):
    code, out, _ = run(capsys, "(" * 200 + "x + 0" + ")" * 200, *QUICK)
    assert (code, out[0]) == (0, "x")
    chain = "^".join(["x"] * 400)
    code, out, _ = run(capsys, chain, *QUICK)
    assert code == 0 and out[0] == chain


def test_past_the_size_limits_is_one_line(capsys):
    assert_one_line_error(capsys, "s(" * 2000 + "i0" + ")" * 2000, says="nested more than 500")
    assert_one_line_error(capsys, "^".join(["x"] * 1000), says="nested more than 500")
    assert_one_line_error(capsys, "1" * 10_000, says="more than 1000 digits")
    assert_one_line_error(capsys, "x+" * 60_000 + "x", says="longer than 100000 characters")
    assert_one_line_error(capsys, "-".join(["(x"] * 600) + ")" * 600, says="nested more than 500")
    assert_one_line_error(capsys, f"f({', '.join(['x'] * 21_000)})", says="more than 20000 nodes")


@pytest.mark.parametrize("option", ["--hard-timeout", "--time", "--iterations", "--nodes"])
@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "abc", "99999999999999999999"])
def test_limit_options_must_be_finite_and_positive(capsys, option, value):
    assert_one_line_error(capsys, "x", option, value, says=option)


def test_a_10000_term_sum_is_simplified_by_parts(capsys):
    code, out, _ = run(capsys, "+".join(["x"] * 10_000), *QUICK)
    assert (code, out[0]) == (0, "10000 * x")
    distinct = " + ".join(f"x{i}" for i in range(10_000))
    code, out, _ = run(capsys, distinct, *QUICK)
    assert (code, out[0]) == (0, distinct)
    assert out[2].startswith("saturated: no (by parts, ")


def test_cancelled_divisors_are_printed_as_conditions(capsys):
    code, out, _ = run(capsys, "(x^3 - 1)/(x^2 - 1)", *QUICK)
    assert code == 0 and out[1] == "where: x - 1 != 0"
    code, out, _ = run(capsys, "(x^3 - 1)/(x^2 - 1)", "--rules", "semiring,field", *QUICK)
    assert code == 0 and out[1].startswith("cost: ")


def test_limits_at_the_edge_are_accepted():
    deep = "s(" * (MAX_DEPTH - 1) + "i0" + ")" * (MAX_DEPTH - 1)
    r = simplify(deep, rules="peano", limits=Limits(iterations=1, nodes=10**5, time=math.inf))
    assert term_to_str(r.term) == deep
