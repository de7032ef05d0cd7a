"""Command line: ``stance predict | train | evaluate | corpus | annotate``.

>>> from stance.cli import build_parser
>>> build_parser().parse_args(["predict", "article.txt", "--format", "jsonl"]).format
'jsonl'
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

from .validation import DataError, ModelError


def _read_inputs(paths: list[str]) -> list[tuple[str, str]]:
    """(name, text) for files, directories (their *.txt files) and '-' (stdin)."""
    if not paths:
        paths = ["-"]
    out = []
    for p in paths:
        if p == "-":
            out.append(("<stdin>", sys.stdin.read()))
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                raise DataError(f"{path}: directory has no *.txt article files")
        elif path.is_file():
            files = [path]
        else:
            raise DataError(f"{path}: no such file or directory")
        for f in files:
            try:
                out.append((str(f), f.read_text(encoding="utf-8")))
            except UnicodeDecodeError as exc:
                raise DataError(f"{f}: not UTF-8 text ({exc.reason} at byte {exc.start}); convert it first") from None
    return out


def _load_model(name: str | None):
    import stance

    return stance.load(name or "default")


def _cmd_predict(args) -> int:
    model = _load_model(args.model)
    inputs = _read_inputs(args.files)
    out = sys.stdout
    if args.format == "csv":
        writer = csv.writer(out)
        writer.writerow(["file", "start", "end", "kind", "speaker", "attribution", "cue", "target", "stance",
                         "p_stance", "sentiment", "text"])
    for name, text in inputs:
        statements = model.predict(text, explain=args.explain)
        if args.format == "jsonl":
            for st in statements:
                out.write(json.dumps({"file": name, **st.to_dict()}, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            for st in statements:
                rows = list(st.targets.items()) or [(None, None)]
                for target, ts in rows:
                    writer.writerow([name, st.start, st.end, st.kind, st.speaker, st.attribution, st.cue or "",
                                     target or "", ts.stance if ts else "",
                                     f"{ts.scores[ts.stance]:.3f}" if ts else "", st.sentiment, st.text])
        else:
            out.write(f"# {name}: {len(statements)} statements\n")
            out.write(format_table(statements))
    return 0


def format_table(statements) -> str:
    """A plain-text table: speaker, attribution, targets with stances, sentiment, text."""
    buf = io.StringIO()
    for st in statements:
        targets = ", ".join(f"{t}:{ts.stance}" for t, ts in st.targets.items()) or "-"
        flat = " ".join(st.text.split())  # a unit may span lines of the input
        text = flat if len(flat) <= 70 else flat[:67] + "..."
        buf.write(f"{st.speaker[:24]:<24} {st.attribution:<8} {targets:<34} {st.sentiment:<8} {text}\n")
    return buf.getvalue()


def _cmd_train(args) -> int:
    from .train import TrainConfig, train_model

    config = TrainConfig.from_file(args.config)
    if args.output:
        config.output = args.output
    if not config.output:
        raise ValueError(f"{args.config}: no output directory; set \"output\" in the config or pass --output")
    model = train_model(config)
    print(f"saved {model!r} to {config.output}")
    return 0


def _cmd_evaluate(args) -> int:
    from .corpus import read_corpus
    from .evaluate import (evaluate_attribution_corpus, evaluate_attribution_items, read_eval_items,
                           records_as_items, stance_eval_items)

    model = _load_model(args.model)
    data = Path(args.data)
    if data.is_dir():
        records = read_corpus(data, include_authored=False)
        attribution, _ = evaluate_attribution_corpus(model.analyzer, records)
        items = records_as_items(records)
    else:
        items = read_eval_items(data)
        attribution, _ = evaluate_attribution_items(model.analyzer, items)
    result = stance_eval_items(model, items)
    result.pop("predictions")
    summary = {
        "data": str(data),
        "attribution": attribution,
        "stance_macro_f1_all": result["stance_all"].get("macro_f1"),
        "stance_macro_f1_non_self": result["stance_non_self"].get("macro_f1"),
        "sentiment_macro_f1": result["sentiment"].get("macro_f1"),
        "details": result,
    }
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    print(text if args.json else
          f"speaker accuracy {attribution['speaker_accuracy']:.3f} | attribution accuracy "
          f"{attribution['attribution_accuracy']:.3f} | target F1 {attribution['targets']['f1']:.3f} | stance "
          f"macro-F1 {summary['stance_macro_f1_all']:.3f} (non-self {summary['stance_macro_f1_non_self']:.3f}) | "
          f"sentiment macro-F1 {summary['sentiment_macro_f1']:.3f}  (n={len(items)} units)")
    return 0


def _cmd_corpus(args) -> int:
    from .corpus import format_statistics, read_corpus, statistics

    records = read_corpus(args.path, include_authored=not args.seed_only)
    if args.action == "validate":
        print(f"{args.path}: {len(records)} records OK")
    else:
        print(format_statistics(statistics(records)))
    return 0


def _cmd_annotate(args) -> int:
    from .ingest import ingest

    model = _load_model(args.model)
    (name, raw), = _read_inputs([args.article])
    article_id = args.id or Path(name).stem
    article = ingest(raw, article_id)
    statements = model.predict(raw)
    lines = [json.dumps(st.to_record(article_id, f"{article_id}-{i:03d}"), ensure_ascii=False)
             for i, st in enumerate(statements, start=1)]
    text = "\n".join(lines) + ("\n" if lines else "")
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(lines)} pre-labelled units of {article_id} ({article.metadata}) to {args.output}; "
              f"correct them, copy the raw text to labels/articles/{article_id}.txt, and run 'stance corpus validate'")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stance", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("predict", help="tag German news articles (files, directories of *.txt, or - for stdin)")
    p.add_argument("files", nargs="*", help="article text files or directories; default: stdin")
    p.add_argument("--model", help="'default', 'fast', or a model directory")
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")
    p.add_argument("--explain", action="store_true", help="include the features behind each decision (jsonl)")
    p.set_defaults(func=_cmd_predict)

    p = sub.add_parser("train", help="train a model from a JSON train config")
    p.add_argument("config")
    p.add_argument("--output", help="model directory (overrides the config's output)")
    p.set_defaults(func=_cmd_train)

    p = sub.add_parser("evaluate", help="evaluate a model on a corpus folder or a JSONL file of items")
    p.add_argument("model", help="'default', 'fast', or a model directory")
    p.add_argument("data", help="corpus folder (labels/) or items JSONL (e.g. ../shared/devset/dev.jsonl)")
    p.add_argument("--output", help="write the full JSON report here")
    p.add_argument("--json", action="store_true", help="print the full JSON report")
    p.set_defaults(func=_cmd_evaluate)

    # 'stats' and 'validate' are sub-commands of their own, so that the optional path may come
    # before or after --seed-only (argparse cannot mix two positionals with an optional one).
    p = sub.add_parser("corpus", help="validate the labelled corpus or print its statistics")
    p.add_argument("--seed-only", action="store_true", help="leave out labels/authored/")
    actions = p.add_subparsers(dest="action", required=True, metavar="{stats,validate}")
    for action, help_text in (("stats", "print the corpus statistics as Markdown tables"),
                              ("validate", "check every record; exit 2 with a one-line error on the first problem")):
        a = actions.add_parser(action, help=help_text)
        a.add_argument("path", nargs="?", default="labels", help="corpus folder (default: labels)")
        a.add_argument("--seed-only", action="store_true", default=argparse.SUPPRESS,
                       help="leave out labels/authored/")
    p.set_defaults(func=_cmd_corpus)

    p = sub.add_parser("annotate", help="write pre-labelled JSONL for an article, for a person to correct")
    p.add_argument("article", help="raw article text file (or - for stdin)")
    p.add_argument("--id", help="article id (default: the file name)")
    p.add_argument("--model", help="'default', 'fast', or a model directory")
    p.add_argument("-o", "--output", help="output JSONL file (default: stdout)")
    p.set_defaults(func=_cmd_annotate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except (DataError, ModelError, ValueError, TypeError, OSError, ImportError) as exc:
        print(f"stance: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
