"""Claim Workbench: human review of claims in news text."""

__version__ = "0.1.0"
