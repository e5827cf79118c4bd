"""Free-text metrics against hand-computed cases (character level, lower-cased, no whitespace)."""
import pytest

from freetext_eval import freetext_scores


def test_bleu4_by_hand():
    # 5 characters, the last one wrong: 1- to 4-gram precisions 4/5, 3/4, 2/3, 1/2, equal lengths (no
    # brevity penalty), so BLEU-4 = (4/5 * 3/4 * 2/3 * 1/2) ** (1/4) = 0.2 ** 0.25
    assert freetext_scores(["我头很痛啊"], ["我头很痛吗"])["bleu4"] == pytest.approx(100 * 0.2 ** 0.25, abs=1e-6)
    assert freetext_scores(["我 头很痛啊"], ["我头很痛啊"])["bleu4"] == pytest.approx(100)  # whitespace is not a token
    # brevity penalty: 4 of 5 reference characters, all right -> exp(1 - 5/4)
    assert freetext_scores(["我头很痛"], ["我头很痛啊"])["bleu4"] == pytest.approx(100 * 2.718281828 ** (1 - 5 / 4), abs=1e-4)


def test_rouge_by_hand():
    s = freetext_scores(["头痛"], ["头很痛"])
    # ROUGE-1: 2 shared characters, P = 2/2, R = 2/3 -> F = 0.8; no shared bigram; LCS 头痛 = 2 -> F = 0.8
    assert (s["rouge1"], s["rouge2"], s["rougeL"]) == (pytest.approx(80, abs=1e-4), 0, pytest.approx(80, abs=1e-4))
    s = freetext_scores(["我头很痛"], ["我头痛"])
    # bigrams {我头, 头很, 很痛} vs {我头, 头痛}: P = 1/3, R = 1/2 -> F = 0.4; LCS 我头痛: P = 3/4, R = 1 -> F = 6/7
    assert s["rouge2"] == pytest.approx(40, abs=1e-4) and s["rougeL"] == pytest.approx(600 / 7, abs=1e-4)
    assert freetext_scores(["CT 检查"], ["ct检查"])["rouge1"] == pytest.approx(100, abs=1e-4)  # the vocab is uncased


def test_averages_distinct_and_empty_replies():
    s = freetext_scores(["头痛", ""], ["头很痛", "多休息"])
    assert s["rouge1"] == pytest.approx(40, abs=1e-4)  # (80 + 0) / 2: an empty reply scores 0
    assert s["empty"] == 1 and s["n"] == 2 and s["mean_length"] == 1.0 and s["reference_length"] == 3.0
    s = freetext_scores(["痛痛痛", "头痛"], ["a", "b"])
    assert s["distinct1"] == pytest.approx(2 / 5) and s["distinct2"] == pytest.approx(2 / 3)  # {痛痛, 头痛} of 3 bigrams
