"""Picking the next token from a step's logits: the sampling settings and the Sampler that
applies them, to one position per row or (for a speculative step, see
generation.DecodingBatch.verify) along each row's consecutive positions."""
from dataclasses import dataclass
from typing import List, Optional, Sequence

import torch
from transformers.generation.logits_process import (
    NoRepeatNGramLogitsProcessor,
    RepetitionPenaltyLogitsProcessor,
    TemperatureLogitsWarper,
    TopPLogitsWarper,
)


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
        self.banned = self.ban.nonzero().squeeze(1)  # filling a few columns in place beats masked_fill's copy
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
        """The next token of each row; `logits` (the step's own) are overwritten."""
        logits = logits.float().index_fill_(1, self.banned, float("-inf"))
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

    def follow(self, logits: torch.Tensor, generated: torch.Tensor, drafts: Sequence[Sequence[int]]) -> List[List[int]]:
        """Each row's tokens from a pass that fed its last token and then drafts[row]:
        logits[row, i] comes after drafts[row][:i]. Picks position by position as __call__ would
        have, step by step, and stops after the first pick that differs from the draft (the later
        logits followed a wrong guess)."""
        rows, positions = logits.shape[:2]
        if self.penalties:  # each pick changes what the next position's penalties see
            return [self._follow_row(logits[row], generated[row:row + 1], drafts[row]) for row in range(rows)]
        if rows == 1 and not self.settings.greedy:
            # One draw per kept token, as plain steps do, so a seeded reply is the same either way
            # (a batch's rows never were: plain steps draw for all rows at once).
            return [self._follow_row(logits[0], generated, drafts[0])]
        # Positions are independent: one call for all rows and positions. Sampled rows draw
        # for every position, the ones after a rejected guess unused: the same distribution.
        picks = self(logits.flatten(0, 1), generated.repeat_interleave(positions, dim=0)).view(rows, positions).tolist()
        return [row_picks[:_agreeing(row_picks, draft) + 1] for row_picks, draft in zip(picks, drafts)]

    def _follow_row(self, logits: torch.Tensor, generated: torch.Tensor, draft: Sequence[int]) -> List[int]:
        picks = []
        for i in range(len(draft) + 1):
            token = self(logits[i:i + 1], generated)
            generated = torch.cat([generated, token[:, None]], dim=1)
            picks.append(int(token))
            if i == len(draft) or picks[-1] != draft[i]:
                break
        return picks


def _agreeing(picks: Sequence[int], draft: Sequence[int]) -> int:
    """How many of the picks agree with the draft before the first that does not."""
    return next((i for i, (pick, guess) in enumerate(zip(picks, draft)) if pick != guess), len(draft))
