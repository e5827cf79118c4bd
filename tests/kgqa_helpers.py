"""What the kgqa tests share: the planner's plan for a question, checked against its own segment."""
from kgqa.answer import realise, unknown_reply
from kgqa.text import normalise


def candidates(planner, text):
    return [c for m in planner.linker.entities(normalise(text)) for c in m.candidates]


def plan(planner, question, earlier=()):
    result = planner.plan(question, list(earlier))
    named = result.kind == "not_found" and result.source.get("unknown")  # the reply names what was not found
    assert result.reply == (unknown_reply(result.source["unknown"]) if named else realise(result.segment))
    return result


def assert_emergencies(planner, stories, earlier=()):
    """Each story, told after the earlier turns, gets the emergency reply."""
    for story in stories:
        assert plan(planner, story, earlier).kind == "emergency", story
