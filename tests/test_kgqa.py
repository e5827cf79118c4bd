"""Question understanding over the whole graph: linking, classification, planning, reply checks."""
import pytest

from kgqa.answer import checked_reply, realise, reply_items, segment_items
from kgqa.graph import SYMPTOM_RELATIONS
from kgqa.planner import AnswerPlanner
from kgqa.text import normalise


@pytest.fixture(scope="session")
def planner(full_kg):
    return AnswerPlanner(full_kg)


def candidates(planner, text):
    return [c for m in planner.linker.entities(normalise(text)) for c in m.candidates]


def test_linking_as_patients_write(planner, full_kg):
    assert "慢性乙型肝炎" in candidates(planner, "乙肝")  # colloquial name
    assert candidates(planner, "血压高")[0] == "高血压"
    assert all(c.startswith(("布洛芬", "盐酸布洛芬")) for c in candidates(planner, "布洛芬"))  # generic name -> products
    assert candidates(planner, "帕金森")[0] == "帕金森病"  # short disease name
    assert candidates(planner, "糖尿并有什么症状")[0] == "糖尿病"  # homophone typo, by pinyin
    assert candidates(planner, "寻麻疹吃什么药")[0] == "荨麻疹"  # the longer pinyin match beats 麻疹
    assert candidates(planner, "咳嗽")[:1] != ["咳嗽糖浆"]  # a symptom word is not a drug's generic name
    assert [m.candidates[0] for m in planner.linker.symptoms("晚上睡不着还心慌")] == ["失眠", "心悸"]
    assert "多潘立酮分散片" in candidates(planner, "多潘立酮")  # a product with no Latin name, of a Latin-named generic


@pytest.mark.parametrize("herb_or_effect", ["黄芪", "灵芝", "降压"])
def test_herbs_and_effects_are_not_generic_drug_names(planner, full_kg, herb_or_effect):
    """黄芪注射液's indications are not the herb's effects; 降压颗粒 does not make 降压 a drug name."""
    assert any(d.startswith(herb_or_effect) for d in full_kg.entities())
    assert candidates(planner, herb_or_effect) == []


@pytest.mark.parametrize("question, expected", [
    ("感冒了吃什么药", "drug"), ("高血压能吃豆腐吗", "diet"), ("高血压有什么症状？", "symptom"),
    ("糖尿病挂什么科", "department"), ("乙肝是通过什么途径传染的", "transmission"), ("胃病哪家医院好", "hospital"),
    ("我平时也不喝酒，脂肪肝是什么原因引起的", "symptom_to_disease"),  # a topic word (喝酒) does not outrank the question
])
def test_classifier(planner, question, expected):
    assert planner.classifier.classify(normalise(question))[0] == expected


def test_type_is_read_for_the_entity_kind(planner):
    assert planner.plan("脂肪肝是什么原因引起的？我平时也不喝酒").source["type"] == "cause"  # a disease: its causes
    assert planner.plan("布洛芬能吃吗").source["type"] == "indication"  # a drug: what it is for


def plan(planner, question, earlier=()):
    result = planner.plan(question, list(earlier))
    assert result.reply == realise(result.segment)
    return result


def test_forward_answers_are_graph_items(planner, full_kg):
    result = plan(planner, "布洛芬有什么副作用")
    entity = result.source["entity"]
    assert result.kind == "answer" and entity.startswith("布洛芬") and result.source["relations"] == ["不良反应"]
    assert reply_items(result.reply) and set(reply_items(result.reply)) <= {i.lower() for i in full_kg.items(entity, "不良反应")}
    assert result.reply.startswith(f"{entity}的不良反应：")  # says what it understood


def test_heading_only_relations_answer_nothing(planner, full_kg):
    assert full_kg.graph["慢性乙型肝炎"]["治疗"] == ["治疗原则", "用药原则"] and not full_kg.items("慢性乙型肝炎", "治疗")
    result = plan(planner, "乙肝怎么治疗")
    assert result.kind == "answer" and not set(reply_items(result.reply)) & {"治疗原则", "用药原则"}


