"""Speed of the project against the seed tutorial's loops, transformers and CTranslate2, side by side.

    python benchmark.py [--model_path=... --bench_repeats=3 --bench_train_steps=40 --bench_requests=128]

Same process (serving and the CTranslate2 race: fresh ones, see benchmarks/serving_load.py and
benchmarks/engines.py), same weights, same prompts; repetitions alternate between contenders and
medians are reported. Prints a table, then one JSON line. The tutorial's loops live here only, as
the reference being measured against. CTranslate2 comes from requirements-bench.txt; without it
that part is skipped.
"""
import dataclasses
import json
import logging
import os
import statistics
import sys
import time

import torch

from benchmarks import engines
from benchmarks.reference_loops import (
    project_training_steps,
    seed_training_steps,
    tutorial_generate,
)
from benchmarks.common import QUESTIONS, config_args, load_bot, longest_prompt, rss_mb, sync
from benchmarks.serving_load import measure_in_subprocess
from chatbot import ChatBot
from functions_tools import pick_device, setup_threads
from generation import decode
from parameter_config import ParameterConfig, cli_config

logger = logging.getLogger(__name__)
RACE_NEW_TOKENS = 300  # the engine race: greedy replies this long, at batch 1 and 8


def timed(fn) -> float:
    sync()
    start = time.perf_counter()
    fn()
    sync()
    return time.perf_counter() - start


def race(contenders: dict, repeats: int) -> dict:
    """Median seconds per contender, repetitions alternating between them."""
    times = {name: [] for name in contenders}
    for _ in range(repeats):
        for name, fn in contenders.items():
            times[name].append(timed(fn))
    return {name: statistics.median(t) for name, t in times.items()}


def bench_decoding(bot: ChatBot, config: ParameterConfig) -> dict:
    settings = bot.settings(repetition_penalty=1.2)
    prompt = longest_prompt(bot, 300)
    sep, pad = bot.tokenizer.sep_token_id, bot.tokenizer.pad_token_id
    out = {}
    for wanted in (32, 128, 300):
        n = min(wanted, bot.n_positions - len(prompt))  # prompt + reply must fit n_positions

        def core():
            for _ in decode(bot.engine, [prompt], bot.sampler(settings, 0), n, sep, pad, ignore_stop=True,
                            speculate=config.speculative_tokens):
                pass

        def tutorial():
            tutorial_generate(bot.model, prompt, n, settings, bot.banned_ids, seed=0)

        def hf_generate():
            with torch.inference_mode():
                bot.model.generate(torch.tensor([prompt], device=bot.device), do_sample=True, max_new_tokens=n,
                                   min_new_tokens=n, temperature=settings.temperature, top_k=settings.top_k,
                                   top_p=settings.top_p, repetition_penalty=settings.repetition_penalty,
                                   suppress_tokens=bot.banned_ids, pad_token_id=pad)

        seconds = race({"core": core, "tutorial": tutorial, "hf_generate": hf_generate}, config.bench_repeats)
        out[str(wanted)] = {"new_tokens": n, **{name: {"ms_per_reply": round(s * 1000, 1), "tokens_per_s": round(n / s, 1)}
                       for name, s in seconds.items()}}
        out[str(wanted)]["core_vs_tutorial"] = round(seconds["tutorial"] / seconds["core"], 2)
        out[str(wanted)]["core_vs_hf_generate"] = round(seconds["hf_generate"] / seconds["core"], 2)
    out.update(rss_mb())
    return out


def bench_candidates(bot: ChatBot, config: ParameterConfig, n: int = 5, length: int = 64) -> dict:
    """N candidates in one batched call against N calls; the calls speculate as configured
    (a reply decoding alone does), and `sequential_stepwise` is the same N calls without it."""
    prompt = bot.build_prompt(QUESTIONS[1], [], length)
    settings = bot.settings(max_new_tokens=length)

    def batched():
        for _ in bot.stream_ids([prompt], settings, seed=0, ignore_stop=True, copies=n):
            pass

    def sequential(speculate):
        def run():
            for i in range(n):
                for _ in decode(bot.engine, [prompt], bot.sampler(settings, i), length, bot.tokenizer.sep_token_id,
                                bot.tokenizer.pad_token_id, ignore_stop=True, prefixes=bot.prefixes, speculate=speculate,
                                phrases=bot.phrase_ids):  # guessing from what the batched call guesses from
                    pass
        return run

    seconds = race({"batched": batched, "sequential": sequential(config.speculative_tokens),
                    "sequential_stepwise": sequential(0)}, config.bench_repeats)
    return {"candidates": n, "new_tokens": length, "batched_ms": round(seconds["batched"] * 1000, 1),
            "sequential_ms": round(seconds["sequential"] * 1000, 1),
            "sequential_stepwise_ms": round(seconds["sequential_stepwise"] * 1000, 1),
            "speedup": round(seconds["sequential"] / seconds["batched"], 2),
            "speedup_vs_stepwise": round(seconds["sequential_stepwise"] / seconds["batched"], 2), **rss_mb()}


