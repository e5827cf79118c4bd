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


def test_which_department_after_possible_diseases_beside_a_told_one(planner):
    """Left from the last session: 我妈有高血压 手一直哆嗦…这是什么毛病 | 挂什么科 gave 高血压's department
    (the disease she has), not where the listed diseases of the tremor are seen."""
    earlier = ["我妈有高血压 最近手一直哆嗦 拿筷子都抖 这是什么毛病"]
    assert plan(planner, earlier[0]).kind == "reverse"
    department = plan(planner, "挂什么科", earlier)
    assert department.source["entity"] == "震颤" and "就诊科室" in department.source["relations"]
    assert plan(planner, "挂什么科", ["我妈有高血压好多年了"]).source["entity"] == "高血压"  # told only: still hers
