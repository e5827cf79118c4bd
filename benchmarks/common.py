"""What benchmark.py and the processes it starts share: the questions, the model, memory
readings and how a config travels to a subprocess. benchmarks/* import this, never
benchmark.py (the import goes one way: benchmark.py -> benchmarks/*)."""
import dataclasses
import logging
from typing import List

import torch

from chatbot import ChatBot, ModelNotFound
from parameter_config import ParameterConfig

logger = logging.getLogger(__name__)
QUESTIONS = ["高血压有什么症状？", "糖尿病挂什么科？", "肺炎是什么原因引起的？", "胃溃疡怎么治疗？",
             "支气管哮喘要做什么检查？", "贫血会传染吗？", "偏头痛多发于哪些人群", "那它怎么治疗？"]


def rss_mb() -> dict:
    """Current and peak resident memory of this process, then reset the peak (Linux)."""
    values = {}
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(("VmRSS", "VmHWM")):
                    values[line.split(":")[0]] = int(line.split()[1]) / 1024
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass
    return {"rss_mb": round(values.get("VmRSS", 0), 1), "peak_rss_mb": round(values.get("VmHWM", 0), 1)}


def sync():
    """Wait for queued GPU work, so a timer stops when the work is done (no-op on the CPU)."""
    if torch.cuda.is_available() and torch.cuda.is_initialized():
        torch.cuda.synchronize()


def load_bot(config: ParameterConfig) -> ChatBot:
    """The checkpoint, or a fresh model of the default config so the benchmark always runs."""
    try:
        return ChatBot.load(config)
    except ModelNotFound:
        from data_preprocess.vocab import load_tokenizer
        from kgqa.graph import MedicalKG
        from kgqa.planner import AnswerPlanner
        from training_setup import build_model
        logger.warning("no checkpoint at %s: timing a freshly initialised model", config.model_path)
        tokenizer = load_tokenizer(config.path(config.vocab_path))
        model = build_model(config, tokenizer, torch.device(config.device or "cpu"))
        planner = AnswerPlanner(MedicalKG.load(), config.max_answer_items, config.max_knowledge_chars)
        return ChatBot(model, tokenizer, config, planner, name="random-init")


def longest_prompt(bot: ChatBot, new_tokens: int) -> List[int]:
    """The longest benchmark prompt that leaves `new_tokens` of the model's positions (the
    longest of all when none does)."""
    prompts = [bot.build_prompt(q, [], new_tokens) for q in QUESTIONS]
    fitting = [p for p in prompts if len(p) + new_tokens <= bot.n_positions]
    return max(fitting or prompts, key=len)


def config_args(config: ParameterConfig) -> List[str]:
    """`--name=value` for every setting that differs from the default, for a subprocess."""
    defaults = type(config)()
    return [f"--{f.name}={getattr(config, f.name)}" for f in dataclasses.fields(config)
            if getattr(config, f.name) != getattr(defaults, f.name)]
