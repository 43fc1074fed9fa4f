"""Helpers for tests and benchmarks only; the vendor's build leaves `*.testing` packages out."""
