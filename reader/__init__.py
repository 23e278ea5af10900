"""reader: a terminal reader that shows who is in a news story, what they are charged with, and who said what."""

__version__ = "0.1.0"
