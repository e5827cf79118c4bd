"""What a turn is about, before its answer is looked up (kgqa/planner.py asks).

`SubjectFinder.early_plan` settles what needs no subject: small talk, a name the graph lacks, a
fear only a doctor can answer, a drug question about no drug, a drug in pregnancy. `find` gives
the entities and symptoms the turn names, or an earlier turn's when it names nothing or points
back (那它怎么治疗; kgqa/context.py knows the earlier turns), or a Plan when that settles it.
"""
import re
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

from kgqa import answer
from kgqa.answer import Plan
from kgqa.classifier import QuestionClassifier
from kgqa.context import EarlierTurns, mask
from kgqa.graph import MedicalKG
from kgqa.linker import Mention
from kgqa.parser import QuestionParser
from kgqa.searcher import TAKEN_KINDS, AnswerSearcher
from kgqa.unknown import UnknownNames, class_not_found

SYMPTOMS_ANSWER = (["symptom_to_disease"], ["department"], ["drug"])  # what described symptoms answer on their own
DRUG_QUESTIONS = {"side_effect", "indication", "usage", "ingredient", "storage", "nature"}  # asked of drugs and herbs only
QUALIFIED = re.compile(r"[^\W\d_a-z写说是有得患查示为成]{1,2}性$")  # before a disease: a kind of it the graph
# lacks (生理性腹泻, 报告写窦性心律不齐)
FEAR_ENDS = re.compile(r"(啊|呀|吗|呢)?([。?!,;]|$)")  # a feared name that ends its clause, nothing asked of it


@dataclass
class Turn:
    """One question as the planner reads it."""
    text: str  # normalised
    masked: str  # the text with its entity names blanked (what the classifier reads)
    types: List[str]  # question types found, strongest first
    asked: List[str]  # the types that ask for an answer or a decline
    earlier: Sequence[str]  # earlier questions, oldest first


