"""The kiosk without its window, never importing Qt: core/ (the check-in state machine, its events,
runner and ports), config/ (settings, folders), adapters/ with gateway/, results/ and store/ (the
ports over the card, the camera, the gateway and the result outbox), staff/ (what staff do),
composition/ (the one place a kiosk is assembled) and tools/ (commands beside the window).
docs/architecture.md traces one check-in through them."""
