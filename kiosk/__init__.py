"""The check-in core: state machine, settings, gateway, results, store. Never imports Qt."""