class SubjectFinder:
    def __init__(self, kg: MedicalKG, classifier: QuestionClassifier, earlier: EarlierTurns, parser: QuestionParser,
                 searcher: AnswerSearcher, unknown: UnknownNames):
        self.kg, self.classifier, self.earlier, self.parser = kg, classifier, earlier, parser
        self.searcher, self.unknown = searcher, unknown
        self.pronouns = earlier.pronouns

    def early_plan(self, turn: Turn, entities: List[Mention], symptoms: List[Mention]) -> Optional[Plan]:
        """What is settled before looking for the subject: small talk, a name the graph lacks, a
        fear only a doctor can answer, a drug question about no drug, a drug in pregnancy."""
        text, masked, types, asked = turn.text, turn.masked, turn.types, turn.asked
        strongly = {name for *_, name, weak in self.classifier.matches(masked) if not weak}  # not 北京 alone
        if types and types[0] == "not_medical" and (not strongly & set(asked) or self.classifier.about_an_animal(text)
                                                      or self.classifier.asks_for_paperwork(text)):
            # 帮我写个请假条，就说我发烧了; 我家狗狗身上长了红疙瘩，是不是湿疹
            return Plan("chat", answer.chat_segment(types[0]), {"type": types[0]})
        if (entities or symptoms) and self.unknown.asked_about(masked, entities) \
                or symptoms and self.classifier.names.asks_what_unknown_disease(mask(masked, symptoms)):
            return self.unknown.not_found(masked, asked)  # 肌少症是什么病 医生说我妈腿没劲
        qualified = self._qualified_name(text, entities)
        if qualified and asked[:1] in (["description"], ["symptom_to_disease"]):  # 生理性腹泻是什么: not 腹泻
            return Plan("not_found", "", {"type": asked[0], "unknown": qualified})
        feared = next((m for m in entities if ("癌" in m.candidates[0] or text[m.end:m.end + 1] in ("了", "吧")
                                               or FEAR_ENDS.match(text[m.end:]) and not self.classifier.answer_types(asked))
                       and self.classifier.fears(masked, m.start)), None)
        if feared:  # 是不是得肺癌了, 是不是肝硬化了, 口干多尿 是不是糖尿病: only a doctor can say, not its symptoms
            return self.searcher.decline(feared.candidates[0], "personal", feared)
        kinds = {self.kg.kind(m.candidates[0]) for m in entities}
        if "side_effect" in asked and kinds and not kinds & {"drug", "herb", "formula"} \
                and not any(self.kg.kind(m.candidates[0]) == "drug" for m in self.earlier.mentions(turn.earlier)[0]):
            return self.unknown.not_found(masked, ["side_effect"])  # 达必妥 那个治湿疹的针 有什么副作用: a drug unknown
        if asked[:1] == ["drug"] and (entities or symptoms) and self.classifier.pregnant(text):
            subject = (entities or symptoms)[0]  # 孕晚期腰疼能贴膏药吗: not the drugs for 腰痛, a doctor's call
            return self.searcher.decline(subject.candidates[0], "take_drug", subject)
        return None

    def _qualified_name(self, text: str, entities: List[Mention]) -> Optional[str]:
        """A disease named with a 性 qualifier into a name the graph lacks (生理性腹泻), not 急性/慢性X."""
        for m in entities:
            found = QUALIFIED.search(text[:m.start])
            if found and found.group(0) not in self.kg.qualifiers and self.kg.kind(m.candidates[0]) == "disease":
                return found.group(0) + m.text
        return None

    def find(self, turn: Turn, entities: List[Mention], symptoms: List[Mention]):
        """(entities, symptoms, context) the turn is about: its own, or an earlier turn's when it
        names nothing or points back (那它怎么治疗); or a Plan when that settles it already.
        context: what else the question names, which may narrow the items."""
        text, masked, asked, earlier_questions = turn.text, turn.masked, turn.asked, turn.earlier
        context: List[Mention] = symptoms
        unknown = self.unknown.named_before_pointer(masked, entities, asked)
        if unknown:
            return unknown
        pointing = any(p in text for p in self.pronouns) and not self.earlier.names_the_pointed(text, entities)
        if (not entities and symptoms and asked[:1] == ["side_effect"] or pointing) \
                and (unknown := self.unknown.pointed(text, earlier_questions, asked)):
            return unknown  # …医生加了达格列净 | 它是不是有这个副作用: not 二甲双胍's
        if not entities and symptoms and asked[:1] == ["side_effect"]:
            # 思力华… | 用了以后嘴巴特别干 这是副作用吗: the earlier drug's, narrowed to what is described
            earlier = self.earlier.pointed_first(self.earlier.mentions(earlier_questions)[0], text)
            drugs = [m for m in earlier if self.applies("side_effect", m)]  # 换成雅施达了 | 是不是这个药的: 雅施达
            if drugs:
                return drugs, [], symptoms
        if not entities and not symptoms:
            if turn.types and not asked:
                return Plan("chat", answer.chat_segment(turn.types[0]), {"type": turn.types[0]})
            if self.classifier.names.names_unknown_subject(masked) or self.classifier.names.names_unknown_entity(masked) \
                    or self.classifier.names.asks_about_unknown(masked) \
                    or asked and set(asked) <= DRUG_QUESTIONS and self.classifier.names.prescribes_unknown(masked):
                # 渐冻症是啥病, 新冠后遗症怎么治, 这个诺欣妥有啥副作用, 亲戚送了冬虫夏草 有什么功效: not about
                # the earlier subject
                return self.unknown.not_found(masked, asked)
            if asked[:1] == ["symptom_to_disease"] and self.classifier.tells_unread(text):
                return Plan("not_found", "", {"type": asked[0]})  # …腿就难受 说不上疼 像有虫子在里面爬 这是啥病:
                # what it tells is new and unread, not the earlier turn's symptoms again
            entities, symptoms = self.earlier.mentions(earlier_questions, asked[:1] not in ([], *SYMPTOMS_ANSWER))
            entities = self.earlier.pointed_first(entities, text)
            drugs_only = all(self.kg.kind(m.candidates[0]) in TAKEN_KINDS for m in entities)
            if asked[:1] == ["exercise"] and entities and drugs_only and not pointing:
                return self.unnamed_decline(asked[0])  # …恢复得挺好 | 能去健身房撸铁吗: the patient, not a drug named before
            if asked and entities and (set(asked) <= DRUG_QUESTIONS or drugs_only) \
                    and not any(self.applies(a, m) for a in asked for m in entities):
                # 脂肪肝… | 枸杞 泡水 有什么功效: a herb the graph lacks; 在吃华法林… | 会传染吗: not the drug
                return self.unknown.not_found(masked, asked)
            if self.earlier.pointed_kind(text) == "drug" and not any(self.kg.kind(m.candidates[0]) == "drug" for m in entities):
                return self.unknown.not_found(masked, asked)  # 这个药 is one the graph lacks
            if asked[:1] == ["hospital"] and entities and (all(self.kg.kind(m.candidates[0]) == "drug" for m in entities)
                                                           or any(o in text for o in self.parser.organs)):
                return self.unnamed_decline("hospital")  # 三七粉… | 看甲状腺哪个医院好; 肺结核… | 哪家医院看心脏好
            drug_class = self.classifier.drug_class(masked)
            pointed = any(p in text for p in self.pronouns) and entities  # 它跟降压药一起吃: about the earlier drug
            if drug_class and asked and not pointed:  # a class of drugs is never an earlier turn's drug
                return self._class_plan(drug_class, asked[0], entities, text)
        elif pointing:  # 它会不会引起哮喘: about the earlier subject
            earlier, _ = self.earlier.mentions(earlier_questions)
            if earlier:
                entities, symptoms, context = self.earlier.pointed_first(earlier, text), [], entities + symptoms
            elif self.earlier.pointed_kind(text) == "drug":  # 甘露特钠…治老年痴呆的 这个药副作用大吗: a drug
                return self.unknown.not_found(masked, asked)  # the graph lacks
        elif self.parser.outcome_only(asked, entities, masked) and self.earlier.mentions(earlier_questions)[0]:
            # 中度脂肪肝 | 会发展成肝硬化吗: what the earlier subject leads to, not 肝硬化's own complications
            earlier, _ = self.earlier.mentions(earlier_questions)
            entities, symptoms, context = earlier, [], entities + symptoms
        return entities, symptoms, context

    def _class_plan(self, drug_class: Tuple[str, Optional[str]], asked: str, earlier: List[Mention], text: str) -> Plan:
        """A question about a class of drugs: 我能不能自己把降压药停了 and 哪些降压药 are about 高血压;
        需要吃消炎药吗 about the earlier disease; 吃了头孢能喝酒吗 and 降压药有什么副作用 about no entity."""
        word, disease = drug_class
        if disease in self.kg and (asked == "drug" or self.classifier.types[asked].group == "decline"):
            return self.searcher.entity_plan([asked], [Mention(word, text.find(word), (disease,), False)], text, [])
        diseases = [m for m in earlier if self.kg.kind(m.candidates[0]) == "disease"]
        if asked == "take_drug" and diseases:
            return self.searcher.entity_plan([asked], diseases, text, [])
        if self.classifier.types[asked].group == "decline":
            return self.unnamed_decline(asked, word)  # 头孢和酒一起会怎样: what is not known about 头孢
        return class_not_found(word, asked)

    def unnamed_decline(self, qtype: str, subject: str = "") -> Plan:
        """A question the graph never answers (能治好吗, 要多少钱) about nothing it knows (or only a class of
        drugs, `subject`): declined."""
        return Plan("decline", answer.decline_segment(subject, self.classifier.types[qtype].label, None, ()),
                    {"type": qtype})

    def applies(self, asked: str, mention: Mention) -> bool:
        kind = self.kg.kind(mention.candidates[0])
        return self.classifier.applies(self.classifier.for_kind(asked, kind), kind)
