"""The training loop: model setup, batches, optimizer steps, validation, checkpoints, resume.

Runs single-process or under torchrun (DistributedDataParallel; see distributed.py). Only rank 0
logs, plots and writes checkpoints.
"""
import contextlib
import json
import logging
import math
import os
import shlex
import shutil
import time

import torch
from tqdm import tqdm
from transformers import get_linear_schedule_with_warmup

import distributed
from checkpoint import (
    ADAPTER_DIR,
    INFO_FILE,
    file_sha256,
    latest_checkpoint,
    load_state,
    prune_checkpoints,
    save_model_dir,
)
from data_preprocess.dataset import PAD_ID, make_loader
from data_preprocess.vocab import config_tokenizer
from functions_tools import (
    IGNORE_INDEX,
    amp_dtype,
    autocast,
    calculate_acc,
    count_parameters,
    peak_memory_mb,
    pick_device,
    remove_stale_temporaries,
    rng_state,
    set_rng_state,
    set_seed,
)
from parameter_config import ParameterConfig
from training_report import plot_loss_curve, summary_block
from training_setup import build_model, check_lora, check_resumable, check_save_dir, load_datasets

logger = logging.getLogger(__name__)


def token_loss(model, inputs, labels):
    """Next-token cross-entropy over labelled positions only.

    The LM head (vocab x width) runs on those positions alone: with answer-only loss that is
    about a quarter of the tokens, and padding never reaches it.
    """
    hidden = model.transformer(input_ids=inputs).last_hidden_state[:, :-1]
    targets = labels[:, 1:]
    keep = targets.ne(IGNORE_INDEX)
    logits = model.lm_head(hidden[keep])
    return torch.nn.functional.cross_entropy(logits.float(), targets[keep])


class AnswerLoss(torch.nn.Module):
    """token_loss as one module, so DistributedDataParallel sees the whole computation."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, inputs, labels):
        return token_loss(self.model, inputs, labels)


@torch.no_grad()
def validate(model, loader, device) -> dict:
    """Token-weighted loss, perplexity and next-token accuracy over the labelled tokens
    (summed over every rank's shard under torchrun)."""
    model.eval()
    total_loss, total_correct, total_tokens = 0.0, 0, 0
    for inputs, labels in loader:
        inputs, labels = inputs.to(device), labels.to(device)
        with autocast(device):
            logits = model(inputs).logits.float()
        loss = torch.nn.functional.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)),
                                                 labels[:, 1:].reshape(-1), reduction="sum")
        correct, counted = calculate_acc(logits, labels)
        total_loss, total_correct, total_tokens = total_loss + loss.item(), total_correct + correct, total_tokens + counted
    model.train()
    total_loss, total_correct, total_tokens = distributed.sum_across([total_loss, total_correct, total_tokens], device)
    loss = total_loss / max(total_tokens, 1)
    return {"loss": loss, "perplexity": math.exp(min(loss, 50)), "accuracy": total_correct / max(total_tokens, 1)}


def initial_state() -> dict:
    return {"step": 0, "epoch": 0, "batch_in_epoch": 0, "best_valid": float("inf"), "elapsed": 0.0,
            "tokens": 0, "history": {"train": [], "valid": []}}


