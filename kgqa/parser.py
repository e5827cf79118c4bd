"""The parser of classifier -> parser -> answer searcher: what a question is about.

Which mentions are named subjects and which are described symptoms, which of several names the
question asks about, a finding the graph has no entity for (肺结节), and a child's form of a
symptom (孩子发烧: 小儿发热). kgqa/planner.py calls it between classifying and searching.
"""
import re
from dataclasses import replace
from typing import List, Optional

from kgqa.classifier import QuestionClassifier
from kgqa.context import EarlierTurns, within
from kgqa.graph import MedicalKG
from kgqa.linker import EntityLinker, Mention, overlap
from kgqa.reverse import FINDING_OF
from kgqa.searcher import AnswerSearcher
from kgqa.text import normalise

RELATED = ("有关系吗", "有没有关系", "有关吗", "有关系啊", "有关系吧")  # cause phrases naming a suspected cause after the subject
ALSO_HAS = re.compile("(还|也|另外还?)(有|患有|得过)$")  # another condition the patient has, told in passing
WHY_HAVE = re.compile("(为什么|怎么)会$")  # right before the one name in the asking clause
FEW_LISTING = 20  # diseases listing it as a symptom, below which a name asked about is the disease
TAKING_TYPES = ("diet", "take_drug", "stop_drug")  # 在吃华法林 能吃布洛芬吗: the drug to take is the subject
ASKED_OF_DISEASES = ("drug", "treatment", "symptom", "cause", "complication", "prevention", "department",
                     "prognosis", "contagious", "transmission", "check")  # a check named beside the disease is no subject


