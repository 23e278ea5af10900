"""Count charges tied to a judge, prosecutor, agent, attorney or spokesperson in JSON exports.

    python benchmarks/charge_officials.py PRED_DIR [PRED_DIR ...]

PRED_DIR holds `reader export --format json` files (as `eval_dev.py GOLD_DIR PRED_DIR` writes them).
A charge counts when its subject entity has such a role. Prints each hit and a total line; the target
of issue 12 is 0 on the dev and doj sets.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

OFFICIAL = re.compile(r"\b(judge|justice|magistrate|prosecutor|attorney|agent|spokes(?:man|woman|person))\b",
                      re.IGNORECASE)


def officials_charged(export: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(charge text, person, role) for every charge whose subject has an official's role."""
    entities = {e["id"]: e for e in export.get("entities", [])}
    hits = []
    for charge in export.get("charges", []):
        person = entities.get(charge.get("subject"))
        if person is None:
            continue
        role = next((r for r in person.get("roles", []) if OFFICIAL.search(r)), None)
        if role is not None:
            hits.append((charge["text"], person["name"], role))
    return hits


def main(argv: list[str]) -> int:
    total = charges = 0
    for folder in argv:
        for path in sorted(Path(folder).glob("*.json")):
            export = json.loads(path.read_text(encoding="utf-8"))
            charges += sum(1 for c in export.get("charges", []) if c.get("subject"))
            for text, name, role in officials_charged(export):
                total += 1
                print(f"{path.stem:<28} {text!r} -> {name} ({role})")
    print(f"TOTAL charges tied to an official: {total} of {charges} charges with a subject")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
