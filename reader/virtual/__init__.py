"""Virtual My Number cards and phones: one card implementation, reached in-process (demo) or
through vpcd behind a real pcscd (tests)."""
