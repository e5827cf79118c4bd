"""Question understanding: classifier -> parser -> answer searcher (QASystemOnMedicalKG's split).

`AnswerPlanner.plan(question, earlier_questions)` decides what a turn is about (entity or
described symptoms, question type; kgqa/subjects.py, kgqa/parser.py), looks the answer up in the
graph (kgqa/searcher.py), and returns a `Plan` (kgqa/answer.py):
the knowledge segment the model reads, the reply it stands for, and the source (entity,
relations) shown beside the answer. Training builds its corpus through the same planner, so
the model reads at chat time exactly what it read in training.
"""
import re
from dataclasses import replace
from typing import List, Optional, Sequence

from kgqa import answer
from kgqa.answer import Plan
from kgqa.attacks import ATTACK, attacked, not_for_an_attack
from kgqa.classifier import Focus, QuestionClassifier
from kgqa.follow_ups import FollowUps
from kgqa.context import DRUG_WORD, EarlierTurns, conversation, mask
from kgqa.graph import MedicalKG
from kgqa.linker import EntityLinker, Mention, negated, overlap
from kgqa.parser import WHY_HAVE, QuestionParser
from kgqa.searcher import CHILD_FORMS, AnswerSearcher
from kgqa.text import normalise
from kgqa.subjects import SubjectFinder, Turn
from kgqa.unknown import UnknownNames, Urgency

ASKS_WHAT_IT_TREATS = re.compile(r",?(这个?|它)?(到底)?(是不是|不是|是)(治|退烧|退热|止疼|止痛|消炎|止咳|止泻|降压|降糖)")  # right
# after a drug's name (美林到底是退烧的还是止疼的)
AFTER = "后"  # 脑梗以后喝水老是呛: a symptom that followed the disease
RESOLVED = "好了"  # 拉肚子是好了: a symptom told as gone is not asked about
OF_PREGNANCY = ("孕", "妊娠", "流产", "产后")  # a disease of pregnancy's drugs are for pregnant patients (先兆流产)
BABY_WORDS = ("孩子", "宝宝", "胎儿", "婴儿")  # passing a disease to the baby is a question for the doctor
DRANK = re.compile("喝了?.{0,4}酒|白酒|啤酒|红酒|喝多了")  # alcohol told before a may-I-take-it question
EITHER = re.compile("了?还是")  # right after a disease the patient names: one of two (是感冒还是鼻炎, 感冒了还是别的)
OTHER_THAN = re.compile("还(可能|会|有可能)是(什么|哪)|是别的(什么)?病|是其他(什么)?病|(别的|其他|其它)可能")  # what else it may be
# (but 会不会引起别的病 asks for complications)
WHICH = re.compile(r"(?<!是)(什么|哪些|哪种|哪样)$")  # right before a class of drugs: which of them (not
# 信立坦是什么降压药: what a drug is)
MAY_TAKE = re.compile("(能|可以|可不可以|能不能)(吃|用|服)")  # between a drug and a class of drugs: may I take it too
WHAT_IS_THIS = re.compile("(这|那|我这|这个|这种)?(是|算)?(个)?(啥|什么|怎么回事|咋回事|什么情况|啥情况|啥毛病|什么毛病|什么原因|啥原因)(啊|呀|呢)?")
# a last clause asking what the complaint told before it is (…喝凉水热水都钻心疼，这是啥)
AFTER_TAKING = re.compile("(打|吃|用|喝|服)(完|了以后|了之后|药后)")  # 打完一般会有什么反应: what the drug does
TAKEN_BEFORE = re.compile("(吃|用|服|打)(了|完|用)$")  # right before a drug (吃了二甲双胍) or right after it
TAKEN_AFTER = re.compile("(吃|用|服|打)(了|完)")  # (二甲双胍吃了): the patient took it
PERSON_SWAP = re.compile("(那|那么|换成|换做|如果是|要是)?(孩子|小孩|宝宝|婴儿|老人|孕妇|大人|我老公|我老婆|老公|老婆|我妈|我爸)"
                         "(的话)?(呢|咧)?[?]?")  # the last question asked again for another person
