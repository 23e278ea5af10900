"""Entity-level facts worked out from what the text says of a person."""

from __future__ import annotations

import re
from collections.abc import Iterable

_FEMALE = re.compile(r"\b(?:mrs|ms|miss|lady|dame|madam|sister|mother|queen|congresswoman|councilwoman|"
                     r"chairwoman|spokeswoman|businesswoman|actress|wife|daughter|aunt|niece)\b\.?", re.I)
_MALE = re.compile(r"\b(?:mr|sir|lord|brother|father|king|congressman|councilman|chairman|spokesman|"
                   r"businessman|husband|son|uncle|nephew)\b\.?", re.I)


def gender_of(roles: Iterable[str]) -> str | None:
    """"female" or "male" when the person's own titles or role nouns say so and agree; else None."""
    text = " ".join(roles)
    female, male = bool(_FEMALE.search(text)), bool(_MALE.search(text))
    if female == male:
        return None
    return "female" if female else "male"
