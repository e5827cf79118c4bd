"""Question classifier: which kind of question this is, from keywords (QASystemOnMedicalKG's
approach, with longest-match over one Aho-Corasick automaton instead of `in` tests, so that
`吃什么药` is a drug question and not a diet one)."""
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import ahocorasick

from kgqa.graph import load_data
from kgqa.name_patterns import CLAUSE_BREAK, CLAUSE_ENDS, POINTING, NamePatterns
from kgqa.text import normalise, normalise_pattern

GROUP_RANK = {"special": 0, "decline": 1, "answer": 2}
EMBEDDED = re.compile("(记不清|记不得|记不住|不记得|忘了|想不起来?)(它|这药|那药)?(叫|是)?什么(名字?|药)?")
NURSING = ("哺乳期", "喂奶")  # pregnancy words (question_types.json) that tell breastfeeding
DENIED = re.compile("(不是|没有|不算|并不|没|未)$")  # 也不是剧痛, 没怀孕: what the patient denies
TOLD = "了"  # a clause that tells what happened (做了白内障手术, 确诊阿尔茨海默病了) asks nothing
APPROVAL = re.compile("(这样|那样)?(行不行|行吗|可以吗|可不可以|能行吗|好不好|中不中|成不成|妥不妥)[啊呀呢吧]?")  # a clause
# asking only this asks about the one before it (想把他汀停了阿司匹林留着,行不行)


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
        self.foods = tuple(normalise(w) for e in data["decline"] if e["name"] == "diet" for w in e.get("weak", []))
        self.animal_words = tuple(map(normalise, data["animal_words"]))
        self.paperwork_words = tuple(map(normalise, data["paperwork_words"]))
        self.relation_focus = {t: [(tuple(map(normalise, asked)), rel) for asked, rel in groups]
                               for t, groups in data["relation_focus"].items() if not t.startswith("_")}
        self.default_type = data["default_type"]
        self.unclear_label = data["unclear"]["label"]
        self.filler = sorted((normalise(w) for w in data["unclear"]["filler"]), key=len, reverse=True)
        self.drug_classes = data["unknown_name"]["drug_class"]
        self.names = NamePatterns(data, self.matches, self.only_names)  # names the graph lacks
        self.max_relations = data["max_relations"]
        self.question_words = tuple(map(normalise, data["question_words"]))
        self.worry = re.compile(normalise_pattern(data["worry_pattern"]))
        self.form_question = re.compile(normalise_pattern(data["form_question_pattern"]))
        self.judgement = re.compile(normalise_pattern(data["judgement_pattern"]))
        self.report_values = re.compile(normalise_pattern(data["report_values_pattern"]))
        self.condition = re.compile(normalise_pattern(data["condition_pattern"]))
        self.pregnancy_words = tuple(map(normalise, data["pregnancy_words"]))
        self.expecting_words = tuple(w for w in self.pregnancy_words if w not in NURSING)
        self.reaction_words = tuple(map(normalise, data["reaction_words"]))
        self.self_harm = re.compile(normalise_pattern(data["self_harm_pattern"]))
        self.emergency_patterns = [re.compile(normalise_pattern(p)) for p in data["emergency_patterns"]] + [self.self_harm]
        self.description_patterns = [re.compile(normalise_pattern(p)) for p in data["description_patterns"]]
        self.gives_way = {name: tuple(map(normalise, phrases)) for name, phrases in data["gives_way"].items()
                          if not name.startswith("_")}
        self.holds = {name: tuple(map(normalise, phrases)) for name, phrases in data["holds"].items()}

    def matches(self, text: str) -> List[Tuple[int, str, str, bool]]:
        """(start, keyword, type, weak) of the longest non-overlapping keyword matches; a question the
        patient only reports asking themselves asks nothing (记不清叫什么名, 忘了是什么药)."""
        text = EMBEDDED.sub(lambda found: "_" * len(found.group()), text)
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
        for start, word, name, weak in self._asked(self.matches(text), text):
            if name == "emergency" and DENIED.search(text[:start]):
                continue
            key = (weak, -len(word))
            best[name] = min(best.get(name, key), key)
        answered = any(self.types[name].group == "answer" for name in best)  # 平时没什么感觉 asks nothing
        asking = "。".join(text[start:end] for start, end in self.asking_spans(text))
        asking = re.sub("没有?什么|什么[^,。?!]{0,3}[也都]没有?", "", asking)  # 平时没什么症状, 啥感觉也没有:
        # no symptoms asked for
        for name, phrases in self.gives_way.items():
            if name in best and answered and any(p in asking for p in phrases) \
                    and not any(p in asking for p in self.holds.get(name, ())):  # not 也肯喝奶。…吃点什么药
                del best[name]
        if self.report_values.search(text):  # 潜血1+ 我这是什么情况: reading a report, whatever it asks
            best["personal"] = (False, -len(text))
        if "prognosis" in best and "diet" in best and self.names_food(text):
            best["diet"] = min(best["diet"], best["prognosis"])  # 多吃香蕉能好点吗: whether a food helps
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
        clauses = list(re.finditer(f"[^{CLAUSE_ENDS}]+", text))
        told = [(m.start(), m.end()) for i, m in enumerate(clauses)  # 做了白内障手术
                if TOLD in m.group() and not any(w in m.group() for w in self.question_words)
                and not m.group().endswith("不")  # 去痛片吃多了伤身子不: 不 at the end asks
                and not (i + 1 < len(clauses) and APPROVAL.fullmatch(clauses[i + 1].group()))]
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

    def drug_class(self, masked_text: str) -> Optional[Tuple[str, Optional[str]]]:
        """(class, the disease it is taken for) of a class of drugs the question names (我能不能自己把
        降压药停了: 高血压; 吃了头孢能喝酒吗: none)."""
        return next(((word, disease) for word, disease in self.drug_classes.items() if word in masked_text), None)

    def about_an_animal(self, text: str) -> bool:
        return any(w in text for w in self.animal_words)

    def asks_for_paperwork(self, text: str) -> bool:
        """Whether the message asks for a document (能帮我开个病假条吗，痔疮手术要休一周): not medical."""
        return any(w in text for w in self.paperwork_words)

    def names_meal(self, text: str) -> bool:
        """Whether the question names a meal (跟早饭一起吃: when to take a drug)."""
        return any(w in text for w in self.meal_words)

    def _foods(self, text: str) -> List[str]:
        """The foods the question names (diet topic words: 菜, 水果, 豆腐), also where a longer keyword
        took their characters (能喝茶不: 能喝 and 喝茶), in the order named; not one inside another (浓茶)."""
        found = sorted((text.find(w), w) for w in self.foods if w in text)
        return [w for _, w in found if not any(w != other and w in other for _, other in found)]

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

    def pregnant(self, text: str, nursing: bool = True) -> bool:
        """Whether the text says someone is pregnant (没怀孕 does not), or nursing, unless `nursing`
        is False (喂奶 is no pregnancy whose diseases a complaint could be)."""
        words = self.pregnancy_words if nursing else self.expecting_words
        return any(not DENIED.search(text[:found.start()]) for w in words for found in re.finditer(re.escape(w), text))

    def asks_if_normal(self, text: str) -> bool:
        """Whether a personal question asks if a reaction is normal (这正常吗), not for a decision."""
        return any(w in text for w in self.reaction_words)

    def answer_types(self, names: Sequence[str]) -> List[str]:
        return [n for n in names if self.types[n].group != "special"]
