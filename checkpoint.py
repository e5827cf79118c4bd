"""Self-describing checkpoints: model + tokenizer (save_pretrained) + the config that made them.

A checkpoint directory holds config.json / model.safetensors (GPT2LMHeadModel), the tokenizer
files, parameter_config.json (the ParameterConfig used), training.json (command, data hash,
step, time, metrics) and, for periodic checkpoints, training_state.pt (optimizer, scheduler,
scaler, RNG, loss history) for --resume; a LoRA run's also hold adapter/ (lora.py), the model
files being the merged weights. Every write goes through atomic_directory.
"""
import glob
import hashlib
import json
import os
import re
import shutil
from typing import Optional

import torch

from functions_tools import atomic_directory

STATE_FILE = "training_state.pt"
CONFIG_FILE = "parameter_config.json"
INFO_FILE = "training.json"
ADAPTER_DIR = "adapter"
CHECKPOINT_GLOB = "checkpoint-*"


def file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_model_dir(path, model, tokenizer, config, info: dict, state: Optional[dict] = None, extra_files=(),
                   adapter=None):
    """Write one checkpoint directory atomically (with a peft `adapter` in adapter/)."""
    with atomic_directory(path) as tmp:
        model.save_pretrained(tmp)
        if adapter is not None:
            adapter.save_pretrained(os.path.join(tmp, ADAPTER_DIR))
        tokenizer.save_pretrained(tmp)
        config.save(os.path.join(tmp, CONFIG_FILE))
        with open(os.path.join(tmp, INFO_FILE), "w", encoding="utf-8") as f:
            json.dump(info, f, ensure_ascii=False, indent=2)
        if state is not None:
            torch.save(state, os.path.join(tmp, STATE_FILE))
        for extra in extra_files:
            if os.path.exists(extra):
                shutil.copy(extra, tmp)


def checkpoint_step(path: str) -> int:
    match = re.search(r"checkpoint-(\d+)$", path)
    return int(match.group(1)) if match else -1


def list_checkpoints(save_dir: str):
    """Complete periodic checkpoints, oldest first (temporaries never match the pattern)."""
    paths = [p for p in glob.glob(os.path.join(save_dir, CHECKPOINT_GLOB))
             if os.path.isfile(os.path.join(p, STATE_FILE))]
    return sorted(paths, key=checkpoint_step)


def latest_checkpoint(save_dir: str) -> Optional[str]:
    paths = list_checkpoints(save_dir)
    return paths[-1] if paths else None


def prune_checkpoints(save_dir: str, keep: int) -> None:
    for path in list_checkpoints(save_dir)[:-keep] if keep > 0 else []:
        shutil.rmtree(path, ignore_errors=True)


def load_state(path: str) -> dict:
    return torch.load(os.path.join(path, STATE_FILE), map_location="cpu", weights_only=False)
