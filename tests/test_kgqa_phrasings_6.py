"""Phrasings found by dev sets 57 and later, and by asking as a patient: each test names where it came from."""
from kgqa_helpers import plan


def test_described_symptoms_then_is_it_a_disease_is_a_doctors_call(planner):
    """The stop-hook probe: 口干多尿 是不是糖尿病 got 糖尿病的常见症状：多尿, which reads as a yes; only
    a doctor (a blood-sugar test) can tell. A question asked of the name still gets its answer."""
    feared = plan(planner, "口干多尿 是不是糖尿病")
    assert feared.kind == "decline" and feared.source["type"] == "personal" and "内分泌科" in feared.reply
    assert plan(planner, "我手老抖 是不是帕金森啊").source["type"] == "personal"
    asked = plan(planner, "是不是帕金森啊 帕金森有什么症状")
    assert asked.kind == "answer" and asked.source["type"] == "symptom"


def test_obstetric_emergencies_told_in_patients_words(planner):
    """dev57: bleeding with a hardening belly at 33 weeks, and the cord slipping out after the
    waters broke, got the not-found reply."""
    for story in ("孕33周 半小时前肚子突然一阵阵发硬 疼得厉害 下面一直在流血 裤子都湿透了 老公还在路上",
                  "孕38周在家 羊水突然破了 然后感觉下面有东西滑出来 摸着像根软软的带子 还一跳一跳的"):
        assert plan(planner, story).kind == "emergency", story
