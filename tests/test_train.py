"""End-to-end training: save, reload with plain transformers, resume, and overfit."""
import json
import os

import torch
from conftest import overfit_dialogues, prepare, workspace_config
from transformers import BertTokenizerFast, GPT2LMHeadModel

from checkpoint import CONFIG_FILE, STATE_FILE, latest_checkpoint, list_checkpoints
from train import train


def test_overfit_answers_exactly(trained, bot):
    """A tiny model trained on five QA pairs answers each of them exactly, greedily."""
    _, dialogues = trained
    for dialogue in dialogues:
        question, answer = dialogue.utterances
        assert bot.reply(question, top_k=1) == answer


def test_checkpoint_reloads_with_plain_transformers(trained):
    config, _ = trained
    path = config.model_path
    model = GPT2LMHeadModel.from_pretrained(path)
    tokenizer = BertTokenizerFast.from_pretrained(path)
    assert model.config.vocab_size == len(tokenizer)
    assert tokenizer.pad_token_id == 0
    saved = json.load(open(os.path.join(path, CONFIG_FILE)))
    assert saved["grounded"] is True and saved["model_config"] == config.model_config
    info = json.load(open(os.path.join(path, "training.json")))
    assert info["step"] > 0 and "loss" in info["metrics"] and info["command"].startswith("python train.py")
    assert os.path.exists(os.path.join(config.save_model_path, "loss_curve.png"))
    ids = tokenizer.encode("高血压", add_special_tokens=False)
    assert model(torch.tensor([ids])).logits.shape[-1] == len(tokenizer)


def test_resume_continues_step_counter(tmp_path, tiny_kg):
    config = workspace_config(tmp_path, epochs=2, save_every_steps=3, keep_checkpoints=10)
    dialogues = overfit_dialogues(tiny_kg, config) * 8  # 40 dialogues -> 5 steps per epoch
    prepare(config, dialogues, dialogues[:5])
    first = train(workspace_config(tmp_path, epochs=1, save_every_steps=3, keep_checkpoints=10))
    assert first["step"] == 5 and first["epoch"] == 1
    steps = [int(p.rsplit("-", 1)[1]) for p in list_checkpoints(config.save_model_path)]
    assert steps == [3, 5]
    resumed = train(workspace_config(tmp_path, epochs=2, save_every_steps=3, keep_checkpoints=10, resume=True))
    assert resumed["step"] == 10 and resumed["epoch"] == 2
    assert latest_checkpoint(config.save_model_path).endswith("checkpoint-0000010")
    assert os.path.isfile(os.path.join(latest_checkpoint(config.save_model_path), STATE_FILE))
    train_steps = [p["step"] for p in resumed["history"]["train"]]
    assert train_steps == sorted(set(train_steps)) and train_steps[-1] == 10
    assert len(resumed["history"]["valid"]) == 2  # one validation per epoch, the first kept across the resume
