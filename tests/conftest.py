"""Shared fixtures: a five-disease slice of CMeKG and a tiny model trained on it in-process."""
import json
import os
import sys

import pytest

os.environ.setdefault("TQDM_DISABLE", "1")  # keep test logs readable
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from data_preprocess.build_corpus import write_corpus  # noqa: E402
from data_preprocess.dialogue import Dialogue  # noqa: E402
from kgqa.graph import MedicalKG  # noqa: E402
from kgqa.planner import AnswerPlanner  # noqa: E402
from parameter_config import ParameterConfig  # noqa: E402

TINY_DISEASES = ["高血压", "糖尿病", "肺炎", "支气管哮喘", "胃溃疡"]


@pytest.fixture(scope="session")
def full_kg():
    return MedicalKG.load()


@pytest.fixture(scope="session")
def planner(full_kg):
    """The question-understanding pipeline over the whole graph (the kgqa tests')."""
    return AnswerPlanner(full_kg)


@pytest.fixture(scope="session")
def tiny_graph(full_kg):
    return {name: full_kg.graph[name] for name in TINY_DISEASES if name in full_kg.graph}


@pytest.fixture(scope="session")
def tiny_kg(tiny_graph):
    return MedicalKG(tiny_graph)


def tiny_model_config(path, vocab_size, n_positions=512):
    config = {"architectures": ["GPT2LMHeadModel"], "model_type": "gpt2", "n_layer": 2, "n_embd": 64, "n_head": 2,
              "n_positions": n_positions, "vocab_size": vocab_size, "attn_pdrop": 0.0, "embd_pdrop": 0.0,
              "resid_pdrop": 0.0, "bos_token_id": 2, "eos_token_id": 3, "pad_token_id": 0,
              "loss_type": "ForCausalLM"}
    with open(path, "w") as f:
        json.dump(config, f)
    return path


def workspace_config(tmp_path, **overrides) -> ParameterConfig:
    """A config whose every file lives under tmp_path."""
    fields = dict(train_path=str(tmp_path / "train.txt"), valid_path=str(tmp_path / "valid.txt"),
                  train_pkl=str(tmp_path / "train.pkl"), valid_pkl=str(tmp_path / "valid.pkl"),
                  vocab_path=str(tmp_path / "vocab.txt"), save_model_path=str(tmp_path / "save"),
                  model_path=str(tmp_path / "save" / "min_loss_model"), vocab_size=600, vocab_from_graph=False,
                  model_config=str(tmp_path / "model.json"), save_samples_path="", warmup_steps=10,
                  log_every_steps=5, save_every_steps=0, keep_checkpoints=2, batch_size=8, num_threads=2,
                  quantize="none")  # float decoding, whose logits the tests compare with transformers'; int8: test_generation
    fields.update(overrides)
    return ParameterConfig(**fields)


def overfit_dialogues(kg: MedicalKG, config: ParameterConfig):
    """Five grounded question/answer pairs (one per disease), planned as chat plans them."""
    planner = AnswerPlanner(kg, config.max_answer_items, config.max_knowledge_chars)
    out = []
    for entity in TINY_DISEASES:
        question = f"{entity}有什么症状？"
        plan = planner.plan(question)
        out.append(Dialogue([question, plan.reply], plan.segment))
    return out


def prepare(config: ParameterConfig, train, valid, n_positions=512):
    from data_preprocess.preprocess import preprocess
    from data_preprocess.vocab import load_tokenizer
    write_corpus(config.train_path, train)
    write_corpus(config.valid_path, valid)
    preprocess(config)
    tiny_model_config(config.model_config, len(load_tokenizer(config.vocab_path)), n_positions)


@pytest.fixture(scope="session")
def tiny_planner(tiny_kg):
    return AnswerPlanner(tiny_kg, 3, 120)


@pytest.fixture(scope="session")
def trained(tmp_path_factory, tiny_kg):
    """A 2-layer, 64-wide model overfit on five grounded QA pairs; returns (config, dialogues)."""
    from train import train
    tmp = tmp_path_factory.mktemp("overfit")
    config = workspace_config(tmp, epochs=6, batch_size=10, lr=3e-3, max_knowledge_chars=120, max_answer_items=3)
    dialogues = overfit_dialogues(tiny_kg, config)
    prepare(config, dialogues * 100, dialogues)
    train(config)
    return config, dialogues


@pytest.fixture(scope="session")
def bot(trained, tiny_planner):
    from chatbot import ChatBot
    config, _ = trained
    return ChatBot.load(config, planner=tiny_planner)
