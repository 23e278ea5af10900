"""Cost of the reader's analysis against the bare spaCy pipeline on the same ~10,000-word text.

    python benchmarks/analysis_cost.py [--words N] [--runs R]

Bare: `nlp(text)` with the model's full default pipeline (spacy.load, nothing disabled). Reader:
`reader.nlp.pipeline.analyse(text)` (chunked nlp.pipe without the unused lemmatizer, the reader's
components and the document-level consolidation). Both models are loaded and warmed up before timing;
the figures are medians of R alternating runs, so both see the same machine load. Budget (DESIGN
section 6): reader / bare <= 1.15.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's reader

CORPUS = ROOT.parent / "shared" / "corpus" / "doj_press_releases.jsonl"


def build_text(words: int, corpus: Path = CORPUS) -> str:
    """Press releases (title, blank line, body) joined by blank lines until `words` words."""
    parts: list[str] = []
    count = 0
    rows = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    while count < words:
        for row in rows:
            piece = f"{row.get('title', '')}\n\n{row['text']}"
            n = len(piece.split())
            if count + n > words:  # cut the last article at a word boundary
                piece = " ".join(piece.split(" ")[: words - count])
                n = len(piece.split())
            parts.append(piece)
            count += n
            if count >= words:
                break
    return "\n\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import spacy

    from reader.nlp.pipeline import analyse, load_nlp, resolve_model_name

    text = build_text(args.words)
    model = resolve_model_name(None)
    bare = spacy.load(model)
    load_nlp()
    bare(text)
    analyse(text)  # warm-up: pattern matchers built, caches filled
    bare_times, reader_times = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        bare(text)
        bare_times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        analyse(text)
        reader_times.append(time.perf_counter() - t0)
    b, r = statistics.median(bare_times), statistics.median(reader_times)
    print(f"text: {len(text.split())} words, {len(text)} chars; model {model}; {args.runs} runs")
    runs_bare = ", ".join(f"{x:.3f}" for x in bare_times)
    runs_reader = ", ".join(f"{x:.3f}" for x in reader_times)
    print(f"bare nlp(text), full default pipeline: median {b:.3f}s  (runs: {runs_bare})")
    print(f"reader analyse(text):                  median {r:.3f}s  (runs: {runs_reader})")
    print(f"ratio reader / bare: {r / b:.3f}  (budget 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
