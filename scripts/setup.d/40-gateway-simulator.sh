#!/usr/bin/env bash
# The kiosk's terminal key pair (Ed25519, data folder, mode 0600) and the embedded qualification
# simulator's registry: insured personas seeded from resources/insurance/, the terminal key
# registered. Idempotent: a second run finds everything in place and changes nothing.
set -euo pipefail
cd "$(dirname "$0")/../.."
.venv/bin/python -c "import sys; from kiosk.gateway.provision import main; sys.exit(main())"
