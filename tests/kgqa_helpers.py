"""What the kgqa tests share: the planner's plan for a question, checked against its own segment."""
from kgqa.answer import named_not_found_reply, realise
from kgqa.text import normalise


def candidates(planner, text):
    return [c for m in planner.linker.entities(normalise(text)) for c in m.candidates]


def plan(planner, question, earlier=()):
    result = planner.plan(question, list(earlier))
    named = result.kind == "not_found" and named_not_found_reply(result.source)  # names what was not found
    assert result.reply == (named or realise(result.segment))
    return result


def assert_emergencies(planner, stories, earlier=()):
    """Each story, told after the earlier turns, gets the emergency reply."""
    for story in stories:
        assert plan(planner, story, earlier).kind == "emergency", story
