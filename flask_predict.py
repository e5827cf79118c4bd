"""Prediction used by the web app, on top of the generation core.

`model_predict(text, history) -> (response, history)` keeps the tutorial's signature; the
web app uses a `Predictor` it is given (create_app builds one, tests inject their own).
"""
import functools
import logging
import queue
import threading
import time
from dataclasses import dataclass, field
from typing import Iterator, List, Optional, Sequence, Tuple

from chatbot import ChatBot
from generation import token_piece
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


logger = logging.getLogger(__name__)
_END = object()  # marks the end of one request's token stream


@dataclass
class _Job:
    prompt: List[int]
    pieces: "queue.Queue" = field(default_factory=queue.Queue)


class BatchingPredictor(Predictor):
    """Concurrent chat requests share decoding steps.

    On two CPU cores, eight threads each running their own forward pass only fight over the
    cores; one forward pass over a batch of eight prompts costs little more than over one. A
    worker thread therefore takes the requests waiting (up to max_batch, after a short wait for
    company), decodes them as one left-padded batch in which each stops at its own [SEP], and
    hands every request its own tokens through its own queue. Outputs cannot mix: row i of the
    batch only ever goes to request i.
    """

    def __init__(self, bot: ChatBot, max_batch: int = 8, wait_seconds: float = 0.005):
        super().__init__(bot)
        self.max_batch, self.wait_seconds = max_batch, wait_seconds
        self.jobs: "queue.Queue[_Job]" = queue.Queue()
        threading.Thread(target=self._work, name="batching-decoder", daemon=True).start()

    def stream(self, question: str, history: Sequence[str]) -> Iterator[str]:
        job = _Job(self.bot.build_prompt(question, history, self.bot.config.max_new_tokens))
        self.jobs.put(job)
        while True:
            piece = job.pieces.get()
            if piece is _END:
                return
            if isinstance(piece, BaseException):
                raise piece
            yield piece

    def predict(self, question: str, history: Sequence[str], seed: Optional[int] = None) -> Tuple[str, List[str]]:
        if seed is not None:  # a seeded reply must not depend on which requests share its batch
            return super().predict(question, history, seed)
        answer = "".join(self.stream(question, history))
        return answer, list(history) + [question, answer]

    def _take_batch(self) -> List[_Job]:
        batch = [self.jobs.get()]
        deadline = time.monotonic() + self.wait_seconds
        while len(batch) < self.max_batch:
            try:
                batch.append(self.jobs.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                break
        return batch

    def _work(self) -> None:
        while True:
            batch = self._take_batch()
            try:
                self._decode(batch)
            except Exception as error:  # the requests get the error; the worker lives on
                logger.exception("batched decoding failed")
                for job in batch:
                    job.pieces.put(error)

    def _decode(self, batch: List[_Job]) -> None:
        bot, sep = self.bot, self.bot.tokenizer.sep_token_id
        previous = [""] * len(batch)
        open_rows = set(range(len(batch)))
        for tokens in bot.stream_ids([job.prompt for job in batch], bot.settings()):
            for row in list(open_rows):
                token_id = int(tokens[row])
                if token_id == sep:
                    open_rows.discard(row)
                    batch[row].pieces.put(_END)
                    continue
                token = bot.id_to_token[token_id]
                batch[row].pieces.put(token_piece(previous[row], token))
                previous[row] = token
        for row in open_rows:
            batch[row].pieces.put(_END)


_load_lock = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default_predictor() -> Predictor:
    return BatchingPredictor(ChatBot.load(ParameterConfig()))


def default_predictor() -> Predictor:
    """The shipped model, loaded once on first use."""
    with _load_lock:
        return _default_predictor()


def model_predict(text: str, history: Sequence[str], predictor: Optional[Predictor] = None) -> Tuple[str, List[str]]:
    """Answer `text` given the earlier utterances; returns (response, updated history)."""
    return (predictor or default_predictor()).predict(text, history)
