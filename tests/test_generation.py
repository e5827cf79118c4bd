"""The generation core: KV cache, sampling filters, stopping, length guard, batched candidates."""
import dataclasses

import pytest
import torch

from chatbot import ChatBot
from data_preprocess.dialogue import encode_dialogue
from generation import decode, tokens_to_text
from packed_gpt2 import PackedGPT2, pack
from quantize import check_mode
from sampling import Sampler, SamplingSettings


def greedy_without_cache(model, prompt, steps, banned):
    ids = torch.tensor([prompt])
    out = []
    with torch.no_grad():
        for _ in range(steps):
            logits = model(ids).logits[0, -1].masked_fill(banned, float("-inf"))
            token = int(logits.argmax())
            out.append(token)
            ids = torch.cat([ids, torch.tensor([[token]])], dim=1)
    return out


def test_greedy_with_cache_equals_without(bot):
    prompt = bot.build_prompt("糖尿病有什么症状？", [], 64)
    settings = SamplingSettings(top_k=1, max_new_tokens=40)
    cached = [int(t[0]) for t in decode(bot.model, [prompt], bot.sampler(settings, None), 40,
                                        bot.tokenizer.sep_token_id, ignore_stop=True)]
    sampler = bot.sampler(settings, None)
    assert cached == greedy_without_cache(bot.model, prompt, 40, sampler.ban)


def test_chat_prompt_is_the_training_encoding(bot):
    """Chat keeps knowledge segments' ids; the prompt must stay the one preprocessing builds."""
    history = ["糖尿病挂什么科？", "内分泌科"]
    for _ in range(2):  # the second time the segment's ids come from the cache
        knowledge = bot.plan("它有什么症状？", history).segment
        assert knowledge.startswith("糖尿病|")  # the follow-up is about the disease of the earlier turn
        kept = history[len(history) - 2 * bot.config.max_history_len:] if bot.config.max_history_len else []
        expected = encode_dialogue(bot.tokenizer, kept + ["它有什么症状？"], knowledge)
        assert bot.build_prompt("它有什么症状？", history, 64) == expected
    assert bot.knowledge_ids.cache_info().hits >= 1


def test_filters_always_keep_a_token():
    logits = torch.randn(4, 50) * 5
    for top_k, top_p in [(1, 0.0), (3, 1e-9), (0, 1e-9), (50, 0.5)]:
        sampler = Sampler(SamplingSettings(temperature=0.3, top_k=top_k, top_p=top_p), [], 50, "cpu", seed=1)
        token = sampler(logits, torch.empty((4, 0), dtype=torch.long))
        assert token.shape == (4,)
        if top_k == 1 or top_p < 1e-6:
            assert torch.equal(token, logits.argmax(-1))


def test_repetition_penalty_lowers_negative_logits():
    logits = torch.tensor([[-1.0, -1.2, -5.0]])
    sampler = Sampler(SamplingSettings(top_k=1, repetition_penalty=2.0), [], 3, "cpu")
    # token 0 was already said: its logit -1.0 becomes -2.0, so token 1 now wins
    assert int(sampler(logits, torch.tensor([[0]]))[0]) == 1


class FavourUnk(PackedGPT2):
    """The model's forward pass, with [UNK] given by far the highest logit."""

    def __init__(self, model, unk_id):
        super().__init__(model)
        self.unk_id = unk_id

    def __call__(self, plan, cache):
        logits = super().__call__(plan, cache)
        logits[:, self.unk_id] += 1000.0
        return logits


def test_unk_never_produced(bot):
    prompt = bot.build_prompt("高血压挂什么科？", [], 32)
    model = FavourUnk(bot.model, bot.tokenizer.unk_token_id)
    for settings, seed in [(SamplingSettings(top_k=1), None), (SamplingSettings(temperature=1.5, top_k=0, top_p=1.0), 3)]:
        tokens = [int(t[0]) for t in decode(model, [prompt], bot.sampler(settings, seed), 30,
                                            bot.tokenizer.sep_token_id, ignore_stop=True)]
        assert bot.tokenizer.unk_token_id not in tokens and len(tokens) == 30


def test_stops_at_sep(bot):
    prompt = bot.build_prompt("肺炎的常见症状有些什么？", [], 64)
    tokens = [int(t[0]) for t in decode(bot.model, [prompt], bot.sampler(SamplingSettings(top_k=1), None), 64,
                                        bot.tokenizer.sep_token_id)]
    assert tokens[-1] == bot.tokenizer.sep_token_id and len(tokens) < 64
    assert bot.tokenizer.sep_token_id not in tokens[:-1]
    assert "[SEP]" not in bot.reply("肺炎的常见症状有些什么？", top_k=1)


