"""What counts as an MPL identifier: the grammar's NAME or SYMBOL token, at most
MAX_NAME_LENGTH characters. Anything that names a thing in MPL text (constants,
variables, predicates) or in a proof document (theorems, fresh constants, substitution
keys and values) must be one, so that printing a formula and parsing the text back gives
the same formula: a name can never carry syntax, a comment, a control, NUL or
bidirectional-override character.

>>> is_identifier("add_comm"), is_identifier("+"), is_identifier("x](in[a,N])#")
(True, True, False)
>>> name_error("a\\u202eb", "fresh constant")
"fresh constant 'a\\\\u202eb' is not an MPL identifier (letters, digits, _ and ', or a run of +*-/^<=~|@$%?.')"
"""

from __future__ import annotations

import re
from functools import lru_cache

#: The longest name anything may have (MPL text or proof documents).
MAX_NAME_LENGTH = 128

#: The grammar's NAME | SYMBOL tokens (ASCII only; see grammar.lark).
IDENTIFIER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_']*|[+*\-/^<=~|@$%?.']+")


def is_identifier(name: object) -> bool:
    """True when `name` is a string that MPL reads as one identifier of bounded length."""
    return type(name) is str and _is_identifier(name)


@lru_cache(maxsize=4096)  # a proof document repeats a few names thousands of times
def _is_identifier(name: str) -> bool:
    return len(name) <= MAX_NAME_LENGTH and IDENTIFIER.fullmatch(name) is not None


def shown(value: object, width: int = 60) -> str:
    """`value` for an error message: ASCII-only (controls and bidi overrides escaped) and
    at most `width` characters, so hostile input cannot garble or flood a report.

    >>> shown("a" * 100, 10)
    "'aaaaaaa…"
    >>> shown(10 ** 5000)
    '<integer of 16610 bits>'
    """
    if isinstance(value, int) and value.bit_length() > 64:
        return f"<integer of {value.bit_length()} bits>"
    text = ascii(value)
    return text if len(text) <= width else text[: width - 2] + "…"


def printable(text: str, width: int = 200) -> str:
    """`text` with every non-printable character (controls, NUL, bidi overrides, line
    breaks) escaped and at most `width` characters: free text from a document, safe to
    print on one line.

    >>> printable("ok\\u202eevil\\n")
    'ok\\\\u202eevil\\\\n'
    """
    out = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return out if len(out) <= width else out[: width - 1] + "…"


def name_error(name: object, what: str) -> str | None:
    """Why `name` cannot be the `what` (e.g. "theorem name"), or None when it can."""
    if is_identifier(name):
        return None
    if isinstance(name, str) and len(name) > MAX_NAME_LENGTH:
        return f"{what} is longer than {MAX_NAME_LENGTH} characters"
    return (f"{what} {shown(name)} is not an MPL identifier "
            "(letters, digits, _ and ', or a run of +*-/^<=~|@$%?.')")
