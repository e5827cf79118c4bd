"""Continuous batching: the slot KV cache, rows joining and leaving a running batch."""
import threading

import torch
from transformers import DynamicCache

from chatbot import ChatBot
from flask_predict import BatchingPredictor
from generation import DecodingBatch, SamplingSettings, decode, fill_holes
from kv_cache import PrefixCache, SlotCache


def prefilled(rows, length, seed, layers=2):
    torch.manual_seed(seed)
    cache = DynamicCache()
    for layer in range(layers):
        cache.update(torch.randn(rows, 2, length, 4), torch.randn(rows, 2, length, 4), layer)
    return cache


def test_slot_cache_rows_join_step_and_leave():
    slots = SlotCache(num_layers=2, columns=16)
    a, b = prefilled(2, 5, 0), prefilled(1, 3, 1)
    slots.add_rows(a, [(0, 0, 5), (1, 2, 3)])  # row 1: the last 3 columns of a's second row
    slots.add_rows(b, [(0, 0, 3)] * 2)  # one prefill, two rows (candidates)
    assert slots.lengths.tolist() == [5, 3, 3, 3] and slots.width == 5 and slots.ragged
    new_k, new_v = torch.randn(4, 2, 1, 4), torch.randn(4, 2, 1, 4)
    keys, values = slots.layers[1].update(new_k, new_v)  # each row writes at its own column
    assert keys.shape == (4, 2, 6, 4)
    assert torch.equal(keys[0, :, :5], a.layers[1].keys[0]) and torch.equal(keys[0, :, 5], new_k[0, :, 0])
    assert torch.equal(keys[1, :, :3], a.layers[1].keys[1, :, 2:]) and torch.equal(keys[1, :, 3], new_k[1, :, 0])
    assert torch.equal(values[3, :, :3], b.layers[1].values[0]) and torch.equal(values[3, :, 3], new_v[3, :, 0])
    slots.layers[0].update(new_k, new_v)
    slots.advance()
    before = slots.layers[1].keys[3, :, :4].clone()
    rows = fill_holes([False, True, True, True])
    assert rows == [3, 1, 2]  # the last row fills the hole; rows 1 and 2 do not move
    slots.keep(rows)
    assert slots.lengths.tolist() == [4, 4, 4] and slots.width == 4 and not slots.ragged
    assert torch.equal(slots.layers[1].keys[0, :, :4], before)
    slots.keep([2, 0])  # any order works (not in place)
    assert slots.lengths.tolist() == [4, 4] and torch.equal(slots.layers[1].keys[1, :, :4], before)


class Recording:
    """Greedy sampler that keeps the logits it saw, row by row."""

    def __init__(self, ban):
        self.ban, self.seen = ban, []

    def __call__(self, logits, generated):
        self.seen.append(logits.clone())
        return logits.masked_fill(self.ban, float("-inf")).argmax(dim=-1)


def test_rows_joining_and_leaving_decode_as_if_alone(bot):
    """Every row's logits are the ones it gets decoded on its own, whoever shares the batch."""
    prompts = [bot.build_prompt("高血压有什么症状？", ["糖尿病挂什么科？", "内分泌科"], 64),
               bot.build_prompt("肺炎挂什么科？", [], 64),
               bot.build_prompt("胃溃疡怎么治疗？", [], 64)]
    assert len({len(p) for p in prompts}) == 3  # different lengths: attention has to mask
    ban = bot.sampler(SamplingSettings(top_k=1), None).ban
    expected = []
    for prompt in prompts:
        sampler = Recording(ban)
        for _ in decode(bot.model, [prompt], sampler, 24, bot.tokenizer.sep_token_id, ignore_stop=True):
            pass
        expected.append([logits[0] for logits in sampler.seen])
    sampler = Recording(ban)
    batch = DecodingBatch(bot.model, sampler, bot.tokenizer.pad_token_id)
    got = [[] for _ in prompts]

    def record(prompt_of_row):  # the logits of the call just made, handed to each row's prompt
        for row, prompt_index in enumerate(prompt_of_row):
            got[prompt_index].append(sampler.seen[-1][row])

    rows = [0]  # which prompt each batch row decodes
    batch.join(prompts[:1])
    record(rows)
    for step in range(1, 24):
        if step == 4:  # two requests arrive while the first is decoding
            batch.join(prompts[1:])
            record([1, 2])
            rows += [1, 2]
        if step == 12:  # the first row leaves; the last one moves into its place
            batch.keep(fill_holes([False, True, True]))
            rows = [2, 1]
        batch.step()
        record(rows)
    assert [len(g) for g in got] == [12, 21, 21]
    assert batch.generated.shape == (2, 21)  # the first row's longer past left with it
    for prompt_index, logits in enumerate(got):
        for mine, alone in zip(logits, expected[prompt_index]):
            assert torch.allclose(mine, alone, atol=1e-4), prompt_index


