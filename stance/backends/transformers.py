"""Fine-tuned transformer classifier (optional backend).

`TransformersClassifier` fine-tunes a sequence-classification model (by default
``deepset/gbert-base``) on texts or on (target, statement) pairs and predicts
label strings. It is a scikit-learn estimator: hyper-parameters go into
``__init__``, learned attributes end with ``_``.

torch, transformers and datasets are imported only when a model is fitted or
loaded, so importing this module is cheap. Without them those calls raise
``ImportError``; install the extra with ``pip install 'stance[transformers]'``.

For stance, pass the target name as the text and the statement as the pair;
the examples use a small local checkpoint directory (any hub id or local
directory with a sequence-classification model and tokenizer works):

>>> from stance.backends.transformers import TransformersClassifier
>>> clf = TransformersClassifier("checkpoints/tiny-bert", epochs=1)
>>> clf.fit(["NATO", "Russland"],
...         ["Die NATO schützt uns.", "Russland droht erneut."],
...         ["favor", "against"])  # doctest: +SKIP
TransformersClassifier(...)
"""

from __future__ import annotations

import contextlib
import inspect
import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import NotFittedError

from ..checksums import sha256_file

__all__ = ["TransformersClassifier", "EXTRA_MESSAGE", "META_FILE"]

#: The message of the ImportError raised when the optional extra is missing.
EXTRA_MESSAGE = ("the transformers backend needs the optional extra: "
                 "pip install 'stance[transformers]'")
#: File written next to the model by `TransformersClassifier.save`.
META_FILE = "stance_backend.json"
_WEIGHTS_FILE = "model.safetensors"
_FORMAT_VERSION = 1


def _import_extra() -> tuple[Any, Any, Any]:
    """Import torch, transformers and datasets, or raise a one-line ImportError."""
    try:
        import datasets
        import torch
        import transformers
    except ImportError as exc:
        raise ImportError(EXTRA_MESSAGE) from exc
    return torch, transformers, datasets


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:300] if text else type(exc).__name__


def _resolve_device(torch: Any, device: Any) -> str:
    if device is None:
        return "cuda" if torch.cuda.is_available() else "cpu"
    return str(device)


def _as_texts(values: Any, name: str) -> list[str]:
    if isinstance(values, str):
        raise TypeError(f"{name} must be a list of strings, not a single string")
    out = list(values)
    for value in out:
        if not isinstance(value, str):
            raise TypeError(f"{name} must contain only strings, got {type(value).__name__}")
    return out


def _check_inputs(texts: Any, text_pairs: Any) -> tuple[list[str], list[str] | None]:
    texts = _as_texts(texts, "texts")
    if text_pairs is None:
        return texts, None
    pairs = _as_texts(text_pairs, "text_pairs")
    if len(pairs) != len(texts):
        raise ValueError(f"texts and text_pairs differ in length: {len(texts)} != {len(pairs)}")
    return texts, pairs


@contextlib.contextmanager
def _quiet_datasets(datasets: Any) -> Iterator[None]:
    """Hide the progress bars of `Dataset.map`, restoring the previous setting."""
    was_disabled = datasets.are_progress_bars_disabled()
    datasets.disable_progress_bars()
    try:
        yield
    finally:
        if not was_disabled:
            datasets.enable_progress_bars()


