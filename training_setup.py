"""Checks and construction done before training starts: model, datasets, save directory.

Each problem found here stops the run with one message naming the file and the fix.
"""
import os
import shutil

import torch
from transformers import GPT2Config, GPT2LMHeadModel

from checkpoint import ADAPTER_DIR
from data_preprocess.dataset import DialogueDataset, load_token_lists
from data_preprocess.dialogue import CorpusError
from data_preprocess.preprocess import load_corpora, tokenize_corpora
from parameter_config import ParameterConfig

MIN_FREE_BYTES = 200 * 1024 * 1024  # refuse to start when the save disk cannot hold a few checkpoints


class TrainingError(RuntimeError):
    """A problem found before training starts; the message says which file and which fix."""


def model_config_path(config: ParameterConfig, device: torch.device) -> str:
    if config.model_config:
        return config.path(config.model_config)
    return config.path("config/config.json" if device.type == "cuda" else "config/config_cpu.json")


def build_model(config: ParameterConfig, tokenizer, device, source: str = "") -> GPT2LMHeadModel:
    """From `source` (a checkpoint), else pretrained_model, else a fresh model from the config json."""
    source = source or (config.path(config.pretrained_model) if config.pretrained_model else "")
    if source:
        model = GPT2LMHeadModel.from_pretrained(source)
        described = os.path.join(source, "config.json")
    else:
        described = model_config_path(config, device)
        if not os.path.exists(described):
            raise TrainingError(f"model config not found: {described}")
        model = GPT2LMHeadModel(GPT2Config.from_json_file(described))
    if model.config.vocab_size != len(tokenizer):
        raise TrainingError(
            f"{described} has vocab_size={model.config.vocab_size} but {config.vocab_path} has {len(tokenizer)} "
            f"tokens; set vocab_size in {described} to {len(tokenizer)} or rebuild the vocab with "
            f"`rm {config.vocab_path} && python data_preprocess/preprocess.py --vocab_size={model.config.vocab_size}`")
    model.config.pad_token_id = tokenizer.pad_token_id
    model.config.eos_token_id = tokenizer.sep_token_id
    model.config.bos_token_id = tokenizer.cls_token_id
    model.config.loss_type = "ForCausalLM"
    fuse_tanh_gelu(model)
    return model.to(device)


def fuse_tanh_gelu(model: GPT2LMHeadModel) -> None:
    """Compute GPT-2's gelu_new with torch's one-op tanh GELU (the same function, within 3e-7).
    transformers builds it from six elementwise ops, each kept for backward: a training step
    with the fused op is ~15% faster on the CPU. The saved config still says gelu_new."""
    if model.config.activation_function == "gelu_new":
        for block in model.transformer.h:
            block.mlp.act = torch.nn.GELU(approximate="tanh")


ARCHITECTURE_KEYS = ("n_layer", "n_embd", "n_head", "n_positions", "vocab_size")


def check_resumable(checkpoint_dir: str, config: ParameterConfig, device) -> None:
    """A checkpoint must have the architecture this run is configured for."""
    described = model_config_path(config, device)
    if config.pretrained_model or not os.path.exists(described):
        return
    saved, wanted = GPT2Config.from_pretrained(checkpoint_dir), GPT2Config.from_json_file(described)
    diff = [f"{k} {getattr(saved, k)} vs {getattr(wanted, k)}" for k in ARCHITECTURE_KEYS
            if getattr(saved, k) != getattr(wanted, k)]
    if diff:
        raise TrainingError(f"{checkpoint_dir} comes from another model config than {described} ({'; '.join(diff)}); "
                            f"resume with the --model_config it was trained with, or train into a new --save_model_path")


def check_save_dir(path: str) -> None:
    """Fail now, not after an hour, when checkpoints cannot be written."""
    try:
        os.makedirs(path, exist_ok=True)
        probe = os.path.join(path, ".write-test")
        with open(probe, "wb") as f:
            f.write(b"0" * 4096)
        os.remove(probe)
    except OSError as e:
        raise TrainingError(f"cannot write checkpoints to {path}: {e.strerror}; pass --save_model_path=...") from None
    free = shutil.disk_usage(path).free
    if free < MIN_FREE_BYTES:
        raise TrainingError(f"only {free // 2**20} MiB free at {path}; free space or pass --save_model_path=...")


def check_lora(config: ParameterConfig, resume_from: str) -> None:
    if config.lora_r < 0:
        raise TrainingError(f"--lora_r must be 0 (off) or a positive rank, got {config.lora_r}")
    if config.lora_r and not config.pretrained_model:
        raise TrainingError("--lora_r adapts a trained model: pass --pretrained_model=DIR (the checkpoint to adapt)")
    if config.lora_r and resume_from and not os.path.isdir(os.path.join(resume_from, ADAPTER_DIR)):
        raise TrainingError(f"{resume_from} holds no LoRA adapter: resume it without --lora_r, "
                            "or train into a new --save_model_path")


def load_datasets(config: ParameterConfig, tokenizer, n_positions: int):
    """Fine-tuning (--pretrained_model) reads train_path/valid_path in any format and tokenizes
    them with the checkpoint's tokenizer; training from scratch reads preprocess.py's pickles."""
    max_len = min(config.max_len, n_positions)
    if config.pretrained_model:
        try:
            token_sets, _ = tokenize_corpora(tokenizer, load_corpora(config), max_len)
        except CorpusError as e:
            raise TrainingError(str(e)) from None
    else:
        token_sets = {}
        for name, pkl in (("train", config.train_pkl), ("valid", config.valid_pkl)):
            path = config.path(pkl)
            if name == "train" or os.path.exists(path):
                token_sets[name] = load_token_lists(path)
    return {name: DialogueDataset(ids, tokenizer.sep_token_id, config.grounded, config.answer_only_loss, max_len)
            for name, ids in token_sets.items()}


