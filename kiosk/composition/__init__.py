"""Assembling a kiosk: the generic wiring, the kiosk as installed, and the demo's embedded defaults (virtual cards, recorded camera, local simulator)."""