class TransformersClassifier(ClassifierMixin, BaseEstimator):
    """Fine-tune a transformer for sequence classification on texts or text pairs.

    Parameters (stored unchanged, see scikit-learn conventions):

    - ``checkpoint``: hub id or local directory of the base model and tokenizer.
    - ``labels``: label strings in id order; ``None`` uses the sorted labels of ``y``.
    - ``max_length``: tokens per input (pairs are truncated longest-first).
    - ``epochs``, ``learning_rate``, ``batch_size``, ``weight_decay``,
      ``warmup_ratio``: AdamW with linear warm-up and decay, gradients clipped at 1.0.
    - ``seed``: seeds the head initialisation, dropout and the batch order.
    - ``device``: ``"cpu"``, ``"cuda"``, ...; ``None`` picks CUDA when available.

    Learned attributes: ``classes_`` (label strings in id order), ``model_``,
    ``tokenizer_``, ``pairs_`` (trained on pairs: True/False; None when loaded
    from a plain checkpoint), ``device_``, ``loss_history_`` (mean training loss
    per epoch).

    >>> clf = TransformersClassifier("checkpoints/tiny-bert", epochs=2, seed=1)
    >>> clf.get_params()["epochs"]
    2
    >>> clf.set_params(learning_rate=1e-4).learning_rate
    0.0001
    """

    def __init__(
        self,
        checkpoint: str = "deepset/gbert-base",
        labels: Sequence[str] | None = None,
        max_length: int = 128,
        epochs: int = 3,
        learning_rate: float = 5e-5,
        batch_size: int = 16,
        weight_decay: float = 0.01,
        warmup_ratio: float = 0.1,
        seed: int = 0,
        device: str | None = None,
    ) -> None:
        self.checkpoint = checkpoint
        self.labels = labels
        self.max_length = max_length
        self.epochs = epochs
        self.learning_rate = learning_rate
        self.batch_size = batch_size
        self.weight_decay = weight_decay
        self.warmup_ratio = warmup_ratio
        self.seed = seed
        self.device = device

    # ------------------------------------------------------------------ fit

    def _check_params(self) -> None:
        for name in ("max_length", "epochs", "batch_size"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not 0.0 <= float(self.warmup_ratio) <= 1.0:
            raise ValueError(f"warmup_ratio must be in [0, 1], got {self.warmup_ratio!r}")
        if float(self.learning_rate) <= 0.0:
            raise ValueError(f"learning_rate must be positive, got {self.learning_rate!r}")

    def _label_list(self, y: list[str]) -> list[str]:
        if self.labels is None:
            return sorted(set(y))
        labels = [str(label) for label in self.labels]
        if len(set(labels)) != len(labels):
            raise ValueError(f"labels contains duplicates: {labels}")
        unknown = sorted(set(y) - set(labels))
        if unknown:
            raise ValueError(f"y has labels not in `labels` {labels}: {unknown}")
        return labels

    def fit(self, texts: Sequence[str], y: Sequence[str],
            text_pairs: Sequence[str] | None = None) -> TransformersClassifier:
        """Fine-tune ``checkpoint`` on ``texts`` (and ``text_pairs``) with labels ``y``.

        For stance, ``texts`` are target names and ``text_pairs`` the statements.
        Returns ``self``.

        >>> clf = TransformersClassifier("checkpoints/tiny-bert", epochs=1)
        >>> clf.fit(["China", "NATO"], ["China droht Taiwan.", "Die Nato hilft."],
        ...         ["against", "favor"]).classes_  # doctest: +SKIP
        array(['against', 'favor'], dtype='<U7')
        """
        self._check_params()
        texts, pairs = _check_inputs(texts, text_pairs)
        y = _as_texts(y, "y")
        if not texts:
            raise ValueError("cannot fit on an empty training set")
        if len(y) != len(texts):
            raise ValueError(f"texts and y differ in length: {len(texts)} != {len(y)}")
        labels = self._label_list(y)
        label2id = {label: i for i, label in enumerate(labels)}

        torch, transformers, datasets = _import_extra()
        device = _resolve_device(torch, self.device)
        torch.manual_seed(self.seed)  # the new classification head is initialised here

        tokenizer = transformers.AutoTokenizer.from_pretrained(self.checkpoint)
        model = transformers.AutoModelForSequenceClassification.from_pretrained(
            self.checkpoint,
            num_labels=len(labels),
            id2label=dict(enumerate(labels)),
            label2id=label2id,
            ignore_mismatched_sizes=True,
        )
        model.to(device)

        columns: dict[str, list[Any]] = {"text": texts, "label": [label2id[v] for v in y]}
        if pairs is not None:
            columns["text_pair"] = pairs
        max_length = int(self.max_length)

        def encode(batch: dict[str, list[Any]]) -> Any:
            return tokenizer(batch["text"], batch.get("text_pair"),
                             truncation=True, max_length=max_length)

        with _quiet_datasets(datasets):
            dataset = datasets.Dataset.from_dict(columns).map(
                encode, batched=True, remove_columns=[c for c in columns if c != "label"])

        generator = torch.Generator()
        generator.manual_seed(self.seed)
        loader = torch.utils.data.DataLoader(
            dataset, batch_size=int(self.batch_size), shuffle=True, generator=generator,
            collate_fn=transformers.DataCollatorWithPadding(tokenizer))

        no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight", "norm.weight")
        named = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
        groups = [
            {"params": [p for n, p in named if not n.endswith(no_decay)],
             "weight_decay": float(self.weight_decay)},
            {"params": [p for n, p in named if n.endswith(no_decay)], "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(groups, lr=float(self.learning_rate))
        total_steps = int(self.epochs) * len(loader)
        scheduler = transformers.get_linear_schedule_with_warmup(
            optimizer, num_warmup_steps=math.ceil(float(self.warmup_ratio) * total_steps),
            num_training_steps=total_steps)

        torch.manual_seed(self.seed)  # dropout
        history: list[float] = []
        model.train()
        for _ in range(int(self.epochs)):
            losses = []
            for batch in loader:
                batch = {k: v.to(device) for k, v in batch.items()}
                loss = model(**batch).loss
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                optimizer.zero_grad(set_to_none=True)
                losses.append(float(loss.detach()))
            history.append(float(np.mean(losses)))
        model.eval()

        self.classes_ = np.array(labels)
        self.model_ = model
        self.tokenizer_ = tokenizer
        self.pairs_ = pairs is not None
        self.device_ = device
        self.loss_history_ = history
        return self

    # -------------------------------------------------------------- predict

    def _check_fitted(self) -> None:
        if not hasattr(self, "model_"):
            raise NotFittedError(
                "this TransformersClassifier is not fitted yet: call fit() or load() first")

    def predict_proba(self, texts: Sequence[str],
                      text_pairs: Sequence[str] | None = None) -> np.ndarray:
        """Class probabilities, shape ``(n, len(classes_))``, columns in ``classes_`` order.

        >>> clf = TransformersClassifier.load("models/stance-pairs")  # doctest: +SKIP
        >>> clf.predict_proba(["NATO"], ["Die Nato hilft."]).sum()  # doctest: +SKIP
        1.0
        """
        self._check_fitted()
        texts, pairs = _check_inputs(texts, text_pairs)
        if self.pairs_ is True and pairs is None:
            raise ValueError("this model was trained on text pairs: pass text_pairs as well")
        if self.pairs_ is False and pairs is not None:
            raise ValueError("this model was trained on single texts: do not pass text_pairs")
        if not texts:
            return np.empty((0, len(self.classes_)), dtype=np.float64)

        torch, _, _ = _import_extra()
        model, tokenizer = self.model_, self.tokenizer_
        model.eval()
        step = int(self.batch_size)
        chunks = []
        with torch.inference_mode():
            for start in range(0, len(texts), step):
                stop = start + step
                encoded = tokenizer(texts[start:stop], pairs[start:stop] if pairs else None,
                                    padding=True, truncation=True,
                                    max_length=int(self.max_length), return_tensors="pt")
                encoded = {k: v.to(self.device_) for k, v in encoded.items()}
                logits = model(**encoded).logits
                chunks.append(logits.float().cpu().double().softmax(dim=-1).numpy())
        return np.concatenate(chunks)

    def predict(self, texts: Sequence[str], text_pairs: Sequence[str] | None = None) -> np.ndarray:
        """Most probable label string for each input.

        >>> clf = TransformersClassifier.load("models/stance-pairs")  # doctest: +SKIP
        >>> clf.predict(["Russland"], ["Russland bricht das Völkerrecht."])  # doctest: +SKIP
        array(['against'], dtype='<U7')
        """
        proba = self.predict_proba(texts, text_pairs)
        return self.classes_[proba.argmax(axis=1)] if len(proba) else self.classes_[:0]

    # ---------------------------------------------------------- save / load

    def save(self, path: str | Path) -> Path:
        """Write model (safetensors), tokenizer and ``stance_backend.json`` to ``path``.

        The directory is a normal checkpoint: ``transformers.pipeline(
        "text-classification", model=path)`` loads it and returns our labels.

        >>> clf.save("models/stance-pairs")  # doctest: +SKIP
        PosixPath('models/stance-pairs')
        """
        self._check_fitted()
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        kwargs: dict[str, Any] = {"max_shard_size": "1000GB"}  # one model.safetensors
        if "safe_serialization" in inspect.signature(self.model_.save_pretrained).parameters:
            kwargs["safe_serialization"] = True  # transformers 4; version 5 always does
        self.model_.save_pretrained(path, **kwargs)
        self.tokenizer_.save_pretrained(path)
        weights = path / _WEIGHTS_FILE
        if not weights.is_file():
            raise RuntimeError(f"saving to {path} did not produce {_WEIGHTS_FILE}")
        params = self.get_params(deep=False)
        if params["labels"] is not None:
            params["labels"] = [str(label) for label in params["labels"]]
        if params["device"] is not None:
            params["device"] = str(params["device"])
        meta = {
            "format_version": _FORMAT_VERSION,
            "backend": "transformers",
            "params": params,
            "pairs": self.pairs_,
            "classes": self.classes_.tolist(),
            "sha256": {_WEIGHTS_FILE: sha256_file(weights)},
        }
        (path / META_FILE).write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                      encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path, *, device: str | None = None) -> TransformersClassifier:
        """Load a directory written by `save` (or any local safetensors checkpoint).

        Only ``model.safetensors`` is read, never pickled weights. A missing
        ``config.json`` or weights file, a corrupt file or one whose checksum
        differs from ``stance_backend.json`` raises ``ValueError``. ``device``
        places the model (default: CUDA when available).

        >>> clf = TransformersClassifier.load("models/stance-pairs")  # doctest: +SKIP
        >>> list(clf.classes_)  # doctest: +SKIP
        ['against', 'favor', 'neutral']
        """
        root = Path(path)
        if not root.is_dir():
            raise ValueError(f"cannot load {path}: not a directory")
        if not (root / "config.json").is_file():
            raise ValueError(f"cannot load {path}: no config.json")
        weights = root / _WEIGHTS_FILE
        if not weights.is_file():
            raise ValueError(f"cannot load {path}: no {_WEIGHTS_FILE} "
                             "(pickled weights such as pytorch_model.bin are never loaded)")
        meta: dict[str, Any] = {}
        if (root / META_FILE).is_file():
            try:
                meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ValueError(f"cannot load {path}: unreadable {META_FILE} "
                                 f"({_one_line(exc)})") from exc
            if not isinstance(meta, dict):
                raise ValueError(f"cannot load {path}: {META_FILE} is not a JSON object")
            expected = (meta.get("sha256") or {}).get(_WEIGHTS_FILE)
            if expected is not None and expected != sha256_file(weights):
                raise ValueError(f"cannot load {path}: {_WEIGHTS_FILE} does not match the "
                                 f"checksum in {META_FILE} (changed after saving)")

        torch, transformers, _ = _import_extra()
        from safetensors import safe_open  # a dependency of transformers

        try:
            with safe_open(str(weights), framework="pt"):
                pass
        except Exception as exc:  # the Rust SafetensorError is not an OSError
            raise ValueError(f"cannot load {path}: {_WEIGHTS_FILE} is not a valid safetensors "
                             f"file ({_one_line(exc)})") from exc
        try:
            tokenizer = transformers.AutoTokenizer.from_pretrained(root, local_files_only=True)
            model = transformers.AutoModelForSequenceClassification.from_pretrained(
                root, use_safetensors=True, local_files_only=True)
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"cannot load {path}: {_one_line(exc)}") from exc

        id2label = model.config.id2label
        classes = [str(id2label[i]) for i in sorted(id2label, key=int)]
        if meta.get("classes") not in (None, classes):
            raise ValueError(f"cannot load {path}: labels in config.json {classes} differ from "
                             f"{META_FILE} {meta['classes']}")
        names = cls._get_param_names()
        params = {k: v for k, v in (meta.get("params") or {}).items() if k in names}
        params.setdefault("checkpoint", str(root))
        params.setdefault("labels", classes)
        estimator = cls(**params)
        estimator.device_ = _resolve_device(torch, device)
        model.to(estimator.device_)
        model.eval()
        estimator.classes_ = np.array(classes)
        estimator.model_ = model
        estimator.tokenizer_ = tokenizer
        estimator.pairs_ = meta.get("pairs")
        estimator.loss_history_ = []
        return estimator
