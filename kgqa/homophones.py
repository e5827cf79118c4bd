"""Homophone typos: names typed with other characters of the same sound (布洛分 -> 布洛芬).

Pinyin input methods make these the commonest typos patients make. What is matched, and why:
- disease names, curated aliases and generic drug names of three syllables up, on sound alone;
- short brands (波立维) only with one character wrong (波利维) in a question about a medicine,
  never everyday words that sound like one (可以停 is no 克易停, 恢复得挺好 no 惠复得); products'
  long full names nobody types;
- sounds that many speakers merge count as one (zh/z, ch/c, sh/s, -ng/-n: 帕金深 -> 帕金森), but
  then only one character may be wrong (医生解释 sounds like 生解释, 肾结石).
Two-syllable names are never matched on sound: with one character right or not, too many
everyday words sound like one (腰上/腰疝, 早餐/早产, 老是/老视, 中度/中毒).
"""
from typing import Callable, Dict, List, Sequence, Tuple

import ahocorasick

MIN_SYLLABLES = 3  # two-syllable homophones are too common to trust
MAX_PRODUCT_LEN = 5  # products this short are brands patients type (波立维, 藿香正气水), longer ones nobody types
FUNCTION_CHARS = frozenset("是的了吗呢啊吧呀有会能要和在就都也还又哪那些么怎什时不")  # a match never ends on one
DRUG_CUES = ("药", "吃", "喝", "服", "用", "停", "片", "针", "副作用", "不良反应", "几次", "开了", "治什么", "治啥",
             "干什么的", "干嘛的", "隔几", "剂量", "用量", "喂")  # a brand's typo needs one
MERGED_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))
MERGED_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


def _merged(syllable: str) -> str:
    for full, merged in MERGED_INITIALS:
        if syllable.startswith(full):
            syllable = merged + syllable[len(full):]
            break
    for full, merged in MERGED_FINALS:
        if syllable.endswith(full):
            return syllable[:-len(full)] + merged
    return syllable


READINGS = {"椎": "zhui"}  # medical names' reading of characters pypinyin reads otherwise (颈椎病: jing chui bing)


def sound(text: str, merge: bool = True) -> List[str]:
    """One syllable per character, merged sounds as one ("?" for what has no pinyin)."""
    from pypinyin import lazy_pinyin
    syllables = lazy_pinyin(text, errors=lambda chars: ["?"] * len(chars))
    if len(syllables) != len(text):
        return []
    syllables = [READINGS.get(char, syllable) for char, syllable in zip(text, syllables)]
    return [_merged(s) for s in syllables] if merge else syllables


def _differing(typed: str, name: str) -> int:
    return sum(a != b for a, b in zip(typed, name))


class Homophones:
    def __init__(self, names: Dict[str, Sequence[str]], kind: Callable[[str], str], in_graph: Callable[[str], bool]):
        """`names`: name -> candidate entities (the linker's); `kind` of an entity; `in_graph`:
        whether a name is an entity's own (a product) rather than a generic or an alias."""
        self.spelled: Dict[str, List[Tuple[str, bool, List[str], Tuple[str, ...]]]] = {}  # sound key -> the
        # names of that sound (华法林, 华法令), each with whether it is a short product, its unmerged
        # syllables and its candidates
        self.automaton = ahocorasick.Automaton()
        for name, candidates in names.items():
            entity_kind = kind(candidates[0])
            product = entity_kind == "drug" and in_graph(name) and len(name) <= MAX_PRODUCT_LEN
            generic = entity_kind == "drug" and not in_graph(name)
            if not (entity_kind == "disease" or generic or product) or len(name) < MIN_SYLLABLES \
                    or not all("\u4e00" <= c <= "\u9fff" for c in name):
                continue
            syllables = sound(name, merge=False)
            key = " " + " ".join(map(_merged, syllables)) + " "
            if key not in self.spelled:
                self.automaton.add_word(key, key)
            self.spelled.setdefault(key, []).append((name, product, syllables, tuple(candidates)))
        if self.spelled:
            self.automaton.make_automaton()

    def find(self, text: str) -> List[Tuple[str, int, Tuple[str, ...], str]]:
        """(typed text, start, candidates, the name) for each name the text sounds like."""
        syllables = sound(text)
        if not syllables or not self.spelled:
            return []
        key = " " + " ".join(syllables) + " "
        found, about_medicine = [], any(cue in text for cue in DRUG_CUES)
        for end, name_key in self.automaton.iter(key):
            start = key[:end - len(name_key) + 2].count(" ") - 1  # syllables before the match
            n = name_key.strip().count(" ") + 1
            typed = text[start:start + n]
            if text[start + n - 1] in FUNCTION_CHARS:  # 痛风是 is 痛风 + 是, not 痛风石
                continue
            match = next(((name, candidates) for name, product, name_syllables, candidates in self.spelled[name_key]
                          if self._typo_of(typed, name, product, name_syllables, about_medicine)), None)
            if match:  # 华发林 is 华法林, though 华法令 sounds the same too
                found.append((typed, start, match[1], match[0]))
        return found

    @staticmethod
    def _typo_of(typed: str, name: str, product: bool, name_syllables: List[str], about_medicine: bool) -> bool:
        """Whether `typed`, of the same sound, is a typo of `name`: 波利维, 帕金深; not 可以停 (克易停) or 医生解释
        (肾结石); an exact name is matched anyway."""
        wrong = _differing(typed, name)
        loose = product or sound(typed, merge=False) != name_syllables
        return not (loose and wrong > 1 or product and wrong and not about_medicine)
