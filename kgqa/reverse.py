"""Reverse lookups: from described symptoms to diseases, from a disease to the drugs made for it.

The graph answers "which diseases list these symptoms" and "which drugs list this indication"
with hundreds of entities in no useful order; these rankings put first what a patient most
likely means.
"""
import math
from collections import defaultdict
from typing import List, Sequence

from kgqa.graph import MedicalKG, load_data
from kgqa.linker import Mention

PARTIAL_MATCH_BELOW = 10  # a symptom with fewer exact hits also matches items containing it
COMMON_NAMED_LOG = math.log1p(1000)  # a disease named this often across the graph counts as fully common


def specific_first(kg: MedicalKG, drugs: List[str], terms: Sequence[str]) -> List[str]:
    """Drugs for which the terms come first in a short list of indications: 门冬氨酸钾镁口服溶液
    lists 高血压 among dozens of conditions; a drug made for it lists it first. Products named with
    their form (复方葛根氢氯噻嗪片) come before bare brand names (奥一定), which tell a patient nothing.
    Terms come best first: drugs for 感冒 as the patient wrote it before those for 上呼吸道感染."""
    forms = tuple(load_data("lexicon.json")["drug_forms"])

    def rank(drug):
        items = kg.items(drug, "适应症")
        position = next((i for i, item in enumerate(items) if any(t in item for t in terms)), None)
        term = min((i + (0 if t in items else 0.5) for i, t in enumerate(terms) if any(t in item for item in items)),
                   default=len(terms))  # an item that is the word itself before one containing it
        return (position is None, term, not drug.endswith(forms), (position or 0) + 0.1 * len(items))
    return sorted(drugs, key=rank)


def rank_diseases(kg: MedicalKG, mentions: List[Mention]) -> List[str]:
    """Diseases by how many described symptoms they list (a patient's word counts in full for
    its first graph word, less for the others: 虚汗 is 盗汗 before 多汗; earlier in a disease's
    list ranks higher); among equals, common diseases (named often across the graph: by drugs'
    indications, checks, complications) before rare syndromes."""
    scores = defaultdict(float)
    index = kg.symptom_index()
    for mention in mentions:
        hits = {}
        for rank, word in enumerate(mention.candidates):
            for disease, position in index.get(word, []):
                hits.setdefault(disease, (rank, position))
        if len(hits) < PARTIAL_MATCH_BELOW:
            for item, diseases in index.items():
                if any(word in item for word in mention.candidates):
                    for disease, position in diseases:
                        hits.setdefault(disease, (len(mention.candidates), position + 5))
        for disease, (rank, position) in hits.items():
            scores[disease] += 1 - 0.2 * min(rank, 2) + 0.3 / (1 + position)
    for disease in scores:
        rels = kg.graph[disease]
        commonness = min(math.log1p(kg.times_named(disease)) / COMMON_NAMED_LOG, 1.0)
        scores[disease] += 0.3 * commonness + 0.01 * min(len(rels), 20) + (0.1 if "就诊科室" in rels else 0)
    return sorted(scores, key=lambda d: (-scores[d], d))
