"""The knowledge segment (what the model reads) and the reply it stands for.

A segment is `subject|relation:item；item|relation:item…`, or a marker segment for a decline,
small talk or an emergency. `realise` writes the reply a segment stands for: the training corpus
uses it for its answers, and chat uses it to check what the model wrote (`checked_reply`), so a
reply never states an item its segment does not hold.
"""
import logging
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from kgqa.graph import ITEM_SEP, REL_SEP, load_data

logger = logging.getLogger(__name__)
KEY_SEP = ":"  # between a relation and its items inside the segment
SELF_HARM = "自伤"  # after the emergency marker: the crisis wording


def _replies() -> dict:
    return load_data("replies.json")


def marker(name: str) -> str:
    return _replies()["markers"][name]


def not_found_reply() -> str:
    return _replies()["not_found"]


def fixed_phrases() -> List[str]:
    """The wording every reply is written in, without its slots ({subject}…): what a reply
    says besides the graph's items (抱歉，知识库中没有…), for prompt lookup to guess."""
    def strings(value):
        if isinstance(value, str):
            return [value]
        values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        return [s for v in values for s in strings(v)]
    replies = {k: v for k, v in _replies().items() if k not in ("_doc", "markers")}
    return [part for text in strings(replies) for part in re.split(r"\{\w+\}", text) if len(part) > 1]


# ---- segments ----
def fact_segment(subject: str, facts: Sequence[Tuple[str, Sequence[str]]], max_chars: int) -> str:
    """`subject|rel:items|rel:items` within max_chars: the first relation keeps at least one
    item (items dropped from the end), later relations are added whole or not at all."""
    text = subject
    for index, (rel, items) in enumerate(facts):
        kept = list(items)
        part = f"{REL_SEP}{rel}{KEY_SEP}{ITEM_SEP.join(kept)}"
        while index == 0 and len(kept) > 1 and len(text) + len(part) > max_chars:
            kept.pop()
            part = f"{REL_SEP}{rel}{KEY_SEP}{ITEM_SEP.join(kept)}"
        if index > 0 and len(text) + len(part) > max_chars:
            break
        text += part
    return text


def decline_segment(subject: str, what: str, department: Optional[str], offer: Sequence[str]) -> str:
    parts = [subject, f"{marker('decline')}{KEY_SEP}{what}"]
    if department:
        parts.append(f"{marker('department')}{KEY_SEP}{department}")
    if offer:
        parts.append(f"{marker('offer')}{KEY_SEP}{'、'.join(offer)}")
    return REL_SEP.join(parts)


def named_not_found_reply(source: Dict) -> Optional[str]:
    """The not-found reply naming what it did not find, a name (韦立得) or a class of drugs (他汀); the
    model reads the plain not-found segment it was trained on, the name is put in after the check."""
    for key in ("unknown", "drug_class"):
        if source.get(key):
            return _replies()[key].format(subject=source[key])
    return None


def chat_segment(kind: str) -> str:
    return f"{marker('chat')}{KEY_SEP}{kind}"


def emergency_segment(self_harm: bool = False) -> str:
    """The 120 line; for a patient who may harm themselves, its crisis wording."""
    return marker("emergency") + (KEY_SEP + SELF_HARM if self_harm else "")


def parse_segment(segment: str) -> Tuple[str, List[Tuple[str, str]]]:
    """(subject, [(relation, value)]) of a fact or decline segment."""
    subject, *parts = segment.split(REL_SEP)
    return subject, [tuple(p.split(KEY_SEP, 1)) if KEY_SEP in p else (p, "") for p in parts]


