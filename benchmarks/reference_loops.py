"""What the benchmark measures against: the seed tutorial's decoding and training loops, kept
faithful (whole sequence re-fed per token, Python-level filtering; random order, padding to the
longest, loss on every token), next to the project's own training loop run for a few steps."""
import copy
import dataclasses
import os
import random
import tempfile
import time

import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader
from transformers import GPT2Config, GPT2LMHeadModel, get_linear_schedule_with_warmup

from benchmarks.common import sync
from data_preprocess.dataset import DialogueDataset, collate, load_token_lists
from data_preprocess.dialogue import answer_labels


def top_k_top_p_filtering(logits, top_k=0, top_p=0.0, filter_value=-float("inf")):
    """The tutorial's filter for one 1-D logits vector."""
    top_k = min(top_k, logits.size(-1))
    if top_k > 0:
        indices_to_remove = logits < torch.topk(logits, top_k)[0][..., -1, None]
        logits[indices_to_remove] = filter_value
    if top_p > 0.0:
        sorted_logits, sorted_indices = torch.sort(logits, descending=True)
        cumulative_probs = torch.cumsum(F.softmax(sorted_logits, dim=-1), dim=-1)
        sorted_indices_to_remove = cumulative_probs > top_p
        sorted_indices_to_remove[..., 1:] = sorted_indices_to_remove[..., :-1].clone()
        sorted_indices_to_remove[..., 0] = 0
        logits[sorted_indices[sorted_indices_to_remove]] = filter_value
    return logits


@torch.no_grad()
def tutorial_generate(model, prompt, n_tokens, settings, banned_ids, seed=0, stop_id=None):
    """GPT2-chitchat's interact loop: no KV cache, the whole sequence re-fed for every token."""
    torch.manual_seed(seed)
    device = next(model.parameters()).device
    ids, generated = list(prompt), []
    for _ in range(n_tokens):
        logits = model(input_ids=torch.tensor([ids], device=device)).logits[0, -1, :]
        for token_id in set(generated):
            logits[token_id] /= settings.repetition_penalty
        logits = logits / max(settings.temperature, 1e-5)
        logits[banned_ids] = -float("inf")
        filtered = top_k_top_p_filtering(logits, top_k=settings.top_k, top_p=settings.top_p)
        next_token = torch.multinomial(F.softmax(filtered, dim=-1), num_samples=1)
        if stop_id is not None and int(next_token) == stop_id:
            break
        generated.append(int(next_token))
        ids.append(int(next_token))
    return generated


def counts(items, batches, sep_id, grounded):
    real = sum(len(items[i]) for b in batches for i in b)
    padded = sum(max(len(items[i]) for i in b) * len(b) for b in batches)
    answers = sum(sum(t != -100 for t in answer_labels(items[i], sep_id, grounded)) for b in batches for i in b)
    return real, answers, padded


def small_corpus(config, tmp, entities=300):
    """A corpus from part of the graph, for machines that have not built data/ yet."""
    from data_preprocess.build_corpus import build_corpus
    from kgqa.graph import MedicalKG
    from data_preprocess.preprocess import preprocess
    full = MedicalKG.load()
    kg = MedicalKG({e: full.graph[e] for e in sorted(full.graph)[:entities]})
    config = dataclasses.replace(config, train_path=os.path.join(tmp, "train.txt"),
                                 valid_path=os.path.join(tmp, "none.txt"), train_pkl=os.path.join(tmp, "train.pkl"))
    build_corpus(config, kg)
    preprocess(config)
    return config


def bench_config(config):
    """The config for timed training: default CPU model, no saving, no validation."""
    tmp = tempfile.mkdtemp(prefix="bench-")
    if not os.path.exists(config.path(config.train_pkl)):
        config = small_corpus(config, tmp)
    return dataclasses.replace(config, save_model_path=tmp, valid_pkl=os.path.join(tmp, "none.pkl"),
                               max_steps=config.bench_train_steps, epochs=1, eval_every_steps=0,
                               save_every_steps=0, resume=False, log_every_steps=10 ** 9, pretrained_model="")


def rate(real, answers, padded, seconds, steps):
    return {"steps": steps, "seconds": round(seconds, 2), "tokens_per_s": round(real / seconds, 1),
            "answer_tokens_per_s": round(answers / seconds, 1), "padding_fraction": round(1 - real / padded, 3)}


def project_training_steps(config):
    """The project's loop (length-grouped batches, answer-only loss on answer positions)."""
    from tqdm import tqdm

    from trainer import Trainer
    trainer = Trainer(bench_config(config))
    initial = copy.deepcopy(trainer.model.state_dict())
    steps = trainer.total_steps
    batches = trainer.train_loader.batch_sampler.batches()[:steps * config.gradient_accumulation_steps]
    sync()
    start = time.perf_counter()
    trainer.train_epoch(tqdm(disable=True))
    sync()
    seconds = time.perf_counter() - start
    data = trainer.data["train"]
    out = rate(*counts(data.items, batches, trainer.tokenizer.sep_token_id, config.grounded), seconds, steps)
    out["initial_state"] = initial
    return out


def seed_training_steps(config, initial_state):
    """The tutorial's loop: shuffled batches padded to the longest, loss on every token, float32
    (the tutorial has no autocast), on the device and model config the project's loop used."""
    from data_preprocess.vocab import load_tokenizer
    from functions_tools import pick_device
    from training_setup import model_config_path
    cfg = bench_config(config)
    device = pick_device(cfg.device)
    tokenizer = load_tokenizer(cfg.path(cfg.vocab_path))
    model = GPT2LMHeadModel(GPT2Config.from_json_file(model_config_path(cfg, device)))
    model.load_state_dict(initial_state)
    model.to(device)
    model.train()
    items = load_token_lists(cfg.path(cfg.train_pkl))
    data = DialogueDataset(items, tokenizer.sep_token_id, cfg.grounded, answer_only=False,
                           max_len=model.config.n_positions)
    order = list(range(len(data)))
    random.Random(cfg.seed).shuffle(order)
    batches = [order[s:s + cfg.batch_size] for s in range(0, cfg.bench_train_steps * cfg.batch_size, cfg.batch_size)]
    loader = DataLoader(data, batch_sampler=batches, collate_fn=collate)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    scheduler = get_linear_schedule_with_warmup(optimizer, cfg.warmup_steps, cfg.bench_train_steps)
    sync()
    start = time.perf_counter()
    for inputs, labels in loader:
        loss = model(input_ids=inputs.to(device), labels=labels.to(device)).loss
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.max_grad_norm)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
    sync()
    seconds = time.perf_counter() - start
    return rate(*counts(data.items, batches, tokenizer.sep_token_id, cfg.grounded), seconds, len(batches))
