"""Face authentication: camera, detection, alignment, embedding, matching, guidance."""
