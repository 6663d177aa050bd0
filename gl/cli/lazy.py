"""A click group whose subcommands are imported only when they run (`gl --version` stays fast).

>>> import click
>>> group = LazyGroup(name="demo", lazy={"echo": "click:echo"})
>>> group.list_commands(None), group.get_command(None, "echo") is click.echo, group.get_command(None, "x")
(['echo'], True, None)
"""

from __future__ import annotations

import importlib

import click


class LazyGroup(click.Group):
    """`lazy` maps each subcommand name to the "module:attribute" of its click command."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context | None) -> list[str]:
        return sorted(self.lazy)

    def get_command(self, ctx: click.Context | None, name: str) -> click.Command | None:
        spec = self.lazy.get(name)
        if spec is None:
            return None
        module, attr = spec.split(":")
        return getattr(importlib.import_module(module), attr)
