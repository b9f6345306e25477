"""Thin request handlers, one module per resource."""
