"""What earlier turns of a conversation named, for questions that lean on them.

A follow-up may name nothing (那要怎么治疗？), point back (这个药会引起水肿吗), go on describing
(尿频尿急 | 尿的时候还疼，咋回事) or ask about a drug while an earlier turn said what the patient
takes or has (我爸一直在吃华法林 | 他牙痛能吃芬必得吗). The planner asks `EarlierTurns`; mentions
found in earlier turns are placed before the question's text, so they overlap none of its words.
"""
import re
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from kgqa.classifier import QuestionClassifier
from kgqa.drug_classes import taken_at
from kgqa.graph import MedicalKG
from kgqa.linker import EntityLinker, Mention
from kgqa.names import CHECK_SUFFIXES
from kgqa.candidates import QUALIFIERS  # an earlier turn's 慢性心衰 is what a later bare 心衰 means
from kgqa.text import normalise

DRUG_WORD = re.compile("药|剂|针|胶囊")  # in a pronoun (这个吸入剂): it points at a drug
CHECK_NAMES = CHECK_SUFFIXES + ("镜",)  # endings of checks, whatever kind the graph gives them


def mask(text: str, mentions: Sequence[Mention], blank: str = "□") -> str:
    """The text with entity names blanked out, so keywords inside names do not count (an earlier
    turn's mentions, placed before the text, blank nothing)."""
    chars = list(text)
    for m in mentions:
        if m.start >= 0:
            chars[m.start:m.end] = blank * (m.end - m.start)
    return "".join(chars)


def conversation(earlier_questions: Sequence[str], text: str) -> str:
    """The whole conversation, normalised: who the patient is (我爸, 孩子) may be told in any turn."""
    return ",".join([*map(normalise, earlier_questions), text])


def shifted(m: Mention, offset: int) -> Mention:
    return replace(m, start=m.start + offset)


def within(m: Mention, mentions: Sequence[Mention]) -> bool:
    """Whether every character of `m` lies in one of `mentions` (心慌气短 in 心慌 and 气短)."""
    covered = {i for other in mentions for i in range(other.start, other.end)}
    return set(range(m.start, m.end)) <= covered


DEMONSTRATIVES = ("这种", "这个", "这类")  # before a name: the one an earlier turn named more precisely


