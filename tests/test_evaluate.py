"""evaluate.py's metrics, and a run on the tiny model."""
import dataclasses
import json

from eval_metrics import LabelScorer, case_scores, distinct_n, patient_summary
from evaluate import evaluate, markdown
from kgqa.graph import MedicalKG

GRAPH = MedicalKG({"高血压": {"常见症状": ["头晕", "头痛"], "就诊科室": ["心血管内科"]},
                   "偏头痛": {"常见症状": ["头痛"], "就诊科室": ["神经内科"]},
                   "降压片": {"适应症": ["高血压"], "不良反应": ["头晕"]}})


def test_patient_outcomes():
    scorer = LabelScorer(GRAPH)
    symptoms = {"kind": "answer", "direction": "forward", "entities": ["高血压"], "relations": ["常见症状"], "type": "symptom"}
    assert scorer.outcome("高血压的常见症状：头晕；头痛。", symptoms) == "correct"
    assert scorer.outcome("高血压的常见症状：头晕；心梗。", symptoms) == "wrong"  # an item not in the graph
    assert scorer.outcome("高血压的就诊科室：心血管内科。", symptoms) == "wrong"  # another relation's facts
    assert scorer.outcome("抱歉，知识库中没有……", symptoms) == "decline"
    assert scorer.outcome("  ", symptoms) == "empty"
    drug = dict(symptoms, relations=["药物治疗"], type="drug")
    assert scorer.outcome("高血压的对症药品：降压片。", drug) == "correct"  # drugs whose 适应症 name it
    reverse = {"kind": "answer", "direction": "reverse", "terms": ["头痛"], "relations": ["常见症状"]}
    assert scorer.outcome("头痛的可能疾病：偏头痛；高血压。", reverse) == "correct"
    assert scorer.outcome("头痛的可能疾病：降压片。", reverse) == "wrong"
    assert scorer.outcome("头痛的可就诊科室：神经内科。", reverse) == "correct"  # which department: 偏头痛's
    both = dict(reverse, terms=["头痛", "头晕"])  # two described: only a disease listing both sends
    assert scorer.outcome("头痛、头晕的可就诊科室：心血管内科。", both) == "correct"
    assert scorer.outcome("头痛、头晕的可就诊科室：神经内科。", both) == "wrong"
    decline = {"kind": "decline", "type": "diet"}
    assert scorer.outcome("抱歉，知识库中没有高血压的饮食宜忌信息。", decline) == "decline"
    assert scorer.outcome("高血压的常见症状：头晕。", decline) == "wrong"
    assert scorer.outcome("请立即拨打120。", {"kind": "emergency"}) == "correct"
    labels = [symptoms, symptoms, decline, {"kind": "chat"}]
    summary = patient_summary(["correct", "wrong", "decline", "correct"], labels)
    assert summary["correct_of_answerable"] == 0.5 and summary["wrong_of_all"] == 0.25
    assert summary["honest_decline_of_unanswerable"] == 1.0 and summary["chat_ok"] == 1.0


def test_item_scores():
    gold = "高血压的常见症状：头晕；头痛；乏力。"
    assert case_scores(gold, gold)["f1"] == 1 and case_scores(gold, gold)["exact"] == 1
    half = case_scores("高血压的常见症状：头晕；发热。", gold)
    assert half["precision"] == 0.5 and half["recall"] == 1 / 3
    assert case_scores("", gold)["f1"] == 0
    assert case_scores("抱歉，没有。", "抱歉，没有。")["f1"] == 1
    assert distinct_n(["abab"], 2) == 2 / 3


def test_evaluate_tiny_model(trained, bot, tmp_path):
    config, _ = trained
    cases = tmp_path / "patients.jsonl"
    rows = [{"turns": ["高血压有什么症状"], "label": {"kind": "answer", "direction": "forward", "entities": ["高血压"],
                                                   "relations": ["常见症状"], "type": "symptom"}},
            {"turns": ["肺炎有什么症状", "能吃鸡蛋吗"], "label": {"kind": "decline", "type": "diet"}}]
    cases.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    report = evaluate(dataclasses.replace(config, eval_cases_per_kind=4, eval_cases_file=str(cases)), bot)
    assert 0 < report["perplexity"]["perplexity"] < 1e6
    patients = report["patients"]
    assert patients["pipeline"]["correct_of_answerable"] == 1.0  # the plan itself answers the trained question
    assert patients["pipeline"]["honest_decline_of_unanswerable"] == 1.0  # and declines the diet follow-up
    for name in ("greedy model words", "greedy answer shown", "sampled answer shown"):
        assert 0 <= patients[name]["wrong_of_all"] <= 1 and patients[name]["n"] == 2
    assert patients["greedy answer shown"]["wrong_of_all"] == 0  # checked answers never state other facts
    assert "| greedy answer shown |" in markdown(report)
