"""The one generation core: prompt building and KV-cached decoding (token picking: sampling.py).

Used by interact.py, flask_predict.py, evaluate.py and benchmark.py. Prompts come from
data_preprocess.dialogue.encode_dialogue, the function preprocessing used to build the
training data, so what the model reads when chatting is what it read when training.
"""
from typing import Iterator, List, Optional, Sequence

import torch

from kv_cache import PrefixCache
from packed_gpt2 import PackedGPT2, pack
from prompt_lookup import PromptLookup
from sampling import Sampler

MIN_REPLY_TOKENS = 8  # room always left for the reply when a prompt is cut to fit n_positions


class DecodingBatch:
    """Sequences that decode together, one forward pass per step for all of them.

    Sequences join and leave at any step, so one reply, N candidates and concurrent web requests
    all decode here. A step feeds each running row its last token and each joining prompt (the
    part the prefix cache does not hold) in one packed pass (see packed_gpt2); joining rows are
    appended, and `keep` keeps the given rows in the given order. `columns` bounds prompt +
    reply of every sequence (default: the model's n_positions).
    """

    def __init__(self, model, sampler: Sampler, pad_id: int, prefixes: Optional[PrefixCache] = None,
                 columns: Optional[int] = None):
        self.engine = model if isinstance(model, PackedGPT2) else PackedGPT2(model)
        self.sampler, self.pad_id, self.prefixes = sampler, pad_id, prefixes
        self.device = self.engine.device
        self.cache = self.engine.new_cache(columns or self.engine.config.n_positions)
        self.pending = None    # (rows,): each row's last sampled token, fed at the next step
        self.generated = None  # (rows, n): each row's reply so far, left-padded with pad_id

    def __len__(self) -> int:
        return self.cache.rows

    @torch.inference_mode()
    def step(self, prompts: Sequence[List[int]] = (), copies: int = 1) -> torch.Tensor:
        """Advance every running row by one token and start `prompts` (each `copies` times, from
        one shared prefill) in the same pass; returns the next token of every row, running rows
        first."""
        cache, running = self.cache, self.cache.rows
        if running:
            self._check_room()
        if not prompts:  # the common step, kept short: every row feeds its last token
            logits = self.engine(pack(cache, self.pending, (), self.device), cache)
            cache.advance_all()
            return self._sample(logits, 0)
        too_long = [len(p) for p in prompts if len(p) > cache.columns]
        if too_long:
            raise ValueError(f"a prompt of {too_long[0]} tokens does not fit in {cache.columns} columns")
        found = [self.prefixes.find(p) if self.prefixes else None for p in prompts]
        rows = cache.add_rows(found)
        starts = cache.lengths[running:]
        plan = pack(cache, self.pending, [(row, start, p[start:]) for row, start, p in zip(rows, starts, prompts)],
                    self.device)
        logits = self.engine(plan, cache)
        cache.advance([1] * running + [len(p) - start for p, start in zip(prompts, starts)])
        for row, prompt, past in zip(rows, prompts, found):
            if self.prefixes and past is None:
                self.prefixes.store(prompt, cache, row)
        if copies > 1:
            cache.keep(list(range(running)) + [row for row in rows for _ in range(copies)])
            logits = torch.cat([logits[:running], logits[running:].repeat_interleave(copies, dim=0)])
        return self._sample(logits, len(logits) - running)

    @torch.inference_mode()
    def verify(self, draft: Sequence[int]) -> torch.Tensor:
        """A speculative step for a batch of one sequence: feed its last token and `draft`, a
        guess at what follows (see prompt_lookup), in one pass, and keep the tokens the sampler
        picks as long as they agree with the guess, plus the next one: 1 to len(draft) + 1
        tokens, each what plain steps would have produced (Sampler.follow)."""
        cache = self.cache
        if cache.rows != 1:
            raise ValueError(f"verify decodes one sequence alone, not {cache.rows}")
        self._check_room()
        start = cache.lengths[0]
        draft = list(draft[:cache.columns - start - 1])
        plan = pack(cache, None, [(0, start, self.pending.tolist() + draft)], self.device, every_token=True)
        picks = self.sampler.follow(self.engine(plan, cache), self.generated, draft)
        cache.advance([len(picks)])  # the last token and the agreeing part of the guess are now cached
        tokens = torch.tensor(picks, dtype=torch.long, device=self.device)
        self.generated, self.pending = torch.cat([self.generated, tokens[None]], dim=1), tokens[-1:]
        return tokens

    def step_alone(self, lookup: PromptLookup, guesses: int) -> torch.Tensor:
        """One pass for a batch of one sequence: check up to `guesses` tokens that `lookup` (the
        sequence so far) guesses (verify), or a plain step when it guesses nothing."""
        draft = lookup.draft(guesses)
        return self.verify(draft) if draft else self.step()

    def _check_room(self) -> None:
        if self.cache.width >= self.cache.columns:
            raise ValueError(f"a sequence reached {self.cache.columns} tokens, the most this batch holds")

    def _sample(self, logits: torch.Tensor, joined: int) -> torch.Tensor:
        generated = self.generated
        if generated is None:
            generated = torch.empty((0, 0), dtype=torch.long, device=self.device)
        if joined:  # new rows have said nothing yet
            new = torch.full((joined, generated.size(1)), self.pad_id, dtype=torch.long, device=self.device)
            generated = torch.cat([generated, new])
        token = self.sampler(logits, generated)
        self.generated, self.pending = torch.cat([generated, token[:, None]], dim=1), token
        return token

    @torch.inference_mode()
    def keep(self, rows: Sequence[int]) -> None:
        """Keep only `rows` (current row numbers), in that order."""
        rows = list(rows)
        self.cache.keep(rows)
        if not rows:
            self.pending = self.generated = None
            return
        index = torch.tensor(rows, device=self.device)
        self.pending, generated = self.pending[index], self.generated[index]
        # A batch that never empties (a busy server) would otherwise widen `generated` forever:
        # drop the columns that are padding in every remaining row ([PAD] is never sampled).
        first = int(generated.ne(self.pad_id).any(dim=0).int().argmax())
        self.generated = generated[:, first:]

    def retain(self, going: Sequence[bool]) -> List[int]:
        """Let the rows whose `going` is False leave; returns the kept rows' former numbers in
        their new order (rows from the end fill the holes, see fill_holes)."""
        if all(going):
            return list(range(len(going)))
        rows = fill_holes(going)
        self.keep(rows)
        return rows


