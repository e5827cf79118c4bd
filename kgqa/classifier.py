"""Question classifier: which kind of question this is, from keywords (QASystemOnMedicalKG's
approach, with longest-match over one Aho-Corasick automaton instead of `in` tests, so that
`吃什么药` is a drug question and not a diet one)."""
import re
from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Sequence, Tuple

import ahocorasick

from kgqa.graph import load_data
from kgqa.text import normalise, normalise_pattern

GROUP_RANK = {"special": 0, "decline": 1, "answer": 2}
CLAUSE_ENDS = "。?!,;"  # a space typed between words is a comma by now
CLAUSE_BREAK = re.compile(f"[{CLAUSE_ENDS}]")
DISEASE_ENDINGS = ("症", "病")  # of a name the graph lacks, asked what it is (肌少症是什么病)
DISEASE_CHARS = set("作痛病症炎")  # in not_in_names for a drug's name, but a disease's may hold them (新冠后遗症)
POINTER_START = re.compile(r"^(这个|那个|这种|那种)")  # 这个诺欣妥有啥副作用: the name after it
TOLD = "了"  # a clause that tells what happened (做了白内障手术, 确诊阿尔茨海默病了) asks nothing


@dataclass(frozen=True)
class QuestionType:
    name: str
    group: str  # special | decline | answer
    label: str
    relations: Dict[str, Tuple[str, ...]]  # entity kind -> relations that answer it


@dataclass(frozen=True)
class Focus:
    """What a question singles out (怀孕): items must contain one of `item_words`."""
    name: str
    item_words: Tuple[str, ...]


UNREAD_TELLING = 16  # characters of telling that, read as no symptom at all, make a follow-up a new story
MAYBE = ("可能", "会", "到底", "究竟", "大概")  # before 是什么病, no name
POINTING = ("这种情况", "这个情况", "这情况", "这样", "这些症状", "这种症状")  # what an earlier turn told


