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
kept transposed, see gather_weights; `--quantize=int8` keeps int8 copies, see quantize.py),
training and save_pretrained use the model as usual, and tests check the logits against
transformers' forward (keys and values may be kept in another dtype, see
functions_tools.kv_cache_dtype).
"""
from dataclasses import dataclass
from typing import Callable, List, NamedTuple, Optional, Sequence

import torch
import torch.nn.functional as F

from kv_cache import SlotCache
from quantize import int8_linear

ONEDNN_ROWS = 8  # the row count oneDNN's weight layout is chosen for; fastest from 1 to 64 rows here


@dataclass
class Joining:
    """A row that feeds `count` tokens this pass, written from column `start` of its cache row."""
    row: int
    start: int
    count: int
    mask: Optional[torch.Tensor]  # (count, start + count) causal mask; None when start is 0


@dataclass
class Pack:
    """What one forward pass feeds: the first `running` rows feed `per_row` tokens each (one in
    a plain step, more when checking guesses; at their own columns), then each joining row feeds
    its tokens; tokens/columns are per packed token."""
    tokens: torch.Tensor
    columns: torch.Tensor
    slots: torch.Tensor                   # (tokens * heads,) where each token's keys/values go, see SlotCache.slots
    running: int
    running_width: int                    # columns the running rows attend to (their longest + 1)
    running_mask: Optional[torch.Tensor]  # (running, 1, per_row, width) additive, when needed
    joining: List[Joining]
    last: Optional[torch.Tensor]          # packed index of each row's last token; None: logits after every token
    per_row: int = 1                      # tokens each running row feeds


def pack(cache: SlotCache, pending: Optional[torch.Tensor], joining: Sequence[tuple], device,
         drafts: Optional[Sequence[Sequence[int]]] = None, fill: int = 0) -> Pack:
    """Plan a pass: `pending` holds the next token of rows [0, running); `joining` holds
    (row, start column, token ids) for rows whose tokens are fed from their `start` on.
    The pass returns logits after each row's last token. With `drafts`, running row i also
    feeds drafts[i], a guess at what follows its next token (see prompt_lookup), and the pass
    returns logits after each of its tokens (per_row of them) before the joining rows' last."""
    running = 0 if pending is None else len(pending)
    tokens, columns, slots, plans, width, mask, per_row = [], [], [], [], 0, None, 1
    if drafts:
        tokens, columns, slots, width, mask, per_row = _guessing_rows(cache, pending, drafts, fill)
    elif running:  # row i feeds its next column, lengths[i], and sees columns [0, lengths[i]]
        lengths = cache.lengths_tensor[:running]
        tokens, columns, slots = [pending], [lengths], [cache.next_slots[:running * cache.heads]]
        width = max(cache.lengths[:running]) + 1
        if min(cache.lengths[:running]) + 1 != width:
            hidden = torch.arange(width, device=device) > lengths[:, None]
            mask = torch.zeros(hidden.shape, dtype=cache.dtype, device=device).masked_fill_(hidden, float("-inf"))
            mask = mask[:, None, None, :]
    for row, start, ids in joining:
        count = len(ids)
        tokens.append(torch.tensor(ids, dtype=torch.long, device=device))
        columns.append(torch.arange(start, start + count, device=device))
        slots.append(cache.slots(torch.full((count,), row, dtype=torch.long, device=device), columns[-1]))
        causal = None
        if start:  # query i sits at column start + i and sees columns [0, start + i]
            causal = torch.arange(start + count, device=device) <= columns[-1][:, None]
        plans.append(Joining(row, start, count, causal))
    if not plans and not drafts:  # the common step: every row feeds one token
        return Pack(pending, lengths, slots[0], running, width, mask, plans, None)
    last = torch.tensor([1] * (running * per_row) + [p.count for p in plans], device=device).cumsum(0) - 1
    return Pack(torch.cat(tokens), torch.cat(columns), torch.cat(slots), running, width, mask, plans, last, per_row)