def bench_engines(bot: ChatBot, config: ParameterConfig) -> dict:
    """The core against CTranslate2 float32 and int8 on the same checkpoint and prompt, greedy,
    RACE_NEW_TOKENS new tokens, each engine in its own process (benchmarks/engines.py)."""
    if not engines.ct2_available():
        message = "ctranslate2 is not installed (pip install -r requirements-bench.txt): engine race skipped"
        logger.warning(message)
        return {"skipped": message}
    if not os.path.isfile(os.path.join(config.path(config.model_path), "config.json")):
        return {"skipped": f"no checkpoint at {config.model_path} for CTranslate2 to convert: engine race skipped"}
    prompt = longest_prompt(bot, RACE_NEW_TOKENS)
    n = min(RACE_NEW_TOKENS, bot.n_positions - len(prompt))
    other = "core_none" if bot.engine.quantize == "int8" else "core_int8"  # the core's other weights, for comparison
    report = engines.race(config_args(config), ("core", other, "core_stepwise", *engines.CT2_ENGINES), prompt,
                          bot.tokenizer.convert_ids_to_tokens(prompt), n, (1, 8), config.bench_repeats)
    return {"prompt_tokens": len(prompt), "new_tokens": n, "quantize": bot.engine.quantize, "other_core": other,
            "threads": config.num_threads or os.cpu_count(), **report}


def bench_training(config: ParameterConfig) -> dict:
    if pick_device(config.device).type == "cuda":
        # A GPU's first training steps load kernels: 200 steps took 27.5 s cold and 7.9 s warm
        # on an H200, which would time the warm-up rather than the loop.
        project_training_steps(dataclasses.replace(config, bench_train_steps=5))
    project = project_training_steps(config)
    seed = seed_training_steps(config, project["initial_state"])
    project.pop("initial_state")
    return {"project": project, "seed_style": seed,
            "speedup_all_tokens": round(project["tokens_per_s"] / seed["tokens_per_s"], 2),
            "speedup_answer_tokens": round(project["answer_tokens_per_s"] / seed["answer_tokens_per_s"], 2),
            **rss_mb()}


def table(report: dict) -> str:
    lines = [f"benchmark on {report['device']} ({report['model']}), {report['threads']} threads", "",
             "| decoding | new tokens | core tok/s | tutorial tok/s | generate() tok/s | core/tutorial | core/generate |",
             "|---|---|---|---|---|---|---|"]
    for n, row in report["decoding"].items():
        if n.isdigit():
            lines.append(f"| sampled | {row['new_tokens']} | {row['core']['tokens_per_s']} | {row['tutorial']['tokens_per_s']} | "
                         f"{row['hf_generate']['tokens_per_s']} | {row['core_vs_tutorial']}x | {row['core_vs_hf_generate']}x |")
    e = report["ctranslate2"]
    if "skipped" in e:
        lines += ["", e["skipped"]]
    else:
        other = e["other_core"]
        lines += ["", f"| greedy, {e['prompt_tokens']}-token prompt, {e['new_tokens']} new tokens, {e['threads']} "
                      f"threads | core ({e['quantize']}) | {other} | core, no speculation | CTranslate2 float32 | "
                      "CTranslate2 int8 | core/float32 | core/int8 |", "|---|---|---|---|---|---|---|---|"]
        for batch in ("batch_1", "batch_8"):
            r = e[batch]
            lines.append(f"| {batch.replace('_', ' ')} tok/s | {r['core_tok_s']} | {r[other + '_tok_s']} | "
                         f"{r['core_stepwise_tok_s']} | "
                         f"{r['ct2_float32_tok_s']} | {r['ct2_int8_tok_s']} | {r['core_vs_ct2_float32']}x | "
                         f"{r['core_vs_ct2_int8']}x |")
    c = report["candidates"]
    lines += ["", f"5 candidates: batched {c['batched_ms']} ms vs sequential {c['sequential_ms']} ms -> {c['speedup']}x "
                  f"(vs {c['sequential_stepwise_ms']} ms without speculation -> {c['speedup_vs_stepwise']}x)"]
    t = report["training"]
    lines += ["", "| training | tokens/s | answer tokens/s | padding |", "|---|---|---|---|"]
    for name in ("project", "seed_style"):
        lines.append(f"| {name} | {t[name]['tokens_per_s']} | {t[name]['answer_tokens_per_s']} | {t[name]['padding_fraction']} |")
    lines.append(f"speedup: {t['speedup_all_tokens']}x tokens/s, {t['speedup_answer_tokens']}x answer tokens/s")
    s = report["serving"]
    lines += ["", "| serving | requests | req/s | p50 ms | p95 ms | errors |", "|---|---|---|---|---|---|"]
    for name in ("clients_1", "clients_8"):
        r = s[name]
        lines.append(f"| {name} | {r['requests']} | {r['requests_per_s']} | {r['p50_ms']} | {r['p95_ms']} | {r['errors']} |")
    lines.append(f"8 clients vs 1: {s['concurrency_speedup']}x requests/s ({s['server']})")
    lines.append("peak RSS MB: " + ", ".join(f"{k} {report[k]['peak_rss_mb']}" for k in
                                           ("decoding", "candidates", "training", "serving")))
    return "\n".join(lines)


def run_benchmark(config: ParameterConfig) -> dict:
    setup_threads(config.num_threads)
    bot = load_bot(config)
    report = {"device": str(bot.device), "model": bot.name, "threads": torch.get_num_threads(),
              "date": time.strftime("%Y-%m-%d"), "cpu": os.cpu_count()}
    rss_mb()
    report["decoding"] = bench_decoding(bot, config)
    report["candidates"] = bench_candidates(bot, config)
    report["ctranslate2"] = bench_engines(bot, config)
    report["training"] = bench_training(config)
    report["serving"] = measure_in_subprocess(config)
    return report


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = cli_config(sys.argv[1:] if argv is None else argv)
    report = run_benchmark(config)
    print(table(report))
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
