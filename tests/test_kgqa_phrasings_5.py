"""Phrasings found by dev sets 51 and later, and by asking as a patient: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa_helpers import plan


def test_a_partner_drug_named_without_its_salt_or_prefix(planner):
    """dev42: 倍他乐克 + 左洛复 (盐酸舍曲林片) and 代文 + 络活喜 (苯磺酸氨氯地平片) declined; the items
    name the partner as 舍曲林 and 氨氯地平."""
    sertraline = plan(planner, "精神科给开了左洛复 这俩一块吃有没有冲突", ["我冠心病好几年了 一直吃倍他乐克"])
    assert sertraline.source["type"] == "interaction" and reply_items(sertraline.reply) == ["舍曲林"]
    amlodipine = plan(planner, "代文跟络活喜一起吃可以吗 医生让我俩都吃")
    assert amlodipine.source["type"] == "interaction" and reply_items(amlodipine.reply) == ["氨氯地平"]


def test_who_are_you_says_what_the_bot_can_do(planner):
    """The stop-hook probe: 你是谁，能做什么 got the identity reply, which did not say what the bot does."""
    identity = plan(planner, "你是谁，能做什么")
    assert identity.source["type"] == "identity"
    assert all(word in identity.reply for word in ("CMeKG", "症状", "不良反应", "科室"))
