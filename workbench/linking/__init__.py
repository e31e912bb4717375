"""Fuzzy matching with rapidfuzz: search, locating typed spans."""
