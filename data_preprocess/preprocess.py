"""Build the vocab (when missing) and tokenise the corpora to pickled token lists.

    python data_preprocess/preprocess.py [--train_path=data/train.txt --grounded=false ...]

Corpora may be blank-line text, instruction JSONL or dialogue CSV (data_preprocess/formats.py).
The vocab is trained on the training corpus plus, in grounded mode, every name and fact of the
graph; with --pretrained_model the checkpoint's own tokenizer is used instead. Each dialogue
becomes `[CLS](knowledge[SEP])q[SEP]a[SEP]...` via dialogue.encode_dialogue, the function chat
uses too. Writes `train_pkl` / `valid_pkl` (List[List[int]]).
"""
import logging
import os
import pickle
import random
import statistics
import sys
from typing import Dict, List, Sequence

from tqdm import tqdm

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from data_preprocess.dialogue import CorpusError, Dialogue, encode_dialogue, format_block  # noqa: E402
from data_preprocess.formats import read_dialogues  # noqa: E402
from data_preprocess.vocab import build_vocab, config_tokenizer  # noqa: E402
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


def length_report(name: str, token_lists: List[List[int]], truncated: int, max_len: int, unk_id: int) -> str:
    """Lengths, truncation, and the share of [UNK]: a checkpoint's fixed vocab may lack characters
    of a new corpus (the shipped one was built from the knowledge graph)."""
    lengths = [len(x) for x in token_lists] or [0]
    unknown = sum(ids.count(unk_id) for ids in token_lists) / max(sum(lengths), 1)
    return (f"{name}: {len(token_lists)} dialogues, length mean {statistics.mean(lengths):.1f} / "
            f"median {statistics.median(lengths):.0f} / max {max(lengths)}, "
            f"{truncated} truncated at max_len={max_len}, {unknown:.2%} of tokens [UNK]")


def save_pickle(path: str, obj) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path + ".tmp", "wb") as f:
        pickle.dump(obj, f)
    os.replace(path + ".tmp", path)


def load_corpora(config: ParameterConfig, names=("train", "valid")) -> Dict[str, List[Dialogue]]:
    """The dialogues of train_path and valid_path (a missing or empty valid_path is skipped), or
    with --valid_ratio a seeded share of train_path's as validation: the same split for
    preprocessing, fine-tuning and evaluation."""
    corpora = {}
    for name in ("train",) if config.valid_ratio > 0 else names:
        text_path = config.train_path if name == "train" else config.valid_path
        path = config.path(text_path) if text_path else ""
        if name == "valid" and not os.path.exists(path):
            logger.info("no validation corpus at %r; skipping it", text_path)
            continue
        dialogues, report = read_dialogues(path, config.keep_department)
        logger.log(logging.WARNING if report.bad else logging.INFO, "%s", report.summary())
        if not dialogues:
            raise CorpusError(f"{path} contains no usable dialogues ({report.summary()})")
        check_grounding(path, dialogues, config.grounded)
        corpora[name] = dialogues
    if config.valid_ratio > 0:
        corpora = split_off_validation(corpora["train"], config.valid_ratio, config.seed)
    return {name: corpora[name] for name in names if name in corpora}


def split_off_validation(dialogues: List[Dialogue], ratio: float, seed: int) -> Dict[str, List[Dialogue]]:
    order = list(range(len(dialogues)))
    random.Random(seed).shuffle(order)
    cut = max(1, round(ratio * len(dialogues)))
    if cut >= len(dialogues):
        raise CorpusError(f"--valid_ratio={ratio} leaves no training dialogues of {len(dialogues)}")
    logger.info("--valid_ratio=%s: %d of %d dialogues held out for validation", ratio, cut, len(dialogues))
    return {"train": [dialogues[i] for i in sorted(order[cut:])], "valid": [dialogues[i] for i in sorted(order[:cut])]}


def tokenize_corpora(tokenizer, corpora: Dict[str, List[Dialogue]], max_len: int):
    """Token lists per corpus, and a length report per corpus (logged too)."""
    token_sets, reports = {}, {}
    for name, dialogues in corpora.items():
        token_sets[name], truncated = tokenize_dialogues(tokenizer, dialogues, max_len, name)
        reports[name] = length_report(name, token_sets[name], truncated, max_len, tokenizer.unk_token_id)
        logger.info("%s", reports[name])
    return token_sets, reports


def preprocess(config: ParameterConfig) -> dict:
    corpora = load_corpora(config)
    vocab_path = config.path(config.vocab_path)
    if not config.pretrained_model and not os.path.exists(vocab_path):
        texts = [format_block(d) for d in corpora["train"]]
        build_vocab(texts + (graph_texts() if config.grounded and config.vocab_from_graph else []), vocab_path, config.vocab_size)
    token_sets, reports = tokenize_corpora(config_tokenizer(config), corpora, config.max_len)
    for name, token_lists in token_sets.items():
        pkl_path = config.path(config.train_pkl if name == "train" else config.valid_pkl)
        save_pickle(pkl_path, token_lists)
        logger.info("%s -> %s", name, os.path.relpath(pkl_path))
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
