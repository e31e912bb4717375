"""Readers and the importer: files in, articles and candidates out."""
