"""Build and load the BertTokenizerFast vocab.

Chinese characters are single tokens (BERT's pre-tokenizer splits them); Latin letters and
digits get WordPiece sub-words trained on the corpus. The vocab is padded with `[unusedN]`
entries to exactly `vocab_size`, so the model configs can state the size up front.
"""
import logging
import os
import tempfile
from typing import Sequence

from transformers import BertTokenizerFast

logger = logging.getLogger(__name__)
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]  # [PAD] must be id 0


def build_vocab(texts: Sequence[str], vocab_path: str, vocab_size: int) -> None:
    """Train a WordPiece vocab on texts and write it to vocab_path (atomically)."""
    from tokenizers import BertWordPieceTokenizer

    trainer = BertWordPieceTokenizer(clean_text=True, handle_chinese_chars=True,
                                     strip_accents=False, lowercase=True)
    trainer.train_from_iterator(texts, vocab_size=vocab_size, min_frequency=1,
                                special_tokens=SPECIAL_TOKENS, limit_alphabet=vocab_size,
                                show_progress=False)
    ordered = sorted(trainer.get_vocab().items(), key=lambda kv: kv[1])
    tokens = [token for token, _ in ordered]
    if len(tokens) > vocab_size:
        raise ValueError(f"the corpus needs {len(tokens)} vocab entries; raise --vocab_size")
    tokens += [f"[unused{i}]" for i in range(vocab_size - len(tokens))]
    assert tokens[:len(SPECIAL_TOKENS)] == SPECIAL_TOKENS
    os.makedirs(os.path.dirname(os.path.abspath(vocab_path)), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(vocab_path)), suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write("\n".join(tokens) + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, vocab_path)
    logger.info("built %s: %d tokens (%d trained, rest [unused])", vocab_path, vocab_size, len(ordered))


def load_tokenizer(path: str) -> BertTokenizerFast:
    """From a vocab.txt file or a save_pretrained directory."""
    if os.path.isdir(path):
        return BertTokenizerFast.from_pretrained(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"vocab file not found: {path}; run `python data_preprocess/preprocess.py` to build it")
    return BertTokenizerFast(vocab=path, do_lower_case=True)


def config_tokenizer(config):
    """The tokenizer a run uses: a fine-tuned checkpoint's own (its ids are what its weights
    learned), else the one at vocab_path."""
    if config.pretrained_model:
        source = config.path(config.pretrained_model)
        if any(os.path.exists(os.path.join(source, name)) for name in ("tokenizer.json", "vocab.txt")):
            return load_tokenizer(source)
    return load_tokenizer(config.path(config.vocab_path))
