"""The decoding core against CTranslate2, the C++ engine a user would pick instead, each
engine in a process of its own.

    python -m benchmarks.engines ENGINE [--name=value ...]   (a worker; benchmark.py starts them)

ENGINE is `core` (the project's decoding core, as configured), `core_int8` or `core_none` (the
core with --quantize=int8 or none), `core_stepwise` (the core without speculation, one token
per pass: --speculative_tokens=0), `ct2_float32` or `ct2_int8` (the same checkpoint converted
by CTranslate2's TransformersConverter). A worker loads its engine, says it is ready, then
answers one JSON line per request read from stdin: greedy decoding of `batch` copies of the
prompt, exactly `new_tokens` new tokens each (`convert_float32` and `convert_int8` convert the
checkpoint, print where to, and exit). race() keeps one worker per engine, so engines never
share a process or an OpenMP runtime, and alternates requests between them. CTranslate2 is a
benchmark dependency only (requirements-bench.txt).
"""
import dataclasses
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Sequence

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CT2_ENGINES = ("ct2_float32", "ct2_int8")
SETTLE_S = 0.2  # between runs: the last engine's OpenMP threads stop spinning before the next starts


def ct2_available() -> bool:
    return importlib.util.find_spec("ctranslate2") is not None


def convert_ct2(model_dir: str, out_dir: str, quantization: str) -> str:
    """The checkpoint in CTranslate2's format. The BERT vocabulary has no <s>/</s>: a prompt
    starts with [CLS] and a reply ends with [SEP], so those are its bos and eos."""
    import ctranslate2
    ctranslate2.converters.TransformersConverter(model_dir).convert(out_dir, quantization=quantization, force=True)
    path = os.path.join(out_dir, "config.json")
    with open(path, encoding="utf-8") as f:
        config = json.load(f)
    config.update(bos_token="[CLS]", eos_token="[SEP]")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(config, f, indent=2)
    return out_dir


def core_runner(config):
    """Greedy decoding through the project's core (generation.decode), as chat runs it."""
    from transformers import GPT2LMHeadModel

    from chatbot import ChatBot
    from data_preprocess.vocab import load_tokenizer
    from functions_tools import setup_threads
    from generation import decode
    setup_threads(config.num_threads)
    path = config.path(config.model_path)
    bot = ChatBot(GPT2LMHeadModel.from_pretrained(path), load_tokenizer(path), config)  # no planner: not timed
    sep, pad = bot.tokenizer.sep_token_id, bot.tokenizer.pad_token_id

    def run(request: dict) -> List[List[int]]:
        sampler = bot.sampler(bot.settings(top_k=1), None)
        columns = [t.tolist() for t in decode(bot.engine, [request["prompt"]] * request["batch"], sampler,
                                              request["new_tokens"], sep, pad, ignore_stop=True,
                                              speculate=config.speculative_tokens)]
        return [list(row) for row in zip(*columns)]
    return run


def ct2_runner(config, quantization: str, argv: Sequence[str]):
    """Greedy decoding through CTranslate2. This process never loads torch (a second OpenMP
    runtime next to CTranslate2's own would compete for the cores): the conversion, which runs
    the model in torch, happens in a process of its own, and prompts come as token strings."""
    import ctranslate2
    done = subprocess.run([sys.executable, "-m", "benchmarks.engines", f"convert_{quantization}", *argv], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    if done.returncode:
        raise RuntimeError(f"CTranslate2 conversion failed:\n{done.stderr[-3000:]}")
    converted = json.loads(done.stdout)["converted"]
    generator = ctranslate2.Generator(converted, device="cpu", inter_threads=1,
                                      intra_threads=config.num_threads or os.cpu_count() or 1)
    shutil.rmtree(converted)  # loaded

    def run(request: dict) -> List[List[int]]:
        results = generator.generate_batch([request["tokens"]] * request["batch"], max_length=request["new_tokens"],
                                           min_length=request["new_tokens"], sampling_topk=1,
                                           include_prompt_in_result=False)
        return [r.sequences_ids[0] for r in results]
    return run


def worker(engine: str, argv: Sequence[str]) -> None:
    # The protocol owns the real stdout; anything a library prints goes to stderr instead.
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    from parameter_config import cli_config
    config = cli_config(list(argv))
    if engine.startswith("convert_"):
        out = tempfile.mkdtemp(prefix=f"ct2-{engine}-")
        print(json.dumps({"converted": convert_ct2(config.path(config.model_path), out, engine[len("convert_"):])}),
              file=protocol, flush=True)
        return
    if engine == "core_stepwise":
        config = dataclasses.replace(config, speculative_tokens=0)
    elif engine.startswith("core_"):
        config = dataclasses.replace(config, quantize=engine[len("core_"):])
    run = core_runner(config) if engine.startswith("core") else ct2_runner(config, engine[len("ct2_"):], argv)
    print(json.dumps({"ready": engine}), file=protocol, flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        start = time.perf_counter()
        rows = run(request)
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "tokens": sum(map(len, rows)), "first": rows[0]}),
              file=protocol, flush=True)


class EngineProcess:
    """One worker process; `run` sends a request and waits for its answer."""

    def __init__(self, engine: str, config_args: Sequence[str]):
        self.engine, self.log = engine, tempfile.TemporaryFile(mode="w+")
        self.process = subprocess.Popen([sys.executable, "-m", "benchmarks.engines", engine, *config_args],
                                        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True)
        self._read()

    def _read(self) -> dict:
        line = self.process.stdout.readline()
        if not line:
            self.log.seek(0)
            raise RuntimeError(f"the {self.engine} worker stopped:\n{self.log.read()[-3000:]}")
        return json.loads(line)

    def run(self, request: dict) -> dict:
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self._read()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=60)
        self.log.close()


def agreeing(a: List[int], b: List[int]) -> int:
    """How many leading tokens two greedy replies share."""
    return next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))


def race(config_args: Sequence[str], engines: Sequence[str], prompt: List[int], tokens: List[str],
         new_tokens: int, batches: Sequence[int], repeats: int) -> Dict[str, dict]:
    """Tokens/s of each engine at each batch size, greedy, `prompt` (ids; `tokens`: their
    strings) continued by exactly `new_tokens`: median of `repeats` runs, alternating between
    engines, after one untimed warm-up round."""
    workers = [EngineProcess(engine, config_args) for engine in engines]
    try:
        rates = {(w.engine, b): [] for w in workers for b in batches}
        first = {}
        for round_ in range(repeats + 1):
            for batch in batches:
                for w in workers:
                    time.sleep(SETTLE_S)
                    result = w.run({"prompt": prompt, "tokens": tokens, "new_tokens": new_tokens, "batch": batch})
                    first[w.engine] = result["first"]
                    if round_:
                        rates[w.engine, batch].append(result["tokens"] / result["seconds"])
    finally:
        for w in workers:
            w.close()
    report = {}
    for batch in batches:
        row = {f"{e}_tok_s": round(statistics.median(rates[e, batch]), 1) for e in engines}
        for e in engines[1:]:
            row[f"{engines[0]}_vs_{e}"] = round(row[f"{engines[0]}_tok_s"] / row[f"{e}_tok_s"], 2)
        report[f"batch_{batch}"] = row
    report["first_tokens_agree"] = {e: agreeing(first[engines[0]], first[e]) for e in engines[1:]}
    return report


if __name__ == "__main__":
    worker(sys.argv[1], sys.argv[2:])
