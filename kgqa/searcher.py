"""The answer searcher: from what a question asks about to the graph's answer, as a Plan.

Given the parser's mentions (kgqa/planner.py), it picks the candidate entity and relations whose
facts answer the asked type, narrows items to what the question singles out, looks diseases up
from described symptoms and drugs from their indications (kgqa/symptom_search.py), and declines
specifically when the graph holds nothing that answers.
"""
import re
from typing import List, Optional, Sequence, Tuple

from kgqa import answer
from kgqa.answer import Plan
from kgqa.attacks import in_attack
from kgqa.candidates import CHILD_PREFIXES, PREGNANCY_PREFIXES, CandidateOrder
from kgqa.classifier import Focus, QuestionClassifier
from kgqa.drug_classes import DrugClasses
from kgqa.graph import SIDE_EFFECTS, SYMPTOM_RELATIONS, MedicalKG
from kgqa.linker import Mention, negated, overlap
from kgqa.reverse import (CHILD_NAMES, ON_THE_SKIN, common_first, fit_for_a_child, indicated_drugs, on_the_skin, specific_first,
                          typical_first, typical_harms_first)
from kgqa.symptom_search import SymptomSearch

OFFER_TYPES = ("symptom", "cause", "check", "treatment", "drug", "department", "complication",
               "indication", "side_effect", "usage", "contraindication")
TAKEN_KINDS = ("drug", "herb", "formula")  # what 能吃X吗 asks to take: after a disease's decline, it may answer
CHILD_FORMS = ("儿童", "小儿", "混悬", "滴剂", "颗粒", "口服溶液", "糖浆")  # products a child can take
CHILDREN_ONLY = CHILD_NAMES + ("滴剂", "糖浆")  # products made for children (drops and syrups mostly are)
CHILD_FOCUS = "儿童"  # the name of question_types.json's may_take focus on children
CHILD_DOSE = ("儿童", "小儿", "岁")  # in a product's 用法用量: it says how children take it
CHILD_GUIDANCE = Focus(CHILD_FOCUS, ("儿童禁", "儿童慎", "儿童应", "儿童用", "儿童、", "儿童及", "儿童和", "小儿"))
# what a leaflet says of children, not its boilerplate (儿童必须在成人监护下使用)
TOPICAL_FORMS = ("搽剂", "酊", "溶液", "软膏", "乳膏", "凝胶", "贴", "喷雾", "洗剂", "涂剂", "外用")  # put on the skin
TOPICAL_WORDS = ("擦", "搽", "抹", "涂", "外用")  # 米诺地尔擦头: its solution, not its tablets
MAX_OFFER = 4  # question types offered when declining
SHARED_SYMPTOMS = 5  # indications listing this many of a disease's symptoms treat it (连花清瘟: 感冒)
RELATED_DRUGS = "相关药物"
INDICATIONS = "适应症"
TRANSMISSION = "传播途径"
HEREDITY = ("遗传因素", "遗传方式")  # asked whether a disease runs in families; without these, its risks and
HEREDITARY = ("遗传", "家族", "基因", "染色体", "BRCA", "父母", "双亲")  # causes that say so (乳腺癌: 乳腺癌家族史)
DRUG_RELATIONS = ("药物治疗", RELATED_DRUGS)
WITHOUT_DRUGS = ("除了吃药", "不想吃药", "不吃药的", "不用药的", "除了药物")  # a treatment question that rules drugs out
# types whose items narrow to what else a question names; True: nothing matching is a decline
# (生姜能治脱发吗; 阿莫西林和布洛芬能一起吃吗; 糖尿病会脚麻吗), False: the whole list still answers (流感会引起肺炎吗)
# asked as such (手脚发麻，开了弥可保，是治什么的; 跟别的药会不会相互影响), all its items answer
CHEMICAL_WORDS = ("西药", "纯中药", "激素")  # an ingredient question about the Western drugs a patent medicine hides
PRODUCT_WORDS = ("栓剂", "中成药")  # asked for after a disease: products made for it, not how it is treated
CURES = re.compile("[^,?!。]{0,6}?(?:能|可以|会)治(?:好)?([^,?!。吗么嘛呢不]{2,8})(?:吗|么|嘛|不)")  # after a drug's name
OPEN_WORDS = ("什么", "哪些", "哪种", "别的", "其他")
MENTION_FOCUS = {"indication": True, "complication": False, "symptom": True, "side_effect": False, "ingredient": False,
                 "interaction": True, "contraindication": True}


