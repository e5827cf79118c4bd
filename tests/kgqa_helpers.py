"""What the kgqa tests share: the planner's plan for a question, checked against its own segment."""
from kgqa.answer import realise
from kgqa.text import normalise


def candidates(planner, text):
    return [c for m in planner.linker.entities(normalise(text)) for c in m.candidates]


def plan(planner, question, earlier=()):
    result = planner.plan(question, list(earlier))
    assert result.reply == realise(result.segment)
    return result
