"""Corpus builder on a slice of the graph: every answer is the reply its knowledge segment stands for."""
import dataclasses

import pytest

from data_preprocess.build_corpus import build_corpus, build_dialogues
from data_preprocess.formats import read_corpus
from kgqa.answer import realise, reply_items, segment_items
from kgqa.graph import MedicalKG
from parameter_config import ParameterConfig


@pytest.fixture(scope="module")
def slice_kg(full_kg):
    names = sorted(full_kg.graph)[:150] + ["高血压", "糖尿病", "肺炎", "布洛芬缓释胶囊", "胃溃疡"]
    return MedicalKG({name: full_kg.graph[name] for name in names})


@pytest.fixture(scope="module")
def corpus(slice_kg):
    return build_dialogues(slice_kg, ParameterConfig(valid_entity_ratio=0.2, questions_per_entity=2))


def test_answers_are_realised_from_their_segment(corpus):
    train, valid = corpus
    for dialogue in train + valid:
        assert len(dialogue.utterances) % 2 == 0 and dialogue.knowledge is not None
        answer = dialogue.utterances[-1]
        assert answer == realise(dialogue.knowledge)
        assert set(reply_items(answer)) <= set(segment_items(dialogue.knowledge))  # nothing outside the segment


def test_variety_of_turns(corpus):
    train, _ = corpus
    segments = [d.knowledge for d in train]
    assert sum("|未收录:" in s for s in segments) >= 10  # declines
    assert any(s.startswith("闲聊:") for s in segments) and any(s == "急症" for s in segments)
    assert any(s == "" for s in segments)  # names the graph does not have
    assert any("|可能疾病:" in s for s in segments)  # described symptoms
    assert sum(len(d.utterances) == 4 for d in train) >= 10  # follow-ups
    questions = {d.utterances[-2] for d in train}
    assert len(questions) > 0.8 * len(train)  # phrasings vary


def test_validation_holds_out_whole_entities(tmp_path, slice_kg):
    config = ParameterConfig(train_path=str(tmp_path / "t.txt"), valid_path=str(tmp_path / "v.txt"),
                             valid_entity_ratio=0.2)
    train, valid = build_corpus(config, slice_kg)
    parsed = read_corpus(str(tmp_path / "t.txt"))
    assert [d.utterances for d in parsed] == [d.utterances for d in train]
    subjects = lambda ds: {d.knowledge.split("|")[0] for d in ds  # noqa: E731  (declines without a subject: "")
                           if "|" in d.knowledge and "、" not in d.knowledge} - {""}
    assert subjects(valid) and len(subjects(train) & subjects(valid)) <= 2  # at most aliases that link elsewhere


def test_deterministic_given_seed(slice_kg):
    a = build_dialogues(slice_kg, ParameterConfig(seed=1))
    b = build_dialogues(slice_kg, ParameterConfig(seed=1))
    c = build_dialogues(slice_kg, ParameterConfig(seed=2))
    assert [dataclasses.asdict(d) for d in a[0]] == [dataclasses.asdict(d) for d in b[0]]
    assert [dataclasses.asdict(d) for d in a[0]] != [dataclasses.asdict(d) for d in c[0]]
