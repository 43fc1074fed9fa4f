"""Commands beside the window: the headless check-in, the self-test, the configuration reference, and the set-up steps that render voice prompts and card glyphs."""
