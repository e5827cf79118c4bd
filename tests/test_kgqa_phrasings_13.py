"""Phrasings and rankings found by dev sets 109 and later, and by this session's patient probes."""
from kgqa.answer import reply_items
from kgqa.graph import MedicalKG
from kgqa.reverse import typical_harms_first
from kgqa_helpers import plan


def test_side_effects_typical_of_the_drugs_class_come_first():
    """A patient probe: 氨氯地平有什么副作用 listed 不适；丘疹；乏力；乳房增大；人格解体, the graph's
    character order. What most drugs of its class list, and others seldom do, comes first."""
    blockers = {f"地平{i}": {"分类": ["钙拮抗药"], "不良反应": ["水肿", "头痛"]} for i in range(3)}
    others = {f"沙星{i}": {"分类": ["抗菌药"], "不良反应": ["不适", "恶心", "头痛"]} for i in range(6)}
    kg = MedicalKG({**blockers, **others,
                    "氨氯地平片": {"分类": ["钙拮抗药"], "不良反应": ["ALT升高", "不适", "人格解体", "头痛", "水肿"]}})
    assert typical_harms_first(kg, "氨氯地平片", kg.items("氨氯地平片", "不良反应")) \
        == ["水肿", "头痛", "不适", "人格解体", "ALT升高"]


def test_amlodipines_side_effects_are_those_patients_hear_of(planner):
    reply = plan(planner, "氨氯地平有什么副作用")
    items = reply_items(reply.reply)
    assert reply.source["type"] == "side_effect" and {"水肿", "头痛"} <= set(items), reply.reply
    assert "人格解体" not in items


def test_a_class_of_drugs_asks_for_the_name_on_the_box(planner):
    """A patient probe: 他汀有什么副作用 and 降压药有什么副作用 got the bare 没有找到相关信息; the graph
    holds products, each with its own leaflet. The reply names the class it understood."""
    for question, word in (("他汀有什么副作用", "他汀"), ("降压药有什么副作用", "降压药"), ("头孢能治什么", "头孢")):
        result = plan(planner, question)
        assert result.kind == "not_found" and result.source["drug_class"] == word, question
        assert f"“{word}”是一类药" in result.reply
    assert plan(planner, "阿托伐他汀有什么副作用").source.get("entity", "").startswith("阿托伐他汀")
    assert "drug_class" not in plan(planner, "降压药有哪些").source  # 高血压's drugs
