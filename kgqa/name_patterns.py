"""Patterns that show a question names something the graph lacks (韦立得有什么副作用, 医生开了
沃诺拉赞, 肌少症是什么病, 司美格鲁肽…): such a name must never fall back to a known entity's facts,
and a not-found reply names it. Texts here are masked: known names are blanked (□)."""
import re
from typing import Callable, Iterator, List, Optional, Tuple

from kgqa.text import normalise_pattern

CLAUSE_ENDS = "。?!,;"  # a space typed between words is a comma by now
CLAUSE_BREAK = re.compile(f"[{CLAUSE_ENDS}]")
DISEASE_ENDINGS = ("症", "病")  # of a name the graph lacks, asked what it is (肌少症是什么病)
DISEASE_CHARS = set("作痛病症炎")  # in not_in_names for a drug's name, but a disease's may hold them (新冠后遗症)
POINTER_START = re.compile(r"^(这个|那个|这种|那种)")  # 这个诺欣妥有啥副作用: the name after it
POINTED = re.compile(r"^(这个?|那个?)")  # before MAYBE: 这会是什么病 points back
MAYBE = ("可能", "会", "到底", "究竟", "大概")  # before 是什么病, no name
POINTING = ("这种情况", "这个情况", "这情况", "这样", "这些症状", "这种症状")  # what an earlier turn told


class NamePatterns:
    def __init__(self, data: dict, matches: Callable[[str], List[Tuple[int, str, str, bool]]],
                 only_names: Callable[[str], bool]):
        """`data`: question_types.json; `matches`: the classifier's keyword matches (a run of
        characters holding a question keyword is no name); `only_names`: whether a text is names
        and filler words only."""
        self.matches, self.only_names = matches, only_names
        self.unknown_subject = re.compile(normalise_pattern(data["unknown_subject_pattern"]))
        self.unknown_what = re.compile(normalise_pattern(data["unknown_what_pattern"]))
        unknown = data["unknown_name"]
        self.unknown_suffix = re.compile("|".join(map(re.escape, unknown["suffixes"])))
        self.name_run = re.compile(f"[^\\W\\d_a-zA-Z{re.escape(unknown['breaks'])}]*$")
        self.generic_names, self.forms = tuple(unknown["generic"]), set(unknown["forms"])
        self.not_in_names = set(unknown["not_in_names"])
        letter = f"[^\\W\\d_a-zA-Z□{re.escape(unknown['breaks'])}]"  # a character a name can hold
        name = f"({letter}{{2,}})"  # two or more name characters
        self.asked_after = re.compile(f"(?:^|[,.。?!;、 ])(?:这个|那个)?{name}(?:都|到底)?{unknown['asked_after']}")
        self.prescribed = re.compile(f"{unknown['prescribed']}{name}")
        self.paired = re.compile(f"(?:^|[,.。?!;、 ])({letter}{{3,}}){unknown['paired']}")

    def names_unknown_subject(self, masked_text: str) -> bool:
        """Whether the question asks what some name is (渐冻症是啥病) rather than following up on
        an earlier turn (那它是什么病引起的, 这是什么病)."""
        for found in (self.unknown_subject.search(masked_text), self.unknown_what.search(masked_text)):
            name = CLAUSE_BREAK.split(found.group(1))[-1] if found else ""  # of its own clause (not 这是肝的
            # 问题吗?可能 before 是什么病)
            if found and not self.only_names(name) and len(name) >= 2 and not any(w in name for w in POINTING) \
                    and POINTED.sub("", name) not in MAYBE + ("",):  # nor 这会是什么病
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
