"""GPT-2's forward pass for decoding, over packed rows of different lengths.

transformers' forward takes a rectangle: every sequence in a batch feeds as many tokens as the
longest. A running batch that new requests join feeds one token for each running row and a
whole prompt for each new one, so a rectangle would pad the running rows to the prompt's length
(and a separate prefill call costs as much as a whole decoding step: on a model this small a
forward pass is mostly per-call overhead). Here the tokens of all rows are packed into one
(T, n_embd) matrix: the linear layers run once over all of them, and only attention, which is
per sequence, looks at rows. It also skips transformers' per-call machinery (mask building,
cache objects, output classes), which on the CPU is a third of a one-row step.

This is inference only; the weights are the GPT2LMHeadModel's own (only the LM head's is also
kept transposed, see _head_weight), training and save_pretrained use the model as usual, and
tests check the logits against transformers' forward (keys and values may be kept in another
dtype, see functions_tools.kv_cache_dtype).
"""
from dataclasses import dataclass
from typing import List, Optional, Sequence

import torch
import torch.nn.functional as F

from kv_cache import SlotCache


@dataclass
class Joining:
    """A row that feeds `count` tokens this pass, written from column `start` of its cache row."""
    row: int
    start: int
    count: int
    mask: Optional[torch.Tensor]  # (count, start + count) causal mask; None when start is 0


@dataclass
class Pack:
    """What one forward pass feeds: the first `running` rows feed one token each (at their own
    columns), then each joining row feeds its tokens; tokens/rows/columns are per packed token."""
    tokens: torch.Tensor
    rows: torch.Tensor
    columns: torch.Tensor
    running: int
    running_width: int                   # columns the running rows attend to (their longest + 1)
    running_mask: Optional[torch.Tensor]  # (running, 1, 1, width) additive, when their lengths differ
    joining: List[Joining]
    last: torch.Tensor                    # packed index of each row's last token, in row order


def pack(cache: SlotCache, pending: Optional[torch.Tensor], joining: Sequence[tuple], device) -> Pack:
    """Plan a pass: `pending` holds the next token of rows [0, running); `joining` holds
    (row, start column, token ids) for rows whose tokens are fed from their `start` on."""
    running = 0 if pending is None else len(pending)
    tokens, rows, columns, plans, width, mask = [], [], [], [], 0, None
    if running:
        lengths = cache.lengths_tensor[:running]
        tokens, rows, columns = [pending], [cache.row_index[:running]], [lengths]
        width = max(cache.lengths[:running]) + 1
        if min(cache.lengths[:running]) + 1 != width:  # row i sees its columns [0, lengths[i]]
            seen = torch.arange(width, device=device) <= lengths[:, None]
            mask = torch.zeros(seen.shape, dtype=cache.dtype, device=device).masked_fill_(~seen, float("-inf"))[:, None, None, :]
    for row, start, ids in joining:
        count = len(ids)
        tokens.append(torch.tensor(ids, dtype=torch.long, device=device))
        rows.append(torch.full((count,), row, dtype=torch.long, device=device))
        columns.append(torch.arange(start, start + count, device=device))
        causal = None
        if start:  # query i sits at column start + i and sees columns [0, start + i]
            causal = torch.arange(start + count, device=device) <= columns[-1][:, None]
        plans.append(Joining(row, start, count, causal))
    sizes = [1] * running + [p.count for p in plans]
    last = torch.tensor(sizes, device=device).cumsum(0) - 1
    return Pack(torch.cat(tokens), torch.cat(rows), torch.cat(columns), running, width, mask, plans, last)


