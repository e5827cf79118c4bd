"""The one generation core: prompt building, sampling and KV-cached decoding.

Used by interact.py, flask_predict.py, evaluate.py and benchmark.py. Prompts come from
data_preprocess.dialogue.encode_dialogue, the function preprocessing used to build the
training data, so what the model reads when chatting is what it read when training.
"""
from dataclasses import dataclass
from typing import Iterator, List, Optional, Sequence

import torch
from transformers import DynamicCache
from transformers.generation.logits_process import (
    NoRepeatNGramLogitsProcessor,
    RepetitionPenaltyLogitsProcessor,
    TemperatureLogitsWarper,
    TopPLogitsWarper,
)

MIN_REPLY_TOKENS = 8  # room always left for the reply when a prompt is cut to fit n_positions


@dataclass
class SamplingSettings:
    temperature: float = 0.7
    top_k: int = 8
    top_p: float = 0.9
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    max_new_tokens: int = 128

    @classmethod
    def from_config(cls, config, **overrides) -> "SamplingSettings":
        names = ("temperature", "top_k", "top_p", "repetition_penalty", "no_repeat_ngram_size", "max_new_tokens")
        values = {k: getattr(config, k) for k in names}
        return cls(**{**values, **overrides})

    @property
    def greedy(self) -> bool:
        return self.top_k == 1 or self.temperature <= 0


class Sampler:
    """Picks the next token for a batch. Reuses transformers' logits processors; the
    repetition penalty and the no-repeat n-gram rule see only the reply so far (not the
    prompt), so copying an item from the knowledge segment is never penalised. HF's penalty
    multiplies negative logits and divides positive ones, which lowers both, unlike the old
    tutorial's `logit / penalty`."""

    def __init__(self, settings: SamplingSettings, banned_ids: Sequence[int], vocab_size: int,
                 device, seed: Optional[int] = None):
        self.settings = settings
        self.ban = torch.zeros(vocab_size, dtype=torch.bool, device=device)
        self.ban[list(banned_ids)] = True
        self.penalties = [p for p in (
            RepetitionPenaltyLogitsProcessor(settings.repetition_penalty) if settings.repetition_penalty != 1.0 else None,
            NoRepeatNGramLogitsProcessor(settings.no_repeat_ngram_size) if settings.no_repeat_ngram_size > 0 else None,
        ) if p is not None]
        # Temperature and top-p run on the top-k candidates only: the same distribution as on the
        # whole vocab (top-k comes before top-p either way), without sorting 6,000 logits per token.
        self.warpers = [w for w in (
            TemperatureLogitsWarper(settings.temperature) if settings.temperature != 1.0 else None,
            TopPLogitsWarper(settings.top_p) if settings.top_p < 1.0 else None) if w is not None]
        self.generator = None
        if seed is not None:
            self.generator = torch.Generator(device=device)
            self.generator.manual_seed(seed)

    def __call__(self, logits: torch.Tensor, generated: torch.Tensor) -> torch.Tensor:
        logits = logits.float().masked_fill(self.ban, float("-inf"))
        if generated.size(1):
            for penalty in self.penalties:
                logits = penalty(generated, logits)
        if self.settings.greedy:
            return logits.argmax(dim=-1)
        top_k = self.settings.top_k if 0 < self.settings.top_k < logits.size(-1) else logits.size(-1)
        values, index = logits.topk(top_k, dim=-1)
        for warp in self.warpers:
            values = warp(generated, values)
        choice = torch.multinomial(torch.softmax(values, dim=-1), 1, generator=self.generator)
        return index.gather(1, choice).squeeze(1)


def left_pad(prompts: Sequence[List[int]], pad_id: int, device):
    """Batch prompts of different lengths: left padding keeps every prompt's last token aligned."""
    width = max(len(p) for p in prompts)
    ids = torch.full((len(prompts), width), pad_id, dtype=torch.long, device=device)
    mask = torch.zeros((len(prompts), width), dtype=torch.long, device=device)
    for row, prompt in enumerate(prompts):
        ids[row, width - len(prompt):] = torch.tensor(prompt, dtype=torch.long, device=device)
        mask[row, width - len(prompt):] = 1
    return ids, mask