def first_logits(bot, prompts, prefixes):
    sampler = Recording(bot.sampler(SamplingSettings(top_k=1), None).ban)
    batch = DecodingBatch(bot.model, sampler, bot.tokenizer.pad_token_id, prefixes)
    batch.join(prompts)
    batch.step()
    return sampler.seen


def test_prefix_cache_reuses_the_knowledge_segment(bot):
    sep = bot.tokenizer.sep_token_id
    about = [bot.build_prompt(q, [], 64) for q in ("高血压有什么症状？", "高血压挂什么科？", "肺炎挂什么科？")]
    prefixes = PrefixCache(1 << 30, sep)
    cut = prefixes.cut(about[0])
    assert cut > 20 and about[0][:cut] == about[1][:cut] and about[0][cut - 1] == sep
    first_logits(bot, about[:1], prefixes)  # stores the knowledge segment of 高血压
    assert prefixes.find(about[2]) is None and (prefixes.hits, prefixes.misses) == (0, 2)
    per_token = prefixes.bytes // cut
    prefixes.max_bytes = per_token * max(cut, prefixes.cut(about[2]))  # room for one entry, not two
    with_cache = first_logits(bot, about[1:], prefixes)  # 高血压 reuses it, 肺炎 is prefilled
    without = first_logits(bot, about[1:], None)
    assert prefixes.hits == 1
    for mine, plain in zip(with_cache, without):
        assert torch.allclose(mine, plain, atol=1e-4)
    assert len(prefixes.entries) == 1 and next(iter(prefixes.entries))[-1] == sep  # 肺炎 pushed 高血压 out
    assert prefixes.find(about[0]) is None


def test_all_model_work_of_the_server_runs_on_one_thread(bot):
    """Seeded replies and /generate run on the batching worker too (see BatchingPredictor)."""
    predictor = BatchingPredictor(ChatBot(bot.model, bot.tokenizer, bot.config, bot.kg, name=bot.name))
    threads = set()
    hook = bot.model.register_forward_pre_hook(lambda module, args: threads.add(threading.current_thread().name))
    try:
        plain, _ = predictor.predict("高血压挂什么科？", [])
        seeded, _ = predictor.predict("高血压挂什么科？", [], seed=3)
        texts, _ = predictor.generate("高血压", 8, 2)
        streamed = "".join(predictor.stream("糖尿病挂什么科？", []))
    finally:
        hook.remove()
    assert plain and seeded and len(texts) == 2 and streamed
    assert threads == {"batching-decoder"}


class FailingSteps(torch.nn.Module):
    """A model whose decoding steps fail while `fail` is set; its first prefill waits for `release`."""

    def __init__(self, model):
        super().__init__()
        self.model, self.config = model, model.config
        self.fail, self.entered, self.release = True, threading.Event(), threading.Event()

    def forward(self, **kwargs):
        if kwargs["input_ids"].shape[1] > 1 and not self.entered.is_set():
            self.entered.set()
            self.release.wait(30)
        if kwargs["input_ids"].shape[1] == 1 and self.fail:
            raise RuntimeError("injected step failure")
        return self.model(**kwargs)


def test_a_failing_step_answers_every_request_it_touched(bot):
    """A request that arrives in the step that fails gets the error too, and the worker lives on."""
    model = FailingSteps(bot.model)
    predictor = BatchingPredictor(ChatBot(model, bot.tokenizer, bot.config, bot.kg, name=bot.name))
    outcomes = {}

    def ask(name, question):
        try:
            outcomes[name] = predictor.predict(question, [])[0]
        except RuntimeError as error:
            outcomes[name] = error

    first = threading.Thread(target=ask, args=("first", "高血压挂什么科？"))
    first.start()
    assert model.entered.wait(30)  # the first request is being prefilled
    second = threading.Thread(target=ask, args=("second", "糖尿病挂什么科？"))
    second.start()
    while predictor.jobs.qsize() == 0:  # the second one is queued: it joins at the next step
        threading.Event().wait(0.01)
    model.release.set()
    first.join(30)
    second.join(30)
    assert all(isinstance(outcomes.get(name), RuntimeError) for name in ("first", "second")), outcomes
    model.fail = False
    assert predictor.predict("高血压挂什么科？", [])[0]
    predictor.close()
