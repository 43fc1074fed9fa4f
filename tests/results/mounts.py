"""Run a scenario inside a private mount namespace (root, ``unshare --mount``), where the test
may mount and unmount a tmpfs as a clinic's network share comes and goes, without touching the
rest of the machine. The scenario is a function of this package named by its dotted path; it runs
in a fresh interpreter and fails by raising (its traceback comes back in the test's failure)."""
from __future__ import annotations

import subprocess
import sys

import pytest


def namespaces_work() -> bool:
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


needs_mount_namespace = pytest.mark.skipif(not namespaces_work(),
                                           reason="needs unshare --mount (root)")


def run_in_private_namespace(scenario: str, *args: str, timeout: float = 120.0) -> str:
    """``module:function`` called with ``args`` inside ``unshare --mount --propagation private``."""
    module, function = scenario.split(":")
    code = (f"import sys; from {module} import {function} as scenario; "
            "scenario(*sys.argv[1:])")
    done = subprocess.run(["unshare", "--mount", "--propagation", "private", sys.executable,
                           "-c", code, *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=timeout)
    if done.returncode != 0:
        pytest.fail(f"scenario {scenario} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def mount_tmpfs(where: str) -> None:
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", where], check=True)


def bind(source: str, where: str) -> None:
    subprocess.run(["mount", "--bind", source, where], check=True)


def unmount(where: str) -> None:
    subprocess.run(["umount", where], check=True)
