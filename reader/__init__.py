"""The My Number card and phones: APDUs, TLV, card applications, PC/SC, virtual cards."""
