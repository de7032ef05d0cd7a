"""stance: who says what about NATO, Russia and China in German news.

>>> import stance
>>> model = stance.load()                           # the default model shipped in the package
>>> statements = model.predict("Lawrow warf der NATO Aggression vor.")
>>> statements[0].speaker, statements[0].targets["NATO"].stance
('Sergej Lawrow', 'against')

Heavy modules (scikit-learn, datasets, encoders, torch) are imported only when used.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

__version__ = "0.1.0"

#: Models shipped inside the package, by name.
SHIPPED_MODELS = {
    "default": "sparse features + multilingual-e5-small sentence embeddings (more accurate)",
    "fast": "sparse features only, no sentence encoder (much faster)",
}

_LAZY = {
    "Statement": "stance.output",
    "TargetStance": "stance.output",
    "to_frame": "stance.output",
    "to_jsonl": "stance.output",
    "StanceModel": "stance.model",
    "ModelConfig": "stance.model",
    "ingest": "stance.ingest",
    "load_corpus": "stance.corpus",
    "read_corpus": "stance.corpus",
    "DataError": "stance.validation",
    "ModelError": "stance.validation",
}

__all__ = ["load", "__version__", "SHIPPED_MODELS", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'stance' has no attribute {name!r}")


def model_path(name: str) -> Path:
    """Directory of a shipped model ("default" or "fast")."""
    return Path(__file__).parent / "models" / name


def load(name_or_path: str | Path = "default"):
    """Load a model: a shipped one by name ("default", "fast") or a saved model directory.

    >>> import stance
    >>> stance.load("fast")
    StanceModel(backend='sklearn', encoder=None, targets=['NATO', 'Russia', 'China'])
    """
    from .model import StanceModel
    from .validation import ModelError

    if isinstance(name_or_path, str) and name_or_path in SHIPPED_MODELS:
        return StanceModel.load(model_path(name_or_path))
    path = Path(name_or_path)
    if not path.exists():
        raise ModelError(f"{name_or_path}: no such model; use one of {', '.join(SHIPPED_MODELS)} or a directory "
                         "saved by StanceModel.save / 'stance train'")
    return StanceModel.load(path)
