"""catwalk: the Catwalk AI provider database and the checks that keep it true."""

__version__ = "0.1.0"
