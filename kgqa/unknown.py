"""Two questions answered before any entity's facts: is it an emergency, and does it ask about a
name the graph does not know (a drug, a disease)? Both look at earlier turns too.
"""
import re
from typing import List, Optional, Sequence

from kgqa.answer import Plan
from kgqa.classifier import DENIED, QuestionClassifier
from kgqa.context import EarlierTurns, mask
from kgqa.graph import MedicalKG
from kgqa.linker import EntityLinker, Mention
from kgqa.searcher import TAKEN_KINDS
from kgqa.text import normalise

LEAFLET_TYPES = ("side_effect", "indication", "usage", "contraindication", "interaction", "ingredient")
# what a drug's leaflet answers: asked of a class (降压药), of no one product

WAITING = re.compile("再等等|等等看|等一等|要不要去医院|不去医院|用不用去医院|有必要去医院|歇会儿?|歇一会|睡一觉|撑到|撑一撑|扛一扛|扛过去"
                     "|能好不|能好吗|就行|就好了"  # whether to wait it out (是不是岔气了 歇会儿能好不), or first aid
                     "|塞|掐人中|按住|喂(点|口)?水|灌|抠|放平|扶起来|背起来"  # at home (要不要往她嘴里塞毛巾), or
                     "|是不是.{0,4}(着凉|累着|累的|岔气|没睡好|上火|吃坏|中暑)")  # an everyday reason (是不是昨晚着凉了)
COMPARED = "比"  # right before a name: what the asked-about one is compared with
REMEDY_TYPES = {"usage", "take_drug", "dose", "diet"}  # what to give now, after an emergency (喝点热水能好不; not 要吃啥药
# after a TIA that is over: treatment to come)
GOES_ON = {"treatment", "symptom_to_disease", "personal", "emergency"}  # a message that still tells what happens


class Urgency:
    """Emergencies: keywords, patterns, and an emergency told over two messages."""
    def __init__(self, linker: EntityLinker, classifier: QuestionClassifier):
        self.linker, self.classifier = linker, classifier

    def urgent(self, text: str, masked: str, types: List[str], asked_about: Sequence[Mention],
               earlier_questions: Sequence[str]) -> bool:
        """Whether the turn describes an emergency: a keyword (also one a described symptom holds: 突然晕倒),
        a pattern (not inside a disease asked about: 高热惊厥一般多大的孩子容易发生), or one told over two messages."""
        return bool(types) and types[0] == "emergency" or self.emergency_words(masked) \
            or self.classifier.urgent(text, asked_about) or self.with_earlier(text, types, earlier_questions)

    def with_earlier(self, text: str, types: List[str], earlier_questions: Sequence[str]) -> bool:
        """An emergency told over two messages (吃着饭筷子突然掉了 | 右手拿不住东西 说话大舌头), while the
        latest one goes on describing (含了一片也不管用: it asks nothing) or asks what to do, not
        something else (那以后要注意什么)."""
        other = [t for t in types if t not in GOES_ON]  # 谢谢 after the 120 line is small talk
        last = normalise(earlier_questions[-1]) if earlier_questions else ""
        told = ",".join(map(normalise, earlier_questions[-2:]))  # the last message, or it with the one before:
        told_urgent = bool(last) and self.urgent_text(told)
        after_emergency = told_urgent and (self.urgent_text(last) or not self.linker.entities(last))
        # answered with the 120 line already (抽起来了 口吐白沫 | 已经五分钟了还没停), and the last message did not
        # move on to another subject (突然左边身子麻了 | 乳腺癌是遗传的吗 | 感冒灵颗粒怎么喝: no 120 line again)
        if after_emergency and (self.asks_for_remedy(text, types) or WAITING.search(text)):
            return True  # 被蛇咬了 小腿越肿越高 | 季德胜蛇药一次吃几片 (or 是不是岔气了 歇会儿能好不): a remedy
            # at home, or waiting, is no answer to it
        if last and not told_urgent and self.urgent_text(told + "," + text):  # (or over three: 吃华法林 | 有什么
            # 副作用 | 牙龈出血止不住)
            return True  # it completes with this message, whatever it asks (头磕地上了 | 现在吐了两回 人越来越想睡觉
            # 贴个膏药睡一觉行不)
        if not earlier_questions or other and (self.classifier.asks(text)
                                               or any(self.classifier.types[t].group == "special" for t in other)):
            return False
        return after_emergency and not self.linker.entities(text)  # again only while it goes on (叫不醒 |
        # 呼吸好像很慢 还吐了一身 怎么办), not 面神经炎是…

    def asks_for_remedy(self, text: str, types: List[str]) -> bool:
        """Whether the message names a drug, herb, formula or class of drugs, or a name the graph lacks, to take; or
        asks what or how much to give while naming no disease (高血压能吃豆腐吗 is another subject)."""
        mentions = self.linker.entities(text)
        kinds = {self.linker.kg.kind(m.candidates[0]) for m in mentions}
        masked = mask(text, mentions)
        if kinds & set(TAKEN_KINDS) or self.classifier.names.unknown_name(masked) or self.classifier.drug_class(masked):
            return True  # 季德胜蛇药, a name the graph lacks, 再给她吃一片降压药 (a class of drugs)
        return any(t in REMEDY_TYPES for t in types) and "disease" not in kinds

    def emergency_words(self, masked: str) -> bool:
        """An emergency keyword a described symptom holds (突然晕倒 is 晕厥 too), which masking hid."""
        return any(name == "emergency" and not DENIED.search(masked[:start])
                   for start, _, name, _ in self.classifier.matches(masked))

    def urgent_text(self, text: str) -> bool:
        return self.classifier.urgent(text) or self.classifier.classify(mask(text, self.linker.entities(text)))[:1] == ["emergency"]


