"""What a user is shown, under hot sampling: only the segment's items, no runaway repetition, never empty."""
import re

import pytest

from kgqa.answer import reply_items, segment_items

QUESTIONS = ["高血压有什么症状？", "糖尿病挂什么科", "胃溃疡要做什么检查", "肺炎是什么原因引起的", "布洛芬能吃吗",
             "高血压能吃豆腐吗", "你好", "胸口剧痛喘不上气"]
RUNAWAY = re.compile(r"(.{1,4})\1{3,}")  # the same 1-4 characters four times in a row


@pytest.mark.parametrize("question", QUESTIONS)
def test_sampled_answers_stay_inside_the_segment(bot, question):
    plan = bot.plan(question, [])
    allowed = set(segment_items(plan.segment))
    for seed in range(12):  # far hotter than chat's defaults, so the model's words do go astray
        answer = bot.answer(question, [], seed=seed, temperature=1.8, top_k=0, top_p=1.0)
        assert answer.text.strip()
        assert set(reply_items(answer.text)) <= allowed, (seed, answer.text, plan.segment)
        assert not RUNAWAY.search(answer.text), (seed, answer.text)
