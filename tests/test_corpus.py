"""Corpus builder on a small slice of the graph."""
import dataclasses

from data_preprocess.build_corpus import build_corpus, build_dialogues
from data_preprocess.dialogue import read_corpus
from data_preprocess.knowledge import (
    ITEM_SEP,
    MedicalKG,
    load_templates,
    not_found_reply,
)
from parameter_config import ParameterConfig


def slice_kg(full_kg, n=60):
    names = sorted(full_kg.graph)[:n]
    return MedicalKG({name: full_kg.graph[name] for name in names})


def test_format_roundtrip_and_counts(tmp_path, full_kg):
    kg = slice_kg(full_kg)
    config = ParameterConfig(train_path=str(tmp_path / "t.txt"), valid_path=str(tmp_path / "v.txt"),
                             valid_entity_ratio=0.2)
    train, valid = build_corpus(config, kg)
    text = (tmp_path / "t.txt").read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if b.strip()]
    assert len(blocks) == len(train)
    parsed = read_corpus(str(tmp_path / "t.txt"))
    assert [d.utterances for d in parsed] == [d.utterances for d in train]
    assert all(len(d.utterances) % 2 == 0 and d.knowledge is not None for d in parsed)
    train_entities = {d.knowledge.split("|")[0] for d in train if d.knowledge}
    valid_entities = {d.knowledge.split("|")[0] for d in valid if d.knowledge}
    assert valid_entities and not train_entities & valid_entities  # validation entities never trained on


def test_phrasing_variety_and_followups(full_kg):
    kg = slice_kg(full_kg)
    train, _ = build_dialogues(kg, ParameterConfig(phrasings_per_fact=3))
    questions = [q for d in train for q in d.utterances[0::2]]
    seed_like = [q for q in questions if q.endswith("有些什么？")]
    assert seed_like and len(seed_like) < len(questions) / 2
    followups = {t for i in load_templates()["intents"] for t in i.followup}
    later = [q for d in train for q in d.utterances[2::2]]
    assert sum(q in followups for q in later) >= 10  # later turns refer back by pronoun or ellipsis
    assert any(q in followups for d in train for q in d.utterances[:1]) is False  # a first turn always names it
    entity_of = {id(d): d.knowledge.split("|")[0] for d in train}
    shapes = {q.replace(entity_of[id(d)], "{e}") for d in train if entity_of[id(d)] for q in d.utterances[0::2]}
    assert len(shapes) >= 40  # seed, natural and follow-up phrasings of many relations


def test_answer_items_are_capped_and_in_knowledge(full_kg):
    kg = MedicalKG({"高血压": full_kg.graph["高血压"], "糖尿病": full_kg.graph["糖尿病"]})
    train, _ = build_dialogues(kg, ParameterConfig(max_answer_items=3, valid_entity_ratio=0.0))
    answers = [(d.knowledge, a) for d in train for a in d.utterances[1::2]]
    assert len(full_kg.graph["高血压"]["相关药物"]) > 3
    for knowledge, answer in answers:
        if answer != not_found_reply():
            assert len(answer.split(ITEM_SEP)) <= 3 and answer in knowledge


def test_not_found_dialogues_have_empty_knowledge(full_kg):
    kg = slice_kg(full_kg)
    train, _ = build_dialogues(kg, ParameterConfig())
    not_found = [d for d in train if d.utterances[1] == not_found_reply()]
    assert not_found and all(d.knowledge == "" for d in not_found)
    assert all(kg.link(d.utterances[0]) is None for d in not_found)


def test_deterministic_given_seed(full_kg):
    kg = slice_kg(full_kg)
    a = build_dialogues(kg, ParameterConfig(seed=1))
    b = build_dialogues(kg, ParameterConfig(seed=1))
    c = build_dialogues(kg, ParameterConfig(seed=2))
    assert [dataclasses.asdict(d) for d in a[0]] == [dataclasses.asdict(d) for d in b[0]]
    assert [dataclasses.asdict(d) for d in a[0]] != [dataclasses.asdict(d) for d in c[0]]


def test_plain_mode_has_no_knowledge_and_recall_validation(full_kg):
    kg = slice_kg(full_kg)
    train, valid = build_dialogues(kg, ParameterConfig(grounded=False))
    assert all(d.knowledge is None for d in train + valid)
    train_answers = {a for d in train for a in d.utterances[1::2]}
    assert valid and all(d.utterances[1] in train_answers for d in valid)  # same facts, unseen phrasings


def test_entity_linking_prefers_longest_match_and_aliases(full_kg):
    assert full_kg.link("请问支气管哮喘怎么治疗") == "支气管哮喘"
    alias = full_kg.graph["支气管肺癌"]["别称"][0] if "支气管肺癌" in full_kg.graph else None
    if alias:
        assert full_kg.link(f"{alias}有什么症状") in full_kg.graph
    assert full_kg.link("今天天气怎么样") is None
    assert full_kg.link_conversation("那它怎么治疗？", ["高血压有什么症状？"]) == "高血压"
