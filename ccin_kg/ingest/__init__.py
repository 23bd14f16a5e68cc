"""Ingest: read source files, clean them, split them into sections."""
