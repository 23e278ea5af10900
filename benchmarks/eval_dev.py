"""Export every gold article with the reader's pipeline (one process) and score it with shared/eval.

    python benchmarks/eval_dev.py [GOLD_DIR] [PRED_DIR]

Defaults: ../shared/eval/dev and a temporary folder. Prints score.py's per-article rows and TOTAL.
The scorer is ../shared/eval/score.py (READER_SCORER names another), whatever the gold folder; the
held-out set is `benchmarks/heldout`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = Path(os.environ.get("READER_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))
sys.path.insert(0, str(ROOT))  # this checkout's reader, not an installed one

from reader.analysis import analyse_loaded  # noqa: E402
from reader.config import Settings  # noqa: E402
from reader.sources import load  # noqa: E402


def main() -> int:
    gold_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev"
    pred_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else Path(tempfile.mkdtemp(prefix="reader-eval-"))
    pred_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(cache=False)
    for txt in sorted(gold_dir.glob("*.txt")):
        article = analyse_loaded(load(str(txt)), settings)
        (pred_dir / f"{txt.stem}.json").write_text(article.dumps(), encoding="utf-8")
    return subprocess.call([sys.executable, str(SCORER), "run", str(gold_dir), str(pred_dir)])


if __name__ == "__main__":
    sys.exit(main())
