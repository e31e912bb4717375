"""The Textual review app. Only this package imports Textual."""
