"""Fine-tuning a checkpoint on your own dialogues: full and LoRA, the merged checkpoint, resume,
and the free-text evaluation of the result."""
import dataclasses
import json
import os

import pytest
import torch
from conftest import tiny_model_config, workspace_config
from standin_dialogues import standin_rows, write_csv
from transformers import GPT2Config, GPT2LMHeadModel

from chatbot import ChatBot
from checkpoint import ADAPTER_DIR, save_model_dir
from data_preprocess.dialogue import format_block
from data_preprocess.formats import read_corpus
from data_preprocess.vocab import build_vocab, load_tokenizer
from evaluate import evaluate, markdown
from trainer import Trainer
from training_setup import TrainingError


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """A tiny plain checkpoint (random weights, its own vocab) and stand-in dialogue files:
    a GB18030 CSV to train on and a JSONL to validate on."""
    tmp = tmp_path_factory.mktemp("finetune")
    write_csv(str(tmp / "train.csv"), standin_rows(96, seed=1))
    with open(tmp / "valid.jsonl", "w", encoding="utf-8") as f:
        for _, title, ask, answer in standin_rows(8, seed=2):
            f.write(json.dumps({"instruction": title, "input": ask, "output": answer}, ensure_ascii=False) + "\n")
    texts = [format_block(d) for d in read_corpus(str(tmp / "train.csv")) + read_corpus(str(tmp / "valid.jsonl"))]
    build_vocab(texts, str(tmp / "vocab.txt"), 800)
    tokenizer = load_tokenizer(str(tmp / "vocab.txt"))
    torch.manual_seed(0)
    model = GPT2LMHeadModel(GPT2Config.from_json_file(tiny_model_config(tmp / "model.json", len(tokenizer), 256)))
    config = workspace_config(tmp, grounded=False)
    save_model_dir(str(tmp / "base"), model, tokenizer, config, {})
    return tmp


def finetune_config(base, out, **overrides):
    """Everything comes from the checkpoint and the text files: the vocab path points nowhere."""
    fields = dict(pretrained_model=str(base / "base"), train_path=str(base / "train.csv"),
                  valid_path=str(base / "valid.jsonl"), vocab_path=str(base / "missing.txt"), grounded=False,
                  train_pkl=str(out / "never.pkl"), max_steps=6, lr=1e-2, warmup_steps=1, lora_dropout=0.0,
                  max_new_tokens=24, eval_max_dialogues=4, prefix_cache_mb=0)
    fields.update(overrides)
    return workspace_config(out, **fields)


def base_weights(base):
    return GPT2LMHeadModel.from_pretrained(base / "base").state_dict()


@pytest.fixture(scope="module")
def full_run(base, tmp_path_factory):
    out = tmp_path_factory.mktemp("full")
    trainer = Trainer(finetune_config(base, out))
    start = {k: v.clone() for k, v in trainer.model.state_dict().items()}
    trainer.run()
    return trainer, start, out


def test_full_finetuning_starts_from_the_checkpoint_and_trains_everything(base, full_run):
    trainer, start, out = full_run
    weights = base_weights(base)
    assert all(torch.equal(start[k], weights[k]) for k in weights)  # continued from the checkpoint's weights
    assert trainer.tokenizer.get_vocab() == load_tokenizer(str(base / "base")).get_vocab()
    assert all(not torch.equal(p, start[n]) for n, p in trainer.model.named_parameters())  # every weight moved
    assert not os.path.exists(out / "never.pkl")  # the text files were read directly
    info = json.load(open(out / "save" / "min_loss_model" / "training.json"))
    assert info["trainable_parameters"] == info["parameters"] > 0
    assert info["tokens_per_second"] > 0 and info["peak_memory_mb"] > 0 and "train_path_sha256" in info


@pytest.fixture(scope="module")
def lora_run(base, tmp_path_factory):
    out = tmp_path_factory.mktemp("lora")
    trainer = Trainer(finetune_config(base, out, lora_r=4, lora_alpha=8, save_every_steps=3, keep_checkpoints=5))
    trainer.run()
    return trainer, out


