"""benchmark.py runs with tiny settings and reports every section; its reference loop is fair."""
import ast
import dataclasses
import os

from benchmark import run_benchmark, table
from benchmarks import engines
from benchmarks.reference_loops import tutorial_generate

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    race = report["ctranslate2"]
    if engines.ct2_available():
        for batch in ("batch_1", "batch_8"):
            assert race[batch]["core_tok_s"] > 0 and race[batch]["core_vs_ct2_float32"] > 0
            assert race[batch]["ct2_int8_tok_s"] > 0 and race[batch]["core_vs_ct2_int8"] > 0
        # the converted checkpoint is the same model: greedy replies start the same
        assert race["first_tokens_agree"]["ct2_float32"] >= 5
        assert "CTranslate2 int8" in table(report)
    else:
        assert "pip install" in race["skipped"]
    for loop in ("project", "seed_style"):
        assert report["training"][loop]["tokens_per_s"] > 0 and 0 <= report["training"][loop]["padding_fraction"] < 1
    assert report["serving"]["clients_8"]["errors"] == 0 and report["serving"]["clients_1"]["requests"] == 4
    assert all(report[k]["peak_rss_mb"] > 0 for k in ("decoding", "candidates", "training", "serving"))
    assert "core/tutorial" in table(report)


def test_benchmark_imports_go_one_way():
    """benchmark.py imports benchmarks/*; nothing under benchmarks/ imports benchmark.py back."""
    for name in os.listdir(os.path.join(ROOT, "benchmarks")):
        if name.endswith(".py"):
            with open(os.path.join(ROOT, "benchmarks", name), encoding="utf-8") as f:
                tree = ast.parse(f.read())
            imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
            imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
            assert "benchmark" not in imported, name
