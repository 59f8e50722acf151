"""Small helpers for the Dutch a user reads: a count with the right form of its noun."""

from __future__ import annotations


def aantal(n: int, singular: str, plural: str) -> str:
    """'1 pagina', '2 pagina's', '0 problemen': the number with the noun that fits it."""
    return f"{n} {singular if n == 1 else plural}"


def paginas(n: int) -> str:
    """'1 pagina', '28 pagina's' (the apostrophe does not fit in an f-string's quotes)."""
    return aantal(n, "pagina", "pagina's")
