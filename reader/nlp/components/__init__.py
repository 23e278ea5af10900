"""The reader's spaCy components, one layer each."""