class PackedGPT2:
    """Decoding forward of a transformers GPT2LMHeadModel; keys and values live in a SlotCache."""

    def __init__(self, model, kv_dtype: Optional[torch.dtype] = None):
        config = model.config
        if getattr(config, "add_cross_attention", False):
            raise ValueError("PackedGPT2 runs decoder-only GPT-2 (add_cross_attention must be False)")
        self.model, self.config = model, config
        self.heads, self.head_dim = config.n_head, config.n_embd // config.n_head
        # gelu_new is the tanh approximation, which torch has as one op (transformers builds it from six)
        self.tanh_gelu = config.activation_function in ("gelu_new", "gelu_pytorch_tanh")
        self._head, self._head_stamp = None, None
        self.kv_dtype = kv_dtype  # None: the model's dtype (see functions_tools.kv_cache_dtype)

    @property
    def device(self) -> torch.device:
        return self.model.lm_head.weight.device

    def new_cache(self, columns: int) -> SlotCache:
        weight = self.model.lm_head.weight
        return SlotCache(self.config.n_layer, self.heads, self.head_dim, columns, self.kv_dtype or weight.dtype,
                         weight.device)

    @torch.inference_mode()
    def __call__(self, plan: Pack, cache: SlotCache) -> torch.Tensor:
        """Write every packed token's keys and values into the cache; return the logits after
        each row's last token, (rows, vocab) in row order."""
        body = self.model.transformer
        x = body.wte.weight[plan.tokens] + body.wpe.weight[plan.columns]
        for kv, block in zip(cache.kv, body.h):
            attn, mlp = block.attn, block.mlp
            h = torch.layer_norm(x, x.shape[-1:], block.ln_1.weight, block.ln_1.bias, block.ln_1.eps)
            qkv = torch.addmm(attn.c_attn.bias, h, attn.c_attn.weight).to(kv.dtype).view(len(x), 3, self.heads, -1)
            kv[:, plan.rows, :, plan.columns] = qkv[:, 1:]  # (tokens, 2, heads, head_dim) into their slots
            h = self._attend(plan, qkv[:, 0], kv[0], kv[1], attn.scaling).to(x.dtype)
            x = x + torch.addmm(attn.c_proj.bias, h, attn.c_proj.weight)
            h = torch.layer_norm(x, x.shape[-1:], block.ln_2.weight, block.ln_2.bias, block.ln_2.eps)
            h = torch.addmm(mlp.c_fc.bias, h, mlp.c_fc.weight)
            h = F.gelu(h, approximate="tanh") if self.tanh_gelu else mlp.act(h)
            x = x + torch.addmm(mlp.c_proj.bias, h, mlp.c_proj.weight)
        x = body.ln_f(x[plan.last])  # the LM head only where a next token is wanted
        return x @ self._head_weight()

    def _head_weight(self) -> torch.Tensor:
        """The LM head's weight as (n_embd, vocab), contiguous. nn.Linear keeps it as (vocab,
        n_embd), which MKL multiplies 5 to 16 rows by at half the speed of this layout (5 rows:
        220 vs 122 us; a 5-row step is 6% faster, an 8-row one 8%). The copy is remade whenever
        the weight changes (training, .to())."""
        weight = self.model.lm_head.weight
        stamp = (weight.data_ptr(), weight._version)
        if self._head_stamp != stamp:
            self._head, self._head_stamp = weight.detach().t().contiguous(), stamp
        return self._head

    @staticmethod
    def _attend(plan: Pack, q, keys, values, scale: float) -> torch.Tensor:
        """Attention of each packed query over its own row's columns: one call for the running
        rows (one query each), one per joining row."""
        out = []
        if plan.running:
            r, width = plan.running, plan.running_width
            out.append(F.scaled_dot_product_attention(q[:r, :, None], keys[:r, :, :width], values[:r, :, :width],
                                                      attn_mask=plan.running_mask, scale=scale)[:, :, 0])
        offset = plan.running
        for j in plan.joining:
            end = j.start + j.count
            query = q[offset:offset + j.count].transpose(0, 1)[None]
            o = F.scaled_dot_product_attention(query, keys[j.row:j.row + 1, :, :end], values[j.row:j.row + 1, :, :end],
                                               attn_mask=j.mask, is_causal=j.mask is None, scale=scale)
            out.append(o[0].transpose(0, 1))
            offset += j.count
        h = out[0] if len(out) == 1 else torch.cat(out)
        return h.reshape(len(h), -1)
