"""benchmark.py runs with tiny settings and reports every section; its reference loop is fair."""
import dataclasses

from benchmark import run_benchmark, table
from benchmarks.reference_loops import tutorial_generate


def test_tutorial_loop_matches_core_under_greedy(bot, trained):
    _, dialogues = trained
    prompt = bot.build_prompt(dialogues[0].utterances[0], [], 32)
    settings = bot.settings(top_k=1, max_new_tokens=32)
    reference = tutorial_generate(bot.model, prompt, 32, settings, bot.banned_ids, stop_id=bot.tokenizer.sep_token_id)
    core = [int(t[0]) for t in bot.stream_ids([prompt], settings)]
    assert core[:-1] == reference and core[-1] == bot.tokenizer.sep_token_id
    assert bot.ids_to_text(reference) == dialogues[0].utterances[1]


def test_benchmark_smoke(trained):
    config, _ = trained
    config = dataclasses.replace(config, bench_repeats=1, bench_train_steps=2, bench_requests=4, batch_size=4)
    report = run_benchmark(config)
    for n in ("32", "128", "300"):
        row = report["decoding"][n]
        assert {"core", "tutorial", "hf_generate"} <= row.keys() and row["core_vs_tutorial"] > 0
    assert report["candidates"]["speedup"] > 0
    for loop in ("project", "seed_style"):
        assert report["training"][loop]["tokens_per_s"] > 0 and 0 <= report["training"][loop]["padding_fraction"] < 1
    assert report["serving"]["clients_8"]["errors"] == 0 and report["serving"]["clients_1"]["requests"] == 4
    assert all(report[k]["peak_rss_mb"] > 0 for k in ("decoding", "candidates", "training", "serving"))
    assert "core/tutorial" in table(report)
