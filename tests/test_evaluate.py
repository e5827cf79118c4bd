"""evaluate.py's metrics, and a run on the tiny model."""
import dataclasses

from data_preprocess.knowledge import not_found_reply
from eval_metrics import case_scores, distinct_n, summarize
from evaluate import evaluate, markdown


def test_item_scores():
    gold = ["头晕", "头痛", "乏力", "心悸", "呕吐", "胸闷", "麻木"]
    perfect = case_scores("头晕；头痛；乏力；心悸；呕吐", gold)
    assert perfect["precision"] == 1 and perfect["recall"] == 1 and perfect["f1"] == 1
    half = case_scores("头晕；发热", gold)
    assert half["precision"] == 0.5 and half["recall"] == 1 / 5
    repeated = case_scores("头晕；头晕；头痛", gold)
    assert repeated["repeated"] and repeated["precision"] == 1
    assert case_scores("", gold)["f1"] == 0
    assert case_scores(not_found_reply(), [not_found_reply()])["f1"] == 1
    assert case_scores("头晕", [not_found_reply()])["f1"] == 0
    assert case_scores("心血管内科", ["心血管内科"])["exact"] == 1
    assert case_scores("ct检查；x线", ["CT检查", "X线"])["f1"] == 1  # the vocab is uncased


def test_summary_and_distinct():
    scores = [dict(case_scores("a；b", ["a", "b"]), kind="seed", unseen_phrasing=False),
              dict(case_scores("a；a", ["a", "b"]), kind="natural", unseen_phrasing=True)]
    summary = summarize(scores, ["a；b", "a；a"])
    assert summary["by_kind"]["seed"]["f1"] == 1 and summary["repetition_rate"] == 0.5
    assert "natural (unseen phrasing)" in summary["by_kind"]
    assert distinct_n(["abab"], 2) == 2 / 3


def test_evaluate_tiny_model(trained, bot):
    config, _ = trained
    report = evaluate(dataclasses.replace(config, eval_cases_per_kind=3, eval_cases_file=""), bot)
    assert 0 < report["perplexity"]["perplexity"] < 1e6 and report["cases"] >= 9
    for mode in ("sampled", "greedy"):
        kinds = report[mode]["by_kind"]
        assert {"seed", "natural", "followup", "not_found"} <= kinds.keys()
        assert all(0 <= m["f1"] <= 1 for m in kinds.values())
    assert "| greedy | seed |" in markdown(report)
