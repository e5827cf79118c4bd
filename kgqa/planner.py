"""Question understanding: classifier -> parser -> answer searcher (QASystemOnMedicalKG's split).

`AnswerPlanner.plan(question, earlier_questions)` decides what a turn is about (entity or
described symptoms, question type), looks the answer up in the graph, and returns a `Plan`:
the knowledge segment the model reads, the reply it stands for, and the source (entity,
relations) shown beside the answer. Training builds its corpus through the same planner, so
the model reads at chat time exactly what it read in training.
"""
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from kgqa import answer
from kgqa.classifier import Focus, QuestionClassifier
from kgqa.graph import MedicalKG
from kgqa.linker import EntityLinker, Mention
from kgqa.text import normalise

OFFER_TYPES = ("symptom", "cause", "check", "treatment", "drug", "department", "complication",
               "indication", "side_effect", "usage", "contraindication")
MAX_OFFER = 4  # question types offered when declining
PARTIAL_MATCH_BELOW = 10  # a symptom with fewer exact hits also matches items containing it
DEPARTMENT_POOL = 10  # top-ranked diseases whose departments a symptom question may be sent to
COMMON_NAMED_LOG = math.log1p(1000)  # a disease named this often across the graph counts as fully common
RELATED_DRUGS = "相关药物"
SYMPTOM_TYPES = ("treatment", "department", "drug", "check", "symptom", "description")


@dataclass
class Plan:
    kind: str          # answer | reverse | decline | not_found | chat | emergency
    segment: str       # the knowledge segment the model reads
    source: Dict = field(default_factory=dict)  # entity, relations, type, direction (empty: none)

    @property
    def reply(self) -> str:
        return answer.realise(self.segment)


def mask(text: str, mentions: Sequence[Mention]) -> str:
    """The text with entity names blanked out, so keywords inside names do not count."""
    chars = list(text)
    for m in mentions:
        chars[m.start:m.end] = "□" * (m.end - m.start)
    return "".join(chars)


def _mostly_latin(items: Sequence[str]) -> bool:
    """Whether most items are Latin names (research drugs), which a patient cannot use."""
    return sum(item[:1].isascii() and item[:1].isalpha() for item in items) * 2 > len(items)


