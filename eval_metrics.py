"""Answer-level metrics: items split on '；', precision/recall/F1/exact, repetition, distinct-n."""
from collections import defaultdict
from statistics import mean
from typing import Dict, List, Sequence

from data_preprocess.knowledge import ITEM_SEP, not_found_reply

RECALL_CAP = 5  # a reply is complete once it states min(|gold|, 5) true items


def split_items(reply: str) -> List[str]:
    """Items of a reply, lower-cased: the vocab is uncased, so `CT检查` comes back as `ct检查`."""
    return [item.strip().lower() for item in reply.split(ITEM_SEP) if item.strip()]


def case_scores(reply: str, gold: Sequence[str], max_items: int = RECALL_CAP) -> Dict:
    """Scores of one reply against the graph's objects for the asked relation."""
    if list(gold) == [not_found_reply()]:
        hit = float(reply.strip() == gold[0])
        return {"precision": hit, "recall": hit, "f1": hit, "exact": hit, "repeated": False}
    stated = split_items(reply)
    gold = [item.lower() for item in gold]
    unique = set(stated)
    true = unique & set(gold)
    precision = len(true) / len(unique) if unique else 0.0
    recall = min(len(true), RECALL_CAP) / min(len(gold), RECALL_CAP)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1,
            "exact": float(unique == set(gold[:max_items])), "repeated": len(stated) != len(unique)}


def distinct_n(replies: Sequence[str], n: int) -> float:
    grams = [r[i:i + n] for r in replies for i in range(len(r) - n + 1)]
    return len(set(grams)) / len(grams) if grams else 0.0


def summarize(scores: List[Dict], replies: Sequence[str]) -> Dict:
    groups = defaultdict(list)
    for s in scores:
        groups[s["kind"]].append(s)
        if s["kind"] in ("seed", "natural", "followup"):
            groups["all graph questions"].append(s)
        if s["kind"] == "natural":
            groups["natural (unseen phrasing)" if s["unseen_phrasing"] else "natural (trained phrasing)"].append(s)
    by_kind = {kind: {"n": len(items), **{m: mean(s[m] for s in items) for m in ("precision", "recall", "f1", "exact")}}
               for kind, items in groups.items()}
    answered = [s for s in scores if s["kind"] != "not_found"]
    return {"by_kind": by_kind,
            "repetition_rate": mean(s["repeated"] for s in answered) if answered else 0.0,
            "distinct_1": distinct_n(replies, 1), "distinct_2": distinct_n(replies, 2)}
