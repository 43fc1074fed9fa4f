"""Where the kiosk keeps its files and what the facility set: settings, folders, atomic writes, the few calls that differ by operating system, logging."""
