"""Evaluate speaker attribution and target detection (the rules) on every labelled text we have.

Usage:
    python experiments/evaluate_attribution.py --devset ../shared/devset/dev.jsonl

Writes experiments/results/attribution.{json,md}. Evaluation text:

* the labelled seed corpus (labels/, both articles): the rules were written while looking at it;
* tests/data/heldout_*.jsonl: German news-style sentences written for testing (by writers who saw
  neither the rules nor the dev set), with other speakers, cue forms and quote styles. Their errors
  were inspected while the rules were refined, so these are development figures too. The agency,
  wire, press and targets files were each scored once before any rule was changed for them (see
  FIRST_LOOK); a few of their labels were corrected afterwards where they contradicted a written
  convention of labels/GUIDELINES.md (listed in FIRST_LOOK);
* the dev set (paraphrased real reporting), if its path is given: scored in aggregate only,
  never inspected item by item, so it is the best estimate for new text.

A plain alias-regex target detector (every alias match counts, no incidental-mention rules, no
implicit references) is reported as the baseline for target detection.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from stance.analyze import Analyzer
from stance.corpus import read_corpus
from stance.evaluate import (dump_json, evaluate_attribution_corpus, evaluate_attribution_items, read_eval_items,
                             score_attribution)
from stance.targets import TargetLexicon

HERE = Path(__file__).resolve().parent
# Test sets scored once by the rules of the given commit, before any rule was adjusted to their
# items: the only figures here from text the rules had never been checked on.
FIRST_LOOK = {
    "heldout_agency.jsonl": {"commit": "397bcba", "speaker": 0.845, "attribution": 0.909, "cue_f1": 0.800,
                             "target_f1": 0.945},
    "heldout_wire.jsonl": {"commit": "66518f0", "speaker": 0.900, "attribution": 0.963, "cue_f1": 0.972,
                           "target_f1": 0.985},
    "heldout_targets.jsonl": {"commit": "fd00ba5", "speaker": 0.856, "attribution": 0.933, "cue_f1": 0.880,
                              "target_f1": 0.867,
                              "relabelled": "tgt-008 speaker 'Ukraine' -> 'Ukrainische Regierung' (GUIDELINES 2.7); "
                                            "tgt-012 speaker 'Behörden in Vilnius' -> 'Litauische Behörden' (GUIDELINES 2.7, "
                                            "found by an independent review); "
                                            "tgt-013, tgt-024, tgt-074 cue 'sprach' -> 'sprach (…) von' (GUIDELINES 4); "
                                            "'...' written as '…' in cues (scoring treats both alike)"},
    "heldout_press.jsonl": {"commit": "febe544", "speaker": 0.922, "attribution": 0.944, "cue_f1": 0.922,
                            "target_f1": 0.957,
                            "relabelled": "press-039 'zeigten sich überzeugt, dass' -> author (GUIDELINES 2.1); cues "
                                          "press-033 'appellierte', press-088 'bezeichnete', press-077 'wies … hin' "
                                          "(GUIDELINES 4); '...' written as '…' in cues"},
}
ROOT = HERE.parent


def alias_regex_targets(text: str, lexicon: TargetLexicon) -> list[str]:
    """Baseline: a target is referred to if any alias (or adjective stem) occurs, case-insensitively."""
    found = []
    for target, entry in lexicon.entries.items():
        words = entry["aliases"] + entry["adjectives"] + entry["persons"]
        if any(re.search(r"(?<![\w])" + re.escape(w), text, re.I) for w in words):
            found.append(target)
    return found


def baseline_targets(gold: list[dict], lexicon: TargetLexicon) -> dict:
    pred = [{"speaker": "author", "attribution": "author", "cue": None,
             "targets": alias_regex_targets(g["text"], lexicon)} for g in gold]
    return score_attribution(gold, pred)["targets"]


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--corpus", default=ROOT / "labels", type=Path)
    p.add_argument("--devset", default=None, help="path to the dev set JSONL (e.g. ../shared/devset/dev.jsonl)")
    p.add_argument("--output", default=HERE / "results", type=Path)
    args = p.parse_args(argv)

    analyzer = Analyzer()
    lexicon = analyzer.detector.lexicon
    sets: dict[str, tuple[dict, list[dict]]] = {}
    seed = read_corpus(args.corpus, include_authored=False)
    metrics, _ = evaluate_attribution_corpus(analyzer, seed)
    sets["seed corpus (2 DW articles; rules written on it)"] = (metrics, seed)
    for path in sorted((ROOT / "tests" / "data").glob("heldout_*.jsonl")):
        name = path.name
        items = read_eval_items(path)
        sets[f"tests/data/{name} (written for testing; errors inspected while refining the rules)"] = (evaluate_attribution_items(analyzer, items)[0], items)
    if args.devset:
        items = read_eval_items(args.devset)
        sets["dev set (paraphrased real reporting; scored in aggregate only)"] = (evaluate_attribution_items(analyzer, items)[0], items)

    results = {}
    lines = [
        "# Speaker attribution and target detection",
        "",
        "Generated by `experiments/evaluate_attribution.py`. Speaker accuracy is an exact match of the canonical "
        "name (\"author\" included); cue F1 is an exact match of the normalized cue; target detection is scored "
        "on the set of stance-bearing targets per unit. The alias-regex baseline counts every alias match as a "
        "target.",
        "",
        "| evaluation text | units | speaker acc. | speaker acc. (non-author) | attribution acc. | cue F1 "
        "| target P | target R | target F1 | alias-regex target F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, (m, gold) in sets.items():
        base = baseline_targets(gold, lexicon)
        results[name] = {**m, "alias_regex_baseline_targets": base}
        lines.append(
            f"| {name} | {m['n']} | {m['speaker_accuracy']:.3f} | {m['speaker_accuracy_non_author']:.3f} "
            f"| {m['attribution_accuracy']:.3f} | {m['cue']['f1']:.3f} | {m['targets']['precision']:.3f} "
            f"| {m['targets']['recall']:.3f} | {m['targets']['f1']:.3f} | {base['f1']:.3f} |")
    for name, m in FIRST_LOOK.items():
        lines += ["", f"First look at tests/data/{name} (rules of commit {m['commit']}, before any rule was changed "
                      f"for it): speaker accuracy "
                      f"{m['speaker']:.3f}, attribution accuracy {m['attribution']:.3f}, cue F1 {m['cue_f1']:.3f}, "
                      f"target F1 {m['target_f1']:.3f}."
                      + (f" Labels corrected afterwards: {m['relabelled']}." if m.get("relabelled") else "")]
    lines += ["", "Command: `python experiments/evaluate_attribution.py --devset ../shared/devset/dev.jsonl`", ""]
    args.output.mkdir(parents=True, exist_ok=True)
    dump_json({"devset": args.devset, "results": results}, args.output / "attribution.json")
    (args.output / "attribution.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
