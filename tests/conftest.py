"""Fixtures for every test folder."""
from tests.windows_semantics import windows  # noqa: F401  (Windows file behaviour on Linux)