class QuestionParser:
    def __init__(self, kg: MedicalKG, linker: EntityLinker, classifier: QuestionClassifier,
                 earlier: EarlierTurns, searcher: AnswerSearcher):
        self.kg, self.linker, self.classifier, self.earlier, self.searcher = kg, linker, classifier, earlier, searcher
        self.pronouns = earlier.pronouns
        self.report_words = tuple(normalise(w) for w in linker.lexicon["report_words"])
        self.organs = tuple(normalise(w) for w in linker.lexicon["organs"])
        self.lesions = {normalise(w) for w in linker.lexicon["lesions"]}
        self.drug_prefixes = tuple(normalise(w) for w in linker.lexicon["drug_prefixes"] if w != "复方")  # salts: the
        # same drug (盐酸二甲双胍); 复方缬沙坦 is a combination, not 缬沙坦

    def organ_lesion(self, mention: Mention, text: str) -> Optional[str]:
        """A lesion word after an organ (肾囊肿, 肺结节, 肝内钙化灶): a finding the graph has no entity for."""
        before = text[:mention.start].removesuffix("内").removesuffix("上")  # 肝内钙化灶, 肺上结节
        organ = next((o for o in self.organs if before.endswith(o)), None)
        return organ + mention.text if organ and mention.text in self.lesions else None

    def without_reporters(self, entities: List[Mention], text: str) -> List[Mention]:
        """Without a check that reports a disease named after it (胃镜说胆汁反流性胃炎): not the subject."""
        return [m for m in entities if not (text[m.end:].startswith(self.report_words)
                                            and any(n.start >= m.end for n in entities)
                                            and (self.kg.kind(m.candidates[0]) == "check"
                                                 or m.candidates[0].endswith(("检查", "镜"))))]

    def inside_unknown_names(self, entities: List[Mention], text: str) -> List[Mention]:
        """Without a drug's generic name typed inside a longer name no entity covers (沙库巴曲缬沙坦钠片
        is not 缬沙坦片): two or more name characters run on before it, after no known name or salt."""
        def inside(m: Mention) -> bool:
            if m.start <= 0 or self.kg.kind(m.candidates[0]) != "drug" or m.text in self.kg:
                return False
            start = max([n.end for n in entities if n.end <= m.start] + [0])
            run = self.classifier.names.name_run.search(text[start:m.start]).group(0)
            known = any(run[-2:] + m.text in normalise(c) for c in m.candidates)  # 京都念慈庵: the product's own name
            return len(run) >= 2 and not run.endswith(self.drug_prefixes) and not known \
                and not any(c in self.classifier.names.not_in_names for c in run)
        return [m for m in entities if not inside(m)]

    def nearest_first(self, named: List[Mention], asked: List[str], masked: str) -> List[Mention]:
        """The mention just before the question phrase first: 我爸有高血压，脑梗怎么预防 asks about 脑梗
        (unless a pronoun points back: 胃溃疡…这个病会出血，除了出血还会引起啥并发症)."""
        phrases = [(start, word) for start, word, name, _ in self.classifier.matches(masked) if asked and name == asked[0]]
        asking = [start for start, word in phrases if word not in RELATED] or [start for start, _ in phrases]
        ends = {start: start + len(word) for start, word in phrases}
        anchor = max(asking, default=None)  # the last such phrase: 会诱发心梗，心梗一般都有哪些诱因; but 有没有关系
        # asks about what comes before it (慢性肾炎是怎么得的？跟扁桃体发炎有没有关系: 慢性肾炎's causes)
        if any(p in masked.replace("管它", "") for p in self.pronouns):  # 高血压一直吃络活喜…这个药会引起水肿吗
            # (but 房颤要是不管它 points nowhere: 它 is what is left untreated)
            kind = self.earlier.pointed_kind(masked)  # of its kind, the name right before it first (脑梗这个病)
            return sorted(named, key=lambda m: (kind is not None and self.kg.kind(m.candidates[0]) != kind,
                                                not (m.start >= 0 and masked[m.end:].lstrip(", ").startswith(self.pronouns)),
                                                not (m.start >= 0 and self.linker.diagnosed(masked, m.start))))
            # else a diagnosis (…拉肚子…医生说是伪膜性肠炎 这个病是怎么得上的)
        if anchor is None or len(named) < 2 or asked[0] == "ingredient":  # 感冒灵里面是不是有扑热息痛那个成分:
            return named  # the first holds the second
        before = sorted((m for m in named if m.end <= anchor), key=lambda m: -m.end)
        retyped = self.classifier.retype.get("drug", {}).get(asked[0], "side_effect") != "side_effect"  # 要做什么检查
        # and 还要吃什么药 ask no drug question (会有什么反应 may: a side effect)
        if retyped or self.classifier.types[asked[0]].group == "decline" and asked[0] != "stop_drug":
            # a judgement about an earlier turn's (a post's story's) drugs and diseases: the disease
            # first (…在吃普萘洛尔。希望获得的帮助：还能活多久)
            before.sort(key=lambda m: m.start < 0 and self.kg.kind(m.candidates[0]) == "drug")
        if len(before) > 1 and self.finding(before[0]) and not self.finding(before[1]) \
                and (before[1].end == before[0].start or asked[0] != "department" and before[1].start >= 0
                     and self.kg.kind(before[1].candidates[0]) == "disease"):  # (糖尿病眼底出血 挂什么科: the eyes')
            before[:2] = before[1::-1]  # 痔疮出血用什么药, 痔疮又犯了 有点出血 用什么药: 痔疮's drugs, not those for any 出血
        ordered = before + [m for m in named if m not in before]
        ordered.sort(key=lambda m: masked[max(m.start - 2, 0):m.start] == "除了")  # 得理多除了癫痫还能治哪些病
        if asked[0] in ASKED_OF_DISEASES:  # 肺结核 痰涂片阳性 | 一般都用哪些药治: 肺结核's, not the check's
            ordered.sort(key=lambda m: self.kg.kind(m.candidates[0]) == "check")
        if asked[0] == "drug" and not any(self.kg.kind(m.candidates[0]) == "drug" and m.start >= 0 for m in named):
            # …他还有高血压糖尿病 有没有什么药能治老年性耳聋: what is to be treated (but 妇科千金片治宫颈炎吗
            # asks what the drug treats)
            ordered.sort(key=lambda m: not (m.start > 0 and masked[:m.start].endswith(("治", "治疗"))))
        if self.classifier.types[asked[0]].group == "decline" and asked[0] not in TAKING_TYPES:
            # a judgement's object: 还值得做白内障手术吗
            ordered.sort(key=lambda m: not 0 <= m.start - ends[anchor] <= 1)  # (but 会引起肺炎吗 names an outcome)
        ordered.sort(key=lambda m: m.start >= 0 and bool(ALSO_HAS.search(masked[:m.start]))
                     and anchor - m.end > 2)  # …就是带状疱疹 他还有糖尿病 我想带他去县医院看看 挂哪个科: 带状疱疹
        ordered = self.earlier.by_stem(ordered, masked)
        if asked[0] == "diet":  # 桥本能吃海带紫菜吗: the food is what is eaten, the disease what is asked about
            ordered.sort(key=lambda m: self.kg.kind(m.candidates[0]) == "herb")
            ordered = [m for m in ordered if not masked[m.end:].startswith("过敏")] or ordered  # 对布洛芬过敏 能吃
            # 小儿柴桂退热颗粒吗: the allergy is told, the other drug asked about (青霉素过敏能吃阿莫西林吗 too)
        return ordered

    def outcome_only(self, asked: List[str], entities: List[Mention], masked: str) -> bool:
        """Whether a complication question names only what may follow (会发展成肝硬化吗), no subject."""
        phrases = [start + len(word) for start, word, name, _ in self.classifier.matches(masked) if name == "complication"]
        return asked[:1] == ["complication"] and bool(entities) and bool(phrases) \
            and all(m.start >= phrases[0] for m in entities)

    @staticmethod
    def would_lead_to(named: List[Mention], text: str) -> bool:
        """Whether a name follows the subject after 会 (阑尾炎会穿孔吗, 乙肝会肝硬化吗): a yes/no
        question about a symptom or complication of the subject."""
        return any(m.start > named[0].end and "会" in text[named[0].end:m.start] for m in named[1:])

    def finding(self, mention: Mention) -> bool:
        """Whether the entity is a finding hundreds of diseases list (出血, 腹痛), see reverse.FINDING_OF."""
        return len(self.kg.symptom_index().get(mention.candidates[0], [])) >= FINDING_OF

    def named(self, entities: List[Mention], symptoms: List[Mention], asked_reverse: bool,
               text: str) -> List[Mention]:
        """Entity mentions that are not just described symptoms: a word patients use for a
        symptom (心慌) is the symptom 心悸, not the entity 心慌气短; a disease the graph also lists
        as a symptom (腹泻, 湿疹) is the disease; several symptoms asked about together
        (肚子胀还老打嗝是什么毛病, or described with no question at all) are symptoms, unless
        the question's own sentence names just one of them (…又红又肿，医生说是痛风。痛风是啥原因引起的)."""
        curated = {m for m in entities if any(overlap(m, s) for s in symptoms)
                   and m.text in self.linker.symptom_aliases and m.text not in self.linker.entity_aliases}
        inside = {m for m in entities for s in symptoms  # 出血 inside 牙龈出血
                  if s.start <= m.start and m.end <= s.end and (s.start, s.end) != (m.start, m.end)}
        named = [m for m in entities if m not in curated and m not in inside]
        def described(m: Mention) -> bool:  # 心慌气短 is 心慌 and 气短; not 医生说我爸是短暂性脑缺血发作
            return within(m, symptoms) and not self.linker.diagnosed(text, m.start)
        def told(m: Mention) -> bool:  # a check the patient had (血常规血红蛋白才85…头晕 乏力): no subject
            return described(m) or self.kg.kind(m.candidates[0]) == "check"
        if asked_reverse and named and all(self.kg.kind(m.candidates[0]) == "check" for m in named) \
                and any(not any(overlap(s, m) for m in named) for s in symptoms):  # (not 血尿 of 血尿酸)
            return []  # …体检尿常规蛋白2+，潜血1+…可能是什么病: the check told what was found, it is no subject
        if asked_reverse and len({m.candidates[0] for m in symptoms}) >= 2 and all(map(told, named)) \
                and any(map(described, named)):
            ends = [i for i, ch in enumerate(text.rstrip("?!。 ")) if ch in "。?!;"]
            last = [m for m in entities + symptoms if m.start > (ends[-1] if ends else -1)]
            start, end = self.classifier.asking_spans(text)[-1]  # 扩张型心肌病是什么原因得的？…心脏扩大
            asking = [m for m in entities + symptoms if start <= m.start < end] if end - start < len(text) else []
            cut = text.rstrip("?!。 ").rfind(",") + 1  # 现在老胃痛,慢性胃炎一般是什么原因引起的: the asking clause
            clause = [m for m in entities + symptoms if m.start >= cut] if cut else []
            why = clause and WHY_HAVE.search(text[cut:clause[0].start])  # 小姑娘为什么会痛经啊: its causes
            clause = clause if why or all(map(self._mostly_a_disease, clause)) else []
            if not any(len({m.text for m in group}) == 1 and group[0] in named
                       for group in (last if ends else [], asking, clause)):
                return []
        return named

    def _mostly_a_disease(self, m: Mention) -> bool:
        """A disease few others list as a symptom (慢性胃炎, not 腹泻 or 便秘, which hundreds list)."""
        name = m.candidates[0]
        return self.kg.kind(name) == "disease" and len(self.kg.symptom_index().get(name, [])) < FEW_LISTING

    def child_form(self, symptoms: List[Mention], text: str, any_symptom: bool, told: str = "") -> Optional[Mention]:
        """One described symptom of a child, as the graph's 小儿 disease of that name if it has one;
        with several, the first that has one when `any_symptom` (孩子发烧咳嗽挂什么科: all go to 儿科,
        while their drugs or treatments would answer one symptom only). `told`: the earlier turns,
        where a symptom told there was told of a child (孩子发烧 咳嗽 | 那该挂什么科)."""
        words = list(dict.fromkeys(m.candidates[0] for m in symptoms))
        if len(words) != 1 and not any_symptom:
            return None
        mention = next((m for m in symptoms if self.searcher.choice.child_forms(m)), symptoms[0])
        earlier = mention.start < 0 and self.searcher.choice.about_a_child(mention, told, anywhere=True)
        if not earlier and not self.searcher.choice.about_a_child(mention, text):
            return None
        child = [c for c in self.searcher.choice.child_forms(mention) if self.kg.kind(c) == "disease"]
        return replace(mention, candidates=tuple(child)) if child else None
