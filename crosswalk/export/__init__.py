"""Exporters, looked up by format name."""
