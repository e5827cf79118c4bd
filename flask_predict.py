"""Prediction used by the web app, on top of the generation core.

`model_predict(text, history) -> (response, history)` keeps the tutorial's signature; the
web app uses a `Predictor` it is given (create_app builds one, tests inject their own).
"""
import functools
import threading
import time
from typing import Iterator, List, Optional, Sequence, Tuple

from chatbot import ChatBot
from parameter_config import ParameterConfig


class Predictor:
    """Thread-safe facade over one ChatBot.

    torch modules in eval mode can run forward passes from several threads at once and each
    call owns its own KV cache, so no lock is needed around generation itself.
    """

    def __init__(self, bot: ChatBot):
        self.bot = bot

    def predict(self, question: str, history: Sequence[str], seed: Optional[int] = None) -> Tuple[str, List[str]]:
        answer = self.bot.reply(question, history, seed=seed)
        return answer, list(history) + [question, answer]

    def stream(self, question: str, history: Sequence[str]) -> Iterator[str]:
        return self.bot.stream(question, history)

    def generate(self, context: str, maxlength: int, samples: int) -> Tuple[List[str], float]:
        start = time.perf_counter()
        result = self.bot.continue_text(context, maxlength, samples)
        return result, time.perf_counter() - start

    def health(self) -> dict:
        return {"model_loaded": True, "device": str(self.bot.device), "model": self.bot.name,
                "grounded": self.bot.kg is not None}


_load_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default_predictor() -> Predictor:
    return Predictor(ChatBot.load(ParameterConfig()))


def default_predictor() -> Predictor:
    """The shipped model, loaded once on first use."""
    with _load_lock:
        return _default_predictor()


def model_predict(text: str, history: Sequence[str], predictor: Optional[Predictor] = None) -> Tuple[str, List[str]]:
    """Answer `text` given the earlier utterances; returns (response, updated history)."""
    return (predictor or default_predictor()).predict(text, history)
