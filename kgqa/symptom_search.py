"""Answers from described symptoms: the diseases that list them, the drugs whose indications name
them, or the department where the likeliest diseases are seen (kgqa/searcher.py and the planner ask;
the rankings are kgqa/reverse.py's).
"""
from collections import Counter
from typing import List, Optional, Sequence

from kgqa import answer
from kgqa.answer import Plan
from kgqa.classifier import QuestionClassifier
from kgqa.graph import MedicalKG
from kgqa.linker import Mention
from kgqa.reverse import could_be_theirs, covering_most, department_groups, indicated_drugs, rank_diseases

DEPARTMENT_POOL = 30  # top-ranked diseases whose departments a symptom question may be sent to
# the top department must be that of this share of them: 发烧's diseases spread over every department
# (泌尿外科 came first with 4 of 29), 头痛's too (眼科 3 of 29); 咳嗽's send 7 of 27 to 呼吸科
DEPARTMENT_MIN_SHARE = 0.2
LISTED_FOR = (None, "symptom_to_disease", "description", "cause", "symptom")  # asked types the diseases
# listing the symptoms answer (这是什么病, 什么原因, 怎么回事); others are declined for the symptoms
IN_PREGNANCY, OBSTETRICS = "孕期可能原因", "妇产科"  # a complaint in pregnancy: what is declined, and where to go
OF_PREGNANCY = ("妊娠", "孕", "流产", "早产")  # in the names of diseases of pregnancy
SECOND_DEPARTMENT_SHARE = 0.34  # of the first's votes: 射精痛、尿不尽 is 泌尿外科's (3 of 4), not also 骨科's


class SymptomSearch:
    def __init__(self, kg: MedicalKG, classifier: QuestionClassifier, max_items: int, max_chars: int):
        self.kg, self.classifier = kg, classifier
        self.max_items, self.max_chars = max_items, max_chars
        self.department_group = department_groups()

    def plan(self, asked: Optional[str], mentions: List[Mention], conversation: str = "",
             had: Sequence[str] = (), ruled_out: Sequence[str] = ()) -> Plan:
        """Described symptoms -> diseases listing the most of them (none the conversation rules out
        for this patient, nor those `ruled_out`: 真的只是痔疮吗 还可能是什么; first those named after a
        disease the patient has had: 糖尿病十年了…脚底板发麻, 糖尿病性周围神经病); drugs whose 适应症
        name them if drugs were asked; their departments if the department was asked."""
        subject = "、".join(dict.fromkeys(m.candidates[0] for m in mentions))
        if asked == "drug":
            terms = [c for m in mentions for c in m.candidates]
            drugs = covering_most(self.kg, indicated_drugs(self.kg, terms, conversation), mentions)
            return self.listed(drugs, subject, answer.marker("indicated_drugs"), "适应症", "drug") \
                or Plan("decline", answer.decline_segment(subject, "对症药品", None, ()), {"type": "drug"})
        ranked = could_be_theirs(rank_diseases(self.kg, mentions), conversation)
        if asked in LISTED_FOR and self.classifier.pregnant(conversation, nursing=False):
            ranked = [d for d in ranked if any(w in d for w in OF_PREGNANCY)]  # 怀孕4个月 白带像豆腐渣: 孕期阴道炎;
            if not ranked:  # 怀孕3个月肚子有点疼: not 肠炎 or 胰腺炎, whatever else it may be, but the obstetrician's call
                return Plan("decline", answer.decline_segment(subject, IN_PREGNANCY, OBSTETRICS, ()),
                            {"entity": subject, "relations": [], "type": "pregnancy"})
        if had:
            ranked = self._named_after(had, mentions) + ranked
        ranked = [d for d in ranked if d not in had and not any(r in d for r in ruled_out)]
        if asked == "department" and ranked and self.kg.items(ranked[0], "就诊科室"):  # not when the likeliest has
            # none: 痛风 first for 大脚趾根红肿, then 足癣 and 乳突炎 voted 皮肤科 and 耳鼻喉科
            departments = self._departments(ranked)
            if departments:
                source = {"entity": subject, "relations": ["常见症状", "就诊科室"], "type": "department",
                          "direction": "reverse"}
                return Plan("reverse", answer.fact_segment(subject, [(answer.marker("possible_departments"),
                                                                      departments)], self.max_chars), source)
        if asked not in LISTED_FOR:  # the graph treats and checks diseases, not symptoms; 发烧 has no one
            # department; 嗓子疼 发烧 这是什么病 | 会传染吗: that depends on which disease it is
            offer = [self.classifier.types["symptom_to_disease"].label, answer.marker("indicated_drugs")]
            return Plan("decline", answer.decline_segment(subject, self.classifier.types[asked].label, None, offer),
                        {"entity": subject, "relations": [], "type": asked})
        return self.listed(ranked, subject, answer.marker("possible_diseases"), "常见症状", "symptom_to_disease") \
            or Plan("not_found", "", {"type": "symptom_to_disease"})

    def listed(self, entities: List[str], subject: str, label: str, relation: str, qtype: str) -> Optional[Plan]:
        """The entities a reverse lookup found, as a list about the subject (None when there are none)."""
        if not entities:
            return None
        entities = list(dict.fromkeys(entities))
        source = {"entity": subject, "relations": [relation], "type": qtype, "direction": "reverse"}
        return Plan("reverse", answer.fact_segment(subject, [(label, entities[:self.max_items])], self.max_chars),
                    source)

    def _departments(self, ranked: List[str]) -> List[str]:
        """The one or two departments most of the likeliest diseases are seen in, as the graph writes
        them most often; none when they spread over many (发烧)."""
        pool = [d for d in ranked[:DEPARTMENT_POOL] if self.kg.items(d, "就诊科室")]
        named = Counter(dept for d in pool for dept in self.kg.items(d, "就诊科室"))
        votes = Counter()  # 呼吸科 and 呼吸内科 are one department
        for dept, count in named.items():
            votes[self.department_group.get(dept, dept)] += count
        groups = [g for i, (g, n) in enumerate(votes.most_common(2))
                  if i == 0 or n >= max(SECOND_DEPARTMENT_SHARE * max(votes.values()), 2)]  # not on one vote
        if not groups or votes[groups[0]] < DEPARTMENT_MIN_SHARE * len(pool):
            return []
        return [max((d for d in named if self.department_group.get(d, d) == g), key=named.__getitem__) for g in groups]

    def _named_after(self, had: Sequence[str], mentions: List[Mention]) -> List[str]:
        """Diseases named after one the patient has had (糖尿病性周围神经病, 高血压脑病) that list a third
        of the described symptoms or more, those listing the most first."""
        index, counts = self.kg.symptom_index(), Counter()
        words = list(dict.fromkeys(m.candidates[0] for m in mentions))
        for word in words:  # in the order described and listed, so that ties keep one order
            counts.update(list(dict.fromkeys(d for d, _ in index.get(word, []) if any(d.startswith(h) and h != d for h in had))))
        return [d for d, n in counts.most_common() if 3 * n >= len(words)]
