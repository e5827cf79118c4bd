"""The corpus format and the one prompt function.

Corpus: text, dialogues separated by blank lines, one utterance per line. A grounded dialogue
starts with a knowledge line (`KNOWLEDGE_PREFIX` + segment, possibly empty): the segment `kgqa`
planned for the dialogue's last question. formats.py reads it, and instruction JSONL and the
public dialogue CSVs, into the same Dialogue.

Tokens: `[CLS](knowledge[SEP])q1[SEP]a1[SEP]q2[SEP]...`. `encode_dialogue` builds this for
preprocessing and for chat (where the utterances end with the open question), so the model
sees at chat time exactly what it saw in training.
"""
from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

KNOWLEDGE_PREFIX = "【知识】"


class CorpusError(ValueError):
    """A corpus file that cannot be read; the message names the file and the problem."""


@dataclass
class Dialogue:
    utterances: List[str]
    knowledge: Optional[str] = None  # None: plain dialogue; "" : grounded, nothing found


def format_block(dialogue: Dialogue) -> str:
    lines = [] if dialogue.knowledge is None else [KNOWLEDGE_PREFIX + dialogue.knowledge]
    return "\n".join(lines + dialogue.utterances)


def encode_text(tokenizer, text: str) -> List[int]:
    return tokenizer.encode(text, add_special_tokens=False)


def encode_dialogue(tokenizer, utterances: Sequence[str], knowledge: Optional[str] = None,
                    encode_knowledge: Optional[Callable[[str], Sequence[int]]] = None) -> List[int]:
    """`[CLS](knowledge[SEP])u1[SEP]u2[SEP]...` — the only place the token layout is defined.
    `encode_knowledge` (text -> ids, default encode_text) lets chat reuse a segment's ids."""
    sep = tokenizer.sep_token_id
    ids = [tokenizer.cls_token_id]
    if knowledge is not None:
        ids += list(encode_knowledge(knowledge) if encode_knowledge else encode_text(tokenizer, knowledge)) + [sep]
    for utterance in utterances:
        ids += encode_text(tokenizer, utterance) + [sep]
    return ids


def answer_labels(ids: Sequence[int], sep_id: int, grounded: bool) -> List[int]:
    """Labels with every non-answer token set to -100.

    Segments after [CLS] are (knowledge,) q1, a1, q2, a2, ...; an answer's closing [SEP] is
    kept so the model learns to stop. A grounded dialogue's knowledge segment belongs to its
    last question, so only the last answer is learned; earlier turns are context, as in chat.
    """
    labels, segment = [], 0
    first_answer = 2 if grounded else 1
    n_segments = sum(1 for token in ids[1:] if token == sep_id)
    for token in ids:
        is_answer = segment >= first_answer and (segment - first_answer) % 2 == 0
        if grounded and segment != n_segments - 1:
            is_answer = False
        labels.append(token if is_answer else -100)
        if token == sep_id:
            segment += 1
    labels[0] = -100
    return labels