def _guessing_rows(cache: SlotCache, pending: torch.Tensor, drafts: Sequence[Sequence[int]], fill: int) -> tuple:
    """Tokens, columns, slots, attention width and mask, and tokens per row of running rows that
    each feed their next token and their draft. Shorter drafts are padded with `fill` to the
    longest, so that all rows feed as many tokens and attention stays one call; the logits after
    the padding are never read, and what it writes into the cache lies past the row's length,
    where a later pass overwrites it."""
    device, rows = pending.device, len(drafts)
    per_row = 1 + max(len(d) for d in drafts)
    fed = torch.full((rows, per_row), fill, dtype=torch.long, device=device)
    fed[:, 0] = pending
    for row, draft in enumerate(drafts):
        fed[row, 1:1 + len(draft)] = torch.tensor(draft, dtype=torch.long)
    columns = cache.lengths_tensor[:rows, None] + torch.arange(per_row, device=device)
    slots = cache.slots(cache.row_index[:rows].repeat_interleave(per_row), columns.reshape(-1))
    width = max(cache.lengths[:rows]) + per_row
    hidden = torch.arange(width, device=device) > columns[:, :, None]  # query i sees its columns up to its own
    mask = torch.zeros(hidden.shape, dtype=cache.dtype, device=device).masked_fill_(hidden, float("-inf"))
    return [fed.reshape(-1)], [columns.reshape(-1)], [slots], width, mask[:, None], per_row


class PackedGPT2:
    """Decoding forward of a transformers GPT2LMHeadModel; keys and values live in a SlotCache."""

    def __init__(self, model, kv_dtype: Optional[torch.dtype] = None, quantize: str = "none"):
        config = model.config
        if getattr(config, "add_cross_attention", False):
            raise ValueError("PackedGPT2 runs decoder-only GPT-2 (add_cross_attention must be False)")
        self.model, self.config = model, config
        self.heads, self.head_dim = config.n_head, config.n_embd // config.n_head
        # gelu_new is the tanh approximation, which torch has as one op (transformers builds it from six)
        self.tanh_gelu = config.activation_function in ("gelu_new", "gelu_pytorch_tanh")
        self.act = model.transformer.h[0].mlp.act
        self.kv_dtype = kv_dtype  # None: the model's dtype (see functions_tools.kv_cache_dtype)
        self.quantize = quantize  # the linear layers' and LM head's weights, see quantize.py
        self._cached, self._stamp = None, None
        self._weights()  # int8 weights are made now, so that a failure shows at load time

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
        weights = self._weights()
        x = weights.wte[plan.tokens] + weights.wpe[plan.columns]
        hd = self.head_dim
        for kv, layer in zip(cache.kv, weights.layers):
            h = torch.layer_norm(x, x.shape[-1:], *layer.ln_1)
            qkv = layer.qkv(h).to(kv.dtype).view(len(x), 3, self.heads, hd)
            kv.view(2, -1, hd).index_copy_(1, plan.slots, qkv[:, 1:].transpose(0, 1).reshape(2, -1, hd))
            x = x + layer.proj(self._attend(plan, qkv[:, 0], kv[0], kv[1], layer.scale).to(x.dtype))
            h = layer.fc(torch.layer_norm(x, x.shape[-1:], *layer.ln_2))
            x = x + layer.out(F.gelu(h, approximate="tanh") if self.tanh_gelu else self.act(h))
        if plan.last is not None:  # the LM head only where a next token is wanted
            x = x[plan.last]
        return weights.head(torch.layer_norm(x, x.shape[-1:], *weights.ln_f))

    def _weights(self) -> "Weights":
        """The model's weights as the pass reads them, gathered once: the ~80 nn.Module attribute
        lookups of a pass took 130 us. Remade whenever the LM head's weight changes: a training
        step, load_state_dict or .to() changes it with the others."""
        weight = self.model.lm_head.weight
        stamp = (weight.data_ptr(), weight._version)
        if self._stamp != stamp:
            self._cached, self._stamp = gather_weights(self.model, self.quantize), stamp
        return self._cached

    @staticmethod
    def _attend(plan: Pack, q, keys, values, scale: float) -> torch.Tensor:
        """Attention of each packed query over its own row's columns: one call for the running
        rows (per_row queries each), one per joining row."""
        out = []
        if plan.running:
            r, n, width = plan.running, plan.per_row, plan.running_width
            query = q[:r * n].view(r, n, *q.shape[1:]).transpose(1, 2)
            o = F.scaled_dot_product_attention(query, keys[:r, :, :width], values[:r, :, :width],
                                               attn_mask=plan.running_mask, scale=scale)
            out.append(o.transpose(1, 2).reshape(r * n, -1))
        offset = plan.running * plan.per_row
        for j in plan.joining:
            end = j.start + j.count
            query = q[offset:offset + j.count].transpose(0, 1)[None]
            o = F.scaled_dot_product_attention(query, keys[j.row:j.row + 1, :, :end], values[j.row:j.row + 1, :, :end],
                                               attn_mask=j.mask, is_causal=j.mask is None, scale=scale)
            out.append(o[0].transpose(0, 1).reshape(j.count, -1))
            offset += j.count
        return out[0] if len(out) == 1 else torch.cat(out)


