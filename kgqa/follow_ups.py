"""Follow-ups that name nothing after a reply that listed diseases for described symptoms:
嗓子疼 发烧 这是什么病 | 会传染吗 is about those symptoms, not a disease told turns before, and
我妈有高血压 手一直哆嗦 这是什么毛病 | 挂什么科 asks where the listed diseases are seen.
"""
from typing import Callable, List, Optional, Sequence

from kgqa.answer import Plan
from kgqa.context import EarlierTurns, conversation, shifted
from kgqa.linker import EntityLinker, Mention
from kgqa.symptom_search import SymptomSearch
from kgqa.text import normalise


class FollowUps:
    def __init__(self, linker: EntityLinker, earlier: EarlierTurns, symptoms: SymptomSearch,
                 plan: Callable[[str, Sequence[str]], Plan]):
        self.linker, self.earlier, self.symptoms = linker, earlier, symptoms
        self.plan = plan  # the planner's: what the last turn was answered with

    def on_listed_symptoms(self, asked: List[str], text: str, earlier_questions: Sequence[str]) -> Optional[Plan]:
        """嗓子疼 发烧 这是什么病 | 会传染吗: what the graph holds for the symptoms the last reply listed
        diseases for, if it did."""
        carried = self.described_before(earlier_questions) if asked else []
        return self.symptoms.plan(asked[0], carried, conversation(earlier_questions, text),
                                  self.earlier.had(earlier_questions)) if carried else None

    def listed_before(self, earlier_questions: Sequence[str]) -> List[Mention]:
        """The described symptoms the last turn's reply listed possible diseases for, if it did
        beside a disease the patient has (which a follow-up would otherwise be about)."""
        if not earlier_questions or not self.earlier.had(earlier_questions[-1:]):
            return []
        return self.described_before(earlier_questions)

    def named_further_back(self, earlier_questions: Sequence[str]) -> bool:
        """Whether a turn before the last one names an entity (the last one naming none)."""
        return len(earlier_questions) >= 2 and not self.linker.entities(normalise(earlier_questions[-1])) \
            and any(self.linker.entities(normalise(q)) for q in earlier_questions[:-1])

    def described_before(self, earlier_questions: Sequence[str]) -> List[Mention]:
        """The described symptoms the last turn's reply listed diseases or drugs for, if it did."""
        if not earlier_questions:
            return []
        previous = self.plan(earlier_questions[-1], earlier_questions[:-1])
        if previous.kind != "reverse":
            return []
        told = normalise(earlier_questions[-1])
        listed = previous.source["entity"].split("、")
        return [shifted(m, -len(told)) for m in self.linker.symptoms(told) if m.candidates[0] in listed]