# ---- replies ----
def realise(segment: str) -> str:
    """The reply a segment stands for."""
    r = _replies()
    if not segment:
        return r["not_found"]
    if segment == marker("emergency"):
        return r["emergency"]
    if segment == emergency_segment(self_harm=True):
        return r["emergency_self_harm"]
    if segment.startswith(marker("chat") + KEY_SEP):
        return r["chat"].get(segment.split(KEY_SEP, 1)[1], r["chat"]["greeting"])
    subject, parts = parse_segment(segment)
    values = dict(parts)
    if marker("decline") in values:
        what = values[marker("decline")]
        text = r["decline"].format(subject=subject, what=what) if subject else \
            r["decline_no_subject"].format(what=what)
        department = values.get(marker("department"))
        text += r["decline_department"].format(department=department) if department else r["decline_doctor"]
        if values.get(marker("offer")):
            text += r["decline_offer"].format(subject=subject, offer=values[marker("offer")])
        return text
    sentences = [(r["answer_first"] if index == 0 else r["answer_more"]).format(subject=subject, relation=rel, items=items)
                 for index, (rel, items) in enumerate(parts)]
    notes = [r["notes"][rel] for rel, _ in parts if rel in r["notes"]]
    return "".join(sentences + notes[:1])


def segment_items(segment: str) -> List[str]:
    """Every item a fact segment holds (lower-cased: the vocabulary is uncased)."""
    _, parts = parse_segment(segment)
    return [item.lower() for _, items in parts for item in items.split(ITEM_SEP) if item]


LIST_RE = re.compile(r"：([^。：]*)")


def reply_items(reply: str) -> List[str]:
    """The items a reply lists: what follows each '：' up to the sentence end, split on '；'."""
    return [item.strip().lower() for part in LIST_RE.findall(reply) for item in part.split(ITEM_SEP) if item.strip()]


LATIN_RUN = re.compile(r"[A-Za-z]+")


def cased_runs(segment: str) -> Dict[str, str]:
    """The segment's Latin letter runs by their lower case (tsh -> TSH, u -> U): the vocabulary
    is uncased, so a streamed reply can show each run in the graph's case once it is complete."""
    text = segment + realise(segment)  # a chat segment's reply is fixed wording (CMeKG), not in it
    return {run.lower(): run for run in LATIN_RUN.findall(text) if run != run.lower()}


def _graph_case(reply: str, segment: str) -> str:
    """The reply with the segment's subject and items in the graph's letter case (维u -> 维U)."""
    subject, parts = parse_segment(segment)
    for name in [subject] + [item for _, items in parts for item in items.split(ITEM_SEP)]:
        if name and name != name.lower():
            reply = reply.replace(name.lower(), name)
    return reply


def _wording(reply: str) -> str:
    """The reply without its lists: the fixed words around the items (似奶块的可能疾病：。以上只是可能…)."""
    return LIST_RE.sub("：", reply.strip().lower())


def checked_reply(reply: str, segment: str) -> Tuple[str, bool]:
    """(reply to show, whether the model's own words were kept).

    The model's reply is kept when it is the segment's reply (the graph's original case is
    restored: the vocabulary is uncased) or, for a fact segment, when it names the segment's
    subject unchanged, every item it lists is one of the segment's and its words around the lists
    are the segment reply's (not 以上只是可能疾病：鹅口疮); otherwise the segment's reply replaces it,
    so nothing outside the graph, nothing garbled and nothing empty reaches the user.
    """
    expected = realise(segment)
    if reply.strip().lower() == expected.lower():
        return expected, True
    subject, parts = parse_segment(segment) if segment else ("", [])
    is_facts = parts and marker("decline") not in dict(parts)
    stated = reply_items(reply)
    names_subject = reply.lower().startswith(subject.lower() + "的")  # what it understood, unchanged
    if is_facts and stated and names_subject and set(stated) <= set(segment_items(segment)) \
            and _wording(reply) == _wording(expected):
        return _graph_case(reply, segment), True
    logger.info("reply replaced by the segment's own: %r", reply[:80])
    return expected, False


@dataclass
class Plan:
    kind: str          # answer | reverse | decline | not_found | chat | emergency
    segment: str       # the knowledge segment the model reads
    source: Dict = field(default_factory=dict)  # entity, relations, type, direction (empty: none)

    @property
    def reply(self) -> str:
        return (self.kind == "not_found" and named_not_found_reply(self.source)) or realise(self.segment)
