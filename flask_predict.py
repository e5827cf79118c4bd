"""Prediction used by the web app, on top of the generation core.

`model_predict(text, history) -> (response, history)` keeps the tutorial's signature; the
web app uses a `Predictor` it is given (create_app builds one, tests inject their own).
"""
import functools
import logging
import queue
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Deque, Iterator, List, Optional, Sequence, Tuple, Union

from chatbot import Answer, ChatBot
from generation import DecodingBatch, PieceDecoder
from parameter_config import ParameterConfig
from prompt_lookup import PromptLookup


class Predictor:
    """Thread-safe facade over one ChatBot.

    torch modules in eval mode can run forward passes from several threads at once and each
    call owns its own KV cache, so no lock is needed around generation itself.
    """

    def __init__(self, bot: ChatBot):
        self.bot = bot

    def answer(self, question: str, history: Sequence[str], seed: Optional[int] = None) -> Answer:
        return self.bot.answer(question, history, seed=seed)

    def predict(self, question: str, history: Sequence[str], seed: Optional[int] = None) -> Tuple[str, List[str]]:
        answer = self.answer(question, history, seed).text
        return answer, list(history) + [question, answer]

    def stream_answer(self, question: str, history: Sequence[str]) -> Iterator[Union[str, Answer]]:
        """The model's reply piece by piece, then the checked Answer (text and source) last."""
        return self.bot.stream_answer(question, history)

    def stream(self, question: str, history: Sequence[str]) -> Iterator[str]:
        return (piece for piece in self.stream_answer(question, history) if isinstance(piece, str))

    def generate(self, context: str, maxlength: int, samples: int) -> Tuple[List[str], float]:
        start = time.perf_counter()
        result = self.bot.continue_text(context, maxlength, samples)
        return result, time.perf_counter() - start

    def health(self) -> dict:
        return {"model_loaded": True, "device": str(self.bot.device), "model": self.bot.name,
                "grounded": self.bot.planner is not None}


logger = logging.getLogger(__name__)
_END = object()  # marks the end of one request's reply


@dataclass
class _Job:
    """One chat request inside the decoding batch."""
    prompt: List[int]
    plan: object           # kgqa Plan (None in plain mode): the reply is checked against it
    budget: int            # tokens the reply may still take
    pieces: PieceDecoder
    streaming: bool        # hand each piece over as it comes, or the whole reply at the end
    out: "queue.Queue" = field(default_factory=queue.Queue)
    text: List[str] = field(default_factory=list)
    cancelled: bool = False  # the client went away: leave the batch at the next step
    lookup: Optional[PromptLookup] = None  # prompt + reply so far, for guessing what follows

    def take(self, token_id: int, stop_id: int) -> bool:
        """Record the row's next token; False once the reply is over (and the request told)."""
        if token_id == stop_id or self.cancelled:
            self.finish(_END)
            return False
        if self.lookup is not None:
            self.lookup.extend((token_id,))
        piece = self.pieces(token_id)
        self.out.put(piece) if self.streaming else self.text.append(piece)
        self.budget -= 1
        if self.budget <= 0:
            self.finish(_END)
        return self.budget > 0

    def finish(self, signal) -> None:
        self.out.put(signal)


@dataclass
class _Task:
    """Other model work (seeded replies, /generate) that the worker runs between two steps."""
    run: Callable[[], object]
    out: "queue.Queue" = field(default_factory=queue.Queue)


