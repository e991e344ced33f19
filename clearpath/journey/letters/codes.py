"""Reference codes for letters: short, unambiguous when read aloud or typed, and unguessable."""

import re
import secrets

# No 0/O, 1/I/L, U or V/W pairs that are easily confused on paper or over the phone.
ALPHABET = "ABCDEFGHJKMNPQRSTXYZ23456789"
LENGTH = 8
PREFIX = "CP"


def new_code() -> str:
    """A fresh code like 'CP-7KQ4-M9XT' (28**8, about 3.8e11 possibilities)."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    return f"{PREFIX}-{body[:4]}-{body[4:]}"


def normalise(typed: str) -> str | None:
    """What the person typed, as a stored code; None if it cannot be one.

    Spaces, dashes and case do not matter, and the 'CP' prefix is optional."""
    text = re.sub(r"[\s\-–—.]", "", (typed or "").upper())
    if text.startswith(PREFIX) and len(text) == LENGTH + len(PREFIX):
        text = text[len(PREFIX) :]
    if len(text) != LENGTH or any(c not in ALPHABET for c in text):
        return None
    return f"{PREFIX}-{text[:4]}-{text[4:]}"
