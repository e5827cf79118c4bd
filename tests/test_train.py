"""End-to-end training: save, reload with plain transformers, resume, and overfit."""
import copy
import json
import os

import torch
from conftest import overfit_dialogues, prepare, workspace_config
from transformers import BertTokenizerFast, GPT2Config, GPT2LMHeadModel

from checkpoint import CONFIG_FILE, STATE_FILE, latest_checkpoint, list_checkpoints
from train import train
from training_setup import fuse_tanh_gelu


def test_overfit_answers_exactly(trained, bot):
    """A tiny model trained on five QA pairs writes each answer itself, greedily (its own words,
    before the check against the graph could replace them)."""
    _, dialogues = trained
    for dialogue in dialogues:
        question, answer = dialogue.utterances
        assert "".join(bot.stream(question, top_k=1)).lower() == answer.lower()
        assert bot.answer(question, top_k=1).model_written


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


def test_fused_gelu_is_gpt2s_gelu_new(tmp_path):
    """Training computes gelu_new with torch's one-op tanh GELU: same logits and gradients, and the
    checkpoint still says gelu_new."""
    torch.manual_seed(0)
    model = GPT2LMHeadModel(GPT2Config(n_layer=2, n_embd=64, n_head=2, vocab_size=100, n_positions=32, bos_token_id=1,
                                       eos_token_id=2, resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0))
    reference = copy.deepcopy(model)
    fuse_tanh_gelu(model)
    assert all(isinstance(block.mlp.act, torch.nn.GELU) for block in model.transformer.h)
    ids = torch.randint(0, 100, (2, 16))
    outputs = [m(input_ids=ids, labels=ids) for m in (model, reference)]
    assert torch.allclose(outputs[0].logits, outputs[1].logits, atol=1e-5)
    for out in outputs:
        out.loss.backward()
    grads = [m.transformer.h[0].mlp.c_fc.weight.grad for m in (model, reference)]
    assert torch.allclose(grads[0], grads[1], atol=1e-6)
    model.save_pretrained(tmp_path)
    with open(tmp_path / "config.json") as f:
        assert json.load(f)["activation_function"] == "gelu_new"
