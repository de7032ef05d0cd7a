"""Build a tiny, randomly initialised BERT checkpoint for tests (no downloads).

>>> import tempfile
>>> from tiny_bert import build_tiny_checkpoint
>>> path = build_tiny_checkpoint(tempfile.mkdtemp(), ["Die NATO tagt.", "Russland droht."])
>>> sorted(p.name for p in path.iterdir())
['config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def build_tiny_checkpoint(path: str | Path, texts: Iterable[str], *, seed: int = 0) -> Path:
    """Train a word-level tokenizer on ``texts`` and save it with a tiny random BERT.

    The vocabulary holds every word of ``texts``, numbered in sorted order: a WordPiece trainer
    breaks ties between equally frequent pairs differently from run to run, which made the
    tokenizer, and so the trained toy model, differ between runs.

    The directory looks like a local hub checkpoint (config.json,
    model.safetensors, tokenizer files), so ``from_pretrained(path)`` works.
    Returns ``Path(path)``.
    """
    import torch
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors, trainers
    from transformers import BertConfig, BertForSequenceClassification, PreTrainedTokenizerFast

    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    backend = Tokenizer(models.WordLevel(unk_token="[UNK]"))
    backend.normalizer = normalizers.BertNormalizer(lowercase=False)
    backend.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    trainer = trainers.WordLevelTrainer(vocab_size=1_000_000, special_tokens=SPECIAL_TOKENS)
    backend.train_from_iterator(list(texts), trainer)
    words = sorted(set(backend.get_vocab()) - set(SPECIAL_TOKENS))
    backend.model = models.WordLevel(vocab={t: i for i, t in enumerate(SPECIAL_TOKENS + words)}, unk_token="[UNK]")
    cls_id, sep_id = backend.token_to_id("[CLS]"), backend.token_to_id("[SEP]")
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])

    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=backend, unk_token="[UNK]", pad_token="[PAD]", cls_token="[CLS]",
        sep_token="[SEP]", mask_token="[MASK]", model_max_length=128,
        model_input_names=["input_ids", "token_type_ids", "attention_mask"])
    config = BertConfig(vocab_size=len(tokenizer), hidden_size=32, num_hidden_layers=2,
                        num_attention_heads=2, intermediate_size=64, max_position_embeddings=128,
                        num_labels=3, pad_token_id=tokenizer.pad_token_id)
    torch.manual_seed(seed)
    model = BertForSequenceClassification(config)
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path
