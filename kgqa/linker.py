"""Entity linking as people write: names, aliases, colloquial names, generic drug names,
described symptoms, and homophone typos.

Exact matching is one Aho-Corasick pass (`pyahocorasick`) over every name and alias. The
question's pinyin is matched against names' pinyin too (kgqa/homophones.py), and a longer
pinyin match wins over a shorter exact one, so `寻麻疹` finds 荨麻疹 rather than 麻疹.
"""
import logging
import re
from collections import Counter
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import ahocorasick

from kgqa.graph import MIN_PARTIAL_TERM, MedicalKG, load_data
from kgqa.homophones import Homophones
from kgqa.names import MIN_NAME_LEN, MIN_SYMPTOM_DISEASES, build_names
from kgqa.text import normalise, normalise_pattern

logger = logging.getLogger(__name__)
NEGATIONS = ("不", "没", "无")  # just before a symptom: 不痒, 没发烧, 无咳嗽
TRIGGER = re.compile(r"^.?一.?\|[^,。?!;]{0,6}?就")  # 一咳嗽…就, 一打喷嚏就: (before)|(after) a symptom


@dataclass(frozen=True)
class Mention:
    text: str             # as written in the (normalised) question
    start: int
    candidates: Tuple[str, ...]  # graph entities (for symptoms: symptom words), best first
    exact: bool = True    # False: found through pinyin
    meant: str = ""       # a typo's name as the graph spells it (阿斯匹林: 阿司匹林)

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def overlap(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


HAD_FOR_YEARS = re.compile(r"(都|已经)?(好多|好些|十几|几十|[0-9一二三四五六七八九十两]+)多?年|的?老(病号|毛病|病根)")
# 血糖高好多年, 血压高的老病号了
HAD_BEFORE = re.compile(r"(以前有|以前得过|之前有|原来有|早就有|(^|,)(还|也|都)?有|还有|也有)$")
SIZE_OF = re.compile(r"(那么|这么|那样|这样|一样|似的|般)(大|小|粗)|大小")  # right after a name: 黄豆那么大 is a size
ORGAN_STONE = re.compile(r"(输尿管|膀胱|胆囊|尿道|肾|胆)(里|上|内)?(有|长了?|查出)(个|一个|颗|一颗|块|几个|好几个|多发)?"
                         r"[^,。?!;]{0,8}?(结石|石头)")  # a stone told apart from its organ: that organ's 结石


def _longest_non_overlapping(mentions: Iterable[Mention]) -> List[Mention]:
    """Leftmost-longest selection: longer first, exact before pinyin, then earlier; no overlaps."""
    chosen: List[Mention] = []
    for m in sorted(mentions, key=lambda m: (-len(m.text), not m.exact, m.start)):
        if all(m.start >= c.end or m.end <= c.start for c in chosen):
            chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def _tiling(mention: Mention, found: Sequence[Mention]) -> List[Mention]:
    """Two or more shorter matches that exactly cover the mention's span, if any (头晕乏力 ->
    头晕, 乏力), unless the mention means more than its parts (手心脚心发热 is 手足心热, not 手心脚心's
    皮疹 and 发热)."""
    parts = sorted((m for m in found if m.start >= mention.start and m.end <= mention.end
                    and len(m.text) < len(mention.text)), key=lambda m: (m.start, -len(m.text)))
    chain, position = [], mention.start
    for m in parts:
        if m.start == position:
            chain.append(m)
            position = m.end
    if position != mention.end or len(chain) < 2:
        return []
    parts_mean = {c for m in chain for c in m.candidates}
    return chain if mention.text in mention.candidates or parts_mean & set(mention.candidates) else []


def _automaton(names: Dict[str, List[str]]) -> "ahocorasick.Automaton":
    automaton = ahocorasick.Automaton()
    for name, candidates in names.items():
        if candidates:
            automaton.add_word(name, (name, tuple(candidates)))
    automaton.make_automaton()
    return automaton


def _matches(automaton, text: str) -> List[Mention]:
    if len(automaton) == 0:
        return []
    found = [Mention(name, end - len(name) + 1, candidates) for end, (name, candidates) in automaton.iter(text)]
    return [m for m in found if not _inside_latin(m, text)]


def _inside_latin(mention: Mention, text: str) -> bool:
    """A Latin name typed inside a longer Latin word (sle in sleep) is no mention of it."""
    latin = lambda c: c.isascii() and c.isalpha()
    return latin(mention.text[0]) and mention.start > 0 and latin(text[mention.start - 1]) \
        or latin(mention.text[-1]) and mention.end < len(text) and latin(text[mention.end])


def _without_triggers(symptoms: List[Mention], text: str, acts: Sequence[str]) -> List[Mention]:
    """Acts told as what sets a symptom off are not described (一咳嗽一打喷嚏就漏尿: 漏尿 only), when
    what they set off is a symptom too; feelings stay (一紧张就肚子疼 points to 肠易激综合征)."""
    triggers = [m for m in symptoms if set(m.candidates) & set(acts)
                and TRIGGER.match(text[max(m.start - 2, 0):m.start] + "|" + text[m.end:])]
    set_off = [m for m in symptoms if m not in triggers and any(t.end <= m.start for t in triggers)]
    return [m for m in symptoms if m not in triggers] if set_off else symptoms


def negated(text: str, start: int) -> bool:
    """Whether the word at `start` is denied (不痛不痒, 没发烧, 无咳嗽, 没有头晕; an item's 无震颤), not
    asked about (有没有幽门螺杆菌)."""
    if text[max(start - 3, 0):start] == "有没有":
        return False
    return text[start - 1:start] in NEGATIONS or text[max(start - 2, 0):start] == "没有"


class EntityLinker:
    def __init__(self, kg: MedicalKG):
        self.kg = kg
        self.lexicon = load_data("lexicon.json")
        self.names = build_names(kg, self.lexicon)
        self.entity_automaton = _automaton(self.names)
        self._build_symptoms()
        self.homophones = Homophones(self.names, self.kg.kind, lambda name: name in self.kg)
        self.diagnosis = re.compile(normalise_pattern(self.lexicon["diagnosis_pattern"]))
        self.straddled = tuple(self.lexicon["straddled_words"])
        self.trigger_acts = tuple(self.lexicon["trigger_acts"])

    def diagnosed(self, text: str, start: int) -> bool:
        """Whether the name at `start` is given as a diagnosis (我有糖尿病, 医生说是痛风)."""
        return bool(self.diagnosis.search(text[:max(start, 0)]))

    def has_had(self, text: str, mention: Mention, entities: Optional[List[Mention]] = None) -> bool:
        """Whether a disease is told as one the patient has had (我有糖尿病, 血糖高好多年, 以前有乙肝,
        高血压冠心病十几年, …有糖尿病和高血脂), not asked about (结膜下出血是怎么回事). `entities`:
        the text's, when the caller has them already."""
        start, end = mention.start, mention.end
        if start < 0:  # an earlier turn's, placed before this text: not told here
            return False
        for other in self.entities(text) if entities is None else entities:  # a run of names told together:
            # 高血压冠心病, 糖尿病和高血脂
            if other.start >= end and text[end:other.start] in ("", "和", "、", "跟", "及"):
                end = other.end
            if other.end <= start and text[other.end:start] in ("", "和", "、", "跟", "及"):
                start = other.start
        return self.diagnosed(text, start) or bool(HAD_FOR_YEARS.match(text[end:])) \
            or bool(HAD_BEFORE.search(text[:max(start, 0)]))

    def entities(self, text: str) -> List[Mention]:
        """Entity mentions in normalised text, leftmost-longest, each with candidates best first."""
        typos = [Mention(typed, start, candidates, False, name) for typed, start, candidates, name in self.homophones.find(text)]
        typos = [m for m in typos if not self._straddles(m, text, guess=True)]  # 挠出血 sounds like 脑出血
        stones = [Mention(m.group(0), m.start(), tuple(self.names[m.group(1) + "结石"]))  # 右肾有个6毫米的结石
                  for m in ORGAN_STONE.finditer(text) if m.group(1) + "结石" in self.names]
        found = _longest_non_overlapping(_matches(self.entity_automaton, text) + typos + stones)
        return [m for m in found if not self._straddles(m, text) and not SIZE_OF.match(text, m.end)]

    def _straddles(self, mention: Mention, text: str, guess: bool = False) -> bool:
        """Whether a name starts or ends inside an everyday word (青海带了: no 海带); a `guess` by sound
        may not hold any of one (挠出血 is no 脑出血)."""
        for word in self.straddled:
            at = text.find(word)
            while at >= 0:
                if at < mention.start < at + len(word) <= mention.end or mention.start <= at < mention.end < at + len(word) \
                        or guess and mention.start < at + len(word) and at < mention.end:
                    return True
                at = text.find(word, at + 1)
        return False

    # ---- symptoms ----
    def _build_symptoms(self) -> None:
        """Symptom words the graph lists for several diseases, plus what patients say for them."""
        lex, index = self.lexicon, self.kg.symptom_index()
        stop = {normalise(w) for w in lex["symptom_stopwords"]}
        indications = self.kg.reverse("适应症")
        counts = Counter({word: len(diseases) for word, diseases in index.items()})
        words = {normalise(w): [w] for w, n in counts.items()
                 if n >= MIN_SYMPTOM_DISEASES and normalise(w) not in stop and len(w) >= MIN_NAME_LEN}
        self.symptom_aliases = frozenset(normalise(a) for a in lex["symptom_aliases"])
        self.entity_aliases = frozenset(normalise(a) for a in lex["entity_aliases"])
        self.colloquial_symptoms: Dict[str, List[str]] = {}  # graph word -> what patients say
        for alias, targets in lex["symptom_aliases"].items():
            known = [w for w in targets if w in index  # 缺钙: 钙缺乏, which only drugs' indications name
                     or len(w) >= MIN_PARTIAL_TERM and any(w in item for item in indications)]
            if known:
                words[normalise(alias)] = known
            for word in known:
                if word != alias:
                    self.colloquial_symptoms.setdefault(word, []).append(alias)
        self.symptom_automaton = _automaton(words)
        self.fillers = sorted((normalise(w) for w in lex["symptom_fillers"]), key=len, reverse=True)

    def symptoms(self, text: str) -> List[Mention]:
        """Described symptoms in normalised text (心慌 -> 心悸), leftmost-longest; filler words
        inside a description are skipped (手脚老发麻), and a graph word that is several described
        symptoms together (头晕乏力) counts as each of them."""
        found = _matches(self.symptom_automaton, text)
        stripped, origin = self._without_fillers(text)
        if stripped != text:
            for m in _matches(self.symptom_automaton, stripped):
                start, end = origin[m.start], origin[m.end - 1] + 1
                found.append(Mention(text[start:end], start, m.candidates))
        chosen = []
        for mention in _longest_non_overlapping(found):
            chosen += _tiling(mention, found) or [mention]
        described = [m for m in chosen if not negated(text, m.start)  # a denied symptom is not described
                     and not self._straddles(m, text)]  # 大脚趾头疼: no 头疼
        return _without_triggers(described, text, self.trigger_acts)

    def _without_fillers(self, text: str) -> Tuple[str, List[int]]:
        """The text without filler words, and each kept character's index in the text."""
        keep, i = [], 0
        while i < len(text):
            filler = next((f for f in self.fillers if text.startswith(f, i)), None)
            if filler:
                i += len(filler)
            else:
                keep.append(i)
                i += 1
        return "".join(text[i] for i in keep), keep
