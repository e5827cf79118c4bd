"""Keys and values of a decoding batch that sequences join and leave: one row per sequence.

transformers' DynamicCache appends with torch.cat, copying the whole cache every step (a third
of a batch-8 decoding step on the CPU), and keeps every row the same length, so a batch that
requests join and leave would be re-padded and copied each time. SlotCache preallocates
(rows, heads, columns, head_dim) for every layer's keys and values instead, columns being the
longest prompt + reply it must hold (the model's n_positions at most). Sequence i lives in row i, columns
[0, lengths[i]), so its column is its position; packed_gpt2 writes each new key and value at its
row's own column and attends to columns [0, longest + 1) with a mask over the shorter rows.
Joining rows start empty or with a cached prefix copied in; leaving moves at most one row per
departure (rows from the end fill the holes).
"""
import threading
from collections import OrderedDict
from typing import List, Optional, Sequence

import torch


class SlotCache:
    """`kv` is one buffer for every layer, keys and values: (layers, 2, rows, heads, columns,
    head_dim), so joining, leaving and the prefix cache each move a row with one copy."""

    def __init__(self, num_layers: int, heads: int, head_dim: int, columns: int, dtype=torch.float32, device=None):
        self.shape, self.dtype, self.device = (num_layers, 2, 0, heads, columns, head_dim), dtype, device
        self.columns = columns  # no sequence is longer
        self.kv = torch.empty(self.shape, dtype=dtype, device=device)
        self.lengths: List[int] = []  # tokens cached per row
        self._set_lengths([])

    @property
    def rows(self) -> int:
        return len(self.lengths)

    @property
    def capacity(self) -> int:
        return self.kv.shape[2]

    @property
    def heads(self) -> int:
        return self.shape[3]

    def slots(self, rows: torch.Tensor, columns: torch.Tensor) -> torch.Tensor:
        """Where the keys/values of tokens at (rows[i], columns[i]) go in a layer's buffer
        viewed as (2, rows * heads * columns, head_dim), each token's heads in a row: one
        index_copy_ writes a step's keys/values (`next_slots` holds the running rows')."""
        heads, width = self.heads, self.columns
        per_head = torch.arange(0, heads * width, width, device=self.device)
        return (rows[:, None] * (heads * width) + columns[:, None] + per_head).reshape(-1)

    @property
    def width(self) -> int:
        """The longest row."""
        return max(self.lengths, default=0)

    def add_rows(self, prefixes: Sequence[Optional[torch.Tensor]]) -> List[int]:
        """Append one row per entry, empty or holding that prefix ((layers, 2, heads, length,
        head_dim), see `prefix`); returns their row numbers."""
        first = self.rows
        if first + len(prefixes) > self.capacity:
            self._grow(first + len(prefixes))
        for row, prefix in enumerate(prefixes, first):
            if prefix is not None:
                self.kv[:, :, row, :, :prefix.shape[3]] = prefix
        self._set_lengths(self.lengths + [0 if prefix is None else prefix.shape[3] for prefix in prefixes])
        return list(range(first, self.rows))

    def prefix(self, row: int, length: int) -> torch.Tensor:
        """A copy of the first `length` columns of `row`, for the prefix cache."""
        return self.kv[:, :, row, :, :length].clone()

    def _grow(self, rows: int) -> None:
        shape = list(self.shape)
        shape[2] = max(rows, 2 * self.capacity)
        kv = torch.zeros(shape, dtype=self.dtype, device=self.device)
        kv[:, :, :self.rows] = self.kv[:, :, :self.rows]
        self.kv = kv

    def keep(self, rows: List[int]) -> None:
        """Keep `rows` (current row numbers), in that order; a row may be kept more than once."""
        lengths = self.lengths
        if all(src == row or src >= len(rows) for row, src in enumerate(rows)):  # fill holes in place
            for row, src in enumerate(rows):
                if src != row:
                    self.kv[:, :, row, :, :lengths[src]] = self.kv[:, :, src, :, :lengths[src]]
        else:
            if len(rows) > self.capacity:
                self._grow(len(rows))
            width = max(lengths[src] for src in rows)
            self.kv[:, :, :len(rows), :, :width] = self.kv[:, :, torch.tensor(rows, device=self.device), :, :width]
        self._set_lengths([lengths[src] for src in rows])

    def advance(self, counts: Sequence[int]) -> None:
        """Row i took counts[i] more tokens."""
        self._set_lengths([length + count for length, count in zip(self.lengths, counts)])

    def advance_all(self) -> None:
        """Every row took one token (the common step, kept cheap)."""
        self.lengths = [length + 1 for length in self.lengths]
        self.lengths_tensor += 1
        self.next_slots += 1

    def _set_lengths(self, lengths: List[int]) -> None:
        self.lengths = lengths
        self.lengths_tensor = torch.tensor(lengths, dtype=torch.long, device=self.device)
        self.row_index = torch.arange(len(lengths), device=self.device)
        self.next_slots = self.slots(self.row_index, self.lengths_tensor)  # each row's next column


class PrefixCache:
    """Keys and values of prompts' first segment, kept for the next prompt that starts the same.

    In grounded mode that segment is `[CLS]knowledge[SEP]`: every question about an entity, and
    every later turn of a conversation about it, starts with the same ~200 tokens, and their
    prefill is the one part of a reply that batching cannot share. Entries are dropped least
    recently used first once they hold more than `max_bytes`. Thread-safe: a ChatBot may serve
    several threads.
    """

    def __init__(self, max_bytes: int, boundary_id: int):
        self.max_bytes, self.boundary_id = max_bytes, boundary_id
        self.entries: "OrderedDict[tuple, torch.Tensor]" = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def cut(self, prompt: Sequence[int]) -> int:
        """Length of the prompt's first segment (0: nothing worth caching)."""
        end = prompt.index(self.boundary_id) + 1 if self.boundary_id in prompt else 0
        return end if 1 < end < len(prompt) else 0

    def find(self, prompt: Sequence[int]) -> Optional[torch.Tensor]:
        """The keys and values of the prompt's first segment, or None. They are shared: copy, never write."""
        key = tuple(prompt[:self.cut(prompt)])
        with self.lock:
            kv = self.entries.get(key) if key else None
            if kv is not None:
                self.entries.move_to_end(key)
            self.hits += kv is not None
            self.misses += kv is None and bool(key)
        return kv

    def store(self, prompt: Sequence[int], cache: SlotCache, row: int) -> None:
        """Remember the first segment of `prompt`, which `row` of `cache` holds."""
        cut = self.cut(prompt)
        key = tuple(prompt[:cut])
        if not cut or key in self.entries:
            return
        kv = cache.prefix(row, cut)
        with self.lock:
            if key not in self.entries:
                self.entries[key] = kv
                self.bytes += _nbytes(kv)
            while self.bytes > self.max_bytes and self.entries:
                self.bytes -= _nbytes(self.entries.popitem(last=False)[1])


def _nbytes(kv: torch.Tensor) -> int:
    return kv.numel() * kv.element_size()
