"""Drugs for a disease asked about during an attack (痛风犯了吃什么药, 哮喘发作了用什么药).

The graph lists a disease's drugs without saying which relieve an attack and which are taken for
years: 痛风's list has 别嘌醇, which is never started during an attack, and 哮喘's inhaled steroids
prevent attacks but do not stop one. For the diseases patients have attacks of, the lexicon's
attack_drugs names what relieves one and what does not (kgqa/data/lexicon.json); asked during an
attack, only drugs naming the first and none of the second are listed (none: a decline).
"""
import re
from typing import List, Tuple

from kgqa.graph import load_data

ATTACK = re.compile("发作|又犯|犯了(?![一二三四五六七八九十几两0-9]+[回次])|犯病|急性期")  # an attack now (not
# 今年已经犯了四回: how often)


def in_attack(entity: str, text: str, facts: List[Tuple[str, List[str]]]) -> List[Tuple[str, List[str]]]:
    """The drug facts that fit an attack, when the text tells of one and the lexicon knows the disease."""
    drugs = load_data("lexicon.json")["attack_drugs"].get(entity)
    if not drugs or not ATTACK.search(text):
        return facts
    relief, not_relief = drugs
    kept = [(rel, [i for i in items if any(w in i for w in relief) and not any(w in i for w in not_relief)])
            for rel, items in facts]
    return [(rel, items) for rel, items in kept if items]


def attacked(had: List[str]) -> str:
    """Of the diseases the patient has, the first whose attacks the lexicon knows (我有痛风 | 又犯了 脚踝肿):
    told with an attack, a symptom of it asks for the attack's drugs, not the symptom's (水肿's diuretics)."""
    attacks = load_data("lexicon.json")["attack_drugs"]
    return next((d for d in had if d in attacks), "")


def not_for_an_attack(disease: str, drug: str, text: str) -> bool:
    """Whether the text tells of an attack of the disease and the drug is one the lexicon says does
    not relieve one (痛风正在发作 这时候能吃别嘌醇吗: not started in an attack, a doctor's call)."""
    drugs = load_data("lexicon.json")["attack_drugs"].get(disease)
    return bool(drugs and ATTACK.search(text) and any(w in drug for w in drugs[1]))