def test_declines_are_specific(planner):
    result = plan(planner, "高血压能吃豆腐吗")
    assert result.kind == "decline" and not reply_items(result.reply)
    assert "高血压" in result.reply and "饮食" in result.reply and "心血管内科" in result.reply
    assert plan(planner, "看胃病哪家医院好").kind == "decline"
    unknown = plan(planner, "阿莫西林一天吃几次")  # no 阿莫西林 product has 用法用量
    assert unknown.kind == "decline" and "用法用量" in unknown.reply


def test_reverse_lookups(planner, full_kg):
    result = plan(planner, "晚上睡不着，心慌，是什么病")
    assert result.kind == "reverse" and result.source["type"] == "symptom_to_disease"
    for disease in reply_items(result.reply):
        words = [w for rel in SYMPTOM_RELATIONS for w in full_kg.graph[next(e for e in full_kg.graph if e.lower() == disease)].get(rel, [])]
        assert any("失眠" in w or "心悸" in w for w in words)
    drugs = plan(planner, "头痛吃什么药")
    assert drugs.kind == "reverse" and all(full_kg.kind(d) == "drug" for d in segment_items(drugs.segment) if d in full_kg)


def test_pregnancy_focus_keeps_only_items_about_it(planner):
    result = plan(planner, "怀孕了能吃布洛芬吗")
    items = reply_items(result.reply)
    assert result.kind == "decline" or (items and all("孕" in i or "妊娠" in i for i in items))


def test_follow_ups_and_new_subjects(planner):
    follow = plan(planner, "那要怎么治疗", ["肺结核会传染吗"])
    assert follow.source.get("entity") in ("肺结核", "结核病")
    drug = plan(planner, "布洛芬有什么副作用", ["高血压有什么症状"])
    assert drug.source["entity"].startswith("布洛芬")  # a named drug never falls back to the earlier disease
    symptoms = plan(planner, "手脚发麻是怎么回事", ["高血压有什么症状"])
    assert symptoms.kind == "reverse"


def test_special_turns(planner):
    assert plan(planner, "胸口剧痛，喘不过气来，怎么办").kind == "emergency"
    assert "120" in plan(planner, "我爸突然晕倒了").reply
    assert plan(planner, "你好").kind == "chat" and plan(planner, "谢谢医生").kind == "chat"
    assert plan(planner, "今天天气怎么样").kind == "not_found"
    assert plan(planner, "asdfgh").kind == "not_found"  # no short Latin abbreviation inside typed letters
    assert plan(planner, "肠内营养乳剂（TPF）能运动吗").source["type"] != "diet"  # 营养 inside a name is no keyword


def test_checked_reply_keeps_graph_items_only():
    segment = "高血压|常见症状:乏力；剧烈头痛；呕吐"
    expected = realise(segment)
    assert expected == "高血压的常见症状：乏力；剧烈头痛；呕吐。"
    assert checked_reply(expected.lower(), segment) == (expected, True)  # the graph's case comes back
    assert checked_reply("高血压的常见症状：乏力；呕吐。", segment) == ("高血压的常见症状：乏力；呕吐。", True)
    assert checked_reply("高血压的常见症状：乏力；心梗。", segment) == (expected, False)  # not in the graph
    symptoms = "尿频、尿急、尿痛|可能疾病:膀胱炎；尿道炎"
    assert checked_reply("尿频、尿痛的可能疾病：膀胱炎。", symptoms) == (realise(symptoms), False)  # a symptom dropped
    assert checked_reply("", segment) == (expected, False)
    assert checked_reply("病病病病病病", segment) == (expected, False)
    decline = "高血压|未收录:饮食宜忌|就诊科室:心血管内科"
    assert checked_reply("高血压的常见症状：乏力。", decline)[1] is False  # facts where a decline belongs
