"""Classes of drugs in interaction questions.

A drug's 药物相互作用 often names a class rather than a drug (阿莫西林: 大环内酯类; 布洛芬缓释胶囊:
糖皮质激素, 利尿剂), and patients name a class they take (在吃降压药，能吃布洛芬吗). These turn what
a question names into the words an interaction item would use (kgqa/data/lexicon.json:
drug_class_members, class_item_words; question_types.json: the classes patients name).
"""
from functools import lru_cache
from typing import List, Optional, Tuple

from kgqa.classifier import Focus, QuestionClassifier
from kgqa.graph import load_data
from kgqa.linker import Mention
from kgqa.names import generic_names
from kgqa.text import normalise

TAKING_SPAN = 4  # characters before a name in which a taking word (在吃, 吃着) says the patient takes it


@lru_cache(maxsize=1)
def _taking_words() -> Tuple[str, ...]:
    return tuple(normalise(w) for w in load_data("lexicon.json")["taking_words"])


def taken_at(text: str, start: int) -> bool:
    """Whether the patient says they take what is named at `start` (在吃降压药, not 一吃止疼药就喘)."""
    return any(w in text[max(start - TAKING_SPAN, 0):start] for w in _taking_words())


class DrugClasses:
    def __init__(self, classifier: QuestionClassifier):
        lexicon = load_data("lexicon.json")
        self.classifier = classifier
        self.members = [(tuple(names), tuple(members))  # (how items name a class, its members' names)
                        for names, members in lexicon["drug_class_members"]]
        self.class_items = lexicon["class_item_words"]
        self.forms, self.prefixes, self.salts = (tuple(lexicon[k]) for k in ("drug_forms", "drug_prefixes", "drug_salts"))

    def taken(self, text: str, anywhere: bool = False) -> Optional[Focus]:
        """A class of drugs the patient takes (在吃降压药, 正在吃头孢; `anywhere`: any class named),
        as the words its interactions would name it by (降压药: 降压, 抗高血压, ACEI…)."""
        found = self.classifier.drug_class(text)
        if not found or not anywhere and not taken_at(text, text.find(found[0])):
            return None
        word, disease = found
        words = (word, word.rstrip("药")) + (("抗" + disease,) if disease else ()) + tuple(self.class_items.get(word, ()))
        return Focus(word, tuple(dict.fromkeys(words)))

    def partner_focus(self, others: List[Mention], by_class: bool) -> Focus:
        """Items naming what else the question names; for interactions also its class (阿奇霉素:
        大环内酯类, 强的松: 糖皮质激素), after the names themselves."""
        words = [w.lower() for m in others for w in (m.text,) + m.candidates]
        words += [g for w in words for g in generic_names(w, self.forms, self.prefixes, self.salts) if g != w]
        # 甲硝唑片 is named 甲硝唑 in 华法林's interactions, 盐酸舍曲林片 舍曲林 in 美托洛尔's
        if by_class:
            words += [name for m in others for names, members in self.members
                      if any(p in n for p in members for n in (m.text,) + m.candidates) for name in names]
        return Focus("、".join(dict.fromkeys(m.text for m in others)), tuple(dict.fromkeys(words)))
