"""Generated model cards (the README.md inside a saved model directory)."""

from __future__ import annotations


def _table(rows: list[tuple], header: tuple) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def _fmt(v) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def _evaluation(metrics: dict) -> list[str]:
    lines: list[str] = []
    attribution = metrics.get("attribution", {})
    if attribution:
        lines += ["### Speaker attribution and target detection (rules)", ""]
        rows = [(name, m.get("n"), _fmt(m.get("speaker_accuracy")), _fmt(m.get("attribution_accuracy")),
                 _fmt(m.get("cue_f1")), _fmt(m.get("target_precision")), _fmt(m.get("target_recall")),
                 _fmt(m.get("target_f1"))) for name, m in attribution.items()]
        lines += _table(rows, ("evaluation text", "units", "speaker acc.", "attribution acc.", "cue F1",
                               "target P", "target R", "target F1"))
        lines.append("")
    for key, title in (("stance_loao", "Stance and sentiment, leave-one-article-out on the seed corpus"),
                       ("stance_dev", "Stance and sentiment on the dev set")):
        block = metrics.get(key)
        if not block:
            continue
        lines += [f"### {title}", "", block.get("description", ""), ""]
        rows = [(k, _fmt(v)) for k, v in block.items() if k != "description" and not isinstance(v, dict)]
        lines += _table(rows, ("metric", "value"))
        for k, v in block.items():
            if isinstance(v, dict):
                lines += ["", f"{k}:", "", *_table([(a, _fmt(b)) for a, b in v.items()], ("", "value"))]
        lines.append("")
    training = metrics.get("training")
    if training:
        lines += ["### Training", "", *_table([(k, _fmt(v)) for k, v in training.items()], ("", "value")), ""]
    return lines


def model_card(config: dict, metrics: dict | None) -> str:
    """Markdown model card from a model's config.json content and its metrics."""
    model = config.get("model", {})
    training = config.get("training", {})
    lines = [
        "# stance model card",
        "",
        "Speaker attribution (rules), target detection (rules), stance toward "
        f"{', '.join(config.get('targets', []))} and sentiment (classifiers) for German news text.",
        "",
        "## Components",
        "",
        f"- backend: `{model.get('backend')}`; sentence encoder: `{model.get('encoder')}`",
        f"- stance classifier: C={model.get('stance_C')}; sentiment classifier: C={model.get('sentiment_C')}",
        f"- author narration is neutral toward every target: {model.get('author_neutral')}",
        "- attribution and target detection: rules + gazetteer + lexicons (`stance/data/`)",
        "",
        "## Training data",
        "",
        f"- records: {training.get('n_records')}, stance pairs: {training.get('n_stance_pairs')}",
        f"- sources: {', '.join(training.get('sources', []))}; data hash `{training.get('data_hash')}`",
        "- the `authored` source is a supplement written for this project for training only; "
        "no figure below is computed on it.",
        "",
        "## Library versions",
        "",
        *_table(sorted(config.get("library_versions", {}).items()), ("library", "version")),
        "",
        "## Evaluation",
        "",
    ]
    if not metrics:
        lines.append("No evaluation was recorded for this model.")
    else:
        lines += _evaluation(metrics)
    lines += [
        "## Limitations",
        "",
        "- Trained on two DW articles and an authored supplement; accuracy on other outlets and topics is lower "
        "than on the seed articles (see the dev-set figures).",
        "- Rules know the people in the gazetteer; unknown speakers are named as written.",
        "- The model reads one sentence at a time (plus document-level speaker tracking).",
        "",
    ]
    return "\n".join(lines)
