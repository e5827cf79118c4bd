"""Which of a mention's entities a question means, and whether it is about a child.

A name stands for several entities (布洛芬: its tablets, granules, suspension; 心衰: 心力衰竭 and
慢性心力衰竭); the words around it pick among them: a qualifier before it (慢性), a drug form after
it (乳膏), a verb of swallowing (吃异维A酸: not the gel), a child (孩子 before it: 小儿腹泻).
"""
from functools import lru_cache
from typing import Callable, List, Tuple

from kgqa.graph import MedicalKG, load_data
from kgqa.linker import Mention
from kgqa.text import normalise

QUALIFIERS = ("慢性", "急性")  # written before a colloquial name, they pick the graph's qualified entity
CHILD_PREFIXES = ("小儿", "婴儿")  # a child's entity: 小儿腹泻, 婴儿湿疹 (新生儿 only by name: 新生儿乙型肝炎 is no
# child's hepatitis B)
PREGNANCY_PREFIXES = ("孕期", "妊娠合并", "妊娠期")  # a pregnant woman's entity: 孕期痔疮, 妊娠合并哮喘


@lru_cache(maxsize=1)
def _child_words() -> Tuple[Tuple[str, ...], Tuple[str, ...]]:
    """The lexicon's words that name a child, and those that say the patient is an adult after all."""
    lexicon = load_data("lexicon.json")
    return tuple(map(normalise, lexicon["child_words"])), tuple(map(normalise, lexicon["adult_context"]))


def about_a_child(text: str, before: int = -1) -> bool:
    """Whether the text is about a child: a child word (before `before`, if given), and nothing saying
    the patient is an adult (怀孩子的时候发烧, 生了孩子后, 我儿子的同学)."""
    child, adult = _child_words()
    end = len(text) if before < 0 else before
    return not any(w in text for w in adult) and any(0 <= text.find(w) < end for w in child)


class CandidateOrder:
    def __init__(self, kg: MedicalKG, pregnant: Callable[[str], bool]):
        self.kg, self.pregnant = kg, pregnant  # whether a text says the patient is pregnant (not nursing)
        lex = load_data("lexicon.json")
        self.forms = tuple(sorted(lex["drug_forms"], key=len, reverse=True))
        self.spoken_forms = dict(sorted(lex["spoken_forms"].items(), key=lambda kv: -len(kv[0])))
        self.by_mouth, self.not_swallowed = lex["taken_by_mouth"]["verbs"], tuple(lex["taken_by_mouth"]["not_swallowed"])

    @staticmethod
    def about_a_child(mention: Mention, text: str, anywhere: bool = False) -> bool:
        """Whether the mention is a child's: a child word comes before it (or `anywhere`: 布洛芬 小孩能吃吗)."""
        return about_a_child(text, -1 if anywhere else max(mention.start, 0))

    def order(self, mention: Mention, text: str) -> List[str]:
        """The mention's candidates; 慢性/急性 before the name puts the qualified entity first; a drug
        form after it (乳膏) puts products of that form first; for a child (孩子/宝宝 before it) the
        小儿 form comes first when the graph has it, last when the child is named after it."""
        candidates = list(mention.candidates)
        qualifier = text[mention.start - 2:mention.start] if mention.start >= 2 else ""
        if qualifier in QUALIFIERS:  # 慢性心衰: 慢性心力衰竭 before 心力衰竭
            candidates.sort(key=lambda c: not c.startswith(qualifier))
        form = next((f for f in self.forms if text.startswith(f, max(mention.end, 0))), None) \
            or next((f for w, f in self.spoken_forms.items() if text.startswith(w, max(mention.end, 0))), None)
        if form and mention.end > 0:  # 阿昔洛韦乳膏 typed as 阿昔洛伟乳膏: the cream before the tablets;
            candidates.sort(key=lambda c: not c.endswith(form))  # 玻璃酸钠眼药水: the eye drops
        elif mention.start > 0 and any(text[max(0, mention.start - 2):mention.start].endswith(v) for v in self.by_mouth):
            candidates.sort(key=lambda c: c.endswith(self.not_swallowed))  # 吃异维A酸: not the gel
        if self.about_a_child(mention, text):
            children = self.child_forms(mention)
            candidates = children + [c for c in candidates if c not in children]
        elif self.about_a_child(mention, text, anywhere=True):  # 支原体肺炎有什么症状 孩子咳了一个礼拜:
            candidates += [c for c in self.child_forms(mention) if c not in candidates]  # when it lacks them
        if self.pregnant(text) and not any(w in c for c in candidates for w in PREGNANCY_PREFIXES):
            forms = self.forms_of(mention, PREGNANCY_PREFIXES)  # 怀孕后长痔疮了: 孕期痔疮 first
            candidates = forms + [c for c in candidates if c not in forms]
        return candidates

    def child_forms(self, mention: Mention) -> List[str]:
        """The graph's 小儿 entities of the mention's names (腹泻 -> 小儿腹泻, 厌食症 -> 小儿厌食), or those
        of babies (湿疹 -> 婴儿湿疹)."""
        return self.forms_of(mention, CHILD_PREFIXES)

    def forms_of(self, mention: Mention, prefixes: Tuple[str, ...]) -> List[str]:
        """The graph's entities of the mention's names after one of the prefixes."""
        names = [mention.text] + list(mention.candidates) + [c[:-1] for c in mention.candidates if c.endswith(("病", "症"))]
        return list(dict.fromkeys(p + c for p in prefixes for c in names if p + c in self.kg))