def class_not_found(word: str, qtype: str) -> Plan:
    """Not found; for a leaflet's question, the reply names the class asked about."""
    return Plan("not_found", "", {"type": qtype, **({"drug_class": word} if qtype in LEAFLET_TYPES else {})})


class UnknownNames:
    """Names the graph lacks, which must never fall back to a known entity's facts."""
    def __init__(self, kg: MedicalKG, linker: EntityLinker, classifier: QuestionClassifier, earlier: EarlierTurns):
        self.kg, self.linker, self.classifier, self.earlier = kg, linker, classifier, earlier

    def not_found(self, masked: str, asked: List[str]) -> Plan:
        """Nothing in the graph; the reply names what was asked about when a pattern shows the name
        (韦立得有什么副作用: 知识库中没有收录“韦立得”)."""
        qtype = asked[0] if asked else None
        class_plan = self.drug_class(masked, asked)
        if class_plan:
            return class_plan
        name = self.classifier.names.unknown_name(masked)
        return Plan("not_found", "", {"type": qtype, **({"unknown": name} if name else {})})

    def drug_class(self, masked: str, asked: List[str]) -> Optional[Plan]:
        """Not found, naming the class of drugs asked about (他汀有什么副作用, 头孢能治什么): the graph
        holds products, each with its own leaflet, so the patient is asked for the name on the box."""
        found = self.classifier.drug_class(masked)
        return class_not_found(found[0], asked[0]) if found and asked and asked[0] in LEAFLET_TYPES else None

    def asked_about(self, masked: str, entities: List[Mention]) -> bool:
        """Whether the question asks about a name the graph does not know, beside ones it does:
        医生开了诺欣妥，这是个什么药; 度普利尤单抗治疗特应性皮炎效果怎么样; 新冠转阴后一直咳嗽，
        新冠后遗症都有哪些: a name the graph lacks and no known drug, so not the disease's or symptom's facts;
        恩格列净和格列美脲能一起吃吗: a name the graph lacks asked about with a known drug."""
        kinds = {self.kg.kind(m.candidates[0]) for m in entities  # not a drug it is compared with
                 if masked[max(m.start - 1, 0):m.start] != COMPARED}  # (速福达…比奥司他韦方便)
        if self.classifier.names.asks_what_drug(masked, longer="drug" in kinds) or self.classifier.names.names_unknown_partner(masked):
            return True
        if self.earlier.pointed_kind(masked) == "drug" and self.classifier.names.prescribes_unknown(masked) \
                or self.classifier.names.asks_about_unknown(masked):  # 韦立得有什么副作用？…比韦瑞德对肾好
            return True  # 医生新开了个沃诺拉赞 说比奥美拉唑效果强 这个药有副作用吗: not 奥美拉唑's
        return "drug" not in kinds and self.classifier.names.names_unknown_entity(masked)

    def named_before_pointer(self, masked: str, entities: List[Mention], asked: List[str]) -> Optional[Plan]:
        """Not found, when 这个药 follows a name the graph lacks that the question gives after every
        drug it knows (吃着安理申…有人推荐…甘露特钠胶囊 说是国产新药 这个药主要治什么)."""
        if self.earlier.pointed_kind(masked) != "drug":
            return None
        at = min(masked.find(p) for p in self.earlier.pronouns if p in masked)
        drugs_end = self._drugs_end([m for m in entities if 0 <= m.end <= at])
        return self.not_found(masked[drugs_end:at], asked) \
            if drugs_end >= 0 and self.classifier.names.unknown_name(masked[drugs_end:at]) else None

    def pointed(self, text: str, earlier_questions: Sequence[str], asked: List[str]) -> Optional[Plan]:
        """Not found, when the drug a follow-up points at is a name the graph lacks that the latest
        earlier turn named after every drug it knows (二甲双胍控制不好，医生加了达格列净 | 它…)."""
        if not earlier_questions or self.earlier.pointed_kind(text) not in ("drug", None):
            return None
        last = normalise(earlier_questions[-1])
        mentions = self.linker.entities(last)
        masked_last = mask(last, mentions)
        name = self.classifier.names.unknown_name(masked_last)
        return self.not_found(masked_last, asked) if name and last.rfind(name) > self._drugs_end(mentions) else None

    def _drugs_end(self, mentions: List[Mention]) -> int:
        """Where the last of the mentions that is a drug ends (-1: none is)."""
        return max((m.end for m in mentions if self.kg.kind(m.candidates[0]) in TAKEN_KINDS), default=-1)
