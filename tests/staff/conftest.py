from reader.testing.fixtures import persona_folder, private_pcscd  # noqa: F401
