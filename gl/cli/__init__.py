"""The `gl` command line (click): one module per subcommand, loaded when it runs."""

from .main import main

__all__ = ["main"]
