"""The `gl` command. Each subcommand lives in the module that owns its job and is
imported only when it runs, so `gl --version` stays fast.

Bad input (MPL errors, corrupt JSON, unreadable files) prints one line
`gl: error: FILE:LINE:COL: message` and exits 2; never a traceback. Usage errors (unknown
option, missing argument or path, bad option value) are one line too,
`gl: error: MESSAGE`; numeric options use the types of `gl.cli.options`.
"""

from __future__ import annotations

import json
import sys

import click

from gl.cli.lazy import LazyGroup
from gl.errors import InputError
from gl.version import __version__
from mpl_lang import MPLError

#: subcommand name -> "module:attribute" of its click command
COMMANDS = {
    "parse": "gl.cli.parse:parse",
    "export": "gl.cli.export:export",
    "simplify": "gl.cli.simplify:simplify",
    "prove": "gl.cli.prove:prove",
    "incubate": "gl.cli.incubate:incubate_cmd",
    "check": "gl.cli.check:check",
    "import": "gl.cli.import_:import_",
    "mutate": "gl.cli.mutate:mutate",
    "evolve": "gl.cli.evolve:evolve",
}


@click.group(cls=LazyGroup, lazy=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gl")
def cli() -> None:
    """gl: Generative Logic toolkit (MPL, Logic-Block prover, checker, rewriting, mutation)."""


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit."""
    click.echo(f"gl: error: {message}", err=True)
    sys.exit(code)


def main(argv: list[str] | None = None) -> None:
    """Entry point of the console script."""
    try:
        cli.main(args=argv, prog_name="gl", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.NoArgsIsHelpError as exc:
        where = exc.ctx.command_path if exc.ctx else "gl"
        fail(f"{where}: missing command (see '{where} --help')")
    except click.ClickException as exc:  # usage errors too: one line, not click's usage block
        fail(" ".join(exc.format_message().split()))
    except click.exceptions.Abort:
        fail("interrupted", 130)
    except (MPLError, InputError) as exc:
        fail(str(exc))
    except (UnicodeDecodeError, UnicodeEncodeError) as exc:  # e.g. a file that is not UTF-8
        fail(f"not valid UTF-8 text: {exc.reason} (at position {exc.start})")
    except json.JSONDecodeError as exc:
        fail(f"corrupt JSON at {exc.lineno}:{exc.colno}: {exc.msg}")
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}")
    except KeyboardInterrupt:
        fail("interrupted", 130)