class Trainer:
    """Holds what one training run needs; `run()` trains and returns the final state."""

    def __init__(self, config: ParameterConfig, argv=()):
        self.config, self.argv = config, list(argv)
        self.device = pick_device(config.device)
        if self.device.type == "cuda" and distributed.world_size() > 1:
            self.device = torch.device("cuda", distributed.local_rank())
        self.save_dir = config.path(config.save_model_path)
        if distributed.is_main():
            check_save_dir(self.save_dir)
            remove_stale_temporaries(self.save_dir)
        distributed.barrier()
        self.tokenizer = config_tokenizer(config)
        resume_from = latest_checkpoint(self.save_dir) if config.resume else None
        if resume_from:
            check_resumable(resume_from, config, self.device)
        check_lora(config, resume_from)
        if config.resume and resume_from is None:
            logger.warning("--resume: no checkpoint in %s, starting from scratch", self.save_dir)
        set_seed(config.seed)
        # LoRA resumes from the frozen base plus the checkpoint's adapter, not its merged weights.
        self.model = build_model(config, self.tokenizer, self.device, "" if config.lora_r else resume_from or "")
        self.lora = None
        if config.lora_r:
            from lora import add_lora
            self.lora = add_lora(self.model, config, os.path.join(resume_from, ADAPTER_DIR) if resume_from else "")
        self.loss_module = AnswerLoss(self.model)
        if distributed.world_size() > 1:
            from torch.nn.parallel import DistributedDataParallel
            ids = [self.device.index] if self.device.type == "cuda" else None
            self.loss_module = DistributedDataParallel(self.loss_module, device_ids=ids)
        self.data = load_datasets(config, self.tokenizer, self.model.config.n_positions)
        self.train_loader = make_loader(self.data["train"], config.batch_size, config.length_grouped,
                                        config.seed, config.num_workers)
        self.valid_loader = (make_loader(self.data["valid"], config.batch_size, True, config.seed)
                             if "valid" in self.data else None)
        self.steps_per_epoch = math.ceil(len(self.train_loader) / config.gradient_accumulation_steps)
        total = config.epochs * self.steps_per_epoch
        self.total_steps = min(total, config.max_steps) if config.max_steps else total
        trainable = [p for p in self.model.parameters() if p.requires_grad]  # LoRA: the adapters only
        self.optimizer = torch.optim.AdamW(trainable, lr=config.lr, weight_decay=config.weight_decay)
        self.scheduler = get_linear_schedule_with_warmup(self.optimizer, min(config.warmup_steps, self.total_steps // 2),
                                                         self.total_steps)
        self.scaler = torch.amp.GradScaler("cuda", enabled=amp_dtype(self.device) == torch.float16)
        self.state = initial_state()
        if resume_from:
            self._restore(resume_from)

    def _restore(self, path: str) -> None:
        saved = load_state(path)
        self.optimizer.load_state_dict(saved["optimizer"])
        self.scheduler.load_state_dict(saved["scheduler"])
        self.scaler.load_state_dict(saved["scaler"])
        set_rng_state(saved["rng"])
        self.state = saved["progress"]
        logger.info("resumed from %s at step %d (epoch %d, batch %d)", path, self.state["step"],
                    self.state["epoch"] + 1, self.state["batch_in_epoch"])

    def info(self, metrics=None) -> dict:
        data = "train_path" if self.config.pretrained_model else "train_pkl"  # what load_datasets read
        total, trainable = count_parameters(self.model), count_parameters(self.model, trainable_only=True)
        return {"command": "python train.py " + shlex.join(self.argv), "step": self.state["step"],
                "epoch": self.state["epoch"], "train_seconds": round(self.state["elapsed"], 1),
                f"{data}_sha256": file_sha256(self.config.path(getattr(self.config, data))),
                "device": str(self.device), "parameters": total - trainable if self.lora else total,
                "trainable_parameters": trainable,
                "metrics": metrics or (self.state["history"]["valid"][-1] if self.state["history"]["valid"] else {})}

    def saved_model(self):
        """What checkpoints hold: the model itself, or for LoRA a copy with the adapters merged in."""
        if self.lora is None:
            return self.model
        from lora import merged_copy
        return merged_copy(self.lora)

    def save_checkpoint(self) -> None:
        if not distributed.is_main():
            distributed.barrier()
            return
        state = {"optimizer": self.optimizer.state_dict(), "scheduler": self.scheduler.state_dict(),
                 "scaler": self.scaler.state_dict(), "rng": rng_state(), "progress": self.state}
        path = os.path.join(self.save_dir, f"checkpoint-{self.state['step']:07d}")
        save_model_dir(path, self.saved_model(), self.tokenizer, self.config, self.info(), state, adapter=self.lora)
        prune_checkpoints(self.save_dir, self.config.keep_checkpoints)
        distributed.barrier()

    def run_validation(self) -> None:
        if self.valid_loader is None:
            return
        metrics = validate(self.model, self.valid_loader, self.device)
        metrics["step"] = self.state["step"]
        self.state["history"]["valid"].append(metrics)
        if distributed.is_main():
            logger.info("step %d validation: loss %.4f, perplexity %.2f, accuracy %.4f", self.state["step"],
                        metrics["loss"], metrics["perplexity"], metrics["accuracy"])
        if metrics["loss"] < self.state["best_valid"]:
            self.state["best_valid"] = metrics["loss"]
            if distributed.is_main():
                save_model_dir(os.path.join(self.save_dir, "min_loss_model"), self.saved_model(), self.tokenizer,
                               self.config, self.info(metrics), adapter=self.lora)
            distributed.barrier()

    def optimizer_step(self) -> None:
        self.scaler.unscale_(self.optimizer)
        torch.nn.utils.clip_grad_norm_(self.model.parameters(), self.config.max_grad_norm)
        self.scaler.step(self.optimizer)
        self.scaler.update()
        self.scheduler.step()
        self.optimizer.zero_grad(set_to_none=True)
        self.state["step"] += 1

    def after_step(self, loss: float, bar) -> None:
        step, config = self.state["step"], self.config
        bar.update(1)
        bar.set_postfix(loss=f"{loss:.3f}", lr=f"{self.scheduler.get_last_lr()[0]:.2e}")
        if step % config.log_every_steps == 0:
            self.state["history"]["train"].append({"step": step, "loss": loss})
        if config.eval_every_steps and step % config.eval_every_steps == 0:
            self.run_validation()
        if config.save_every_steps and step % config.save_every_steps == 0:
            self.save_checkpoint()

    def train_epoch(self, bar) -> bool:
        """One (possibly resumed) epoch, or its part up to total_steps; True if it completed."""
        accum = self.config.gradient_accumulation_steps
        self.train_loader.batch_sampler.set_epoch(self.state["epoch"], self.state["batch_in_epoch"])
        n_batches, start = len(self.train_loader), self.state["batch_in_epoch"]
        running = None
        for i, (inputs, labels) in enumerate(self.train_loader, start=start):
            t0 = time.perf_counter()
            self.state["tokens"] = self.state.get("tokens", 0) + int(inputs.ne(PAD_ID).sum())  # counted on the CPU
            inputs, labels = inputs.to(self.device), labels.to(self.device)
            step_now = (i + 1) % accum == 0 or i + 1 == start + n_batches
            with self.sync(step_now), autocast(self.device):
                loss = self.loss_module(inputs, labels)
                self.scaler.scale(loss / accum).backward()
            running = loss.item() if running is None else 0.95 * running + 0.05 * loss.item()
            if step_now:
                self.optimizer_step()
                self.state["batch_in_epoch"] = i + 1
                self.state["elapsed"] += time.perf_counter() - t0
                self.after_step(running, bar)
                if self.state["step"] >= self.total_steps:
                    break
            else:
                self.state["elapsed"] += time.perf_counter() - t0
        return self.state["batch_in_epoch"] >= start + n_batches

    def sync(self, step_now: bool):
        """Skip DDP's gradient all-reduce on micro-steps that do not end in an optimizer step."""
        if step_now or distributed.world_size() == 1:
            return contextlib.nullcontext()
        return self.loss_module.no_sync()

    def run(self) -> dict:
        if distributed.is_main():
            logger.info(summary_block(self))
        self.model.train()
        quiet = {} if distributed.is_main() else {"disable": True}  # one bar, not one per rank
        bar = tqdm(total=self.total_steps, initial=self.state["step"], desc="train", unit="step", dynamic_ncols=True,
                   **quiet)
        try:
            while self.state["epoch"] < self.config.epochs and self.state["step"] < self.total_steps:
                finished_epoch = self.train_epoch(bar)
                if finished_epoch:
                    self.state["epoch"] += 1
                    self.state["batch_in_epoch"] = 0
                self.run_validation()
                self.save_checkpoint()
        except KeyboardInterrupt:
            bar.close()
            logger.warning("interrupted: saving step %d so --resume can continue", self.state["step"])
            self.save_checkpoint()
            raise
        bar.close()
        self.finish()
        return self.state

    def finish(self) -> None:
        if not distributed.is_main():
            return
        curve = os.path.join(self.save_dir, "loss_curve.png")
        plot_loss_curve(self.state["history"], curve)
        best = os.path.join(self.save_dir, "min_loss_model")
        if os.path.isdir(best):
            shutil.copy(curve, best)
            path = os.path.join(best, INFO_FILE)
            with open(path, encoding="utf-8") as f:
                info = json.load(f)
            info.update(total_steps=self.state["step"], total_train_seconds=round(self.state["elapsed"], 1),
                        **self.throughput())
            with open(path + ".tmp", "w", encoding="utf-8") as f:
                json.dump(info, f, ensure_ascii=False, indent=2)
            os.replace(path + ".tmp", path)
        logger.info("done: %d steps in %.0f s (%s); best validation loss %.4f; curve %s", self.state["step"],
                    self.state["elapsed"], ", ".join(f"{k} {v}" for k, v in self.throughput().items()),
                    self.state["best_valid"], curve)

    def throughput(self) -> dict:
        """Training tokens (padding excluded) per second of step time, and peak memory."""
        tokens = self.state.get("tokens", 0)
        return {"tokens_per_second": round(tokens / max(self.state["elapsed"], 1e-9)),
                "peak_memory_mb": round(peak_memory_mb(self.device))}