def fill_holes(going: Sequence[bool]) -> List[int]:
    """The rows to keep, ordered so that rows from the end fill the holes the others leave
    (the cheapest order for SlotCache.keep)."""
    alive = [row for row, keep in enumerate(going) if keep]
    stay = {row for row in alive if row < len(alive)}
    movers = iter(row for row in alive if row >= len(alive))
    return [row if row in stay else next(movers) for row in range(len(alive))]


def decode(model, prompts: Sequence[List[int]], sampler: Sampler, max_new_tokens: int, stop_id: int,
           pad_id: int = 0, ignore_stop: bool = False, copies: int = 1,
           prefixes: Optional[PrefixCache] = None, speculate: int = 0) -> Iterator[torch.Tensor]:
    """Yield the next token of every sequence, one KV-cached forward pass per step.

    `copies` > 1 decodes each prompt that many times (candidates) from one shared prefill. A
    sequence that produced stop_id leaves the batch (its rows yield pad_id from then on), so the
    remaining ones run on a smaller batch; decoding ends when all have finished, or after
    max_new_tokens (ignore_stop forces the full length, for benchmarks). `prefixes` reuses the
    keys/values of prompt beginnings seen before. `speculate` > 0 lets a sequence that decodes
    alone check up to that many guessed tokens per pass (see decode_alone).
    """
    columns = min(model.config.n_positions, max(len(p) for p in prompts) + max_new_tokens)
    batch = DecodingBatch(model, sampler, pad_id, prefixes, columns)
    if speculate > 0 and len(prompts) * copies == 1:
        yield from decode_alone(batch, prompts[0], max_new_tokens, stop_id, ignore_stop, speculate)
        return
    active = None  # output rows still decoding, once some have finished
    for step in range(max_new_tokens):
        token = batch.step(prompts, copies) if step == 0 else batch.step()
        if active is None:
            yield token
        else:
            rows = torch.full((len(prompts) * copies,), pad_id, dtype=torch.long, device=batch.device)
            rows[active] = token
            yield rows
        if not ignore_stop:
            going = token.ne(stop_id).tolist()
            if not any(going):
                return
            if not all(going):
                kept = torch.tensor(batch.retain(going), device=batch.device)
                active = kept if active is None else active[kept]


def decode_alone(batch: DecodingBatch, prompt: List[int], max_new_tokens: int, stop_id: int, ignore_stop: bool,
                 speculate: int) -> Iterator[torch.Tensor]:
    """decode() for one sequence: after the prefill, each pass feeds the last token and up to
    `speculate` tokens guessed by prompt lookup, and yields every token it keeps (one at a time,
    shape (1,), as decode does). With nothing to guess, a pass is a plain step. At batch 1 a
    step is mostly per-call overhead, which this shares among the tokens a pass keeps."""
    lookup = PromptLookup(prompt)
    tokens, made = batch.step([prompt]), 0
    while True:
        kept = tokens.tolist()
        for i, token in enumerate(kept):
            yield tokens[i:i + 1]
            made += 1
            if made == max_new_tokens or (token == stop_id and not ignore_stop):
                return
        lookup.extend(kept)
        tokens = batch.step_alone(lookup, min(speculate, max_new_tokens - made - 1))


def token_piece(previous: str, token: str) -> str:
    """The text a token adds after `previous`: no spaces between Chinese characters (BERT's
    decode adds them), "##" continuations glued on, a space between two Latin words."""
    if token.startswith("##"):
        return token[2:]
    if previous[-1:].isascii() and previous[-1:].isalnum() and token[:1].isascii() and token[:1].isalnum():
        return " " + token
    return token


class PieceDecoder:
    """Turns one reply's token ids, one at a time, into the text each adds (see token_piece)."""

    def __init__(self, id_to_token: Sequence[str]):
        self.id_to_token, self.previous = id_to_token, ""

    def __call__(self, token_id: int) -> str:
        token = self.id_to_token[token_id]
        piece, self.previous = token_piece(self.previous, token), token
        return piece


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
