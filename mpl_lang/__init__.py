"""MPL, the Mathematical Programming Language of Generative Logic: grammar, parser, AST,
printers, the `.mpl` file format, the GL-folder and TIP importers and the checked `Theory`.

>>> from mpl_lang import parse_expr, to_mpl, readable
>>> e = parse_expr("(>[a,b,c](in3[a,b,c,+])(in3[b,a,c,+]))")
>>> readable(e)
'∀a,b: a + b = b + a'
"""

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
from .compiler import BUILTIN_ARITY, Theory, compile_decls, load
from .errors import MPLError
from .gl_import import read_gl_folder
from .parser import parse_expr, parse_module
from .printer import decl_to_mpl, module_to_mpl, pretty_mpl, readable, readable_conjuncts, to_mpl

__all__ = [
    "And", "Atom", "BUILTIN_ARITY", "Definition", "Expr", "Forall", "Include", "Induction", "Loc",
    "MPLError", "Module", "Not", "Statement", "Theory", "compile_decls", "decl_to_mpl", "load",
    "module_to_mpl", "parse_expr", "parse_module", "pretty_mpl", "read_gl_folder", "readable",
    "readable_conjuncts", "to_mpl",
]