@torch.inference_mode()
def decode(model, prompts: Sequence[List[int]], sampler: Sampler, max_new_tokens: int, stop_id: int,
           pad_id: int = 0, ignore_stop: bool = False, copies: int = 1) -> Iterator[torch.Tensor]:
    """Yield the next token of every sequence, one KV-cached forward pass per step.

    `copies` > 1 decodes each prompt that many times (candidates) from one shared prefill. A
    sequence that produced stop_id leaves the batch (its rows yield pad_id from then on), so the
    remaining ones run on a smaller batch; decoding ends when all have finished, or after
    max_new_tokens (ignore_stop forces the full length, for benchmarks).
    """
    device = next(model.parameters()).device
    ids, mask = left_pad(prompts, pad_id, device)
    padded = bool((mask == 0).any())
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    cache = DynamicCache()
    active = torch.arange(len(prompts) * copies, device=device)  # output rows still decoding
    generated = torch.empty((len(active), 0), dtype=torch.long, device=device)
    step_input = ids
    for step in range(max_new_tokens):
        out = model(input_ids=step_input, attention_mask=mask if padded else None, position_ids=positions,
                    past_key_values=cache, use_cache=True, logits_to_keep=1)  # LM head on the last position only
        cache, logits = out.past_key_values, out.logits[:, -1, :]
        if step == 0 and copies > 1:
            cache.batch_repeat_interleave(copies)
            logits, mask, positions = (t.repeat_interleave(copies, dim=0) for t in (logits, mask, positions))
        token = sampler(logits, generated)
        rows = torch.full((len(prompts) * copies,), pad_id, dtype=torch.long, device=device)
        rows[active] = token
        yield rows
        generated = torch.cat([generated, token[:, None]], dim=1)
        step_input, positions = token[:, None], positions[:, -1:] + 1
        if padded:
            mask = torch.cat([mask, mask.new_ones((len(token), 1))], dim=1)
        if not ignore_stop:
            going = token.ne(stop_id)
            if not bool(going.any()):
                return
            if not bool(going.all()):
                keep = going.nonzero().squeeze(1)
                cache.batch_select_indices(keep)
                active, generated, step_input, positions = active[keep], generated[keep], step_input[keep], positions[keep]
                mask = mask[keep]


def token_piece(previous: str, token: str) -> str:
    """The text a token adds after `previous`: no spaces between Chinese characters (BERT's
    decode adds them), "##" continuations glued on, a space between two Latin words."""
    if token.startswith("##"):
        return token[2:]
    if previous[-1:].isascii() and previous[-1:].isalnum() and token[:1].isascii() and token[:1].isalnum():
        return " " + token
    return token


def tokens_to_text(tokens: Sequence[str]) -> str:
    return "".join(token_piece(previous, token) for previous, token in zip([""] + list(tokens), tokens))


def fit_prompt(encode, history_turns: List[Sequence[str]], question: str, knowledge: Optional[str],
               budget: int) -> List[int]:
    """Token ids of the prompt within budget: drop the oldest turns first, then cut the
    knowledge segment's tail, then the question's start."""
    turns = list(history_turns)
    while True:
        utterances = [u for turn in turns for u in turn] + [question]
        ids = encode(utterances, knowledge)
        if len(ids) <= budget or not turns:
            break
        turns.pop(0)
    if len(ids) > budget and knowledge:
        ids_without = encode([question], "")
        keep = max(0, budget - len(ids_without))
        knowledge = encode([], knowledge)[1:-1][:keep]
        ids = [ids_without[0]] + knowledge + ids_without[1:]
    if len(ids) > budget:
        ids = ids[:1] + ids[len(ids) - budget + 1:]
    return ids