ANOTHER = re.compile("(那|那么|还有|换成)?□+(的话)?(呢|咧|嘞)?[?]?")  # another name alone, after a question
WHY_LAST = re.compile("为什么[呢啊呀]?[?]?$")  # a bare why that ends the message asks about what it follows
SYMPTOM_TYPES = ("treatment", "department", "drug", "check", "symptom", "description", "cause")  # cause: 耳鸣原因


FOLLOW_UP_TYPES = ("contagious", "transmission", "drug", "treatment", "prevention")  # naming nothing after
# a symptom list: about those symptoms


class AnswerPlanner:
    def __init__(self, kg: MedicalKG, max_items: int = 5, max_chars: int = 150):
        self.kg = kg
        self.linker = EntityLinker(kg)
        self.classifier = QuestionClassifier()
        self.searcher = AnswerSearcher(kg, self.classifier, max_items, max_chars)
        self.earlier = EarlierTurns(kg, self.linker, self.classifier, self.searcher.choice.order)
        self.pronouns = self.earlier.pronouns
        self.parser = QuestionParser(kg, self.linker, self.classifier, self.earlier, self.searcher)
        self.urgency = Urgency(self.linker, self.classifier)
        self.unknown = UnknownNames(kg, self.linker, self.classifier, self.earlier)
        self.subjects = SubjectFinder(kg, self.classifier, self.earlier, self.parser, self.searcher, self.unknown)
        self.follow_ups = FollowUps(self.linker, self.earlier, self.searcher.symptoms, self.plan)
        self.relations = self.searcher.relations  # what answers a type for a kind of entity (build_corpus)

    def plan(self, question: str, earlier_questions: Sequence[str] = ()) -> Plan:
        text = normalise(question)
        entities = self.parser.inside_unknown_names(self.parser.without_reporters(self.linker.entities(text), text), text)
        entities = [m for m in entities if not (negated(text, m.start) and self.kg.kind(m.candidates[0]) == "disease")]
        # 我没有糖尿病 …老觉得饿 饿的时候心慌手抖: not about 糖尿病
        entities = [self._named_before(m, entities) for m in entities]
        drug_class = self.classifier.drug_class(text)
        if drug_class and drug_class[1]:  # 抗抑郁药 names a class (taken for 抑郁症), not 抑郁症; 感冒药's 感冒
            # stays the condition it is taken for (吃了感冒药要注意什么)
            inside = [(f.start(), f.end()) for f in re.finditer(re.escape(drug_class[0]), text)]
            entities = [m for m in entities if not any(s <= m.start and m.end <= e for s, e in inside)]
        symptoms = self.linker.symptoms(text)
        specified = self.earlier.specified(entities + symptoms, text, earlier_questions)
        if specified != entities + symptoms:  # 紧张型头痛 | 这种头痛: the earlier, specific name
            entities, symptoms = [m for m in specified if m.start < 0 or m in entities], []
        masked = mask(text, entities)
        described = [m for m in symptoms if len(m.text) >= 3 and m.text in self.linker.symptom_aliases]
        unpointed = self._unpointed(mask(masked, described, "○"))  # 像豆腐渣 is no diet question
        types = self.classifier.classify(unpointed)  # 肠内营养乳剂 is not a diet question
        if self._side_effect_phrase(masked) and not self._side_effect_phrase(unpointed):
            types = ["side_effect"] + [t for t in types if t != "side_effect"]  # 会不会是这个药引起的
        if types[:1] == ["personal"] and any(self.kg.kind(m.candidates[0]) == "drug" for m in entities) \
                and any(name == "stop_drug" and "停" in word for _, word, name, _ in self.classifier.matches(masked)):
            types = ["stop_drug"] + types  # 自己把替诺福韦停了半个月了 有没有事: stopping it, not its side effects
        asked = self.classifier.answer_types(types) or (["cause"] if WHY_LAST.search(text) else [])  # 头发掉得厉害 为啥
        if not asked and entities and earlier_questions and ANOTHER.fullmatch(masked):  # 甲亢要查什么 | 那甲减呢:
            last = normalise(earlier_questions[-1])  # what was asked of the last one, not 甲减's symptoms
            named_last = self.linker.entities(last)
            asked = self.classifier.answer_types(self.classifier.classify(mask(last, named_last)))
            before = [m for m in named_last if self.kg.kind(m.candidates[0]) == "drug"]
            if asked[:1] == ["diet"] and len(before) == 1 and self.kg.kind(entities[0].candidates[0]) == "drug":
                swapped = last[:before[0].start] + entities[0].text + last[before[0].end:]  # 宝宝一岁 能吃美林吗 |
                return self.plan(swapped, earlier_questions[:-1])  # 那吗丁啉呢: may the baby take 吗丁啉
        if asked[:1] == ["symptom"] and not entities and symptoms and AFTER_TAKING.search(text):
            asked = ["side_effect"] + asked[1:]  # 打水痘疫苗 | 打完一般会有什么反应 会发烧吗: the vaccine's, not 发热's
        asked_about = [m for m in entities if self.kg.kind(m.candidates[0]) == "disease"] \
            if asked else []  # 高热惊厥一般多大的孩子容易发生: a name, not a fit
        if self.urgency.urgent(text, masked, types, asked_about, earlier_questions):
            crisis = self.classifier.self_harm.search(conversation(earlier_questions, text))
            return Plan("emergency", answer.emergency_segment(bool(crisis)), {"type": "emergency"})
        if types[:1] in (["thanks"], ["goodbye"]) and not self.classifier.asks(text):  # 谢谢医生 孩子已经退烧了
            return Plan("chat", answer.chat_segment(types[0]), {"type": types[0]})
        form = self.classifier.form_parts(text)
        if form:  # 病情描述：…在吃普萘洛尔。希望获得的帮助：还能活多久: the story is an earlier turn
            return self.plan(form[1], [*earlier_questions, form[0]])
        swap = PERSON_SWAP.fullmatch(text) if earlier_questions and not entities and not symptoms else None
        if swap and (swap.group(1) or swap.group(4)) and self.classifier.asks(normalise(earlier_questions[-1])):
            # 板蓝根能喝吗 | 换成孩子呢: the last question, asked for them
            return self.plan(swap.group(2) + "," + earlier_questions[-1], earlier_questions[:-1])
        if drug_class and "drug" in asked and WHICH.search(text[:text.find(drug_class[0])]):
            asked = ["drug"] + [a for a in asked if a != "drug"]  # 尿路感染吃什么消炎药好: which drugs
        elif "drug" in asked[1:] and drug_class:  # 吃了感冒药要注意什么: the 药 of a class
            asked = [a for a in asked if a != "drug"]  # of drugs asks for no drugs
        if (asked[:1] == ["description"] or not types and all(map(self.parser.finding, entities))) \
                and len({m.candidates[0] for m in symptoms}) >= 3:
            asked = ["symptom_to_disease"] + asked[1:]  # 红斑 发烧 关节疼 嘴里长溃疡 这是什么病: not 口腔溃疡
            # itself; 拉肚子拉出脓血来…还发烧 (nothing asked): not 腹泻's symptoms
        elif asked[:1] == ["description"] and self._felt_and_asked_what(entities, symptoms, text):
            asked = ["cause"] + asked[1:]  # 牙疼得厉害…喝凉水热水都钻心疼，这是啥: why, not 牙痛's symptoms
        if asked[:1] == ["symptom_to_disease"] and "cause" in asked and self.earlier.pointed_kind(text) == "disease":
            asked = ["cause"] + [a for a in asked if a != "cause"]  # 这个病一般是什么原因引起的: its causes
        turn = Turn(text, masked, types, asked, earlier_questions)
        early = self.subjects.early_plan(turn, entities, symptoms)
        if early:
            return early
        if asked[:1] == ["department"] and not entities and not symptoms:
            listed = self.follow_ups.listed_before(earlier_questions)
            if listed:  # 我妈有高血压 手一直哆嗦 这是什么毛病 | 挂什么科: where the listed diseases are seen,
                return self.searcher.symptoms.plan("department", listed, conversation(earlier_questions, text),
                                                   self.earlier.had(earlier_questions))  # not 高血压's department
        recent = conversation(earlier_questions[-2:], text)  # 我有痛风 | 又犯了 脚踝肿 (| 吃什么药): what relieves
        if asked[:1] in (["drug"], ["treatment"]) and not entities and ATTACK.search(recent):  # its attack, not
            attack = attacked(self.earlier.had([*earlier_questions, text]))  # 水肿's diuretics
            if attack:
                return self.searcher.entity_plan(asked, [Mention(attack, -1, (attack,))], recent, [])
        if asked[:1] and asked[0] in FOLLOW_UP_TYPES and not entities and not symptoms \
                and self.follow_ups.named_further_back(earlier_questions):  # those symptoms, not a disease told turns
            listed = self.follow_ups.on_listed_symptoms(asked, text, earlier_questions)  # before (我妈血压高… |
            if listed:  # 嗓子疼 发烧 这是什么病 | 会传染吗)
                return listed
        subjects = self.subjects.find(turn, entities, symptoms)
        if isinstance(subjects, Plan):
            return subjects
        entities, symptoms, context = subjects
        if symptoms and not entities and asked[:1] in ([], ["symptom_to_disease"]):
            symptoms = self.earlier.symptoms(earlier_questions) + symptoms  # 尿频尿急 | 尿的时候还疼，咋回事
        named = self.parser.named(entities, symptoms, bool(asked) and asked[0] == "symptom_to_disease", text)
        described = [m for m in symptoms if not any(overlap(m, n) for n in named)]
        if not described and OTHER_THAN.search(text) and earlier_questions:  # 没劲…同事说我像贫血 | 还有别的可能吗
            told = normalise(earlier_questions[-1])
            described = [m for m in self.linker.symptoms(told) if not any(overlap(m, e) for e in self.linker.entities(told))]
            named = named or [m for m in self.linker.entities(told) if self.kg.kind(m.candidates[0]) == "disease"]
        if named and described and OTHER_THAN.search(text):  # 真的只是痔疮吗 还可能是什么: besides the named
            return self.searcher.symptoms.plan("symptom_to_disease", described, conversation(earlier_questions, text),
                                               ruled_out=[m.candidates[0] for m in named])
        if named and described and asked[:1] in ([], ["symptom_to_disease"], ["description"]) \
                and any(EITHER.match(text[m.end:]) for m in named):  # 是感冒还是鼻炎: which of
            return self.searcher.symptoms.plan("symptom_to_disease", self.earlier.symptoms(earlier_questions) + described,
                                               conversation(earlier_questions, text))  # them (or others) it lists
        lesion = next(filter(None, (self.parser.organ_lesion(m, text) for m in symptoms)), None)
        if lesion and asked and self.classifier.types[asked[0]].group == "answer" \
                and (not named or self.parser.outcome_only(asked, named, masked)):  # 乳腺结节会不会变成乳腺癌
            qtype = "cause" if asked[0] == "symptom_to_disease" else asked[0]  # 肺结节是什么原因: not 结节's diseases
            what = self.classifier.types[qtype].label
            return Plan("decline", answer.decline_segment(lesion, what, None, ()), {"type": qtype})
        if symptoms and not named and not asked and all(m.start < 0 for m in symptoms):
            return Plan("not_found", "", {})  # 头有点晕 要紧吗 | 手机辐射会不会致癌啊: it names and asks nothing
            # the earlier turn's symptoms answer (their diseases would be listed as if asked)
        if symptoms and not named and (not asked or asked[0] == "symptom_to_disease" or asked[0] in SYMPTOM_TYPES):
            child = self.parser.child_form(symptoms, text, asked[:1] == ["department"],  # 孩子发烧挂什么科: 小儿发热
                                           ",".join(map(normalise, earlier_questions)))
            if child and asked and asked[0] != "symptom_to_disease":
                return self.searcher.entity_plan(asked, [child], text, [])
            own = self._symptom_entity_plan(asked, entities, [child] if child else symptoms, text)  # 孩子发烧是什么原因
            if own:
                return own
            had = self.earlier.had([*earlier_questions, text])
            symptoms = [m for m in symptoms if m.candidates[0] not in had] or symptoms  # 糖尿病十年了…脚发麻
            return self.searcher.symptoms.plan(asked[0] if asked else None, symptoms,
                                               conversation(earlier_questions, text), had)  # who the patient is
        if named and asked[:1] == ["diet"] and all(self.kg.kind(m.candidates[0]) == "herb" for m in named):
            earlier = self.earlier.mentions(earlier_questions, want_entity=True)[0]  # 甲减… 那海带紫菜还能吃吗:
            disease = next((m for m in earlier if self.kg.kind(m.candidates[0]) in ("disease", "drug")), None)
            if disease:  # a food for the earlier disease or drug (在吃华法林 | 菠菜能吃吗), not the herb's effects
                return self.searcher.decline(disease.candidates[0], "diet", disease)
            if self.classifier.names_food(text):  # 尿酸480 豆腐豆浆还能吃吗: a diet question, not 豆腐浆's effects
                return self.subjects.unnamed_decline("diet")
        if named:
            return self._named_plan(turn, named, context)
        if asked and self.classifier.types[asked[0]].group == "decline":
            return self.subjects.unnamed_decline(asked[0])
        return self.follow_ups.on_listed_symptoms(asked, text, earlier_questions) \
            or self.unknown.drug_class(masked, asked) or Plan("not_found", "", {"type": asked[0]} if asked else {})

    def _felt_and_asked_what(self, entities: List[Mention], symptoms: List[Mention], text: str) -> bool:
        """Whether one complaint the graph holds causes for (牙痛) is told before a last clause that
        asks what this is (…这是啥): the patient feels it, and asks why."""
        cut = text.rstrip("?!。 ").rfind(",") + 1
        felt = {m.candidates[0] for m in entities if 0 <= m.start < cut and any(overlap(m, s) for s in symptoms)}
        return len(felt) == 1 and len(entities) == 1 and bool(WHAT_IS_THIS.fullmatch(text[cut:].rstrip("?!。 "))) \
            and bool(self.kg.items(next(iter(felt)), "常见病因"))

    def _sold_as_drug(self, herb: str) -> bool:
        """Whether products are made of the herb (板蓝根颗粒, 三七片): a medicine, not a food (薏苡仁, 百合)."""
        return any(self.kg.kind(herb + form) == "drug" for form in self.searcher.choice.forms)

    def _named_plan(self, turn: Turn, named: List[Mention], context: List[Mention]) -> Plan:
        """The answer about the entities the turn names (or points at): what a drug beside them
        asks (treats, side effects, taking it in pregnancy or with another drug), then the searcher."""
        text, masked, asked, earlier_questions = turn.text, turn.masked, turn.asked, turn.earlier
        described = [m for m in context if not any(overlap(m, n) for n in named)]
        herb = next((m for m in named if self.kg.kind(m.candidates[0]) == "herb" and self._sold_as_drug(m.candidates[0])), None)
        if asked[:1] == ["diet"] and herb and any(self.kg.kind(m.candidates[0]) == "disease" for m in named):
            return self.searcher.decline(herb.candidates[0], "take_drug", herb)  # 感冒了能吃板蓝根吗: whether to
            # take a medicine for it, a doctor's call; not 感冒's diet
        kind = self.kg.kind(named[0].candidates[0])
        sequela = next((m for m in described if m.start > named[0].end and AFTER in text[named[0].end:m.start]), None)
        if asked[:1] == ["treatment"] and kind == "disease" and sequela:  # 脑梗以后喝水老是呛 怎么办:
            return self.searcher.decline(named[0].candidates[0], asked[0], named[0], Focus(sequela.candidates[0], ()))
            # what helps with what followed it, which the graph does not hold; not 脑梗's acute treatment
        drug = next((m for m in named if self.kg.kind(m.candidates[0]) == "drug"), None)
        after = text[max(drug.end, 0):] if drug else ""
        if drug and ASKS_WHAT_IT_TREATS.match(after):  # 妈咪爱是治拉肚子的还是治便秘的, 来曲唑 这不是治乳腺癌的药吗
            asked, named = ["indication"], [drug] + [m for m in named if m is not drug]
        if asked[:1] in (["treatment"], ["drug"]) and drug \
                and (TAKEN_BEFORE.search(text[:drug.start]) or TAKEN_AFTER.match(after)) \
                and any(m.start >= drug.end for m in named + described if m is not drug):  # 二甲双胍吃了老拉肚子咋办:
            return self.searcher.decline(drug.candidates[0], "take_drug", drug)  # the prescriber's call, not 腹泻's drugs
        if asked[:1] == ["stop_drug"] and drug and self.classifier.pregnant(text) and "停" not in text:
            asked = ["diet"] + asked[1:]  # 怀孕了 缬沙坦还能接着吃吗: whether it may be taken in pregnancy
        if asked[:1] == ["complication"] and drug and any(m.start >= drug.end for m in named + described if m is not drug) \
                and not self._disease_asked_after(drug, named, asked, masked) \
                and self.earlier.pointed_kind(text) != "disease":  # …在吃美沙拉嗪 | 这个病会有什么并发症: the disease's
            asked = []  # 吃了两天思密达，拉肚子是好了，会不会引起便秘: what the drug may cause, not 腹泻's
        if not asked and drug and ("会" in after or any(m.start >= drug.end for m in described)):
            # 吃了二甲双胍会拉肚子吗, 开了思密达，吃了会不会便秘, 西替利嗪吃了容易犯困: its side effects
            asked, named = ["side_effect"], [drug] + [m for m in named if m is not drug]
        elif not asked and kind == "disease" and (described or self.parser.would_lead_to(named, text)):
            asked = ["symptom"]  # 缺铁性贫血会头晕吗, 阑尾炎会穿孔吗: among its symptoms (or complications)?
        if not asked and not self.classifier.only_names(masked):  # 高血压怎么样？
            return self.searcher.decline(named[0].candidates[0], None, named[0])
        if drug and asked[:1] == ["diet"] and any(not_for_an_attack(m.candidates[0], drug.candidates[0], text) for m in named):
            return self.searcher.decline(drug.candidates[0], "take_drug", drug)  # 痛风正在发作 能吃别嘌醇吗: not its use
        if drug and asked == ["diet"] and not self.classifier.pregnant(text) and not self.classifier.focus("may_take", text):
            told = next((q for q in map(normalise, reversed(earlier_questions)) if self.classifier.pregnant(q)), "")
            if told:  # 我怀孕了 | 能吃布洛芬吗: what its contraindications say of pregnancy, as if asked at once
                text = text + "," + told
            elif self._stated_condition(earlier_questions, drug):
                return self.searcher.decline(drug.candidates[0], "take_drug", drug)  # 肾功能不太好 | 能吃阿莫西林吗
        if asked[:1] == ["drug"] and not drug and self._pregnant("", earlier_questions) \
                and not any(w in named[0].candidates[0] for w in OF_PREGNANCY):  # 我老婆怀孕五个月 感冒了 |
            return self.searcher.decline(named[0].candidates[0], "take_drug", named[0])  # 那她能吃什么药: a doctor's call
        child = bool(drug) and self.searcher.choice.about_a_child(drug, text)
        drug_class = self.classifier.drug_class(masked)
        if (not drug or masked[drug.end:].startswith("过敏")) and asked[:1] == ["diet"] and drug_class \
                and drug_class[1] is None:  # 感冒了 能吃头孢吗, 阿莫西林过敏能吃头孢吗 (not 阿莫西林's contraindications)
            return self.searcher.decline(named[0].candidates[0], "take_drug", named[0])
        if drug and asked[:1] == ["diet"] and drug_class \
                and MAY_TAKE.search(masked[drug.end:max(masked.find(drug_class[0]), 0)]):  # 吃华法林能吃头孢吗: how
            return self.plan(f"{drug.text}和{drug_class[0]}能一起吃吗", earlier_questions)  # the two go together
        if drug and asked == ["diet"] and self.searcher.choice.about_a_child(drug, text, anywhere=True) \
                and not any(w in c for c in drug.candidates for w in CHILD_FORMS):
            return self.searcher.decline(drug.candidates[0], "take_drug", drug)  # 藿香正气水 小孩能喝吗: no
            # child's product of it, whether a child may take it is a doctor's call (孩子能吃美林吗 is answered)
        taking = self.earlier.taken(earlier_questions) if drug and asked[:1] == ["diet"] \
            and not child else []  # 孩子…能吃美林吗: not what I take
        subjects = []  # 在吃瑞舒伐他汀 | 再加个非诺贝特 它俩能一起吃吗: either drug's interactions may name the other
        if drug and asked[:1] == ["interaction"] and sum(self.kg.kind(m.candidates[0]) == "drug" for m in named) == 1:
            taking = subjects = [m for m in self.earlier.taken(earlier_questions) or self.earlier.mentions(earlier_questions)[0]
                                 if self.kg.kind(m.candidates[0]) == "drug"]  # 我妈吃华法林…要紧吗 | 她还在吃甲硝唑
            # 这俩一起吃有影响吗: with 华法林, asked about before though not told as taken
        elif drug and asked[:1] == ["interaction"] and all(m.start < 0 for m in named):
            # 吃着二甲双胍和格列美脲 | 能一起吃吗: with each other, not all that either one interacts with
            taking = [m for m in named if self.kg.kind(m.candidates[0]) == "drug"]
        ordered = self.parser.nearest_first(named, asked, masked)
        last_masked = [mask(q, self.linker.entities(q)) for q in map(normalise, earlier_questions[-1:])]  # stems
        ordered = self.earlier.by_stem(ordered, ",".join([*last_masked, masked]))  # outside names  # 立普妥…代文 | 这是不是他汀的副作用 |
        # 那她还能接着吃吗: still 立普妥
        lone = named[0].candidates[0] if len(named) == 1 else ""  # a finding no department treats:
        if asked[:1] in (["drug"], ["treatment"]) and lone and self.parser.finding(named[0]) \
                and not self.kg.items(lone, "就诊科室"):
            return self.searcher.decline(lone, asked[0], named[0])  # 牙龈…一碰就出血 用什么药: not what
            # treats any bleeding (anticoagulants are among 出血's 药物治疗)
        if asked[:1] in (["side_effect"], ["complication"]) and ordered[0] is drug and self.classifier.pregnant(text):
            return self.searcher.decline(drug.candidates[0], "take_drug", drug)  # 备孕期间吃布洛芬有影响吗
        if asked[:1] in (["contagious"], ["transmission"], ["complication"]) and any(w in text for w in BABY_WORDS) \
                and self._pregnant(text, earlier_questions):  # 怀孕查出乙肝大三阳，孩子生下来会不会被传上
            return self.searcher.decline(ordered[0].candidates[0], "personal", ordered[0])
        last = normalise(earlier_questions[-1]) if earlier_questions else ""
        if drug and asked[:1] == ["diet"] and DRANK.search(last) and not DRANK.search(text):
            text = text + "," + last  # 昨晚喝了半斤白酒 | 能吃片布洛芬吗: what it says about alcohol
        elif asked[:1] == ["drug"] and ATTACK.search(last) and not ATTACK.search(text):
            text = text + "," + last  # 痛风又犯了 | 一般用什么药: drugs for the attack
        result = self.searcher.entity_plan(asked, ordered + subjects, text, context, taking)
        if asked[:1] == ["symptom_to_disease"] and result.source.get("type") == "cause" and "原因" not in text \
                and self.kg.kind(named[0].candidates[0]) == "disease" and self.linker.has_had(text, named[0]):
            if not described:  # 有高血压…右手一直哆嗦…这是什么毛病, told in words the lexicon lacks: not its causes
                return Plan("not_found", "", {"type": asked[0]})
            # 血糖高好多年 最近眼睛看东西越来越模糊 这是怎么了: none of its symptoms; what the new ones may
            # be, not its causes (…以前有乙肝 这是啥情况 listed what causes 乙肝)
            earlier = self.earlier.symptoms(earlier_questions)  # 肚子越来越大 腿也肿 | 吃饭也吃不下 以前有乙肝 这是啥情况
            return self.searcher.symptoms.plan("symptom_to_disease", earlier + described,
                                               conversation(earlier_questions, text),
                                               self.earlier.had([*earlier_questions, text]))
        return result

    def asked_part(self, question: str) -> str:
        """The question of a consultation-site post, without its story (what the model reads: its
        training questions are short); any other question as it is."""
        form = self.classifier.form_parts(question)
        return form[1] if form else question

    def _named_before(self, mention: Mention, entities: List[Mention]) -> Mention:
        """A disease named again by part of its name stands for the whole (新生儿黄疸高了会怎么样…
        黄疸太高会伤脑子: the second 黄疸 is 新生儿黄疸)."""
        whole = next((o for o in entities if o.start < mention.start and mention.text in o.text != mention.text
                      and o.exact and self.kg.kind(o.candidates[0]) == self.kg.kind(mention.candidates[0]) == "disease"), None)
        return replace(mention, candidates=whole.candidates) if whole else mention

    def _symptom_entity_plan(self, asked: List[str], entities: List[Mention], symptoms: List[Mention], text: str):
        """耳鸣原因, 脱发什么原因, 耳鸣该看什么科, 老是便秘怎么办: the causes, department or treatment of the entity a described
        symptom also is, if it has them, before the diseases that list the symptom or the departments
        they vote for (the entity of the same words: not 低血压's inside 体位性低血压; 长痘: 痤疮). Of
        several symptoms, only the one right before the question (打呼噜…憋气 睡眠呼吸暂停是什么原因)."""
        why = [m for m in symptoms if WHY_HAVE.search(text[:m.start])]  # 为啥会脱发: its causes, not the
        # diseases listing it (子宫内膜癌, 破伤风)
        if not (asked[:1] in (["cause"], ["department"], ["treatment"]) or asked[:1] == ["symptom_to_disease"] and ("原因" in text or why)):
            return None
        same = [m for m in entities if any((m.start, m.end) == (s.start, s.end) for s in symptoms)] \
            or [m for m in symptoms if self.kg.kind(m.candidates[0]) == "disease"]
        if len({m.candidates[0] for m in symptoms}) > 1:  # (白内障到底是什么原因引起的 too)
            same = [m for m in same if m in why or re.sub("^(到底|究竟)", "", text[m.end:]).startswith(
                ("是什么原因", "什么原因", "的原因", "是怎么引起"))]
        causes = self.searcher.entity_plan(asked, same, text, []) if same else None
        return causes if causes and causes.kind == "answer" else None

    def _disease_asked_after(self, drug: Mention, named: List[Mention], asked: List[str], masked: str) -> bool:
        """Whether a disease named after the drug, just before the question, is what is asked about
        (…在吃恩替卡韦…肝硬化往后发展一般会出现哪些并发症), not one told as gone (拉肚子是好了)."""
        subject = self.parser.nearest_first(named, asked, masked)[0]
        return subject is not drug and subject.start > drug.end and self.kg.kind(subject.candidates[0]) == "disease" \
            and RESOLVED not in masked[subject.end:subject.end + 8]

    def _pregnant(self, text: str, earlier_questions: Sequence[str]) -> bool:
        return any(map(self.classifier.pregnant, [text, *map(normalise, earlier_questions)]))

    def _stated_condition(self, earlier_questions: Sequence[str], drug: Optional[Mention] = None) -> bool:
        """Whether the last earlier message only told a condition of the patient's (肾功能不太好), besides
        diseases the drug treats (痛风老犯 另外肾功能也不大好 | 秋水仙碱能吃吗); a disease it does not treat
        (我有胃溃疡 前年还出过血 | 能吃阿司匹林吗) is looked up in its contraindications instead."""
        last = normalise(earlier_questions[-1]) if earlier_questions else ""
        return bool(last) and self.classifier.states_condition(last) and not self.classifier.asks(last) \
            and not (drug and self.searcher.untreated(drug.candidates[0], self.linker.entities(last)))

    def _side_effect_phrase(self, text: str) -> bool:
        return any(name == "side_effect" for *_, name, _ in self.classifier.matches(text))

    def _unpointed(self, masked: str) -> str:
        """The question without the pronouns that point at a drug: 这药吃多了会不会便秘 asks no drug."""
        for pronoun in self.pronouns:
            if DRUG_WORD.search(pronoun):
                masked = masked.replace(pronoun, "□" * len(pronoun))
        return masked
