"""Build question/answer dialogues from the CMeKG knowledge graph.

    python data_preprocess/build_corpus.py [--full_graph] [--grounded=false] [--seed=42]

Writes `train_path` and `valid_path` in the classic format. Every (entity, relation) fact is
asked in the seed phrasing and in natural phrasings; facts of one entity are packed into
dialogues of up to `max_history_len + 1` turns whose later questions often refer back to the
entity by pronoun or ellipsis. Deterministic given `seed`.
"""
import logging
import os
import random
import sys
from collections import Counter
from dataclasses import dataclass
from typing import List, Optional, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from data_preprocess.dialogue import Dialogue, format_block  # noqa: E402
from data_preprocess.knowledge import (  # noqa: E402
    ITEM_SEP,
    REL_SEP,
    MedicalKG,
    load_templates,
    not_found_reply,
)
from parameter_config import ParameterConfig, cli_config  # noqa: E402

logger = logging.getLogger(__name__)
FOLLOWUP_PROB = 0.5  # chance that a later turn refers back by pronoun instead of naming the entity
NOT_FOUND_RATIO = 0.04  # share of dialogues that ask about diseases the graph does not have


@dataclass
class Fact:
    entity: str
    relation: str
    intent: Optional[object]  # knowledge.Intent, None for relations outside the intents
    answer: str


def split_entities(kg: MedicalKG, config: ParameterConfig) -> Tuple[List[str], List[str]]:
    """Hold out whole entities for validation (grounded mode), so validation loss measures
    answering from the knowledge segment about diseases never seen in training."""
    entities = sorted(kg.entities())
    random.Random(config.seed).shuffle(entities)
    n_valid = round(len(entities) * config.valid_entity_ratio) if config.grounded else 0
    return entities[n_valid:], entities[:n_valid]


def entity_facts(kg: MedicalKG, entity: str, config: ParameterConfig) -> Tuple[str, List[Fact]]:
    """The knowledge segment and the facts it contains (questions are asked only about those)."""
    knowledge = kg.knowledge_text(entity, config.max_answer_items, config.max_knowledge_chars)
    facts = [Fact(entity, rel, intent, ITEM_SEP.join(items))
             for intent, rel, items in kg.facts(entity, config.max_answer_items)
             if f"{REL_SEP}{rel}:" in knowledge]
    return knowledge, facts


def full_phrasings(fact: Fact) -> List[str]:
    """Seed phrasing first, then the natural ones (generic ones outside the intents)."""
    templates = load_templates()
    natural = fact.intent.natural if fact.intent else templates["generic"]
    return [templates["seed"]] + list(natural)


def question(template: str, fact: Fact) -> str:
    return template.format(e=fact.entity, r=fact.relation)


def pack_dialogues(facts: Sequence[Fact], knowledge: Optional[str], config, rng) -> List[Dialogue]:
    """One round per phrasing: each fact once per round, packed into multi-turn dialogues."""
    dialogues = []
    max_turns = config.max_history_len + 1
    for round_index in range(config.phrasings_per_fact):
        order = list(facts)
        rng.shuffle(order)
        for start in range(0, len(order), max_turns):
            turns = []
            for i, fact in enumerate(order[start:start + max_turns]):
                if i > 0 and fact.intent and rng.random() < FOLLOWUP_PROB:
                    template = rng.choice(fact.intent.followup)
                elif round_index == 0:
                    template = full_phrasings(fact)[0]
                else:
                    template = rng.choice(full_phrasings(fact)[1:])
                turns += [question(template, fact), fact.answer]
            dialogues.append(Dialogue(turns, knowledge))
    return dialogues


def fake_disease_names(kg: MedicalKG, count: int, rng) -> List[str]:
    """Made-up disease names that link to nothing in the graph."""
    templates = load_templates()
    chars, suffixes = templates["fake_name_chars"], templates["fake_name_suffixes"]
    names = set()
    while len(names) < count:
        name = "".join(rng.sample(chars, rng.choice((2, 3)))) + rng.choice(suffixes)
        if kg.link(name) is None:
            names.add(name)
    return sorted(names)


def not_found_dialogues(kg: MedicalKG, count: int, grounded: bool, rng) -> List[Dialogue]:
    templates = load_templates()
    phrasings = templates["not_found_questions"] + [t for i in templates["intents"] for t in i.natural]
    knowledge = "" if grounded else None
    return [Dialogue([rng.choice(phrasings).format(e=name, r="常见症状"), not_found_reply()], knowledge)
            for name in fake_disease_names(kg, count, rng)]


def recall_valid_dialogues(facts: Sequence[Fact], rng, limit: int = 2000) -> List[Dialogue]:
    """Plain mode: the training facts asked in phrasings training never used."""
    sample = rng.sample(list(facts), min(limit, len(facts)))
    return [Dialogue([question(rng.choice(f.intent.eval_only if f.intent else ["{e}的{r}有哪些？"]), f), f.answer])
            for f in sample]


def build_dialogues(kg: MedicalKG, config: ParameterConfig):
    rng = random.Random(config.seed)
    train_entities, valid_entities = split_entities(kg, config)
    splits = {"train": [], "valid": []}
    all_facts = []
    for name, entities in (("train", train_entities), ("valid", valid_entities)):
        for entity in entities:
            knowledge, facts = entity_facts(kg, entity, config)
            all_facts += facts if name == "train" else []
            splits[name] += pack_dialogues(facts, knowledge if config.grounded else None, config, rng)
    for name in splits:
        n = max(1, round(len(splits[name]) * NOT_FOUND_RATIO)) if splits[name] else 0
        splits[name] += not_found_dialogues(kg, n, config.grounded, rng)
    if not config.grounded:
        splits["valid"] = recall_valid_dialogues(all_facts, rng)
    for dialogues in splits.values():
        rng.shuffle(dialogues)
    return splits["train"], splits["valid"]


def write_corpus(path: str, dialogues: Sequence[Dialogue]) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n\n".join(format_block(d) for d in dialogues) + "\n")
    os.replace(tmp, path)


def describe(name: str, dialogues: Sequence[Dialogue]) -> str:
    turns = Counter(len(d.utterances) // 2 for d in dialogues)
    n_qa = sum(len(d.utterances) // 2 for d in dialogues)
    shape = ", ".join(f"{k}-turn: {v}" for k, v in sorted(turns.items()))
    return f"{name}: {len(dialogues)} dialogues, {n_qa} question/answer pairs ({shape})"


def build_corpus(config: ParameterConfig, kg: Optional[MedicalKG] = None):
    kg = kg or MedicalKG.load(full_graph=config.full_graph)
    train, valid = build_dialogues(kg, config)
    write_corpus(config.path(config.train_path), train)
    write_corpus(config.path(config.valid_path), valid)
    logger.info("%d entities in scope (%s)", len(kg.entities()), "full graph" if config.full_graph else "diseases")
    logger.info(describe("train", train))
    logger.info(describe("valid", valid))
    logger.info("wrote %s and %s", config.train_path, config.valid_path)
    return train, valid


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build_corpus(cli_config(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
