"""Keys and values of a decoding batch that sequences join and leave: one row per sequence.

transformers' DynamicCache appends with torch.cat, copying the whole cache every step (a third
of a batch-8 decoding step on the CPU), and keeps every row the same length, so a batch that
requests join and leave would be re-padded and copied each time. SlotCache preallocates
(rows, heads, columns, head_dim) per layer instead, columns being the longest prompt + reply it
must hold (the model's n_positions at most). Sequence i lives in row i, columns
[0, lengths[i]), so its column is its position; each step writes every row's new key and value
at that row's own column, and attention reads columns [0, longest + 1) with a mask over the
shorter rows. Joining copies a prefilled sequence into a free row; leaving moves at most one
row per departure (rows from the end fill the holes).
"""
import threading
from collections import OrderedDict
from typing import List, Optional, Sequence, Tuple

import torch
from transformers import DynamicCache
from transformers.cache_utils import Cache, DynamicLayer


class SlotLayer(DynamicLayer):
    """One model layer's buffers; `keys`/`values` are the whole (capacity, heads, columns, dim) buffers."""

    def __init__(self, slots: "SlotCache"):
        super().__init__()
        self.slots = slots

    def update(self, key_states: torch.Tensor, value_states: torch.Tensor, *args, **kwargs):
        if key_states.shape[-2] != 1:
            raise ValueError("SlotCache takes one token per row and step; prefill into a DynamicCache")
        s = self.slots
        self.keys[s.row_index, :, s.lengths] = key_states[:, :, 0]
        self.values[s.row_index, :, s.lengths] = value_states[:, :, 0]
        return self.keys[:s.rows, :, :s.width + 1], self.values[:s.rows, :, :s.width + 1]

    def get_seq_length(self) -> int:
        return self.slots.width

    def get_mask_sizes(self, query_length: int) -> Tuple[int, int]:
        return self.slots.width + query_length, 0

    def _moves_rows(self, *args, **kwargs):
        raise NotImplementedError("rows of a SlotCache move only through SlotCache.keep")

    crop = reorder_cache = batch_select_indices = batch_repeat_interleave = _moves_rows


class SlotCache(DynamicCache):
    def __init__(self, num_layers: int, columns: int):
        Cache.__init__(self, layers=[SlotLayer(self) for _ in range(num_layers)])
        self.columns = columns  # the model's n_positions: no sequence is longer
        self.capacity = self.rows = self.width = 0  # rows allocated / in use; the longest sequence
        self.lengths = self.row_index = None       # (rows,) tokens cached per row; arange(rows)
        self.ragged = False                        # rows of different lengths (attention needs a mask)

    def add_rows(self, source: DynamicCache, picks: Sequence[Tuple[int, int, int]]) -> None:
        """Append one row per (source row, first column, length) taken from a prefilled cache."""
        if self.rows + len(picks) > self.capacity:
            self._grow(self.rows + len(picks), source.layers[0].keys)
        for layer, prefilled in zip(self.layers, source.layers):
            for row, (src, start, length) in enumerate(picks, self.rows):
                layer.keys[row, :, :length] = prefilled.keys[src, :, start:start + length]
                layer.values[row, :, :length] = prefilled.values[src, :, start:start + length]
        self._set_lengths((self.lengths.tolist() if self.rows else []) + [length for _, _, length in picks])

    def _grow(self, rows: int, like: torch.Tensor) -> None:
        self.capacity = max(rows, 2 * self.capacity)
        for layer in self.layers:
            keys = like.new_zeros((self.capacity, like.shape[1], self.columns, like.shape[3]))
            values = torch.zeros_like(keys)
            if self.rows:
                keys[:self.rows], values[:self.rows] = layer.keys[:self.rows], layer.values[:self.rows]
            layer.keys, layer.values, layer.is_initialized = keys, values, True

    def keep(self, rows: List[int]) -> None:
        """Keep `rows` (current row numbers), in that order."""
        lengths = self.lengths.tolist() if self.rows else []
        if all(src == row or src >= len(rows) for row, src in enumerate(rows)):  # fill holes in place
            for layer in self.layers:
                for row, src in enumerate(rows):
                    if src != row:
                        layer.keys[row, :, :lengths[src]] = layer.keys[src, :, :lengths[src]]
                        layer.values[row, :, :lengths[src]] = layer.values[src, :, :lengths[src]]
        else:
            index = torch.tensor(rows, device=self.lengths.device)
            for layer in self.layers:
                layer.keys[:len(rows)], layer.values[:len(rows)] = layer.keys[index], layer.values[index]
        self._set_lengths([lengths[src] for src in rows])

    def advance(self) -> None:
        """Every row took the token just written."""
        self.lengths += 1
        self.width += 1

    def _set_lengths(self, lengths: List[int]) -> None:
        device = self.layers[0].keys.device if self.layers[0].keys is not None else None
        self.rows, self.width = len(lengths), max(lengths, default=0)
        self.lengths = torch.tensor(lengths, dtype=torch.long, device=device)
        self.row_index = torch.arange(len(lengths), device=device)
        self.ragged = len(set(lengths)) > 1


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
        self.entries: "OrderedDict[tuple, list]" = OrderedDict()
        self.bytes = 0
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    def cut(self, prompt: Sequence[int]) -> int:
        """Length of the prompt's first segment (0: nothing worth caching)."""
        end = prompt.index(self.boundary_id) + 1 if self.boundary_id in prompt else 0
        return end if 1 < end < len(prompt) else 0

    def find(self, prompt: Sequence[int]) -> Optional[DynamicCache]:
        """A fresh cache holding the prompt's first segment, or None."""
        key = tuple(prompt[:self.cut(prompt)])
        with self.lock:
            layers = self.entries.get(key) if key else None
            if layers is not None:
                self.entries.move_to_end(key)
            self.hits += layers is not None
            self.misses += layers is None and bool(key)
        return None if layers is None else DynamicCache(ddp_cache_data=layers)

    def store(self, prompt: Sequence[int], cache: DynamicCache, row: int, start: int) -> None:
        """Remember the first segment of `prompt`, prefilled in `cache` row `row` from column `start`."""
        cut = self.cut(prompt)
        key = tuple(prompt[:cut])
        if not cut or key in self.entries:
            return
        layers = [(layer.keys[row:row + 1, :, start:start + cut].clone(),
                   layer.values[row:row + 1, :, start:start + cut].clone()) for layer in cache.layers]
        with self.lock:
            if key not in self.entries:
                self.entries[key] = layers
                self.bytes += _nbytes(layers)
            while self.bytes > self.max_bytes and self.entries:
                self.bytes -= _nbytes(self.entries.popitem(last=False)[1])


def _nbytes(layers) -> int:
    return sum(t.numel() * t.element_size() for pair in layers for t in pair)
