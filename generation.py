"""The one generation core: prompt building and KV-cached decoding (token picking: sampling.py).

Used by interact.py, flask_predict.py, evaluate.py and benchmark.py. Prompts come from
data_preprocess.dialogue.encode_dialogue, the function preprocessing used to build the
training data, so what the model reads when chatting is what it read when training.
"""
from typing import Iterator, List, Optional, Sequence, Tuple

import torch

from kv_cache import PrefixCache
from packed_gpt2 import PackedGPT2, pack
from prompt_lookup import PromptLookup
from sampling import Sampler

MIN_REPLY_TOKENS = 8  # room always left for the reply when a prompt is cut to fit n_positions
GUESSES_PER_PASS = 32  # guessed tokens one speculative pass checks, over all its rows (step_guessing)


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
        joining, fresh = self._join(prompts)
        logits = self.engine(pack(cache, self.pending, joining, self.device), cache)
        self._advance([1] * running, joining, fresh)
        if copies > 1:
            cache.keep(list(range(running)) + [row for row, _, _ in joining for _ in range(copies)])
            logits = torch.cat([logits[:running], logits[running:].repeat_interleave(copies, dim=0)])
        return self._sample(logits, len(logits) - running)

    @torch.inference_mode()
    def verify(self, drafts: Sequence[Sequence[int]], prompts: Sequence[List[int]] = ()) -> List[List[int]]:
        """A speculative step: running row i feeds its last token and drafts[i], a guess at what
        follows (see prompt_lookup), and `prompts` start, all in one pass. Row i keeps the tokens
        the sampler picks as long as they agree with its guess, plus the next one: 1 to
        len(drafts[i]) + 1 tokens, each what plain steps would have produced (Sampler.follow);
        each new row gets its first token. Returns every row's new tokens, running rows first.
        Rows keep different numbers of tokens; each row's length in the cache says where it is."""
        cache, running = self.cache, self.cache.rows
        if not running or len(drafts) != running:
            raise ValueError(f"verify needs one draft per running row: {len(drafts)} for {running} rows")
        self._check_room()
        room = cache.columns - cache.width - 1  # every running row feeds as many tokens (packed_gpt2.pack)
        drafts = [list(draft[:room]) for draft in drafts]
        joining, fresh = self._join(prompts)
        plan = pack(cache, self.pending, joining, self.device, drafts, self.pad_id)
        logits = self.engine(plan, cache)
        guessed = running * plan.per_row
        picks = self.sampler.follow(logits[:guessed].view(running, plan.per_row, -1), self.generated, drafts)
        self._advance([len(p) for p in picks], joining, fresh)  # the last token and the agreeing guesses
        if joining:  # new rows have said nothing yet
            said = torch.full((len(joining), self.generated.size(1)), self.pad_id, dtype=torch.long, device=self.device)
            picks += [[token] for token in self.sampler(logits[guessed:], said).tolist()]
            self.generated = torch.cat([self.generated, said])
        self._append(picks)
        return picks

    def step_guessing(self, lookups: Sequence[PromptLookup], guesses: Sequence[int],
                      prompts: Sequence[List[int]] = ()) -> List[List[int]]:
        """One pass: running row i checks up to guesses[i] tokens that lookups[i] (the sequence
        so far) guesses, and `prompts` start (verify); a plain step when no row guesses anything.
        Returns every row's new tokens, running rows first. A pass checks at most
        GUESSES_PER_PASS tokens in all: beyond that, the tokens a wider batch feeds cost more
        than the few more it keeps (8 requests on the server: 55 -> 66 req/s with the cap)."""
        share = max(1, GUESSES_PER_PASS // max(1, len(lookups)))
        drafts = [lookup.draft(min(count, share)) for lookup, count in zip(lookups, guesses)]
        if any(drafts):
            return self.verify(drafts, prompts)
        return [[token] for token in self.step(prompts).tolist()]

    def _join(self, prompts: Sequence[List[int]]) -> Tuple[List[tuple], List[tuple]]:
        """Add a row per prompt, holding the longest cached prefix of it; returns (row, start,
        tokens to feed) of each for packed_gpt2.pack, and (row, prompt) of those to store in the
        prefix cache once fed."""
        cache = self.cache
        too_long = [len(p) for p in prompts if len(p) > cache.columns]
        if too_long:
            raise ValueError(f"a prompt of {too_long[0]} tokens does not fit in {cache.columns} columns")
        found = [self.prefixes.find(p) if self.prefixes else None for p in prompts]
        rows = cache.add_rows(found)
        starts = cache.lengths[len(cache.lengths) - len(rows):]
        joining = [(row, start, prompt[start:]) for row, start, prompt in zip(rows, starts, prompts)]
        fresh = [(row, prompt) for row, prompt, past in zip(rows, prompts, found) if self.prefixes and past is None]
        return joining, fresh

    def _advance(self, counts: List[int], joining: List[tuple], fresh: List[tuple]) -> None:
        """The running rows took counts[i] tokens and the joining rows their prompts."""
        self.cache.advance(counts + [len(ids) for _, _, ids in joining])
        for row, prompt in fresh:
            self.prefixes.store(prompt, self.cache, row)

    def _append(self, picks: List[List[int]]) -> None:
        """Add each row's new tokens to `generated`, which stays left-padded: rows that kept
        fewer get more padding in front."""
        longest = max(len(p) for p in picks)
        generated = torch.full((len(picks), self.generated.size(1) + longest), self.pad_id, dtype=torch.long,
                               device=self.device)
        for row, tokens in enumerate(picks):
            end = generated.size(1) - len(tokens)
            generated[row, end - self.generated.size(1):end] = self.generated[row]
            generated[row, end:] = torch.tensor(tokens, dtype=torch.long)
        self.generated, self.pending = generated, generated[:, -1].clone()

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
           prefixes: Optional[PrefixCache] = None, speculate: int = 0,
           phrases: Sequence[int] = ()) -> Iterator[torch.Tensor]:
    """Yield the next token of every sequence, one KV-cached forward pass per step.

    `copies` > 1 decodes each prompt that many times (candidates) from one shared prefill. A
    sequence that produced stop_id leaves the batch (its rows yield pad_id from then on), so the
    remaining ones run on a smaller batch; decoding ends when all have finished, or after
    max_new_tokens (ignore_stop forces the full length, for benchmarks). `prefixes` reuses the
    keys/values of prompt beginnings seen before. `speculate` > 0 lets each pass check up to
    that many guessed tokens per sequence (see decode_guessing), guessed from its prompt and
    `phrases` (token ids of wording replies often use).
    """
    columns = min(model.config.n_positions, max(len(p) for p in prompts) + max_new_tokens)
    batch = DecodingBatch(model, sampler, pad_id, prefixes, columns)
    if speculate > 0:
        yield from decode_guessing(batch, prompts, copies, max_new_tokens, stop_id, ignore_stop, speculate, phrases)
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


