"""Scoring replies: patient questions (correct / wrong / honest decline / empty) and item F1.

A reply's items are what follows each '：' up to the sentence end, split on '；'
(`kgqa.answer.reply_items`); a reply with no items that is not empty is a decline (or small
talk). A patient question's label says what would be right:
- answer/forward: every item must be an object of one of the labelled (entity, relation) pairs;
  for drug and treatment questions, drugs whose 适应症 name the entity also count.
- answer/reverse: every item must be an entity whose labelled relations mention a term (terms
  are widened by the linker's symptom words: 心慌 also means 心悸), or a department (就诊科室) of
  one that mentions two of the terms (or the only one): "which department" after symptoms.
- decline: any item is wrong; a non-empty reply without items is an honest decline.
- chat: a non-empty reply without items; emergency: a reply that sends the patient to 120.
"""
from collections import Counter, defaultdict
from statistics import mean
from typing import Dict, List, Sequence

from kgqa.answer import reply_items
from kgqa.graph import ITEM_SEP, MedicalKG

DEPARTMENT_TERMS = 2  # a department answers described symptoms if a disease of it mentions this many
RECALL_CAP = 5  # a reply is complete once it states min(|gold|, 5) true items
DRUG_TYPES = ("drug", "treatment")
OUTCOMES = ("correct", "wrong", "decline", "empty", "other")


class LabelScorer:
    def __init__(self, kg: MedicalKG, symptom_words=None):
        self.kg = kg
        self.symptom_words = symptom_words or (lambda term: [])  # term -> the graph's words for it
        self._allowed: Dict[str, set] = {}

    def allowed(self, label: dict) -> set:
        """Lower-cased items a correct reply may list."""
        key = repr(sorted(label.items()))
        if key not in self._allowed:
            if label.get("direction") == "reverse":
                found = self._reverse_allowed(label)
            else:
                found = {item for e in label.get("entities", []) for rel in label.get("relations", [])
                         for item in self.kg.items(e, rel)}
                if label.get("type") in DRUG_TYPES:
                    found |= set(self.kg.entities_mentioning("适应症", label.get("entities", [])))
            self._allowed[key] = {x.lower() for x in found}
        return self._allowed[key]

    def _reverse_allowed(self, label: dict) -> set:
        """The diseases whose labelled relations mention a term, and the departments (就诊科室) of those
        that mention two of them (or the one): where to go is an answer to described symptoms too."""
        covered: Counter = Counter()
        for term in label["terms"]:
            words = [term] + self.symptom_words(term)
            covered.update({e for rel in label["relations"] for e in self.kg.entities_mentioning(rel, words)})
        enough = min(DEPARTMENT_TERMS, len(label["terms"]))
        departments = {d for e, n in covered.items() if n >= enough for d in self.kg.items(e, "就诊科室")}
        return set(covered) | departments

    def outcome(self, reply: str, label: dict) -> str:
        """correct | wrong | decline | empty | other (see the module docstring)."""
        if not reply.strip():
            return "empty"
        items = reply_items(reply)
        kind = label["kind"]
        if kind == "answer":
            if not items:
                return "decline"
            return "correct" if set(items) <= self.allowed(label) else "wrong"
        if items:
            return "wrong"
        if kind == "emergency":
            return "correct" if "120" in reply or "急诊" in reply else "other"
        return "decline" if kind == "decline" else "correct"


def patient_summary(outcomes: Sequence[str], labels: Sequence[dict]) -> Dict:
    """The issue's table: correct of answerable, wrong of all, honest declines of unanswerable, empty."""
    by_kind = defaultdict(list)
    for outcome, label in zip(outcomes, labels):
        by_kind[label["kind"]].append(outcome)
    share = lambda xs, value: (sum(x == value for x in xs) / len(xs)) if xs else 0.0  # noqa: E731
    return {"n": len(outcomes),
            "correct_of_answerable": share(by_kind["answer"], "correct"),
            "wrong_of_all": share(list(outcomes), "wrong"),
            "honest_decline_of_unanswerable": share(by_kind["decline"], "decline"),
            "empty": sum(o == "empty" for o in outcomes),
            "chat_ok": share(by_kind["chat"], "correct"),
            "emergency_ok": share(by_kind["emergency"], "correct"),
            "counts": {kind: dict(Counter(xs)) for kind, xs in by_kind.items()}}


def split_items(reply: str) -> List[str]:
    """Items of a reply, lower-cased: the vocab is uncased, so `CT检查` comes back as `ct检查`."""
    return reply_items(reply) or [item.strip().lower() for item in reply.split(ITEM_SEP) if item.strip()]


def case_scores(reply: str, gold_reply: str) -> Dict:
    """Item precision/recall/F1 of a reply against the reply its knowledge segment stands for."""
    gold, stated = split_items(gold_reply), split_items(reply)
    if not reply_items(gold_reply):  # a decline or small talk: the words themselves
        hit = float(reply.strip().lower() == gold_reply.strip().lower())
        return {"precision": hit, "recall": hit, "f1": hit, "exact": hit, "repeated": False}
    unique = set(stated)
    true = unique & set(gold)
    precision = len(true) / len(unique) if unique else 0.0
    recall = min(len(true), RECALL_CAP) / min(len(set(gold)), RECALL_CAP)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "exact": float(reply.strip().lower() == gold_reply.strip().lower()),
            "repeated": len(stated) != len(unique)}


def distinct_n(replies: Sequence[str], n: int) -> float:
    grams = [r[i:i + n] for r in replies for i in range(len(r) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0


def f1_summary(scores: List[Dict]) -> Dict:
    return {"n": len(scores), **{m: mean(s[m] for s in scores) if scores else 0.0
                                 for m in ("precision", "recall", "f1", "exact", "repeated")}}
