"""The kiosk window: one widget per screen, driven by the core through one bridge (PySide6)."""
