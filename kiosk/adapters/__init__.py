"""The core's ports implemented over reader/, faceauth/, the gateway and the result outbox."""
