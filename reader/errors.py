"""The errors a user can cause, as one small hierarchy.

Every error the core raises for something the user can fix (a bad input, a missing model, an
output that cannot be written, a page that cannot be fetched, a bad config file) is a
`ReaderError`: its str() is one line meant for the user. The CLI catches `ReaderError` once and
turns it into that line and exit code 1; the analysis runner tells them apart with `isinstance`,
never by comparing class names.
"""

from __future__ import annotations


class ReaderError(Exception):
    """Something the user can fix; str() is a one-line message."""


class InputError(ReaderError):
    """An article (file, stdin, corpus line) that cannot be read or analysed."""


class NetworkError(InputError):
    """A URL that cannot be fetched: refused, timed out, an HTTP error, not an article."""


class ModelError(ReaderError):
    """The spaCy pipeline cannot be loaded; the message names what to install."""


class OutputError(ReaderError):
    """An export, a batch output or a cache entry that cannot be written."""


class ConfigError(ReaderError):
    """The config file, or a file it names (such as charge patterns), cannot be used."""