def decode_guessing(batch: DecodingBatch, prompts: Sequence[List[int]], copies: int, max_new_tokens: int,
                    stop_id: int, ignore_stop: bool, speculate: int, phrases: Sequence[int] = ()) -> Iterator[torch.Tensor]:
    """decode() with speculation: after the prefill, each pass feeds every sequence's last token
    and up to `speculate` tokens guessed by prompt lookup (DecodingBatch.step_guessing). On a
    model this small a pass is mostly per-call overhead, which this shares among the tokens a
    pass keeps. Sequences keep different numbers of tokens per pass, so tokens are held until
    every sequence has one for the next position, and yielded as decode does: one per sequence
    (pad_id once it has finished) per yield."""
    outputs = [[] for _ in range(len(prompts) * copies)]  # each sequence's tokens so far
    finished = [False] * len(outputs)
    lookups = [PromptLookup(prompt, phrases) for prompt in prompts for _ in range(copies)]
    rows = list(range(len(outputs)))  # the sequence of each batch row
    picks = [[token] for token in batch.step(prompts, copies).tolist()]
    sent = 0  # positions yielded
    while True:
        for row, tokens in zip(rows, picks):
            out = outputs[row]
            for token in tokens:
                out.append(token)
                if len(out) == max_new_tokens or (token == stop_id and not ignore_stop):
                    finished[row] = True
                    break
            lookups[row].extend(tokens)
        ready = min((len(out) for out, done in zip(outputs, finished) if not done),
                    default=max(len(out) for out in outputs))
        for position in range(sent, ready):
            yield torch.tensor([out[position] if position < len(out) else batch.pad_id for out in outputs],
                               dtype=torch.long, device=batch.device)
        sent = ready
        if all(finished):
            return
        rows = [rows[i] for i in batch.retain([not finished[row] for row in rows])]
        picks = batch.step_guessing([lookups[row] for row in rows],
                                    [min(speculate, max_new_tokens - len(outputs[row]) - 1) for row in rows])


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
