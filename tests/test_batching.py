"""Continuous batching: the slot KV cache, rows joining and leaving a running batch."""
import copy
import dataclasses
import threading

import pytest
import torch

from chatbot import ChatBot
from flask_predict import BatchingPredictor
from generation import DecodingBatch, decode, fill_holes
from kv_cache import PrefixCache, SlotCache
from packed_gpt2 import PackedGPT2, pack
from sampling import SamplingSettings


def random_prefix(length, seed, layers=2):
    torch.manual_seed(seed)
    return torch.randn(layers, 2, 2, length, 4)  # (layers, keys/values, heads, length, head_dim)


def test_slot_cache_rows_join_advance_and_leave():
    slots = SlotCache(num_layers=2, heads=2, head_dim=4, columns=16)
    a, b = random_prefix(5, 0), random_prefix(3, 1)
    assert slots.add_rows([a, None, b]) == [0, 1, 2]
    assert slots.lengths == [5, 0, 3] and slots.width == 5 and slots.capacity >= 3
    assert torch.equal(slots.kv[:, :, 0, :, :5], a) and torch.equal(slots.kv[:, :, 2, :, :3], b)
    slots.kv[:, :, 1, :, :2] = 7.0  # what a forward pass would write for the empty row's two tokens
    slots.advance([1, 2, 1])
    assert slots.lengths == [6, 2, 4] and slots.lengths_tensor.tolist() == [6, 2, 4]
    assert torch.equal(slots.prefix(0, 5), a)
    assert slots.add_rows([b]) == [3]  # the buffer grows, keeping what it holds
    assert torch.equal(slots.kv[:, :, 0, :, :5], a) and slots.lengths == [6, 2, 4, 3]
    slots.advance_all()
    before = slots.kv[:, :, 3, :, :4].clone()
    rows = fill_holes([False, True, True, True])
    assert rows == [3, 1, 2]  # the last row fills the hole; rows 1 and 2 do not move
    slots.keep(rows)
    assert slots.lengths == [4, 3, 5] and torch.equal(slots.kv[:, :, 0, :, :4], before)
    assert torch.equal(slots.kv[:, :, 1, :, :2], torch.full((2, 2, 2, 2, 4), 7.0))
    slots.keep([0, 0, 2, 2, 2])  # any order, rows kept more than once (candidates)
    assert slots.lengths == [4, 4, 5, 5, 5] and torch.equal(slots.kv[:, :, 1, :, :4], before)
    assert torch.equal(slots.kv[:, :, 4, :, :3], b)


@pytest.mark.parametrize("kv_dtype", [torch.float32, torch.bfloat16])
def test_packed_pass_gives_transformers_logits(bot, kv_dtype):
    """Running rows and joining prompts (one of them after a cached prefix) in one packed pass:
    each row's logits are those of transformers' forward over that row's whole sequence (with
    bfloat16 keys/values: within a thousandth of the largest logit, and the same most likely token)."""
    a, b, c = (bot.build_prompt(q, [], 64) for q in ("高血压有什么症状？", "肺炎挂什么科？", "胃溃疡怎么治疗？"))
    engine = PackedGPT2(bot.model, kv_dtype)
    cache = engine.new_cache(bot.n_positions)
    cache.add_rows([None, None])
    first = engine(pack(cache, None, [(0, 0, a), (1, 0, b[:-3])], "cpu"), cache)
    cache.advance([len(a), len(b) - 3])
    d = a[:20] + c[-5:]  # starts like a: its first 20 columns come from the cache
    cache.add_rows([None, cache.prefix(0, 20)])
    pending = torch.tensor([bot.tokenizer.sep_token_id, b[-3]])  # rows 0 and 1 (different lengths) go on
    second = engine(pack(cache, pending, [(2, 0, c), (3, 20, d[20:])], "cpu"), cache)
    sequences = [a, b[:-3], a + [bot.tokenizer.sep_token_id], b[:-2], c, d]
    with torch.no_grad():
        expected = [bot.model(torch.tensor([s])).logits[0, -1] for s in sequences]
    for got, want in zip([*first, *second], expected):
        if kv_dtype == torch.float32:
            assert torch.allclose(got, want, atol=1e-4)
        else:
            assert (got - want).abs().max() < 1e-3 * want.abs().max() and got.argmax() == want.argmax()


def test_chat_decodes_with_the_configured_kv_dtype(bot):
    for name, dtype in [("float32", torch.float32), ("bfloat16", torch.bfloat16)]:
        config = dataclasses.replace(bot.config, kv_cache_dtype=name)
        chat = ChatBot(bot.model, bot.tokenizer, config, bot.planner, name=bot.name)
        assert chat.engine.new_cache(8).kv.dtype == dtype
        assert chat.reply("肺炎挂什么科？", top_k=1) == bot.reply("肺炎挂什么科？", top_k=1)


