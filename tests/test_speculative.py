"""Speculative decoding by prompt lookup: the guesses, and replies identical to step-by-step ones."""
import dataclasses
from concurrent.futures import ThreadPoolExecutor

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
    phrased = PromptLookup([5, 1], known=[1, 6, 7, 0, 1, 8])  # wording replies use, guessed from too
    assert phrased.draft(2) == [8, 5]  # (the latest earlier 1 was followed by 8, then the sequence began)
    phrased.extend([6])
    assert phrased.draft(2) == [7, 0]  # the known (1, 6) ran on with 7
    again = PromptLookup([5, 1], known=[1, 6, 7, 0, 1, 8])  # the known tokens' index is shared, not the
    assert again.draft(2) == [8, 5] and again.tokens == [1, 6, 7, 0, 1, 8, 5, 1]  # sequence's own tokens


def test_declines_speculate_from_the_reply_wording(bot, monkeypatch):
    """A decline copies nothing from its prompt, but its wording (抱歉，知识库中没有…) is known:
    guessing from it too takes fewer passes, and the reply is the same."""
    passes = []
    for name in ("step", "verify"):
        method = getattr(DecodingBatch, name)
        monkeypatch.setattr(DecodingBatch, name, lambda self, *a, _m=method: passes.append(1) or _m(self, *a))
    greedy = dataclasses.replace(bot.config, top_k=1)
    plain = type(bot)(bot.model, bot.tokenizer, dataclasses.replace(greedy, speculative_tokens=0), bot.planner)
    question = "看胃病哪家医院好"
    expected = plain.reply(question)
    counts = []
    for phrases in (True, False):
        fast = type(bot)(bot.model, bot.tokenizer, greedy, bot.planner)
        fast.phrase_ids = fast.phrase_ids if phrases else []
        passes.clear()
        assert fast.reply(question) == expected
        counts.append(len(passes))
    assert counts[0] < counts[1], counts


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

    def counted(self, drafts, prompts=()):
        picks = verify(self, drafts, prompts)
        passes["verify"] += 1
        passes["kept"] += sum(map(len, picks))
        return picks
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
    monkeypatch.setattr(DecodingBatch, "verify", lambda self, drafts, prompts=(): calls.append(drafts) or verify(self, drafts, prompts))
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


def batched(bot, speculate, settings, prompts, copies, seed=None, new_tokens=40, ignore_stop=False):
    """Each sequence's tokens, up to and including its stop, from one batched decode."""
    columns = [t.tolist() for t in decode(bot.engine, prompts, bot.sampler(settings, seed), new_tokens,
                                          bot.tokenizer.sep_token_id, bot.tokenizer.pad_token_id, ignore_stop,
                                          copies, speculate=speculate)]
    rows = [[column[row] for column in columns] for row in range(len(prompts) * copies)]
    sep = bot.tokenizer.sep_token_id
    return [row[:row.index(sep) + 1] if sep in row and not ignore_stop else row for row in rows]


def test_rows_decoding_together_speculate_and_keep_different_numbers_of_tokens(bot, monkeypatch):
    """Candidates and several prompts in one batch: each row checks its own guess and keeps
    what agrees with it, so rows advance by different numbers of tokens per pass; greedy
    replies are still exactly the step-by-step ones, and stops and lengths hold."""
    prompts = [bot.build_prompt(q, [], 40) for q in ("糖尿病有什么症状？", "肺炎挂什么科？")]
    kept_per_pass = []
    verify = DecodingBatch.verify

    def counted(self, drafts, prompts=()):
        picks = verify(self, drafts, prompts)
        kept_per_pass.append([len(p) for p in picks])
        return picks
    monkeypatch.setattr(DecodingBatch, "verify", counted)
    greedy = SamplingSettings(top_k=1)
    for ignore_stop in (False, True):
        plain = batched(bot, 0, greedy, prompts, 2, ignore_stop=ignore_stop)
        assert batched(bot, 6, greedy, prompts, 2, ignore_stop=ignore_stop) == plain
        assert plain == [r for r in replies(bot, 0, greedy, prompts, new_tokens=40, ignore_stop=ignore_stop)
                         for _ in range(2)]
    assert any(len(kept) > 1 and len(set(kept)) > 1 for kept in kept_per_pass)  # ragged passes happened
    sampled = SamplingSettings(temperature=0.9, top_k=5)
    first = batched(bot, 6, sampled, prompts, 3, seed=5, new_tokens=30, ignore_stop=True)
    assert first == batched(bot, 6, sampled, prompts, 3, seed=5, new_tokens=30, ignore_stop=True)  # seeded
    assert [len(r) for r in first] == [30] * 6


def test_server_rows_speculate_together_while_requests_join(bot, monkeypatch):
    config = dataclasses.replace(bot.config, top_k=1)
    greedy_bot = type(bot)(bot.model, bot.tokenizer, config, bot.planner)
    questions = ["糖尿病有什么症状？", "肺炎挂什么科？", "高血压吃什么药？", "胃炎是什么原因引起的？"] * 2
    expected = {q: greedy_bot.answer(q, []).text for q in set(questions)}
    calls = []
    verify = DecodingBatch.verify
    monkeypatch.setattr(DecodingBatch, "verify",
                        lambda self, drafts, prompts=(): calls.append((len(drafts), len(prompts)))
                        or verify(self, drafts, prompts))
    predictor = BatchingPredictor(greedy_bot)
    try:
        with ThreadPoolExecutor(len(questions)) as pool:
            answers = list(pool.map(lambda q: predictor.answer(q, []).text, questions))
    finally:
        predictor.close()
    assert answers == [expected[q] for q in questions]
    assert any(rows > 1 for rows, _ in calls)  # several running rows checked their guesses at once
