"""Engines: plain functions over files and DuckDB, with no Django, users or requests.

Each sub-package takes plain arguments and returns dataclasses or Arrow tables; failures are typed
exceptions carrying a user-facing problem. `duck.connect` opens every DuckDB connection they use.
"""
