"""Small helpers for tests: making bad and odd PDFs on the fly."""
