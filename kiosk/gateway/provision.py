"""Install-time step: the kiosk's terminal key, the simulator's registry seeded with the personas,
and the terminal key registered with the simulator. Safe to run again: nothing changes then.

    python -m kiosk.gateway.provision [--data-dir DIR]
"""
from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

from kiosk.gateway.attestation import TerminalKey, terminal_key_path
from kiosk.gateway.registry import Registry, simulator_registry_path


@dataclass(frozen=True)
class Provisioned:
    terminal_id: str
    registry_path: Path
    persona_ids: list[str]


def provision(base: Path | None = None, seed_file: Path | None = None) -> Provisioned:
    key = TerminalKey.load_or_create(terminal_key_path(base))
    registry_path = simulator_registry_path(base)
    registry = Registry(registry_path)
    persona_ids = registry.seed(seed_file)
    if registry.terminal_key(key.terminal_id) != key.public_key_pem:
        registry.register_terminal(key.terminal_id, key.public_key_pem)
    return Provisioned(key.terminal_id, registry_path, persona_ids)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="instead of the kiosk's data folder")
    done = provision(parser.parse_args(argv).data_dir)
    print(f"gateway simulator: terminal {done.terminal_id} registered, "
          f"{len(done.persona_ids)} insured personas in {done.registry_path}")


if __name__ == "__main__":
    main()
