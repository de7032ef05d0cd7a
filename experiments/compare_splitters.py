"""Compare two German sentence splitters on the labelled seed articles.

syntok (MIT) is what the library uses (``stance.segment.split_sentences``); SoMaJo (GPL-3)
is imported here only, for comparison -- it is not a dependency of ``stance``.

For every seed article in ``--articles`` the body paragraphs are the lines that
``stance.ingest`` turns into ``lead``/``body`` units (navigation, captions, headings, URL,
credit, agency and date lines are left out, and so is a ``date ...`` prefix). Each splitter
runs on each paragraph separately; its sentences are compared with the ``body``/``lead`` units
of the labelled corpus (``--labels``/*.jsonl) by their character offsets in the raw text.

Usage (from the repository root)::

    .venv/bin/python experiments/compare_splitters.py
    .venv/bin/python experiments/compare_splitters.py --articles labels/articles \\
        --output experiments/results/splitters.md

Needs ``somajo`` installed in the environment (``pip install SoMaJo``); it is not installed
by ``pip install stance``.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path

from stance.ingest import ingest
from stance.segment import split_sentences

GOLD_KINDS = ("body", "lead")
Span = tuple[int, int]


def paragraphs(raw: str) -> list[Span]:
    """(start, end) of each body/lead paragraph of ``raw``, as ``stance.ingest`` reads it.

    A paragraph is one line of the raw text; its span runs from the first to the last
    character of the lead/body units that ingest makes of it (so a dropped prefix such as
    ``date 2021-03`` is left out).
    """
    spans: dict[int, list[int]] = {}
    for unit in ingest(raw).units:
        if unit.kind not in GOLD_KINDS:
            continue
        line_start = raw.rfind("\n", 0, unit.start) + 1
        span = spans.setdefault(line_start, [unit.start, unit.end])
        span[0], span[1] = min(span[0], unit.start), max(span[1], unit.end)
    return [(s, e) for s, e in sorted(spans.values())]


def run_syntok(raw: str, paras: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in paras:
        out += split_sentences(raw[s:e], offset=s)
    return out


def make_somajo():
    from somajo import SoMaJo  # GPL-3: imported here only, never by the library

    return SoMaJo("de_CMC", split_sentences=True, character_offsets=True)


def run_somajo(tokenizer, raw: str, paras: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in paras:
        for sentence in tokenizer.tokenize_text([raw[s:e]]):
            offsets = [t.character_offset for t in sentence if t.character_offset is not None]
            if offsets:
                out.append((s + offsets[0][0], s + offsets[-1][1]))
    return out


def gold_units(labels: Path, article_id: str) -> list[Span]:
    spans = []
    for path in sorted(labels.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                if rec["article"] == article_id and rec["kind"] in GOLD_KINDS:
                    spans.append((rec["start"], rec["end"]))
    return sorted(spans)


def timed(fn, repeat: int) -> tuple[object, float]:
    """Result of ``fn()`` and the best wall time of ``repeat`` runs, in seconds."""
    best, result = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return result, best


def scores(gold: list[Span], pred: list[Span]) -> dict:
    g_end, p_end = {e for _, e in gold}, {e for _, e in pred}
    tp = len(g_end & p_end)
    p = tp / len(p_end) if p_end else 0.0
    r = tp / len(g_end) if g_end else 0.0
    return {
        "sentences": len(pred),
        "boundaries_matched": tp,
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "exact_sentences": len(set(gold) & set(pred)),
    }


def disagreements(versions: dict[str, list[Span]], paras: list[Span]) -> list[dict[str, list[Span]]]:
    """Stretches of text where the versions split differently.

    Inside each paragraph, the versions are cut at the sentence ends they all share; every
    stretch between two shared ends where some version has other sentences is one
    disagreement (``{version name: its sentences in the stretch}``).
    """
    out = []
    for ps, pe in paras:
        inside = {k: [sp for sp in v if ps <= sp[0] and sp[1] <= pe] for k, v in versions.items()}
        shared = sorted(set.intersection(*({e for _, e in v} for v in inside.values())) | {pe})
        lo = ps
        for cut in shared:
            group = {k: [sp for sp in v if lo <= sp[0] and sp[1] <= cut] for k, v in inside.items()}
            if len({tuple(v) for v in group.values()}) > 1:
                out.append(group)
            lo = cut
    return out


def short(text: str, width: int = 70) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    if len(text) <= width:
        return text
    head = width * 2 // 3
    return text[:head] + " … " + text[-(width - head - 3):]


def fmt(x: float) -> str:
    return f"{x:.3f}"


def report(results: list[dict], totals: dict, timing: dict, env: dict) -> str:
    names = ["syntok", "somajo"]
    lines = [
        "# Sentence splitters on the seed articles: syntok vs. SoMaJo",
        "",
        "Generated by `experiments/compare_splitters.py`; do not edit by hand.",
        "",
        f"Input: the body and lead paragraphs of {len(results)} seed articles "
        f"({', '.join(r['article'] for r in results)}), {totals['paragraphs']} paragraphs, "
        f"split paragraph by paragraph. Reference: the {totals['gold']} `body`/`lead` units of the "
        "labelled corpus (`labels/*.jsonl`). A boundary is a sentence end offset in the raw text; "
        "precision and recall are over the sets of end offsets, *exact* counts sentences whose start "
        "and end both match a unit.",
        "",
        "| splitter | licence | sentences (reference: {g}) | boundaries matched | precision | recall | F1 "
        "| exact sentences | time per run | time per paragraph |".format(g=totals["gold"]),
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    licences = {"syntok": "MIT", "somajo": "GPL-3.0"}
    for name in names:
        s = totals[name]
        t = timing[name]
        lines.append(
            f"| {name} {env[name]} | {licences[name]} | {s['sentences']} | {s['boundaries_matched']} | "
            f"{fmt(s['precision'])} | {fmt(s['recall'])} | {fmt(s['f1'])} | {s['exact_sentences']} / "
            f"{totals['gold']} | {t * 1000:.1f} ms | {t * 1000 / totals['paragraphs']:.2f} ms |"
        )
    lines += [
        "",
        f"Times are the best of {timing['repeat']} runs over all paragraphs (wall clock, one process, "
        f"Python {env['python']}, {env['machine']}). Building the SoMaJo tokenizer once took "
        f"{timing['somajo_init'] * 1000:.0f} ms more (not included above); syntok needs no set-up.",
        "",
        "**Caveat: the reference favours syntok.** `labels/GUIDELINES.md` §1 defines a unit as a "
        "sentence *as produced by `stance.ingest`*, which splits with syntok, so the reference units "
        "are syntok's splits as kept by the annotator (each of them is one grammatical sentence). A "
        "perfect syntok score therefore shows that none of its splits on these two articles needed a "
        "correction, not that syntok is better in general; the SoMaJo disagreements below are the "
        "informative part. Two short articles from one outlet are far too few for a general comparison.",
        "",
        "## Per article",
        "",
        "| article | reference units | syntok sentences | syntok P / R | somajo sentences | somajo P / R |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        sy, so = r["scores"]["syntok"], r["scores"]["somajo"]
        lines.append(
            f"| {r['article']} | {r['gold']} | {sy['sentences']} | {fmt(sy['precision'])} / {fmt(sy['recall'])} | "
            f"{so['sentences']} | {fmt(so['precision'])} / {fmt(so['recall'])} |"
        )
    n_dis = sum(len(r["disagreements"]) for r in results)
    lines += [
        "",
        f"## Disagreements ({n_dis})",
        "",
        "Every stretch of a paragraph where the reference units, syntok and SoMaJo do not all split "
        "alike. Each cell lists that version's sentences in the stretch, one per line, shortened "
        "in the middle (…).",
        "",
    ]
    if not n_dis:
        lines += ["None: both splitters reproduce the reference units exactly.", ""]
    else:
        lines += ["| article | offset | boundary in question (‖) | reference units | syntok | somajo |",
                  "|---|---:|---|---|---|---|"]
        for r in results:
            raw = r["raw"]
            for group in r["disagreements"]:
                start = min(sp[0] for v in group.values() for sp in v)
                ends = [{e for _, e in v} for v in group.values()]
                unshared = sorted(set.union(*ends) - set.intersection(*ends))
                where = "<br>".join(f"{short(raw[max(0, e - 25):e], 30)}‖{short(raw[e:e + 25], 30)}" for e in unshared)
                cells = ["<br>".join(f"{i}. {short(raw[s:e])}" for i, (s, e) in enumerate(group[k], 1))
                         for k in ("reference", "syntok", "somajo")]
                lines.append(f"| {r['article']} | {start} | {where} | " + " | ".join(cells) + " |")
        lines.append("")
    lines += [
        "## Licences",
        "",
        "- **syntok** is MIT-licensed. It is the splitter the library uses "
        "(`stance.segment.split_sentences`, called by `stance.ingest`) and a declared dependency.",
        "- **SoMaJo** is GPL-3.0-licensed. It is only compared here: the script imports it itself, and "
        "it is not a dependency of `stance`. If the library depended on it (imported it), the library "
        "and software built on it would in effect have to be distributed under the GPL-3, which would "
        "defeat the project's MIT licence. To re-run this comparison, install it into the environment by hand "
        "(`pip install SoMaJo`).",
        "",
        "This is a note on the project's dependency choice, not legal advice.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", default="labels/articles", help="folder with the raw <article id>.txt files")
    ap.add_argument("--labels", help="folder with the labelled *.jsonl files (default: parent of --articles)")
    ap.add_argument("--output", default="experiments/results/splitters.md", help="Markdown report to write")
    ap.add_argument("--repeat", type=int, default=5, help="timing runs per splitter (best is reported)")
    args = ap.parse_args(argv)

    articles = Path(args.articles)
    labels = Path(args.labels) if args.labels else articles.parent
    try:
        t0 = time.perf_counter()
        tokenizer = make_somajo()
        somajo_init = time.perf_counter() - t0
    except ImportError:
        print("compare_splitters: SoMaJo is not installed (pip install SoMaJo)", file=sys.stderr)
        return 2

    results, timing = [], {"syntok": 0.0, "somajo": 0.0, "repeat": args.repeat, "somajo_init": somajo_init}
    all_gold: list[Span] = []
    all_pred: dict[str, list[Span]] = {"syntok": [], "somajo": []}
    n_paras = 0
    for txt in sorted(articles.glob("*.txt")):
        article_id = txt.stem
        gold = gold_units(labels, article_id)
        if not gold:
            continue  # not a labelled seed article
        raw = txt.read_text(encoding="utf-8")
        paras = paragraphs(raw)
        outside = [g for g in gold if not any(s <= g[0] and g[1] <= e for s, e in paras)]
        if outside:
            print(f"warning: {article_id}: {len(outside)} reference units outside the paragraphs", file=sys.stderr)
        sy, t_sy = timed(lambda: run_syntok(raw, paras), args.repeat)
        so, t_so = timed(lambda: run_somajo(tokenizer, raw, paras), args.repeat)
        timing["syntok"] += t_sy
        timing["somajo"] += t_so
        pred = {"syntok": sy, "somajo": so}
        results.append({
            "article": article_id,
            "raw": raw,
            "gold": len(gold),
            "scores": {k: scores(gold, v) for k, v in pred.items()},
            "disagreements": disagreements({"reference": gold, **pred}, paras),
        })
        # offsets are per article; tag them so that totals do not mix articles
        all_gold += [(len(results) * 10**7 + s, len(results) * 10**7 + e) for s, e in gold]
        for k, v in pred.items():
            all_pred[k] += [(len(results) * 10**7 + s, len(results) * 10**7 + e) for s, e in v]
        n_paras += len(paras)
    if not results:
        print(f"compare_splitters: no labelled articles found in {articles}", file=sys.stderr)
        return 2

    totals = {"gold": len(all_gold), "paragraphs": n_paras, **{k: scores(all_gold, v) for k, v in all_pred.items()}}
    env = {
        "syntok": version("syntok"),
        "somajo": version("SoMaJo"),
        "python": platform.python_version(),
        "machine": platform.machine(),
    }
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report(results, totals, timing, env), encoding="utf-8")
    for k in ("syntok", "somajo"):
        s = totals[k]
        print(f"{k}: {s['sentences']} sentences vs {totals['gold']} units, P {s['precision']:.3f} "
              f"R {s['recall']:.3f}, exact {s['exact_sentences']}, {timing[k] * 1000:.1f} ms")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
