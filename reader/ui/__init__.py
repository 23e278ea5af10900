"""The Textual app. Works from an Article; never imports spaCy."""
