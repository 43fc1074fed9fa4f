"""Helpers for tests in any package: a private pcscd with virtual cards behind vpcd."""
