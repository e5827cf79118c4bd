"""Small helpers shared by training, chat and evaluation."""
import contextlib
import os
import random
import shutil
import tempfile

import numpy as np
import torch

IGNORE_INDEX = -100


def calculate_acc(logits: torch.Tensor, labels: torch.Tensor, ignore_index: int = IGNORE_INDEX):
    """Next-token accuracy: (correct, counted) over positions whose label is not ignored.

    logits[:, t] predicts labels[:, t + 1] (the shift GPT2LMHeadModel applies to its loss).
    """
    logits = logits[:, :-1, :]
    labels = labels[:, 1:]
    mask = labels.ne(ignore_index)
    correct = logits.argmax(dim=-1).eq(labels).logical_and(mask).sum().item()
    return correct, mask.sum().item()


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def rng_state() -> dict:
    state = {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def pick_device(requested: str = "") -> torch.device:
    if requested:
        if requested.startswith("cuda") and not torch.cuda.is_available():
            raise SystemExit("error: --device=cuda was requested but CUDA is not available")
        return torch.device(requested)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def kv_cache_dtype(requested: str, device: torch.device, model_dtype: torch.dtype) -> torch.dtype:
    """The dtype decoding keeps keys and values in. On a CPU with AMX, attention over bfloat16
    keys/values runs 1.6x faster (8 rows of 300 columns: 182 -> 111 us a layer); it is what a
    step with several rows spends most on after the weights."""
    if requested == "auto":
        amx = device.type == "cpu" and getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
        return torch.bfloat16 if amx else model_dtype
    if requested in ("float32", "bfloat16"):
        return getattr(torch, requested)
    raise SystemExit(f"error: --kv_cache_dtype must be auto, float32 or bfloat16, got {requested!r}")


def inference_dtype(requested: str, device: torch.device) -> torch.dtype:
    """The dtype chat and decoding keep the weights in: on a GPU half precision (what its tensor
    cores run; a step of this small model is launch-bound either way), on a CPU float32, whose
    linear layers run through prepacked oneDNN kernels (packed_gpt2.linear)."""
    if requested == "auto":
        return amp_dtype(device) or torch.float32
    if requested in ("float32", "bfloat16", "float16"):
        return getattr(torch, requested)
    raise SystemExit(f"error: --inference_dtype must be auto, float32, bfloat16 or float16, got {requested!r}")


def setup_threads(num_threads: int) -> None:
    """Use every core for intra-op work; torch's default can leave cores idle in containers."""
    torch.set_num_threads(num_threads or os.cpu_count() or 1)


def amp_dtype(device: torch.device):
    """bf16 where the GPU supports it, else fp16 (needs a GradScaler); None = plain fp32 (CPU)."""
    if device.type != "cuda":
        return None
    return torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16


def autocast(device: torch.device):
    dtype = amp_dtype(device)
    if dtype is None:
        return contextlib.nullcontext()
    return torch.autocast(device_type=device.type, dtype=dtype)


def count_parameters(model: torch.nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


def peak_memory_mb(device: torch.device) -> float:
    """Peak memory so far: allocated CUDA memory on a GPU, else the process's peak RSS."""
    if device.type == "cuda":
        return torch.cuda.max_memory_allocated(device) / 2**20
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


@contextlib.contextmanager
def atomic_directory(final_path: str):
    """Yield a temporary directory; on success it replaces final_path in one rename.

    A process killed while writing leaves only a `.tmp-*` directory, which readers ignore,
    never a half-written final_path.
    """
    parent = os.path.dirname(os.path.abspath(final_path))
    os.makedirs(parent, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix=".tmp-", dir=parent)
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = None
    if os.path.exists(final_path):
        old = os.path.join(parent, ".old-" + os.path.basename(final_path))
        shutil.rmtree(old, ignore_errors=True)
        os.rename(final_path, old)
    os.rename(tmp, final_path)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def remove_stale_temporaries(parent: str) -> None:
    """Clear what an interrupted atomic_directory left behind (restoring a replaced directory
    when the kill came between its two renames)."""
    if not os.path.isdir(parent):
        return
    for name in os.listdir(parent):
        path = os.path.join(parent, name)
        if name.startswith(".old-") and not os.path.exists(os.path.join(parent, name[5:])):
            os.rename(path, os.path.join(parent, name[5:]))
        elif name.startswith((".tmp-", ".old-")):
            shutil.rmtree(path, ignore_errors=True)
