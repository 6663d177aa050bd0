"""The prover core: rules, Logic Blocks, the grid, the prover and its results.

Imports only the base (`mpl_lang`, `gl.errors`, `gl.document`, `gl.laws`); the
applications (`gl.explore`, `gl.incubator`, `rewriting`, `mutation`, `export`) and the CLI
build on it.
"""