class BatchingPredictor(Predictor):
    """Concurrent chat requests share decoding steps (continuous batching, as TGI and vLLM do).

    On two CPU cores, eight threads each running their own forward pass only fight over the
    cores; one forward pass over a batch of eight costs little more than over one. One worker
    thread owns a DecodingBatch: each step is one forward pass that feeds the prompts of the
    requests that arrived since the last step and advances every running row by one token (or,
    checking guessed tokens, by as many as it keeps: see generation.decode_guessing); then rows
    that finished leave, so nobody waits for someone else's longer reply. Row i only ever
    feeds request i's queue, so outputs cannot mix.
    """

    def __init__(self, bot: ChatBot, max_batch: int = 8):
        super().__init__(bot)
        if max_batch < 1:
            raise ValueError(f"max_batch must be at least 1, got {max_batch}")
        self.max_batch = max_batch
        self.jobs: "queue.Queue[_Job | _Task | None]" = queue.Queue()  # None: stop the worker
        self.backlog: Deque[_Job] = deque()  # requests taken off the queue while the batch was full
        self.batch: Optional[DecodingBatch] = None  # the running batch, owned by the worker thread
        threading.Thread(target=self._work, name="batching-decoder", daemon=True).start()

    def close(self) -> None:
        """Stop the worker once the requests already submitted are answered."""
        self.jobs.put(None)

    def _submit(self, question: str, history: Sequence[str], streaming: bool, plan=None) -> _Job:
        bot, max_new = self.bot, self.bot.config.max_new_tokens
        plan = plan or bot.plan(question, history)
        prompt = bot.build_prompt(question, history, max_new, plan)
        job = _Job(prompt, plan, bot.token_budget(len(prompt), max_new), PieceDecoder(bot.id_to_token), streaming,
                   lookup=PromptLookup(prompt, bot.phrase_ids) if bot.config.speculative_tokens > 0 else None)
        self.jobs.put(job)
        return job

    def stream_answer(self, question: str, history: Sequence[str]) -> Iterator[Union[str, Answer]]:
        plan = self.bot.plan(question, history)
        fixed = self.bot.fixed_reply(plan)
        if fixed:
            yield from fixed
            return
        job = self._submit(question, history, streaming=True, plan=plan)
        reply = ""
        try:
            while (piece := _raised(job.out.get())) is not _END:
                reply += piece
                yield piece
        finally:
            job.cancelled = True
        yield self.bot.finish(reply, job.plan)

    def _in_worker(self, run: Callable[[], object]):
        task = _Task(run)
        self.jobs.put(task)
        return _raised(task.out.get())

    def generate(self, context: str, maxlength: int, samples: int) -> Tuple[List[str], float]:
        return self._in_worker(lambda: super(BatchingPredictor, self).generate(context, maxlength, samples))

    def answer(self, question: str, history: Sequence[str], seed: Optional[int] = None) -> Answer:
        if seed is not None:  # a seeded reply must not depend on which requests share its batch
            return self._in_worker(lambda: super(BatchingPredictor, self).answer(question, history, seed))
        job = self._submit(question, history, streaming=False)
        _raised(job.out.get())  # one wake-up per request, not one per token
        return self.bot.finish("".join(job.text), job.plan)

    def _arrivals(self, room: int, wait: bool) -> Optional[List[_Job]]:
        """Requests to join now, at most `room` (blocking for one when the batch is empty); None
        when the worker is told to stop. Everything queued is read at once: tasks run now,
        requests beyond `room` wait in the backlog."""
        while True:
            try:
                item = self.jobs.get() if wait and not self.backlog else self.jobs.get_nowait()
            except queue.Empty:
                break
            if item is None:
                return None
            if isinstance(item, _Task):
                item.out.put(_run_task(item))
            elif item.cancelled:  # the client left before its turn
                item.finish(_END)
            else:
                self.backlog.append(item)
            wait = False
        return [self.backlog.popleft() for _ in range(min(room, len(self.backlog)))]

    def _work(self) -> None:
        jobs_by_row: List[_Job] = []  # the request of each batch row, in row order
        while True:
            try:
                if not self._step(jobs_by_row):
                    return
            except Exception as error:  # the requests in the batch get the error; the worker lives on
                logger.exception("batched decoding failed")
                for job in jobs_by_row:
                    job.finish(RuntimeError(f"decoding failed: {error}"))
                jobs_by_row.clear()
                self.batch = None

    def _step(self, jobs_by_row: List[_Job]) -> bool:
        """One decoding step for the running rows and the new arrivals together; updates
        `jobs_by_row` in place. False when the worker is to stop."""
        running = len(jobs_by_row)
        arrived = self._arrivals(self.max_batch - running, wait=not running)
        if arrived is None:
            return False
        jobs_by_row.extend(arrived)  # before any model call, so that an error reaches them too
        if not jobs_by_row:  # only tasks came
            return True
        if self.batch is None:
            bot = self.bot
            self.batch = DecodingBatch(bot.engine, bot.sampler(bot.settings(), None), bot.tokenizer.pad_token_id,
                                       bot.prefixes)
        stop_id, guesses = self.bot.tokenizer.sep_token_id, self.bot.config.speculative_tokens
        prompts, running = [job.prompt for job in arrived], jobs_by_row[:len(jobs_by_row) - len(arrived)]
        if guesses > 0 and running:  # the running rows check guessed continuations too (generation.decode_guessing)
            picks = self.batch.step_guessing([job.lookup for job in running],
                                             [min(guesses, job.budget - 1) for job in running], prompts)
        else:
            picks = [[token] for token in self.batch.step(prompts).tolist()]
        going = [all(job.take(token, stop_id) for token in tokens) for job, tokens in zip(jobs_by_row, picks)]
        jobs_by_row[:] = [jobs_by_row[i] for i in self.batch.retain(going)]
        return True


def _raised(item):
    """What the worker handed over; an exception it handed over is raised in the caller's thread."""
    if isinstance(item, BaseException):
        raise item
    return item


def _run_task(task: _Task):
    try:
        return task.run()
    except Exception as error:  # handed to the caller, which raises it
        return error


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