class QuestionClassifier:
    def __init__(self):
        data = load_data("question_types.json")
        self.types: Dict[str, QuestionType] = {}
        words: Dict[str, Tuple[str, str, bool]] = {}  # keyword -> (keyword, type, weak)
        for group in GROUP_RANK:
            for entry in data[group]:
                rels = {k: tuple(v) for k, v in entry.get("relations", {}).items()}
                self.types[entry["name"]] = QuestionType(entry["name"], group, entry.get("label", ""), rels)
                for weak in (False, True):
                    for word in entry.get("weak" if weak else "keywords", []):
                        words.setdefault(normalise(word), (normalise(word), entry["name"], weak))
        self.automaton = ahocorasick.Automaton()
        for word, value in words.items():
            self.automaton.add_word(word, value)
        self.automaton.make_automaton()
        self.order = {name: i for i, name in enumerate(self.types)}
        self.retype = {kind: m for kind, m in data["retype"].items() if not kind.startswith("_")}
        self.focus_rules = {t: [(tuple(map(normalise, asked)), tuple(items)) for asked, items in groups]
                            for t, groups in data["focus"].items() if not t.startswith("_")}
        self.focus_retype = {k: v for k, v in data["focus_retype"].items() if not k.startswith("_")}
        self.meal_words = tuple(data["meal_words"])
        self.food_item_words = data["food_item_words"]
        self.animal_words = tuple(map(normalise, data["animal_words"]))
        self.paperwork_words = tuple(map(normalise, data["paperwork_words"]))
        self.relation_focus = {t: [(tuple(map(normalise, asked)), rel) for asked, rel in groups]
                               for t, groups in data["relation_focus"].items() if not t.startswith("_")}
        self.default_type = data["default_type"]
        self.unclear_label = data["unclear"]["label"]
        self.filler = sorted((normalise(w) for w in data["unclear"]["filler"]), key=len, reverse=True)
        self.unknown_subject = re.compile(normalise_pattern(data["unknown_subject_pattern"]))
        self.unknown_what = re.compile(normalise_pattern(data["unknown_what_pattern"]))
        unknown = data["unknown_name"]
        self.unknown_suffix = re.compile("|".join(map(re.escape, unknown["suffixes"])))
        self.name_run = re.compile(f"[^\\W\\d_a-zA-Z{re.escape(unknown['breaks'])}]*$")
        self.generic_names, self.forms = tuple(unknown["generic"]), set(unknown["forms"])
        self.drug_classes = unknown["drug_class"]
        self.not_in_names = set(unknown["not_in_names"])
        letter = f"[^\\W\\d_a-zA-Z□{re.escape(unknown['breaks'])}]"  # a character a name can hold
        name = f"({letter}{{2,}})"  # two or more name characters
        self.asked_after = re.compile(f"(?:^|[,.。?!;、 ])(?:这个|那个)?{name}(?:都|到底)?{unknown['asked_after']}")
        self.prescribed = re.compile(f"{unknown['prescribed']}{name}")
        self.paired = re.compile(f"(?:^|[,.。?!;、 ])({letter}{{3,}}){unknown['paired']}")
        self.max_relations = data["max_relations"]
        self.question_words = tuple(map(normalise, data["question_words"]))
        self.worry = re.compile(normalise_pattern(data["worry_pattern"]))
        self.form_question = re.compile(normalise_pattern(data["form_question_pattern"]))
        self.judgement = re.compile(normalise_pattern(data["judgement_pattern"]))
        self.condition = re.compile(normalise_pattern(data["condition_pattern"]))
        self.pregnancy_words = tuple(map(normalise, data["pregnancy_words"]))
        self.reaction_words = tuple(map(normalise, data["reaction_words"]))
        self.emergency_patterns = [re.compile(normalise_pattern(p)) for p in data["emergency_patterns"]]
        self.description_patterns = [re.compile(normalise_pattern(p)) for p in data["description_patterns"]]
        self.gives_way = {name: tuple(map(normalise, phrases)) for name, phrases in data["gives_way"].items()
                          if not name.startswith("_")}
        self.holds = {name: tuple(map(normalise, phrases)) for name, phrases in data["holds"].items()}

    def matches(self, text: str) -> List[Tuple[int, str, str, bool]]:
        """(start, keyword, type, weak) of the longest non-overlapping keyword matches."""
        found = sorted(((end - len(w) + 1, w, t, weak) for end, (w, t, weak) in self.automaton.iter(text)),
                       key=lambda m: (-len(m[1]), m[0]))
        chosen: List[Tuple[int, str, str, bool]] = []
        for match in found:
            start, word = match[0], match[1]
            if all(start >= s + len(w) or start + len(word) <= s for s, w, _, _ in chosen):
                chosen.append(match)
        return sorted(chosen)

    def classify(self, text: str) -> List[str]:
        """Matched type names, best first: question phrases before topic words; special, then
        decline, then answer types by keyword length; a decline type gives way to the answer
        phrases it lists (有没有什么药能吃的 asks for drugs). An emergency pattern puts emergency first."""
        best: Dict[str, Tuple[bool, int]] = {}
        if self.urgent(text):
            best["emergency"] = (False, -len(text))
        if self.judgement.search(text):  # 这是甲亢吗
            best["personal"] = (False, -len(text))
        for _, word, name, weak in self._asked(self.matches(text), text):
            key = (weak, -len(word))
            best[name] = min(best.get(name, key), key)
        answered = any(self.types[name].group == "answer" for name in best)  # 平时没什么感觉 asks nothing
        asking = "。".join(text[start:end] for start, end in self.asking_spans(text))
        asking = re.sub("没有?什么", "", asking)  # 平时没什么症状 asks for no symptoms
        for name, phrases in self.gives_way.items():
            if name in best and answered and any(p in asking for p in phrases) \
                    and not any(p in asking for p in self.holds.get(name, ())):  # not 也肯喝奶。…吃点什么药
                del best[name]
        if "symptom_to_disease" in best and any(p.search(text) for p in self.description_patterns):
            best["description"] = best.pop("symptom_to_disease")  # 甲亢是什么病 asks what 甲亢 is

        def rank(name):
            weak, negative_length = best[name]
            group = self.types[name].group
            return (weak, GROUP_RANK[group], negative_length if group == "answer" else 0, self.order[name])
        return sorted(best, key=rank)

    def _asked(self, matches: List[Tuple[int, str, str, bool]], text: str) -> List[Tuple[int, str, str, bool]]:
        """The matches in the sentences that ask (end with ? or hold a question word), when those hold
        any: 格华止有哪些副作用？刚开始吃，胃里也不舒服 asks its side effects; 一直吃药。…症状都有
        哪些？ does not ask about stopping it; nor do the clauses that tell what happened, when others
        ask (白内障会遗传吗,我爸我妈都做了白内障手术: heredity, not treatment). Small talk and
        emergencies count wherever they stand."""
        asking = self.asking_spans(text)
        if asking != [(0, len(text))]:
            matches = [m for m in matches if any(start <= m[0] < end for start, end in asking)
                       or self.types[m[2]].group == "special"]
        told = [(m.start(), m.end()) for m in re.finditer(f"[^{CLAUSE_ENDS}]+", text)  # 做了白内障手术
                if TOLD in m.group() and not any(w in m.group() for w in self.question_words)]
        asked = [m for m in matches if not any(start <= m[0] < end for start, end in told)
                 or self.types[m[2]].group == "special"]
        return asked if any(self.types[m[2]].group != "special" for m in asked) else matches

    def asking_spans(self, text: str) -> List[Tuple[int, int]]:
        """(start, end) of the sentences that ask; the whole text when none or all do."""
        sentences = list(re.finditer(r"[^。?!]+[。?!]?", text))
        asking = [(m.start(), m.end()) for m in sentences
                  if m.group().endswith("?") or any(w in m.group() for w in self.question_words)]
        return asking if asking and len(asking) < len(sentences) else [(0, len(text))]

    def urgent(self, text: str, names: Sequence = ()) -> bool:
        """Whether an emergency pattern matches: run on the unmasked text too, since an entity
        name (大出血) may carry the emergency that masking hides; but not a match inside one of
        `names`, diseases asked about (高热惊厥 is a name, not a child convulsing now)."""
        return any(not any(n.start <= found.start() and found.end() <= n.end for n in names)
                   for p in self.emergency_patterns for found in p.finditer(text))

    def for_kind(self, name: Optional[str], kind: str) -> Optional[str]:
        """The type that answers `name` for an entity of this kind (布洛芬能吃吗 -> indication)."""
        name = name or self.default_type.get(kind)
        return self.retype.get(kind, {}).get(name, name)

    def focus(self, name: Optional[str], text: str) -> Optional[Focus]:
        """What the question singles out for this type, if anything (孕妇能吃布洛芬吗 -> 孕)."""
        for asked, items in self.focus_rules.get(name, []):
            if any(word in text for word in asked):
                return Focus(asked[0], items)
        return None

    def preferred(self, name: Optional[str], text: str, relations: Sequence[str]) -> List[str]:
        """The type's relations, the one the question points at first (拍片子能看出来吗: 影像学检查;
        哪些因素容易诱发: 高危因素, which no other cause question gets)."""
        first = [rel for asked, rel in self.relation_focus.get(name, []) if any(w in text for w in asked)][:1]
        return first + [rel for rel in relations if rel not in first] if relations else []

    def applies(self, name: Optional[str], kind: str) -> bool:
        """Whether the type can be answered (or declined) for an entity of this kind."""
        kind_type = self.types.get(name)
        return kind_type is not None and (kind_type.group != "answer" or kind in kind_type.relations)

    def only_names(self, masked_text: str) -> bool:
        """Whether a question is just entity names and filler words (`高血压？`, `请问布洛芬`)."""
        for word in self.filler:
            masked_text = masked_text.replace(word, "")
        return not masked_text

    def tells_unread(self, text: str) -> bool:
        """Whether a message tells much besides its question and does not point back (每天晚上躺床上腿就难受
        说不上疼 像有虫子在里面爬 …这是啥病, not 歇几分钟就好了，这是什么病 or 我妈也这样 这是啥病)."""
        clauses = [c for c in CLAUSE_BREAK.split(text) if c and not any(w in c for w in self.question_words)]
        return sum(map(len, clauses)) >= UNREAD_TELLING and not any(w in text for w in POINTING)

    def names_unknown_subject(self, masked_text: str) -> bool:
        """Whether the question asks what some name is (渐冻症是啥病) rather than following up on
        an earlier turn (那它是什么病引起的, 这是什么病)."""
        for found in (self.unknown_subject.search(masked_text), self.unknown_what.search(masked_text)):
            name = CLAUSE_BREAK.split(found.group(1))[-1] if found else ""  # of its own clause (not 这是肝的
            # 问题吗?可能 before 是什么病)
            if found and not self.only_names(name) and len(name) >= 2 and not any(w in name for w in POINTING) \
                    and name not in MAYBE:
                return True  # 渐冻症是啥病, 手脚冰凉是怎么回事 (not 那是怎么回事, 这种情况可能是什么病)
        return False

    def asks_what_unknown_disease(self, masked_text: str) -> bool:
        """Whether the question asks what a disease name no entity covers is (肌少症是什么病，医生说
        我妈腿没劲是这个): not what its described symptoms may be. `masked_text` has symptoms blanked too."""
        return self._unknown_disease(masked_text) is not None

    def _unknown_disease(self, masked_text: str) -> Optional[str]:
        found = self.unknown_subject.search(masked_text)
        name = re.search(r"[\u4e00-\u9fff]{3,}$", found.group(1)) if found else None  # no □: nothing known in it
        return name.group(0) if name and name.group(0).endswith(DISEASE_ENDINGS) and not self.matches(name.group(0)) \
            else None

    def unknown_name(self, masked_text: str) -> Optional[str]:
        """The name no entity covers that the question asks about, when a pattern shows it is one
        (韦立得有什么副作用, 医生开了沃诺拉赞, 肌少症是什么病, 司美格鲁肽…): what a not-found reply names."""
        name = self._unknown_name(masked_text)
        return name if name and not set(name) & self.not_in_names - DISEASE_CHARS else None  # not 家里老人, 体检发现X片

    def _unknown_name(self, masked_text: str) -> Optional[str]:
        masked_text = POINTER_START.sub("", masked_text)
        for found in (self.asked_after.search(masked_text), self.prescribed.search(masked_text)):
            if found and not self.matches(found.group(1)) and self._a_name(found.group(1)) and "□" not in found.group(1):
                return found.group(1)
        disease = self._unknown_disease(masked_text)
        if disease:
            return disease
        for name, end in self._suffixed_names(masked_text):
            whole = not re.match(r"[\u4e00-\u9fff]", masked_text[end:end + 1]) \
                or self.name_run.search(masked_text[:end + 1]).group(0) == ""  # not 黑色素 of 黑色素瘤
            if whole and self._a_name(name):
                return name
        return None

    def _suffixed_names(self, masked_text: str) -> Iterator[Tuple[str, int]]:
        """(name, end) of the runs of name characters ending in a drug or disease suffix (司美格鲁肽,
        新冠后遗症); an INN stem (格列净, 沙坦) names a drug after one character."""
        for found in self.unknown_suffix.finditer(masked_text):
            stem = self.name_run.search(masked_text[:found.start()]).group(0)
            if len(stem) >= 2 or len(found.group(0)) >= 2 and stem:
                yield stem + found.group(0), found.end()

    def asks_about_unknown(self, masked_text: str) -> bool:
        """Whether the question opens with a name no entity covers, asked about right away (韦立得有什么
        副作用？医生说比韦瑞德对肾好一点), or its last clause does (医生把□换成了韦立得，说是新药，韦立得有
        什么副作用): that name is the subject, whatever else is named elsewhere."""
        masked_text = POINTER_START.sub("", masked_text)
        found = list(self.asked_after.finditer(masked_text))
        return any((m is found[-1] and "□" not in CLAUSE_BREAK.split(masked_text[m.end():])[0] or m.start(1) <= 1)
                   and not self.matches(m.group(1)) and self._a_name(m.group(1)) for m in found)

    def _a_name(self, words: str) -> bool:
        """Whether words a pattern took for a name are one, not a form (栓剂) or a class (消炎药)."""
        return words not in self.forms and not words.endswith(("药",) + self.generic_names)

    def prescribes_unknown(self, masked_text: str) -> bool:
        """Whether the doctor prescribed a name no entity covers (医生新开了个沃诺拉赞): 这个药 is that one."""
        found = self.prescribed.search(masked_text)
        return bool(found) and not self.matches(found.group(1)) and self._a_name(found.group(1))

    def asks_what_drug(self, masked_text: str, longer: bool = False) -> bool:
        """Whether the question asks what some drug is (医生开了诺欣妥，这是个什么药); with `longer`, one
        whose name runs on past a known name (安达唐是什么药: not 安达)."""
        found = self.unknown_subject.search(masked_text)
        asked = bool(found) and found.group(found.lastindex) == "药"
        return asked and (not longer or re.search(r"□[^\W\d_□a-z]", found.group(1)) is not None)

    def drug_class(self, masked_text: str) -> Optional[Tuple[str, Optional[str]]]:
        """(class, the disease it is taken for) of a class of drugs the question names (我能不能自己把
        降压药停了: 高血压; 吃了头孢能喝酒吗: none)."""
        return next(((word, disease) for word, disease in self.drug_classes.items() if word in masked_text), None)

    def names_unknown_partner(self, masked_text: str) -> bool:
        """Whether a name no entity covers is asked about with a known one (恩格列净和格列美脲能一起吃吗)."""
        found = self.paired.search(masked_text)
        return bool(found) and not self.matches(found.group(1))

    def names_unknown_entity(self, masked_text: str) -> bool:
        """Whether the question names a drug or disease the graph does not know (新冠后遗症怎么治,
        司美格鲁肽有什么副作用, 医生开了伏诺拉生), rather than following up (可以停药吗, 会有后遗症吗);
        see unknown_name."""
        subject = self.asked_after.search(masked_text)  # opening a clause, and no word we know (上海治甲亢)
        subject = subject if subject and not self.matches(subject.group(1)) else None
        prescribed = self.prescribed.search(masked_text) or subject
        name = prescribed.group(1) if prescribed else ""  # a name no entity covers, not a class (消炎药)
        if name and self._a_name(name):
            return True
        return any(not name.endswith(self.generic_names) for name, _ in self._suffixed_names(masked_text))

    def about_an_animal(self, text: str) -> bool:
        return any(w in text for w in self.animal_words)

    def asks_for_paperwork(self, text: str) -> bool:
        """Whether the message asks for a document (能帮我开个病假条吗，痔疮手术要休一周): not medical."""
        return any(w in text for w in self.paperwork_words)

    def names_meal(self, text: str) -> bool:
        """Whether the question names a meal (跟早饭一起吃: when to take a drug)."""
        return any(w in text for w in self.meal_words)

    def _foods(self, text: str) -> List[str]:
        """The foods the question names (diet topic words: 菜, 水果, 豆腐)."""
        return [word for _, word, name, weak in self.matches(text) if weak and name == "diet"]

    def names_food(self, text: str) -> bool:
        return bool(self._foods(text))

    def food_focus(self, text: str) -> Optional[Focus]:
        """The foods the question names, as a drug's cautions would name them (浓茶: 茶, 火锅: 辛辣)."""
        foods = self._foods(text)
        words = [w for food in foods for w in self.food_item_words.get(food, [food.lstrip("喝吃") or food])]
        return Focus(foods[0], tuple(dict.fromkeys(words))) if foods else None

    def form_parts(self, text: str) -> Optional[Tuple[str, str]]:
        """(the story, the question) of a consultation-site post (病情描述：…希望获得的帮助：…)."""
        found = self.form_question.search(text)
        story, question = (text[:found.start()], text[found.end():]) if found else ("", "")
        return (story, question) if story.strip(",.。:：") and question.strip(",.。?!") else None

    def fears(self, masked_text: str, start: int) -> bool:
        """Whether the name at `start` is one the patient fears having (是不是得肺癌了)."""
        return bool(self.worry.search(masked_text[:start]))

    def asks(self, text: str) -> bool:
        """Whether the text asks anything (a question mark or word), rather than only telling."""
        text = re.sub(r"[十好百千]几", "", text)  # 过了十几分钟还痛: a number, no question
        return "?" in text or any(w in text for w in self.question_words)

    def states_condition(self, text: str) -> bool:
        """Whether the patient states a condition of their own (胃不太好, 血压偏低, 孩子3岁)."""
        return bool(self.condition.search(text))

    def pregnant(self, text: str) -> bool:
        return any(w in text for w in self.pregnancy_words)

    def asks_if_normal(self, text: str) -> bool:
        """Whether a personal question asks if a reaction is normal (这正常吗), not for a decision."""
        return any(w in text for w in self.reaction_words)

    def answer_types(self, names: Sequence[str]) -> List[str]:
        return [n for n in names if self.types[n].group != "special"]