def test_chat_loads_half_precision_weights(trained, tiny_planner, bot):
    """--inference_dtype=bfloat16 (the CUDA default) decodes with bf16 weights end to end."""
    config = dataclasses.replace(trained[0], inference_dtype="bfloat16", quantize="auto")  # auto: no int8 for bf16
    half = ChatBot.load(config, planner=tiny_planner)
    assert next(half.model.parameters()).dtype == torch.bfloat16
    assert half.engine.new_cache(8).kv.dtype == torch.bfloat16
    assert half.reply("肺炎挂什么科？", top_k=1) == bot.reply("肺炎挂什么科？", top_k=1)


def test_packed_pass_follows_weights_changed_after_it_was_built(bot):
    """The engine keeps its own layout of the LM head; training the model later must not leave
    it answering with the old weights."""
    model = copy.deepcopy(bot.model)
    engine = PackedGPT2(model)
    prompt = bot.build_prompt("肺炎挂什么科？", [], 64)

    def packed_logits():
        cache = engine.new_cache(len(prompt))
        cache.add_rows([None])
        return engine(pack(cache, None, [(0, 0, prompt)], "cpu"), cache)[0]

    before = packed_logits()
    with torch.no_grad():
        model.lm_head.weight.mul_(0.5)  # tied to the token embeddings, as a training step would change it
        expected = model(torch.tensor([prompt])).logits[0, -1]
    assert not torch.allclose(before, expected, atol=1e-3)
    assert torch.allclose(packed_logits(), expected, atol=1e-4)


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
    batch.step(prompts[:1])
    record(rows)
    for step in range(1, 24):
        if step == 12:  # the first row leaves; the last one moves into its place
            batch.keep(fill_holes([False, True, True]))
            rows = [2, 1]
        if step == 4:  # two requests arrive while the first is decoding: they join this step
            batch.step(prompts[1:])
            rows += [1, 2]
        else:
            batch.step()
        record(rows)
    assert [len(g) for g in got] == [12, 20, 20]
    assert batch.generated.shape == (2, 20)  # the first row's longer past left with it
    for prompt_index, logits in enumerate(got):
        for mine, alone in zip(logits, expected[prompt_index]):
            assert torch.allclose(mine, alone, atol=1e-4), prompt_index


def first_logits(bot, prompts, prefixes):
    sampler = Recording(bot.sampler(SamplingSettings(top_k=1), None).ban)
    batch = DecodingBatch(bot.model, sampler, bot.tokenizer.pad_token_id, prefixes)
    batch.step(prompts)
    batch.step()
    return sampler.seen


def test_prefix_cache_reuses_the_knowledge_segment(bot):
    sep = bot.tokenizer.sep_token_id
    # the same question asked two ways has the same segment; another entity's does not
    about = [bot.build_prompt(q, [], 64) for q in ("高血压有什么症状？", "高血压都有哪些症状", "肺炎挂什么科？")]
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


class ThreadRecording(PackedGPT2):
    def __init__(self, model):
        super().__init__(model)
        self.threads = set()

    def __call__(self, plan, cache):
        self.threads.add(threading.current_thread().name)
        return super().__call__(plan, cache)


def test_all_model_work_of_the_server_runs_on_one_thread(bot):
    """Seeded replies and /generate run on the batching worker too (see BatchingPredictor)."""
    chatbot = ChatBot(bot.model, bot.tokenizer, bot.config, bot.planner, name=bot.name)
    chatbot.engine = ThreadRecording(bot.model)
    predictor = BatchingPredictor(chatbot)
    plain, _ = predictor.predict("高血压挂什么科？", [])
    seeded, _ = predictor.predict("高血压挂什么科？", [], seed=3)
    texts, _ = predictor.generate("高血压", 8, 2)
    streamed = "".join(predictor.stream("糖尿病挂什么科？", []))
    predictor.close()
    assert plain and seeded and len(texts) == 2 and streamed
    assert chatbot.engine.threads == {"batching-decoder"}


class FailingSteps(PackedGPT2):
    """A forward pass that fails while `fail` is set whenever rows are running; the first
    prefill waits for `release`."""

    def __init__(self, model):
        super().__init__(model)
        self.fail, self.entered, self.release = True, threading.Event(), threading.Event()

    def __call__(self, plan, cache):
        if not plan.running and not self.entered.is_set():
            self.entered.set()
            self.release.wait(30)
        if plan.running and self.fail:
            raise RuntimeError("injected step failure")
        return super().__call__(plan, cache)


def test_a_failing_step_answers_every_request_it_touched(bot):
    """A request that arrives in the step that fails gets the error too, and the worker lives on."""
    chatbot = ChatBot(bot.model, bot.tokenizer, bot.config, bot.planner, name=bot.name)
    model = chatbot.engine = FailingSteps(bot.model)
    predictor = BatchingPredictor(chatbot)
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
