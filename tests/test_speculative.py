"""Speculative decoding by prompt lookup: the guesses, and replies identical to step-by-step ones."""
import dataclasses

import pytest

from flask_predict import BatchingPredictor
from generation import DecodingBatch, decode
from prompt_lookup import PromptLookup
from sampling import SamplingSettings


def test_lookup_drafts_what_followed_the_latest_earlier_match():
    lookup = PromptLookup([5, 1, 2, 3, 9, 1, 2, 4, 8, 1, 2])
    assert lookup.draft(3) == [4, 8, 1]  # the latest earlier (1, 2) was followed by 4, 8, 1
    lookup.extend([3])  # the tail (1, 2, 3) matches a trigram, which wins over (2, 3) and (3,)
    assert lookup.draft(2) == [9, 1]
    assert lookup.draft(0) == []
    assert PromptLookup([1, 2, 3]).draft(4) == []  # the tail's only occurrence is itself
    assert PromptLookup([7, 7, 7]).draft(4) == [7]  # a repeat runs up to the end of what is known


def replies(bot, speculate, settings, prompts, seed=None, new_tokens=48, ignore_stop=False):
    out = []
    for prompt in prompts:
        tokens = decode(bot.engine, [prompt], bot.sampler(settings, seed), new_tokens, bot.tokenizer.sep_token_id,
                        bot.tokenizer.pad_token_id, ignore_stop, speculate=speculate)
        out.append([int(t[0]) for t in tokens])
    return out


@pytest.mark.parametrize("settings", [SamplingSettings(top_k=1), SamplingSettings(top_k=1, repetition_penalty=1.3),
                                      SamplingSettings(temperature=0.9, top_k=5, top_p=0.95)],
                         ids=["greedy", "greedy-penalty", "sampled"])
def test_speculative_replies_equal_step_by_step_ones(bot, monkeypatch, settings):
    """Same tokens, same stops, same lengths; sampling draws once per kept token, so a seeded
    reply is the same too. And the guesses are really used: fewer passes than tokens."""
    prompts = [bot.build_prompt(q, [], 48) for q in ("糖尿病有什么症状？", "肺炎挂什么科？", "它怎么治疗？")]
    passes = {"verify": 0, "kept": 0}
    verify = DecodingBatch.verify

    def counted(self, draft):
        tokens = verify(self, draft)
        passes["verify"] += 1
        passes["kept"] += len(tokens)
        return tokens
    monkeypatch.setattr(DecodingBatch, "verify", counted)
    for ignore_stop in (False, True):
        before = passes["verify"]
        plain = replies(bot, 0, settings, prompts, seed=3, ignore_stop=ignore_stop)
        assert passes["verify"] == before  # speculate=0: plain steps only
        fast = replies(bot, 6, settings, prompts, seed=3, ignore_stop=ignore_stop)
        assert fast == plain
        assert all(len(r) == 48 for r in fast) if ignore_stop else all(r[-1] == bot.tokenizer.sep_token_id for r in fast)
    assert passes["kept"] > passes["verify"] > 0  # some passes kept several tokens


def test_speculation_stays_within_max_new_tokens_and_columns(bot):
    prompt = bot.build_prompt("糖尿病有什么症状？", [], 48)
    for new_tokens in (1, 2, 7):
        assert len(replies(bot, 8, SamplingSettings(top_k=1), [prompt], new_tokens=new_tokens,
                           ignore_stop=True)[0]) == new_tokens
    room = bot.n_positions - len(prompt)  # the cache holds exactly prompt + reply
    assert len(replies(bot, 8, SamplingSettings(top_k=1), [prompt], new_tokens=room, ignore_stop=True)[0]) == room


def test_server_request_alone_speculates_and_answers_as_chat_does(bot, monkeypatch):
    config = dataclasses.replace(bot.config, top_k=1)
    greedy_bot = type(bot)(bot.model, bot.tokenizer, config, bot.planner)
    calls = []
    verify = DecodingBatch.verify
    monkeypatch.setattr(DecodingBatch, "verify", lambda self, draft: calls.append(draft) or verify(self, draft))
    predictor = BatchingPredictor(greedy_bot)
    try:
        for question in ("糖尿病有什么症状？", "肺炎挂什么科？"):
            assert predictor.answer(question, []).text == greedy_bot.answer(question, []).text
    finally:
        predictor.close()
    assert calls


def test_int8_weights_speculate_too(bot):
    """With int8 weights a pass's activations share one quantization scale, so a speculative
    pass's logits differ slightly from one-token steps' (as batched rows' do); replies that copy
    the graph stay the same, and lengths and stops are kept."""
    int8 = type(bot)(bot.model, bot.tokenizer, dataclasses.replace(bot.config, quantize="int8"), bot.planner)
    prompts = [int8.build_prompt(q, [], 48) for q in ("糖尿病有什么症状？", "肺炎挂什么科？")]
    assert replies(int8, 6, SamplingSettings(top_k=1), prompts) == replies(int8, 0, SamplingSettings(top_k=1), prompts)
    assert all(len(r) == 20 for r in replies(int8, 6, SamplingSettings(top_k=1), prompts, new_tokens=20, ignore_stop=True))
