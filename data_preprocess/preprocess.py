"""Build the vocab (when missing) and tokenise the corpora to pickled token lists.

    python data_preprocess/preprocess.py [--train_path=data/train.txt --grounded=false ...]

The vocab is trained on the training corpus plus, in grounded mode, every name and fact of the
graph. Each dialogue becomes `[CLS](knowledge[SEP])q[SEP]a[SEP]...` via dialogue.encode_dialogue,
the function chat uses too. Writes `train_pkl` / `valid_pkl` (List[List[int]]).
"""
import logging
import os
import pickle
import statistics
import sys
from typing import List, Sequence

from tqdm import tqdm

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from data_preprocess.dialogue import (  # noqa: E402
    CorpusError,
    Dialogue,
    encode_dialogue,
    format_block,
    read_corpus,
)
from data_preprocess.vocab import build_vocab, load_tokenizer  # noqa: E402
from parameter_config import ParameterConfig, cli_config  # noqa: E402

logger = logging.getLogger(__name__)


def graph_texts() -> List[str]:
    """Every entity name and fact in the graph: chat may put any of them in a knowledge segment,
    so every character must have a token even if the corpus never asked about it."""
    from kgqa.graph import MedicalKG
    kg = MedicalKG.load()
    return [entity + " " + " ".join(str(x) for items in rels.values() for x in items) for entity, rels in kg.graph.items()]


def check_grounding(path: str, dialogues: Sequence[Dialogue], grounded: bool) -> None:
    """Every dialogue must match the mode, or answer masking would label the wrong segment."""
    with_knowledge = sum(d.knowledge is not None for d in dialogues)
    if grounded and with_knowledge < len(dialogues):
        raise CorpusError(f"{path}: {len(dialogues) - with_knowledge} of {len(dialogues)} dialogues have no "
                          "knowledge line; for a plain corpus pass --grounded=false")
    if not grounded and with_knowledge:
        raise CorpusError(f"{path}: {with_knowledge} dialogues have a knowledge line but --grounded=false; "
                          "drop the flag to train grounded")


def tokenize_dialogues(tokenizer, dialogues: Sequence[Dialogue], max_len: int, desc: str):
    """Token lists truncated at max_len, plus how many were truncated."""
    out, truncated = [], 0
    for d in tqdm(dialogues, desc=desc, unit="dlg", mininterval=1.0):
        ids = encode_dialogue(tokenizer, d.utterances, d.knowledge)
        if len(ids) > max_len:
            ids, truncated = ids[:max_len], truncated + 1
        out.append(ids)
    return out, truncated


def length_report(name: str, token_lists: List[List[int]], truncated: int, max_len: int) -> str:
    lengths = [len(x) for x in token_lists] or [0]
    return (f"{name}: {len(token_lists)} dialogues, length mean {statistics.mean(lengths):.1f} / "
            f"median {statistics.median(lengths):.0f} / max {max(lengths)}, "
            f"{truncated} truncated at max_len={max_len}")


def save_pickle(path: str, obj) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        pickle.dump(obj, f)
    os.replace(path + ".tmp", path)


def preprocess(config: ParameterConfig) -> dict:
    vocab_path = config.path(config.vocab_path)
    corpora = {}
    for name, text_path, pkl_path in (("train", config.train_path, config.train_pkl),
                                      ("valid", config.valid_path, config.valid_pkl)):
        path = config.path(text_path)
        if name == "valid" and not os.path.exists(path):
            logger.info("no validation corpus at %s; skipping it", text_path)
            continue
        dialogues = read_corpus(path)
        if not dialogues:
            raise CorpusError(f"{path} contains no dialogues")
        check_grounding(path, dialogues, config.grounded)
        corpora[name] = (dialogues, config.path(pkl_path))
    if not os.path.exists(vocab_path):
        texts = [format_block(d) for d in corpora["train"][0]]
        build_vocab(texts + (graph_texts() if config.grounded and config.vocab_from_graph else []), vocab_path, config.vocab_size)
    tokenizer = load_tokenizer(vocab_path)
    reports = {}
    for name, (dialogues, pkl_path) in corpora.items():
        token_lists, truncated = tokenize_dialogues(tokenizer, dialogues, config.max_len, name)
        save_pickle(pkl_path, token_lists)
        reports[name] = length_report(name, token_lists, truncated, config.max_len)
        logger.info("%s -> %s", reports[name], os.path.relpath(pkl_path))
    return reports


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = cli_config(sys.argv[1:] if argv is None else argv)
    try:
        preprocess(config)
    except (CorpusError, FileNotFoundError, ValueError) as e:
        raise SystemExit(f"error: {e}") from None


if __name__ == "__main__":
    main()
