"""Phrasings and rankings found by dev sets 104 and later, and by patient probes: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa.graph import MedicalKG
from kgqa_helpers import plan


def test_a_drugs_side_effect_counts_less_than_its_indication():
    """Hundreds of drugs list 癫痫发作 among their side effects; that made it the most common cause
    of 手脚发麻. Being named as a harm counts a quarter of being named as what a drug treats."""
    harms = {f"药{i}": {"不良反应": ["癫痫发作"]} for i in range(8)}
    treats = {f"片{i}": {"适应症": ["颈椎病"]} for i in range(3)}
    kg = MedicalKG({**harms, **treats})
    assert kg.times_named("癫痫发作") == 2
    assert kg.times_named("颈椎病") == 3


def test_a_common_disease_comes_before_a_drugs_harm(planner):
    """dev16: 口干 and 多尿 listed 间质性肾炎 (a side effect of many drugs) before 糖尿病."""
    reply = plan(planner, "最近老是口干 半夜起来好几次喝水 尿也特别多 是什么病")
    assert reply.kind == "reverse" and reply_items(reply.reply)[0] == "糖尿病", reply.reply