class EarlierTurns:
    def __init__(self, kg: MedicalKG, linker: EntityLinker, classifier: QuestionClassifier, candidates):
        self.kg, self.linker, self.classifier = kg, linker, classifier
        self.candidates = candidates  # (mention, text) -> the entities it stands for there (searcher)
        self.pronouns = tuple(normalise(w) for w in linker.lexicon["pronouns"])
        self.stems = tuple(linker.lexicon["drug_stems"])

    def pointed_kind(self, text: str) -> Optional[str]:
        """The kind of entity the question's pronoun names: 这个药 a drug, 这个病 a disease, 它 either."""
        said = [p for p in self.pronouns if p in text]
        return "drug" if any(DRUG_WORD.search(p) for p in said) else "disease" if any("病" in p for p in said) else None

    def names_the_pointed(self, text: str, entities: List[Mention]) -> bool:
        """Whether 这个药/这个病 points at one of its kind the question itself names before it
        (家里有布洛芬颗粒，哪些人不能吃这个药; 老年痴呆怎么预防，我奶奶就是这个病), not at an earlier turn's."""
        kind = self.pointed_kind(text)
        at = min(text.find(p) for p in self.pronouns if p in text)  # 它 any kind: 那房颤要是不管它
        return any(m.start < at and kind in (None, self.kg.kind(m.candidates[0])) for m in entities)

    def symptoms(self, earlier_questions: Sequence[str]) -> List[Mention]:
        """The symptoms the last earlier question described, when it only described them (尿频 is
        also an entity; 999感冒灵喝了会犯困不 asks something), but not a diagnosis (我有高血压 |
        这两天头晕眼花，是怎么回事; 糖尿病好些年了 | 最近俩脚发麻)."""
        if not earlier_questions:
            return []
        earlier = normalise(earlier_questions[-1])
        entities, symptoms = self.linker.entities(earlier), self.linker.symptoms(earlier)
        asks = self.classifier.asks(earlier) and self.classifier.classify(mask(earlier, entities))
        if not all(within(e, symptoms) for e in entities) or asks:  # 洗澡时摸到乳房里有个肿块 tells (洗澡 is
            return []  # no exercise question)
        return [shifted(m, -len(earlier)) for m in symptoms if not self.linker.has_had(earlier, m, entities)]

    def had(self, messages: Sequence[str]) -> List[str]:
        """Diseases the messages tell the patient has had (老公糖尿病十年了, 以前有乙肝): a new symptom
        may be one of theirs (糖尿病性周围神经病 for 脚底板发麻)."""
        found = []
        for message in map(normalise, messages):
            entities = self.linker.entities(message)
            found += [m.candidates[0] for m in entities
                      if self.kg.kind(m.candidates[0]) == "disease" and self.linker.has_had(message, m, entities)]
        return list(dict.fromkeys(found))

    def by_stem(self, mentions: List[Mention], text: str) -> List[Mention]:
        """The drugs whose names hold a stem the question names first (立普妥…代文 | 这是不是他汀的
        副作用: 立普妥, 阿托伐他汀钙片)."""
        stems = [s for s in self.stems if s in text]
        return sorted(mentions, key=lambda m: not any(s in c for c in m.candidates for s in stems)) if stems else mentions

    def pointed_first(self, earlier: List[Mention], text: str) -> List[Mention]:
        """Earlier mentions, the one a pronoun points at first: the latest of the kind it names
        (我爸尿酸高，前几天痛风发作了 -> 这个病: 痛风; 这个药: the drug); a drug of the class the
        question names by its stem (他汀) before others. A check the graph files as a
        disease (胃镜检查 has 就诊科室) is no 这个病 (胃溃疡刚治好，复查胃镜愈合了 -> 这个病: 胃溃疡)."""
        earlier = self.by_stem(earlier, text)
        if not any(p in text for p in self.pronouns):
            return earlier
        kind = self.pointed_kind(text)

        def other_kind(m: Mention) -> bool:
            name = m.candidates[0]
            return kind is not None and (self.kg.kind(name) != kind or kind == "disease" and name.endswith(CHECK_NAMES))
        return sorted(reversed(earlier), key=other_kind)

    def mentions(self, earlier_questions: Sequence[str], want_entity: bool = False
                          ) -> Tuple[List[Mention], List[Mention]]:
        """Entities and symptoms of the latest earlier question that names any (a follow-up: 那要怎么治疗？);
        with `want_entity`, of the latest that names an entity if any does (可能是前列腺炎 -> 晚上老起夜
        -> 要做哪些检查: the disease's checks, not the symptom's possible diseases)."""
        found = [], []
        for earlier in reversed(list(earlier_questions)):
            earlier = normalise(earlier)
            entities, symptoms = self.linker.entities(earlier), self.linker.symptoms(earlier)
            if want_entity and not entities:
                found = found if found[1] else ([], [shifted(m, -len(earlier)) for m in symptoms])
                continue
            if entities or symptoms:  # placed before this question's text: they overlap none of its words
                entities = [replace(m, candidates=tuple(self.candidates(m, earlier)))
                            for m in entities]  # 宝宝湿疹反反复复 -> 什么原因引起的: 小儿湿疹's causes
                return [shifted(m, -len(earlier)) for m in entities], [shifted(m, -len(earlier)) for m in symptoms]
        return found

    def specified(self, mentions: List[Mention], text: str, earlier_questions: Sequence[str]) -> List[Mention]:
        """The mentions, each 这种X / 这个X replaced by an earlier turn's more specific name holding X
        (医生说是紧张型头痛 | 这种头痛是什么原因引起的: 紧张性头痛's causes, not what 头痛 may be), and
        each X by an earlier 慢性X or 急性X."""
        if not mentions or not earlier_questions:
            return mentions
        earlier, _ = self.mentions(earlier_questions)
        out = []
        for m in mentions:
            pointed = text[max(m.start - 2, 0):m.start] in DEMONSTRATIVES
            specific = next((e for e in earlier if e.text in [q + m.text for q in QUALIFIERS]  # 急性胰腺炎 | 胰腺炎
                             or e.text == m.text and e.candidates[0].startswith(QUALIFIERS)
                             and not m.candidates[0].startswith(QUALIFIERS)  # 慢性心衰 | 心衰: 慢性心力衰竭
                             or pointed and m.text in e.text and m.text != e.text), None)
            out.append(specific or m)
        return out

    def taken(self, earlier_questions: Sequence[str]) -> List[Mention]:
        """Drugs an earlier turn says the patient takes (我爸一直在吃华法林 -> 他牙痛能吃芬必得吗:
        how the two go together, not only that 芬必得 treats 牙痛), and diseases it says the
        patient has (我有胃溃疡 -> 那我能吃阿司匹林吗: its 禁忌 about 胃溃疡), as a diagnosis or in
        a turn that only tells."""
        taken = []
        for earlier in map(normalise, earlier_questions):
            for m in self.linker.entities(earlier):
                kind = self.kg.kind(m.candidates[0])
                tells = not self.classifier.asks(earlier)  # 我爸血压高好多年了, 我爸吃华法林
                if (kind == "drug" and (tells or taken_at(earlier, m.start))) \
                        or (kind == "disease" and (tells or self.linker.diagnosed(earlier, m.start))):
                    taken.append(shifted(m, -len(earlier)))
        return taken