class Layer(NamedTuple):
    ln_1: tuple  # (weight, bias, eps) of torch.layer_norm
    qkv: Callable[[torch.Tensor], torch.Tensor]
    scale: float  # of attention scores
    proj: Callable[[torch.Tensor], torch.Tensor]
    ln_2: tuple
    fc: Callable[[torch.Tensor], torch.Tensor]
    out: Callable[[torch.Tensor], torch.Tensor]


class Weights(NamedTuple):
    wte: torch.Tensor
    wpe: torch.Tensor
    layers: List[Layer]
    ln_f: tuple
    head: Callable[[torch.Tensor], torch.Tensor]


def linear(weight: torch.Tensor, bias: Optional[torch.Tensor]) -> Callable[[torch.Tensor], torch.Tensor]:
    """x @ weight + bias, weight as (in, out). Float32 on the CPU goes through oneDNN with the
    weight reordered once into its blocked layout (what inductor's freezing does): MKL's addmm
    multiplies 2 to 8 rows at 2-3x the time of one, oneDNN at about the same (17 matrices of
    a step, 2-core AMD EPYC: 8 rows 1960 vs 740 us, 1 row 650 vs 530 us; README, Speed)."""
    weight = weight.detach()
    bias = None if bias is None else bias.detach()
    if weight.device.type == "cpu" and weight.dtype == torch.float32 and torch.backends.mkldnn.is_available():
        packed = torch.ops.mkldnn._reorder_linear_weight(weight.t().contiguous(), ONEDNN_ROWS)
        return lambda x: torch.ops.mkldnn._linear_pointwise(x, packed, bias, "none", [], "")
    if bias is None:
        return lambda x: x @ weight
    return lambda x: torch.addmm(bias, x, weight)


def gather_weights(model, quantize: str = "none") -> Weights:
    """The weights of the linear layers and the LM head as `quantize` says (see quantize.py).
    Float ones are the model's own tensors (GPT-2's Conv1D keeps them as (in, out)), but for the
    LM head, copied as (n_embd, vocab): nn.Linear keeps it as (vocab, n_embd), which MKL
    multiplies 5 to 16 rows by at half the speed (5 rows: 220 vs 122 us; a 5-row step is 6%
    faster, an 8-row one 8%)."""
    body = model.transformer
    make = int8_linear if quantize == "int8" else linear

    def norm(ln):
        return ln.weight.detach(), ln.bias.detach(), ln.eps
    layers = [Layer(norm(b.ln_1), make(b.attn.c_attn.weight, b.attn.c_attn.bias), b.attn.scaling,
                    make(b.attn.c_proj.weight, b.attn.c_proj.bias), norm(b.ln_2),
                    make(b.mlp.c_fc.weight, b.mlp.c_fc.bias), make(b.mlp.c_proj.weight, b.mlp.c_proj.bias))
              for b in body.h]
    head = make(model.lm_head.weight.detach().t().contiguous(), None)
    return Weights(body.wte.weight.detach(), body.wpe.weight.detach(), layers, norm(body.ln_f), head)
