"""int8 linear layers for CPU decoding (`--quantize=int8`).

Weights are quantized once, per output channel (symmetric, int8); activations are quantized
per call from their own range, and the product runs in fbgemm's int8 kernels with the bias
added in the same call (torch.ops.quantized.linear_dynamic, what
torch.ao.quantization.quantize_dynamic puts in nn.Linear's place). One op per layer matters
here: on a model this small a decoding step is mostly per-op overhead, and int8 kernels that
need separate ops to quantize activations lose what the smaller weights win (torch's
weight-only _weight_int8pack_mm was 10-20x slower than float here). The float model is
untouched; PackedGPT2 keeps these next to it.

torch marks its quantized tensor types deprecated (torch.quantize_per_channel warns); this
project pins torch, and a torch without the ops fails here with a message, at load time.
"""
import warnings
from typing import Callable, Optional

import torch

MODES = ("auto", "none", "int8")


def check_mode(mode: str, device: torch.device, dtype: torch.dtype = torch.float32) -> str:
    """The weights decoding uses: `auto` is int8 on a CPU with fbgemm (x86) when the model is
    float32 (int8 kernels take float32 activations), where it is faster at every batch size and
    as accurate (README, Speed), and the model's own weights elsewhere."""
    if mode not in MODES:
        raise SystemExit(f"error: --quantize must be one of {', '.join(MODES)}, got {mode!r}")
    if mode == "auto":
        x86 = "fbgemm" in torch.backends.quantized.supported_engines
        return "int8" if device.type == "cpu" and x86 and dtype == torch.float32 else "none"
    if mode == "int8" and device.type != "cpu":
        raise SystemExit("error: --quantize=int8 runs on the CPU only (fbgemm kernels)")
    if mode == "int8" and dtype != torch.float32:
        raise SystemExit(f"error: --quantize=int8 needs float32 weights, not {dtype} (--inference_dtype=float32)")
    return mode


def int8_linear(weight: torch.Tensor, bias: Optional[torch.Tensor]) -> Callable[[torch.Tensor], torch.Tensor]:
    """x @ weight + bias with `weight` (in, out) in int8, one scale per output column."""
    w = weight.detach().float().t().contiguous()  # fbgemm packs (out, in)
    scales = (w.abs().amax(dim=1) / 127).clamp(min=1e-12).double()
    zero_points = torch.zeros(len(w), dtype=torch.long)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*quantized tensor creation functions.*deprecated")
            qweight = torch.quantize_per_channel(w, scales, zero_points, 0, torch.qint8)
        packed = torch.ops.quantized.linear_prepack(qweight, None if bias is None else bias.detach().float())
    except (AttributeError, RuntimeError) as error:
        raise SystemExit(f"error: --quantize=int8 needs torch's fbgemm int8 linear ops: {error}") from None
    # reduce_range: activations in 7 bits, as quantize_dynamic does for fbgemm (its int8 kernels
    # can saturate a 16-bit intermediate sum with 8-bit activations)
    return lambda x: torch.ops.quantized.linear_dynamic(x, packed, True)