def _mostly_latin(items: Sequence[str]) -> bool:
    """Whether most items are Latin names (research drugs), which a patient cannot use."""
    return sum(item[:1].isascii() and item[:1].isalpha() for item in items) * 2 > len(items)


def _names(item: str, word: str) -> bool:
    """Whether an item names the word, not its absence (无震颤 does not name 震颤)."""
    at = item.find(word)
    return at >= 0 and not negated(item, at)


class AnswerSearcher:
    def __init__(self, kg: MedicalKG, classifier: QuestionClassifier, max_items: int = 5, max_chars: int = 150):
        self.kg, self.classifier = kg, classifier
        self.max_items, self.max_chars = max_items, max_chars
        self.choice = CandidateOrder(kg, lambda text: classifier.pregnant(text, nursing=False))  # which of a
        # mention's entities the question means
        self.drug_classes = DrugClasses(classifier)
        self.symptoms = SymptomSearch(kg, classifier, max_items, max_chars)  # answers from described symptoms

    # ---- answer searcher ----
    def entity_plan(self, asked: List[str], mentions: List[Mention], text: str, context: List[Mention],
                    taking: Sequence[Mention] = ()) -> Plan:
        """The strongest asked type decides the subject: the first mention it applies to with
        facts (哮喘…信必可都保有副作用吗 asks about the drug). After a decline only a drug may
        still answer (青霉素过敏能吃阿莫西林吗, but not 甲亢能吃海带吗). `taking`: drugs earlier
        turns say the patient takes."""
        first = None
        named_drug = any(m.start >= 0 and self.kg.kind(m.candidates[0]) in TAKEN_KINDS for m in mentions)
        for name in asked or [None]:
            for mention in mentions:
                others = [m for m in mentions + context  # what this question names (earlier turns' sit before 0),
                          if m is not mention and not overlap(m, mention) and m.start >= 0] \
                    + [m for m in taking if mention.start >= 0 or not named_drug]  # a drug taken before is asked
                # with the one this question names, not with another taken before (…华法林…代文 | 牙科开了甲硝唑片
                # 这俩药: not 代文 with 华法林)
                others = [m for m in others  # but not under another name: 安博维（厄贝沙坦片）
                          if not set(m.candidates) & set(mention.candidates)]
                plan = self._mention_plan([name] if name else [], mention, others, text)
                if plan is None:  # this type never applies to this kind of entity
                    continue
                if plan.kind != "decline" and (first is None or (self.kg.kind(plan.source["entity"]) in TAKEN_KINDS
                                                                 and plan.source["mention"] != first.source["mention"]
                                                                 and (mention.start >= 0 or name == "interaction")
                                                                 and self._asked_of_drugs(name, text))):
                    return plan  # after a decline, a drug this question names (not one an earlier turn or
                    # a post's story names: …在吃恩替卡韦和普萘洛尔。希望获得的帮助：还能活多久)
                if first is None or (name == "diet" and self.kg.kind(plan.source["entity"]) == "drug"):
                    first = plan  # 高血压能吃布洛芬吗: what is not known about the drug, not 高血压's diet
            if first is not None and name and (self.classifier.types[name].group == "decline" or name == "interaction"):
                break  # a stop-the-drug, diet or interaction question is answered by its decline, not by other
                # facts (硝苯地平…哈乐…这几个药能一起吃吗: not what 哈乐 treats)
        if first is None:
            return self.decline(mentions[0].candidates[0], asked[0] if asked else None, mentions[0])
        return first

    def _asked_of_drugs(self, name: Optional[str], text: str) -> bool:
        """Whether a type asks about a drug as it is (副作用, 能吃吗, 吃完拉肚子正常吗), not only after
        retyping a disease's question (前列腺增生…吃保列治和哈乐…会引起哪些并发症 asks no side effects of
        哈乐; …吃着华法林 这么大岁数还值得做白内障手术吗 none of 华法林)."""
        return name in (None, "diet", "interaction") or self.classifier.for_kind(name, "drug") == name \
            or name == "personal" and self.classifier.asks_if_normal(text)

    def _may_take_focus(self, entity: str, text: str) -> Optional[Focus]:
        """What a may-I-take-it question singles out (肾功能不好: its contraindications about 肾); a child,
        unless the product is made for children (吗丁啉孩子能吃吗, 仙特明小孩能吃吗: what the graph says of
        children, not what it treats; 布洛芬 and 美林 have syrups and drops for children, whose indications answer)."""
        focus = self.classifier.focus("may_take", text)
        return None if focus and focus.name == CHILD_FOCUS and any(w in entity for w in CHILDREN_ONLY) else focus

    def _adults_product_for_a_child(self, entity: str, mention: Mention, text: str) -> bool:
        """Whether a child is to take a product not made for children, nor put on the skin."""
        return self.choice.about_a_child(mention, text, anywhere=True) and self.classifier.focus("may_take", text) is not None \
            and not any(w in entity for w in CHILDREN_ONLY) and not entity.endswith(ON_THE_SKIN) \
            and not any(w in i for i in self.kg.items(entity, "用法用量") for w in CHILD_DOSE)  # (小儿一次0.5片)

    def _food_caution(self, entity: str, kind: str, text: str, mention: Mention) -> Optional[Focus]:
        """The foods the question names, if the drug's cautions name them."""
        focus = self.classifier.food_focus(text) if kind == "drug" else None
        return focus if focus and self._facts(entity, self.relations("precaution", kind), focus, mention) else None

    def _type_for(self, asked: List[str], kind: str) -> Optional[str]:
        """The first asked type that applies to this kind of entity; the kind's default when
        nothing was asked; None when what was asked never applies to it."""
        for name in asked:
            qtype = self.classifier.for_kind(name, kind)
            if self.classifier.applies(qtype, kind):
                return qtype
        return None if asked else self.classifier.for_kind(None, kind)

    def _mention_plan(self, asked: List[str], mention: Mention, others: List[Mention], text: str) -> Optional[Plan]:
        """The candidate whose facts answer best: the entity of the exact name if it has any,
        else the one with the earliest of the type's relations (布洛芬: a product with 禁忌 before
        one with only 注意事项). Items are narrowed to what the question singles out (孕妇), or to
        what else it names (流感会引起肺炎吗: complications naming 肺炎; 生姜能治脱发吗: nothing
        says so, a decline)."""
        best, first_decline = None, None
        child = self.choice.about_a_child(mention, text, anywhere=mention.start < 0 and asked == ["diet"])  # 阿莫西林
        # 有什么副作用 | 孩子能吃吗: a child's product (but …开了参松养心胶囊 | 说明书让我家娃撕了 一次吃几粒: not)
        for order, entity in enumerate(self.choice.order(mention, text)):
            kind = self.kg.kind(entity)
            qtype = self._type_for(asked, kind)
            if qtype is None:
                continue
            if asked[:1] == ["personal"] and kind == "drug" and not self.classifier.asks_if_normal(text):
                return self.decline(entity, "personal", mention)  # 泰尔丝和达芙文 选哪个: a decision, not its side effects
            focus = self.classifier.focus(qtype, text) \
                or (self._may_take_focus(entity, text) if asked == ["diet"] and qtype == "indication" else None)
            if focus and qtype in self.classifier.focus_retype:
                qtype = self.classifier.focus_retype[qtype]
            elif qtype == "usage" and not focus and kind == "drug" and self._adults_product_for_a_child(entity, mention, text):
                if not self._facts(entity, self.relations("contraindication", kind), CHILD_GUIDANCE, mention):
                    first_decline = first_decline or (entity, qtype, CHILD_GUIDANCE)
                    continue  # never the adult dose; another product of the name may say (艾洛松: the cream)
                qtype, focus = "contraindication", CHILD_GUIDANCE  # 感冒灵颗粒怎么喝 | 小孩呢: what it says of
                # children (儿童应在医师指导下服用)
            may_take = asked == ["diet"] and qtype == "indication" and not focus
            eaten = self._food_caution(entity, kind, text, mention) if may_take or qtype == "interaction" else None
            if eaten:  # 吃硫酸亚铁片能喝浓茶吗: its caution 不应与浓茶同服
                qtype, focus = "precaution", eaten
            elif may_take and kind == "drug" and self.classifier.names_food(text):
                # 在吃华法林，绿叶菜能不能吃: a food with the drug, a diet question, not what the drug treats
                return self.decline(entity, "diet", mention)
            taken = [m for m in others if self.kg.kind(m.candidates[0]) == "drug"] if may_take else []
            told_now = [m for m in others if m.start >= 0]  # 降压药能和阿司匹林一起吃吗 after 美林: the class
            partnerless = qtype == "interaction" \
                and not any(self.kg.kind(m.candidates[0]) in TAKEN_KINDS for m in told_now)
            taken_class = self.drug_classes.taken(text, partnerless) \
                if (may_take or partnerless) and kind == "drug" and not taken else None
            untreated = self.untreated(entity, others) if may_take else []
            if taken:  # 一直在吃华法林，能不能吃点连花清瘟: how the two interact, not what it treats
                qtype, others = "interaction", taken
            elif taken_class:  # 在吃降压药，能吃布洛芬吗; 降压药跟布洛芬一起吃有没有影响: its interactions
                qtype = "interaction"  # naming the class, not what it treats or all it interacts with
            elif untreated:  # 我有胃溃疡，能吃洛索洛芬吗: its 禁忌 about 胃溃疡, not that it treats 牙痛
                qtype, others = "contraindication", untreated
            elif (may_take or qtype == "usage" and not self.choice.about_a_child(mention, text, anywhere=True)) \
                    and self.classifier.states_condition(text):
                return self.decline(entity, "take_drug", mention)  # 胃不太好，牙疼能吃布洛芬吗; 我80公斤 一次吃几片
            if qtype == "interaction" and not others and self.classifier.names_food(text):
                return self.decline(entity, "diet", mention)  # 布洛芬能和牛奶一起吃吗: no drug to interact with
            if qtype == "interaction" and not others and self.classifier.names_meal(text):
                continue  # 优甲乐能不能跟早饭一起吃，每次几片: when and how much, not what it interacts with
            if self.classifier.types[qtype].group == "decline":
                return self.decline(entity, qtype, mention)
            asks_drugs = qtype == "drug" and kind == "disease" and self._asks_for_products(mention, text)
            if asks_drugs or (asked[:1] == ["drug"] and kind == "drug"):  # 晕车吃什么药: 晕动病 is also a product
                plan = self._indicated_drugs(mention, text)
                if plan:
                    return plan
            relations = self.classifier.preferred(qtype, text, self.relations(qtype, kind))
            if qtype == "treatment" and any(w in text for w in WITHOUT_DRUGS):  # 除了吃药还有啥别的治疗办法:
                relations = [r for r in relations if r not in DRUG_RELATIONS]  # not its drugs
            facts = self._facts(entity, relations, focus, mention, text)
            if qtype == "usage" and focus:  # 饭前还是饭后: what its usage, else its cautions, say of meals (本品宜
                relations = [*relations, "注意事项"]  # 餐后服用), else its usage as it is
                facts = self._facts(entity, relations, focus, mention, text) \
                    or self._facts(entity, relations[:1], None, mention, text)
            if qtype == "ingredient" and any(w in text for w in CHEMICAL_WORDS):  # 消渴丸是不是纯中药: 格列本脲
                facts = [(rel, self.kg.chemical_first(items)) for rel, items in facts]
            if not facts and focus and qtype == "side_effect" and any(w in text for w in OPEN_WORDS):
                facts, focus = self._facts(entity, relations, None, mention), None  # 有哪些副作用？听说伤肾: all of them
            if qtype == "drug" and kind == "disease":  # a lone item (抗生素; 布地奈德联用硫唑嘌呤治疗) names no drug
                facts = in_attack(entity, text, facts)  # 痛风犯了吃什么药: not 别嘌醇
                facts.sort(key=lambda fact: len(fact[1]) < 2)  # to take: a list does, else the products made for it
                if order == 0 and facts and len(facts[0][1]) < 2 and (plan := self._indicated_drugs(mention, text)):
                    return plan
            drugs = [m for m in (told_now if taken_class else others) if self.kg.kind(m.candidates[0]) in TAKEN_KINDS]
            if qtype == "interaction" and (drugs or taken_class):  # the drugs or class it is taken with,
                named = self.drug_classes.partner_focus(drugs, True) if drugs else taken_class  # not 腰痛
            else:  # a described symptom is no partner (胃不舒服想买盒达喜 这俩能一块儿吃吗, after 一直在吃铁剂)
                partners = [m for m in others if qtype != "interaction" or m.candidates[0] in self.kg]
                named = self.drug_classes.partner_focus(partners, qtype == "interaction") if partners else None
                if named and qtype == "indication":  # 感冒了能吃连花清瘟吗: its indications that are 感冒's symptoms
                    named = Focus(named.name, named.item_words + tuple(self._shared_symptoms(entity, partners)))
                cure = CURES.match(text[max(mention.end, 0):]) if qtype == "indication" and not named else None
                if cure and not any(w in cure.group(1) for w in OPEN_WORDS + ("啥", "哪")):  # 双黄连能治新冠吗:
                    named = Focus(cure.group(1), (cure.group(1),))  # a name the graph lacks, not all it treats
            what_is_it = asked == ["symptom_to_disease"] and "原因" not in text and focus is None
            listed = self._narrow(self._facts(entity, self.relations("symptom", kind), None, mention), named) \
                if named and kind == "disease" and (what_is_it or qtype == "complication") else []  # described
            if listed and what_is_it:  # symptoms it lists
                # 血压高头晕怎么回事: 头晕 is one of its symptoms (but 痛经是什么原因: its causes)
                qtype, relations, facts, focus = "symptom", self.relations("symptom", kind), listed, named
            if focus is None and named and qtype in MENTION_FOCUS:
                narrowed = self._narrow(facts, named)
                open_question = asked[:1] == [qtype] and any(w in text for w in OPEN_WORDS)
                if not narrowed and qtype == "complication" and listed and not open_question:
                    qtype, relations, narrowed = "symptom", self.relations("symptom", kind), listed  # 颈椎病会引起头晕吗
                elif not narrowed and qtype == "symptom" and kind == "disease" and not open_question:
                    relations = self.relations("complication", kind)  # 阑尾炎会穿孔吗: 急性阑尾炎's 并发症
                    narrowed = self._narrow(self._facts(entity, relations, None, mention), named)
                    qtype = "complication" if narrowed else qtype
                if narrowed or (MENTION_FOCUS[qtype] and not open_question):
                    facts, focus = narrowed, named
            if not facts:
                first_decline = first_decline or (entity, qtype, focus)
                continue
            # a disease's candidates come best first (帕金森病 before 帕金森症); a drug's products are
            # equals, so the one with the most fitting relation wins (禁忌 before 注意事项)
            exact = entity.lower() in (mention.text, *(p + mention.text for p in CHILD_PREFIXES + PREGNANCY_PREFIXES))
            # 孩子腹泻: 小儿腹泻 as much as 腹泻 (婴儿湿疹; 怀孕后长痔疮: 孕期痔疮)
            # for a child, a product a child can take (孩子能吃布洛芬吗: 布洛芬糖浆 before 布洛芬片)
            for_adults = kind == "drug" and child and not any(w in entity for w in CHILD_FORMS)
            if for_adults and qtype == "usage":  # a child's dose is never read off an adult's product
                first_decline = first_decline or (entity, qtype, focus)  # (孩子38度5 布洛芬混悬液喂几毫升:
                continue  # not 布洛芬缓释片's 一次1片)
            other_route = kind == "drug" and any(w in text for w in TOPICAL_WORDS) \
                and not any(w in entity for w in TOPICAL_FORMS)
            rank = (not exact, 0 if kind == "drug" else order, for_adults, other_route, relations.index(facts[0][0]))
            if best is None or rank < best[0]:
                best = (rank, entity, qtype, facts)
        if best is None:
            if first_decline is None:
                return None
            entity, qtype, focus = first_decline
            if qtype == "drug" and self.kg.kind(entity) == "disease":  # no candidate lists drugs
                return self._indicated_drugs(mention, text) or self.decline(entity, qtype, mention, focus)
            return self.decline(entity, qtype, mention, focus)
        _, entity, qtype, facts = best
        facts = [(rel, items[:self.max_items]) for rel, items in facts[:self.classifier.max_relations]]
        source = {"entity": entity, "relations": [r for r, _ in facts], "type": qtype,
                  "direction": "forward", "mention": mention.text}
        return Plan("answer", answer.fact_segment(entity, facts, self.max_chars), source)

    def untreated(self, drug: str, others: List[Mention]) -> List[Mention]:
        """The diseases a question names that the drug's indications do not: the patient has them.
        Indications that list many of a disease's symptoms treat it (连花清瘟: 发热；咳嗽… for 感冒)."""
        indications = "；".join(self.kg.items(drug, "适应症"))
        return [m for m in others if self.kg.kind(m.candidates[0]) == "disease"
                and not any(w in indications for w in (m.text,) + tuple(m.candidates))
                and not self._shared_symptoms(drug, [m])]

    def _shared_symptoms(self, drug: str, diseases: List[Mention]) -> List[str]:
        """A drug's indications that are a named disease's symptoms, when it lists many: a few are
        chance (布洛芬 treats 发热 and 疼痛, which 乙肝 lists too)."""
        listed = self.kg.items(drug, "适应症")
        shared = [s for m in diseases for s in self.kg.items(m.candidates[0], "常见症状") if s in listed]
        return list(dict.fromkeys(shared)) if len(set(shared)) >= SHARED_SYMPTOMS else []

    def _facts(self, entity: str, relations: Sequence[str], focus: Optional[Focus],
               mention: Mention, text: str = "") -> List[Tuple[str, List[str]]]:
        """(relation, items) that answer, narrowed to the focus (孕妇) if any."""
        facts = self.kg.first_with_facts(entity, relations)
        facts = [(rel, self._related_drugs(entity, items, mention, text) if rel == RELATED_DRUGS
                  else typical_first(self.kg, entity, items) if rel in SYMPTOM_RELATIONS
                  else common_first(self.kg, items) if rel == INDICATIONS
                  else typical_harms_first(self.kg, entity, items) if rel == SIDE_EFFECTS
                  else [i for i in items if any(w in i for w in HEREDITARY)] if HEREDITY[0] in relations and rel not in HEREDITY
                  else items)
                 for rel, items in facts]  # the graph lists related drugs and symptoms alphabetically
        facts = [(rel, items) for rel, items in facts if items]
        if any(rel in HEREDITY for rel, _ in facts):  # its own heredity facts (哮喘: ADAM33), not its risks
            facts = [(rel, items) for rel, items in facts if rel in HEREDITY]
        elif HEREDITY[0] in relations and (spread := self.kg.items(entity, TRANSMISSION)):  # 乙肝会遗传给孩子吗:
            facts = [(TRANSMISSION, spread)]  # how it spreads (母婴传播), not 家族史
        facts.sort(key=lambda fact: not fact[0].endswith("检查")  # tests go by abbreviations (CRP, ESR)
                   and _mostly_latin(fact[1][:self.max_items]))  # 痛风: Arhalofenate, BCX4208…
        return self._narrow(facts, focus) if focus else facts

    def _related_drugs(self, entity: str, items: List[str], mention: Mention, text: str) -> List[str]:
        """A disease's products, best first; for a child, none unless some are made for children
        (宝宝湿疹用什么药: not 湿疹's 当归苦参丸), or the disease is a child's (小儿腹泻)."""
        drugs = on_the_skin(specific_first(self.kg, items, [entity, mention.text], text), text)
        return drugs if any(w in entity for w in CHILD_NAMES + ("婴", "新生儿")) else fit_for_a_child(drugs, text)

    @staticmethod
    def _narrow(facts: List[Tuple[str, List[str]]], focus: Focus) -> List[Tuple[str, List[str]]]:
        facts = [(rel, [i for i in items if any(_names(i.lower(), w) for w in focus.item_words)]) for rel, items in facts]
        return [(rel, items) for rel, items in facts if items]

    def _asks_for_products(self, mention: Mention, text: str) -> bool:
        """Whether a drug question asks which drugs are made for the disease (哪些药能治感冒, 治脚气的药膏,
        晕车药有哪些) rather than how it is treated with drugs (高血压吃什么药)."""
        drug_words = [start for start, _, name, _ in self.classifier.matches(text) if name == "drug"]
        return (text[mention.start - 1:mention.start] == "治" or text[mention.end:mention.end + 1] == "药"
                or any(start < mention.start for start in drug_words)
                or any(w in text[mention.end:] for w in PRODUCT_WORDS))  # 痔疮有什么好用的栓剂

    def _indicated_drugs(self, mention: Mention, text: str) -> Optional[Plan]:
        """Drugs whose 适应症 name the disease as the patient wrote it or as the graph names it."""
        terms = list(dict.fromkeys([mention.text] + list(mention.candidates)))
        return self.symptoms.listed(indicated_drugs(self.kg, terms, text), mention.text, answer.marker("indicated_drugs"),
                                    "适应症", "drug")

    def relations(self, qtype: Optional[str], kind: str) -> Sequence[str]:
        return self.classifier.types[qtype].relations.get(kind, ()) if qtype in self.classifier.types else ()

    def _offer_label(self, qtype: str, kind: str) -> str:
        """What a decline offers to answer instead: a check's relations by name (尿常规检查的相关疾病,
        not its 症状 or 功效和适应症, the labels the question types have for diseases and drugs)."""
        return "、".join(self.relations(qtype, kind)) if kind == "check" else self.classifier.types[qtype].label

    def decline(self, entity: str, qtype: Optional[str], mention: Mention, focus: Optional[Focus] = None) -> Plan:
        """`I don't know <what> about <entity>`, the department, and what the graph does know."""
        kind = self.kg.kind(entity)
        what = self.classifier.types[qtype].label if qtype in self.classifier.types else self.classifier.unclear_label
        what = f"{focus.name}{what}" if focus else what
        offer = list(dict.fromkeys(self._offer_label(t, kind) for t in OFFER_TYPES
                                   if t != qtype and self.kg.first_with_facts(entity, self.relations(t, kind))))[:MAX_OFFER]
        generic = kind == "drug" and len(mention.candidates) > 1 and mention.text not in self.kg \
            and not any(ch.isascii() for ch in mention.text)  # 阿司匹林, as asked: none of its products knows
        segment = answer.decline_segment((mention.meant or mention.text) if generic else entity, what, self.kg.department(entity), offer)
        return Plan("decline", segment, {"entity": entity, "relations": [], "type": qtype, "mention": mention.text})
