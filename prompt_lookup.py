"""Guessing what a reply says next by looking it up in what came before (prompt lookup).

A grounded reply copies graph items from its prompt's knowledge segment, and a reply forced
past its end repeats itself, so the tokens that followed the last earlier occurrence of the
reply's last few tokens are often the ones it writes next. generation.DecodingBatch.verify
checks such a guess in one forward pass, which on a small model costs little more than a
one-token step (the pass is mostly per-call overhead), and keeps the tokens sampling agrees with.
"""
from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

NGRAM_SIZES = (3, 2, 1)  # longest match first: a longer match predicts the continuation better


class PromptLookup:
    """The tokens of one sequence so far, indexed by every n-gram's latest earlier position."""

    def __init__(self, tokens: Sequence[int], known: Sequence[int] = (), sizes: Sequence[int] = NGRAM_SIZES):
        """`known`: other token ids to guess from (wording replies often use), indexed before
        `tokens`, so that a match in the sequence itself wins."""
        self.tokens: List[int] = []
        # n-gram -> where the tokens after its latest occurrence start; the sequence's own last
        # n-gram is entered only once a token follows it, so a lookup never finds itself
        self.after: Dict[int, Dict[Tuple[int, ...], int]] = {n: {} for n in sizes}
        if known:  # the same few hundred phrase tokens for every reply: indexed once, copied
            indexed = _indexed(tuple(known), tuple(sizes))
            self.tokens, self.after = list(indexed.tokens), {n: dict(a) for n, a in indexed.after.items()}
        self.extend(tokens)

    def extend(self, tokens: Sequence[int]) -> None:
        for token in tokens:
            self.tokens.append(token)
            end = len(self.tokens) - 1  # the new token's position: it follows the n-grams ending before it
            for n, after in self.after.items():
                if end >= n:
                    after[tuple(self.tokens[end - n:end])] = end

    def draft(self, count: int) -> List[int]:
        """Up to `count` tokens that followed the latest earlier occurrence of the longest
        matching tail (none when nothing matches)."""
        if count <= 0:
            return []
        for n, after in self.after.items():
            start = after.get(tuple(self.tokens[-n:])) if len(self.tokens) >= n else None
            if start is not None:
                return self.tokens[start:start + count]
        return []


@lru_cache(maxsize=4)
def _indexed(known: Tuple[int, ...], sizes: Tuple[int, ...]) -> PromptLookup:
    return PromptLookup(known, (), sizes)