class AnswerPlanner:
    def __init__(self, kg: MedicalKG, max_items: int = 5, max_chars: int = 150):
        self.kg, self.max_items, self.max_chars = kg, max_items, max_chars
        self.linker = EntityLinker(kg)
        self.classifier = QuestionClassifier()
        self.child_words = tuple(normalise(w) for w in self.linker.lexicon["child_words"])

    def plan(self, question: str, earlier_questions: Sequence[str] = ()) -> Plan:
        text = normalise(question)
        entities, symptoms = self.linker.entities(text), self.linker.symptoms(text)
        types = self.classifier.classify(mask(text, entities))  # 肠内营养乳剂 is not a diet question
        if types and types[0] == "emergency":
            return Plan("emergency", answer.emergency_segment(), {"type": "emergency"})
        asked = self.classifier.answer_types(types)
        if not entities and not symptoms:
            if types and not asked:
                return Plan("chat", answer.chat_segment(types[0]), {"type": types[0]})
            for earlier in reversed(list(earlier_questions)):  # a follow-up: 那它怎么治疗？
                earlier = normalise(earlier)
                entities, symptoms = self.linker.entities(earlier), self.linker.symptoms(earlier)
                if entities or symptoms:
                    break
        named = self._named(entities, symptoms, bool(asked) and asked[0] == "symptom_to_disease")
        if symptoms and not named and (not asked or asked[0] == "symptom_to_disease" or asked[0] in SYMPTOM_TYPES):
            return self._symptom_plan(asked[0] if asked else None, symptoms)
        if entities:
            if not asked and not self.classifier.only_names(mask(text, entities)):  # 高血压怎么样？
                return self._decline(entities[0].candidates[0], None, entities[0])
            return self._entity_plan(asked, entities, text)
        if asked and self.classifier.types[asked[0]].group == "decline":
            what = self.classifier.types[asked[0]].label
            return Plan("decline", answer.decline_segment("", what, None, ()), {"type": asked[0]})
        return Plan("not_found", "", {"type": asked[0]} if asked else {})

    # ---- parser: what the question is about ----
    def _named(self, entities: List[Mention], symptoms: List[Mention], asked_reverse: bool) -> List[Mention]:
        """Entity mentions that are not just described symptoms: a word patients use for a
        symptom (心慌) is the symptom 心悸, not the entity 心慌气短; a disease the graph also lists
        as a symptom (腹泻, 湿疹) is the disease; several symptoms asked about together
        (肚子胀还老打嗝是什么毛病) are symptoms."""
        spans = {(m.start, m.end) for m in symptoms}
        curated = {m for m in entities if (m.start, m.end) in spans and m.text in self.linker.symptom_aliases
                   and m.text not in self.linker.entity_aliases}
        named = [m for m in entities if m not in curated]
        if asked_reverse and len({m.candidates[0] for m in symptoms}) >= 2 and all((m.start, m.end) in spans for m in named):
            return []
        return named

    def _candidates(self, mention: Mention, text: str) -> List[str]:
        """The mention's candidates; for a child (孩子/宝宝) the 小儿 form comes first when the graph has it."""
        candidates = list(mention.candidates)
        if any(w in text for w in self.child_words):
            names = [mention.text] + candidates + [c[:-1] for c in candidates if c.endswith(("病", "症"))]
            children = list(dict.fromkeys("小儿" + c for c in names if "小儿" + c in self.kg))
            candidates = children + [c for c in candidates if c not in children]
        return candidates

    # ---- answer searcher ----
    def _entity_plan(self, asked: List[str], mentions: List[Mention], text: str) -> Plan:
        """The strongest asked type decides the subject: the first mention it applies to with
        facts (哮喘…信必可都保有副作用吗 asks about the drug). After a decline only a drug may
        still answer (青霉素过敏能吃阿莫西林吗, but not 甲亢能吃海带吗)."""
        first = None
        for name in asked or [None]:
            for mention in mentions:
                plan = self._mention_plan([name] if name else [], mention, mentions, text)
                if plan is None:  # this type never applies to this kind of entity
                    continue
                if plan.kind != "decline" and (first is None or (self.kg.kind(plan.source["entity"]) == "drug"
                                                                 and plan.source["mention"] != first.source["mention"])):
                    return plan
                first = first or plan
            if first is not None and name and self.classifier.types[name].group == "decline":
                break  # a stop-the-drug or diet question is answered by its decline, not by other facts
        if first is None:
            return self._decline(mentions[0].candidates[0], asked[0] if asked else None, mentions[0])
        return first

    def _type_for(self, asked: List[str], kind: str) -> Optional[str]:
        """The first asked type that applies to this kind of entity; the kind's default when
        nothing was asked; None when what was asked never applies to it."""
        for name in asked:
            qtype = self.classifier.for_kind(name, kind)
            if self.classifier.applies(qtype, kind):
                return qtype
        return None if asked else self.classifier.for_kind(None, kind)

    def _mention_plan(self, asked: List[str], mention: Mention, mentions: List[Mention], text: str) -> Optional[Plan]:
        """The candidate whose facts answer best: the entity of the exact name if it has any,
        else the one with the earliest of the type's relations (布洛芬: a product with 禁忌 before
        one with only 注意事项)."""
        best, first_decline = None, None
        for entity in self._candidates(mention, text):
            kind = self.kg.kind(entity)
            qtype = self._type_for(asked, kind)
            if qtype is None:
                continue
            focus = self.classifier.focus(qtype, text)
            if focus and qtype in self.classifier.focus_retype:
                qtype = self.classifier.focus_retype[qtype]
            if self.classifier.types[qtype].group == "decline":
                return self._decline(entity, qtype, mention)
            relations = self.relations(qtype, kind)
            facts = self._facts(entity, qtype, relations, focus, mentions, mention)
            if not facts:
                first_decline = first_decline or (entity, qtype, focus)
                continue
            rank = (entity.lower() != mention.text, relations.index(facts[0][0]))
            if best is None or rank < best[0]:
                best = (rank, entity, qtype, facts)
        if best is None:
            if first_decline is None:
                return None
            entity, qtype, focus = first_decline
            if qtype == "drug" and self.kg.kind(entity) == "disease":  # no candidate lists drugs
                return self._indicated_drugs(mention) or self._decline(entity, qtype, mention, focus)
            return self._decline(entity, qtype, mention, focus)
        _, entity, qtype, facts = best
        facts = [(rel, items[:self.max_items]) for rel, items in facts[:self.classifier.max_relations]]
        source = {"entity": entity, "relations": [r for r, _ in facts], "type": qtype,
                  "direction": "forward", "mention": mention.text}
        return Plan("answer", answer.fact_segment(entity, facts, self.max_chars), source)

    def _facts(self, entity: str, qtype: str, relations: Sequence[str], focus: Optional[Focus],
               mentions: List[Mention], mention: Mention) -> List[Tuple[str, List[str]]]:
        """(relation, items) that answer: narrowed to the focus (孕妇) or, for an interaction,
        to items naming the other drug asked about."""
        facts = self.kg.first_with_facts(entity, relations)
        facts = [(rel, self._specific_first(items, [entity, mention.text]) if rel == RELATED_DRUGS else items)
                 for rel, items in facts]  # the graph lists related drugs alphabetically
        facts.sort(key=lambda fact: _mostly_latin(fact[1][:self.max_items]))  # 痛风: Arhalofenate, BCX4208…
        others = [m.text for m in mentions if m is not mention]
        words = focus.item_words if focus else (others if qtype == "interaction" and others else None)
        if words:
            facts = [(rel, [i for i in items if any(w in i.lower() for w in words)]) for rel, items in facts]
            facts = [(rel, items) for rel, items in facts if items]
        return facts

    def _indicated_drugs(self, mention: Mention) -> Optional[Plan]:
        """Drugs whose 适应症 name the disease as the patient wrote it or as the graph names it."""
        terms = list(dict.fromkeys([mention.text] + list(mention.candidates)))
        return self._reverse_plan(self._specific_first(self.kg.entities_mentioning("适应症", terms), terms), mention.text,
                                  answer.marker("indicated_drugs"), "适应症", "drug")

    def _specific_first(self, drugs: List[str], terms: Sequence[str]) -> List[str]:
        """Drugs for which the terms come first in a short list of indications: 门冬氨酸钾镁口服溶液
        lists 高血压 among dozens of conditions; a drug made for it lists it first."""
        def rank(drug):
            items = self.kg.items(drug, "适应症")
            position = next((i for i, item in enumerate(items) if any(t in item for t in terms)), None)
            return (position is None, (position or 0) + 0.1 * len(items))
        return sorted(drugs, key=rank)

    def relations(self, qtype: Optional[str], kind: str) -> Sequence[str]:
        return self.classifier.types[qtype].relations.get(kind, ()) if qtype in self.classifier.types else ()

    def _decline(self, entity: str, qtype: Optional[str], mention: Mention, focus: Optional[Focus] = None) -> Plan:
        """`I don't know <what> about <entity>`, the department, and what the graph does know."""
        kind = self.kg.kind(entity)
        what = self.classifier.types[qtype].label if qtype in self.classifier.types else self.classifier.unclear_label
        what = f"{focus.name}{what}" if focus else what
        offer = [self.classifier.types[t].label for t in OFFER_TYPES
                 if t != qtype and self.kg.first_with_facts(entity, self.relations(t, kind))][:MAX_OFFER]
        segment = answer.decline_segment(entity, what, self.kg.department(entity), offer)
        return Plan("decline", segment, {"entity": entity, "relations": [], "type": qtype, "mention": mention.text})

    def _symptom_plan(self, asked: Optional[str], mentions: List[Mention]) -> Plan:
        """Described symptoms -> diseases listing the most of them; drugs whose 适应症 name them
        if drugs were asked; their departments if the department was asked."""
        words = list(dict.fromkeys(m.candidates[0] for m in mentions))
        subject = "、".join(words)
        if asked == "drug":
            terms = [c for m in mentions for c in m.candidates]
            drugs = self._specific_first(self.kg.entities_mentioning("适应症", terms), terms)
            return self._reverse_plan(drugs, subject, answer.marker("indicated_drugs"), "适应症", "drug") \
                or Plan("decline", answer.decline_segment(subject, "对症药品", None, ()), {"type": "drug"})
        ranked = self._rank_diseases(mentions)
        if asked == "department":
            votes = Counter(dept for d in ranked[:DEPARTMENT_POOL] for dept in self.kg.items(d, "就诊科室"))
            departments = [d for d, _ in votes.most_common(2)]
            if departments:
                source = {"entity": subject, "relations": ["常见症状", "就诊科室"], "type": "department",
                          "direction": "reverse"}
                return Plan("reverse", answer.fact_segment(subject, [(answer.marker("possible_departments"),
                                                                      departments)], self.max_chars), source)
        if asked == "treatment":  # the graph treats diseases, not symptoms
            offer = [self.classifier.types["symptom_to_disease"].label, answer.marker("indicated_drugs")]
            return Plan("decline", answer.decline_segment(subject, self.classifier.types["treatment"].label, None, offer),
                        {"entity": subject, "relations": [], "type": "treatment"})
        return self._reverse_plan(ranked, subject, answer.marker("possible_diseases"), "常见症状", "symptom_to_disease") \
            or Plan("not_found", "", {"type": "symptom_to_disease"})

    def _rank_diseases(self, mentions: List[Mention]) -> List[str]:
        """Diseases by how many described symptoms they list (a patient's word counts in full for
        its first graph word, less for the others: 虚汗 is 盗汗 before 多汗; earlier in a disease's
        list ranks higher); among equals, common diseases (named often across the graph: by drugs'
        indications, checks, complications) before rare syndromes."""
        scores = defaultdict(float)
        index = self.kg.symptom_index()
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
            rels = self.kg.graph[disease]
            commonness = min(math.log1p(self.kg.times_named(disease)) / COMMON_NAMED_LOG, 1.0)
            scores[disease] += 0.3 * commonness + 0.01 * min(len(rels), 20) + (0.1 if "就诊科室" in rels else 0)
        return sorted(scores, key=lambda d: (-scores[d], d))

    def _reverse_plan(self, entities: List[str], subject: str, label: str, relation: str, qtype: str) -> Optional[Plan]:
        if not entities:
            return None
        source = {"entity": subject, "relations": [relation], "type": qtype, "direction": "reverse"}
        return Plan("reverse", answer.fact_segment(subject, [(label, entities[:self.max_items])], self.max_chars), source)