def test_lora_trains_only_the_adapters(base, lora_run):
    trainer, out = lora_run
    trainable = [name for name, p in trainer.model.named_parameters() if p.requires_grad]
    assert trainable and all(".lora_A." in n or ".lora_B." in n for n in trainable)
    assert len(trainable) == 2 * 4 * 2  # A and B on c_attn, attn c_proj, c_fc, mlp c_proj, in 2 layers
    weights, now = base_weights(base), trainer.model.state_dict()
    frozen = {k.replace(".base_layer", ""): v for k, v in now.items() if "lora_" not in k}
    assert all(torch.equal(frozen[k], weights[k]) for k in weights)  # the base did not move
    assert all(p.abs().sum() > 0 for n, p in trainer.model.named_parameters() if ".lora_B." in n)  # B left zero
    info = json.load(open(out / "save" / "min_loss_model" / "training.json"))
    assert info["trainable_parameters"] == sum(p.numel() for p in trainer.model.parameters() if p.requires_grad)
    assert info["parameters"] == sum(p.numel() for p in GPT2LMHeadModel.from_pretrained(base / "base").parameters())


def test_merged_checkpoint_matches_base_plus_adapter(base, lora_run):
    from peft import PeftModel
    _, out = lora_run
    best = out / "save" / "min_loss_model"
    merged = GPT2LMHeadModel.from_pretrained(best).eval()  # a plain checkpoint: no peft needed to load it
    adapted = PeftModel.from_pretrained(GPT2LMHeadModel.from_pretrained(base / "base"), best / ADAPTER_DIR).eval()
    plain = GPT2LMHeadModel.from_pretrained(base / "base").eval()
    ids = torch.randint(5, merged.config.vocab_size, (3, 40), generator=torch.Generator().manual_seed(0))
    with torch.no_grad():
        logits = [m(ids).logits for m in (merged, adapted, plain)]
    assert (logits[0] - logits[1]).abs().max() < 1e-4
    assert (logits[0] - logits[2]).abs().max() > 1e-2  # the adapters did change the model
    bot = ChatBot.load(dataclasses.replace(finetune_config(base, out), model_path=str(best)))
    assert bot.planner is None and isinstance(bot.reply("孩子发烧咳嗽怎么办", top_k=1), str)  # chat loads it as is


def test_lora_resume_continues_from_the_adapter(base, lora_run):
    _, out = lora_run
    resumed = Trainer(finetune_config(base, out, lora_r=4, lora_alpha=8, max_steps=9, save_every_steps=3,
                                      keep_checkpoints=5, resume=True))
    assert resumed.state["step"] == 6
    saved, trained = resumed.lora.state_dict(), lora_run[0].lora.state_dict()
    assert saved.keys() == trained.keys() and all(torch.equal(saved[k], trained[k]) for k in saved)
    assert resumed.run()["step"] == 9


def test_lora_needs_a_checkpoint(base, tmp_path):
    with pytest.raises(TrainingError, match="--pretrained_model"):
        Trainer(finetune_config(base, tmp_path, lora_r=4, pretrained_model="", vocab_path=str(base / "vocab.txt")))


def test_freetext_evaluation_of_the_finetuned_model(base, full_run):
    _, _, out = full_run
    config = finetune_config(base, out, model_path=str(out / "save" / "min_loss_model"))
    report = evaluate(config)
    assert 1 < report["perplexity"]["perplexity"] < 800 and "patients" not in report
    for mode in ("freetext greedy", "freetext sampled"):
        scores = report[mode]
        assert scores["n"] == 4
        assert {"bleu4", "rouge1", "rouge2", "rougeL", "distinct1", "distinct2", "mean_length"} <= set(scores)
        assert 0 <= scores["bleu4"] <= 100 and 0 <= scores["rougeL"] <= 100
    assert report["freetext examples"][0]["reference"]
    assert "| freetext greedy | 4 |" in markdown(report)
