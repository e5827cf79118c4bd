"""torchrun support. Without torchrun's environment every helper is a no-op for one process.

    torchrun --nproc_per_node=K train.py ...        (NCCL on CUDA, gloo on CPU)
"""
import os
from typing import List

import torch
import torch.distributed as dist


def setup() -> None:
    """Join the process group torchrun describes (WORLD_SIZE > 1)."""
    if int(os.environ.get("WORLD_SIZE", "1")) > 1 and not dist.is_initialized():
        backend = "nccl" if torch.cuda.is_available() else "gloo"
        if torch.cuda.is_available():
            torch.cuda.set_device(local_rank())
        dist.init_process_group(backend)


def cleanup() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()


def rank() -> int:
    return dist.get_rank() if dist.is_initialized() else 0


def world_size() -> int:
    return dist.get_world_size() if dist.is_initialized() else 1


def local_rank() -> int:
    return int(os.environ.get("LOCAL_RANK", "0"))


def is_main() -> bool:
    return rank() == 0


def barrier() -> None:
    if dist.is_initialized():
        dist.barrier()


def sum_across(values: List[float], device) -> List[float]:
    """Element-wise sum over all ranks (the values themselves for one process)."""
    if not dist.is_initialized():
        return list(values)
    tensor = torch.tensor(values, dtype=torch.float64, device=device)
    dist.all_reduce(tensor)
    return tensor.tolist()


def shard(batches: list) -> list:
    """This rank's share of the epoch's batches; every rank gets the same count so that
    gradient all-reduces line up."""
    n = world_size()
    if n == 1:
        return batches
    per_rank = len(batches) // n
    return batches[rank()::n][:per_rank]