def test_length_guard_with_long_history(bot):
    history = []
    for i in range(30):
        history += [f"第{i}个问题：高血压怎么治疗？" * 3, "药物治疗；运动；低盐饮食" * 4]
    question = "糖尿病挂什么科？"
    prompt = bot.build_prompt(question, history, 100)
    assert len(prompt) + 100 <= bot.n_positions
    assert prompt[-len(bot.encode([question], None)) + 1:] == bot.encode([question], None)[1:]  # question kept whole
    reply = bot.reply(question, history, max_new_tokens=100, top_k=1)
    assert isinstance(reply, str)
    huge = "高血压" * 400  # a question alone longer than n_positions
    prompt = bot.build_prompt(huge, [], 100)
    assert len(prompt) + 100 <= bot.n_positions and prompt[0] == bot.tokenizer.cls_token_id


def test_candidates_are_independent_and_each_stops(bot, trained):
    _, dialogues = trained
    prompts = [bot.build_prompt(d.utterances[0], [], 64) for d in dialogues[:3]]
    greedy = bot.candidates(prompts, samples=2, top_k=1, max_new_tokens=64)
    # batched, left-padded greedy equals each prompt answered alone: rows do not leak into each other
    assert greedy == [d.utterances[1] for d in dialogues[:3] for _ in range(2)]
    sampled = bot.candidates(prompts[:1], samples=6, seed=0, temperature=2.0, top_k=0, top_p=1.0, max_new_tokens=20)
    assert len(sampled) == 6 and len(set(sampled)) > 1
    settings = SamplingSettings(temperature=2.0, top_k=0, top_p=1.0, max_new_tokens=20)
    columns = [t.tolist() for t in bot.stream_ids(prompts[:1] * 6, settings, seed=0)]
    for row in range(6):
        tokens = [col[row] for col in columns]
        sep = bot.tokenizer.sep_token_id
        if sep in tokens:
            assert all(t == bot.tokenizer.pad_token_id for t in tokens[tokens.index(sep) + 1:])


def test_seed_makes_sampling_reproducible(bot):
    kwargs = dict(temperature=1.5, top_k=0, top_p=1.0, max_new_tokens=20)
    assert bot.reply("高血压挂什么科？", seed=7, **kwargs) == bot.reply("高血压挂什么科？", seed=7, **kwargs)


def test_tokens_to_text_joins_chinese_and_wordpieces():
    assert tokens_to_text(["高", "血", "压", "i", "##10", "ct", "检", "查"]) == "高血压i10 ct检查"


def test_no_repeat_ngram_blocks_a_repeated_pair():
    logits = torch.zeros(1, 10)
    logits[0, 6] = 5.0  # 6 would complete the pair (5, 6) a second time
    sampler = Sampler(SamplingSettings(top_k=1, no_repeat_ngram_size=2), [], 10, "cpu")
    assert int(sampler(logits, torch.tensor([[5, 6, 5]]))[0]) != 6
    assert int(sampler(logits, torch.tensor([[5, 7, 5]]))[0]) == 6


def test_int8_decoding_stays_close_to_float(bot):
    """--quantize=int8: the logits move by a few percent at most, greedy replies stay the same,
    and the float model itself is untouched."""
    prompt = bot.build_prompt("糖尿病有什么症状？", [], 64)
    before = {name: p.clone() for name, p in bot.model.named_parameters()}
    logits = []
    for engine in (PackedGPT2(bot.model), PackedGPT2(bot.model, quantize="int8")):
        cache = engine.new_cache(len(prompt))
        cache.add_rows([None])
        logits.append(engine(pack(cache, None, [(0, 0, prompt)], "cpu"), cache)[0])
    full, int8 = logits
    assert not torch.equal(full, int8)  # the int8 pass really is another computation
    assert (full - int8).abs().max() < 0.05 * full.abs().max() and full.argmax() == int8.argmax()
    assert all(torch.equal(p, before[name]) for name, p in bot.model.named_parameters())
    quantized = ChatBot(bot.model, bot.tokenizer, dataclasses.replace(bot.config, quantize="int8"), bot.planner)
    for question in ("糖尿病有什么症状？", "肺炎挂什么科？"):
        assert quantized.reply(question, top_k=1) == bot.reply(question, top_k=1)
    with pytest.raises(SystemExit, match="--quantize"):
        ChatBot(bot.model, bot.tokenizer, dataclasses.replace(bot.config, quantize="int4"), bot.planner)


def test_quantize_auto_is_int8_on_x86_cpus_only():
    expected = "int8" if "fbgemm" in torch.backends.quantized.supported_engines else "none"
    assert check_mode("auto", torch.device("cpu")) == expected
    assert check_mode("auto", torch.device("cuda")) == "none"
    assert check_mode("none", torch.device("cpu")) == "none"
    assert check_mode("auto", torch.device("cpu"), torch.bfloat16) == "none"  # int8 kernels take float32
    with pytest.raises(SystemExit, match="float32"):
        check_mode("int8", torch.device("cpu"), torch.bfloat16)
