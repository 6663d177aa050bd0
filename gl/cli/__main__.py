"""`python -m gl.cli`: the same as the `gl` command."""

from .main import main

main()
