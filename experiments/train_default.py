"""Train a shipped model (default or fast), evaluate it, and save it with its model card.

Usage:
    python experiments/train_default.py experiments/configs/default.json --devset ../shared/devset/dev.jsonl
    python experiments/train_default.py experiments/configs/fast.json --devset ../shared/devset/dev.jsonl

The model directory (config.json, JSON + .npz weights, metrics.json, README.md model card) goes to
the config's "output"; the metrics also go to experiments/results/model_<name>.json.
Evaluation text: leave-one-article-out on the seed corpus, the hand-written held-out test
sentences in tests/data/, and the dev set; never the authored training supplement.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from stance.corpus import read_corpus
from stance.evaluate import dump_json, evaluate_attribution_corpus, evaluate_attribution_items, read_eval_items
from stance.experiment import dev_items_from, load_embedding_cache, run_variant, save_embedding_cache
from stance.train import TrainConfig

HERE = Path(__file__).resolve().parent
HELDOUT = sorted((HERE.parent / "tests" / "data").glob("heldout_*.jsonl"))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("config", type=Path)
    p.add_argument("--devset", default=None)
    p.add_argument("--output", default=None, help="model directory (default: the config's output)")
    p.add_argument("--results", default=HERE / "results", type=Path)
    p.add_argument("--cache", default=HERE / ".cache", type=Path)
    args = p.parse_args(argv)
    config = TrainConfig.from_file(args.config)
    output = Path(args.output or config.output)
    name = output.name
    records = read_corpus(config.corpus, include_authored=config.include_authored, targets=config.model.targets)
    cache = args.cache / f"embeddings_{config.model.encoder}.npz"
    load_embedding_cache(cache, config.model.encoder)
    res = run_variant(name, config.model, records, dev_items_from(args.devset), config.grid, config.cv_folds)
    save_embedding_cache(cache, config.model.encoder)
    model = res.pop("_model")
    res.pop("dev_predictions", None)
    seed = [r for r in records if r["source"] == "seed"]
    attribution = {"seed corpus (both articles)": evaluate_attribution_corpus(model.analyzer, seed)[0]}
    for path in HELDOUT:
        if path.is_file():
            attribution[f"tests/data/{path.name}"] = evaluate_attribution_items(model.analyzer, read_eval_items(path))[0]
    if args.devset:
        attribution["dev set"] = evaluate_attribution_items(model.analyzer, read_eval_items(args.devset))[0]
    metrics = {"attribution": {k: {"description": f"speaker attribution and target detection on {k}",
                                   "speaker_accuracy": v["speaker_accuracy"],
                                   "attribution_accuracy": v["attribution_accuracy"], "cue_f1": v["cue"]["f1"],
                                   "target_precision": v["targets"]["precision"],
                                   "target_recall": v["targets"]["recall"], "target_f1": v["targets"]["f1"], "n": v["n"]}
                               for k, v in attribution.items()}}
    metrics["stance_loao"] = {"description": "leave-one-article-out on the seed corpus (pooled)",
                              "stance_macro_f1": res["loao_pooled"]["stance"].get("macro_f1"),
                              "sentiment_macro_f1": res["loao_pooled"]["sentiment"].get("macro_f1"),
                              "n_pairs": res["loao_pooled"]["stance"].get("n")}
    if res.get("dev"):
        dev = res["dev"]
        metrics["stance_dev"] = {"description": f"dev set {args.devset} (development score: used for model choice)",
                                 "stance_macro_f1_all": dev["stance_all"]["macro_f1"],
                                 "stance_macro_f1_non_self": dev["stance_non_self"]["macro_f1"],
                                 "stance_ece": dev["stance_all"].get("ece"),
                                 "sentiment_macro_f1": dev["sentiment"]["macro_f1"],
                                 "sentiment_ece": dev["sentiment"].get("ece"),
                                 "per_class_f1_non_self": dev["stance_non_self"]["per_class_f1"],
                                 "per_target_macro_f1": {t: v["macro_f1"] for t, v in dev["per_target"].items()}}
    metrics["training"] = {"train_seconds": res["train_seconds_full"], "model_size_bytes": res["model_size_bytes"],
                           **{k: v for k, v in res["train_log_full"].items() if not isinstance(v, dict)}}
    model.metadata["train_config"] = config.to_dict()
    model.save(output, metrics)
    dump_json({"model": name, "config": config.to_dict(), "metrics": metrics, "details": res},
              args.results / f"model_{name}.json")
    print(f"saved {output}: " + ", ".join(f"{k}={v:.3f}" for k, v in metrics.get("stance_dev", {}).items()
                                          if isinstance(v, float)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
