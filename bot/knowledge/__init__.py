"""Curated knowledge: schema, one validation path, and the in-memory index."""
