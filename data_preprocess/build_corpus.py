"""Build patient-style question/answer dialogues over the whole CMeKG graph.

    python data_preprocess/build_corpus.py [--seed=42 --questions_per_entity=2]

Every entity (diseases, drugs, herbs, formulas, checks) is asked about in patient phrasings
(`phrasings.json`: colloquial forms, context such as 我妈/孩子/怀孕了, yes/no forms), by its
name, aliases, colloquial or generic name. Each question goes through `kgqa.AnswerPlanner`,
the same pipeline chat uses; the dialogue's knowledge line is the plan's segment and the answer
is the reply the segment stands for. Declines (diet, cost, hospital, missing relations),
symptom descriptions, follow-ups by pronoun, small talk, emergencies and unknown names are
mixed in. Writes `train_path` and `valid_path`; validation holds out whole entities.
"""
import json
import logging
import os
import random
import sys
from collections import Counter, defaultdict
from typing import Dict, List, Optional, Sequence, Tuple

from tqdm import tqdm

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from data_preprocess.dialogue import Dialogue, format_block  # noqa: E402
from kgqa.answer import realise  # noqa: E402
from kgqa.graph import MedicalKG  # noqa: E402
from kgqa.planner import AnswerPlanner  # noqa: E402
from parameter_config import ParameterConfig, cli_config  # noqa: E402

logger = logging.getLogger(__name__)
PHRASINGS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "phrasings.json")
KIND_WEIGHT = {"disease": 2.0, "drug": 1.0, "herb": 1.0, "formula": 1.0, "check": 0.5, "other": 0.5}
DECLINE_PROB = 0.35  # chance per entity of one question the graph cannot answer
FOLLOWUP_PROB = 0.2  # chance per question of becoming the pronoun turn of a two-turn dialogue
SHARES = {"symptoms": 0.08, "chat": 0.01, "emergency": 0.005, "not_found": 0.02, "decline_no_entity": 0.005}


def load_phrasings() -> dict:
    with open(PHRASINGS_PATH, encoding="utf-8") as f:
        return json.load(f)


class CorpusBuilder:
    def __init__(self, kg: MedicalKG, config: ParameterConfig, planner: Optional[AnswerPlanner] = None):
        self.kg, self.config = kg, config
        self.planner = planner or AnswerPlanner(kg, config.max_answer_items, config.max_knowledge_chars)
        self.phrasings = load_phrasings()
        self.surface = self._surface_names()

    def _surface_names(self) -> Dict[str, List[str]]:
        """entity -> names a patient may call it by, whose linking leads back to it."""
        out = defaultdict(list)
        for name, candidates in self.planner.linker.names.items():
            if candidates and name != candidates[0].lower():
                out[candidates[0]].append(name)
        return out

    def name_for(self, entity: str, rng: random.Random) -> str:
        others = self.surface.get(entity, [])
        return rng.choice(others) if others and rng.random() < 0.4 else entity

    def ask(self, template: str, rng: random.Random, **names) -> str:
        question = rng.choice(self.phrasings["context"]) + template.format(**names)
        return question if rng.random() < 0.5 or question.endswith(("？", "?")) else question + "？"

    def dialogue(self, question: str, rng: random.Random, earlier: Sequence[Tuple[str, str]] = ()) -> Dialogue:
        plan = self.planner.plan(question, [q for q, _ in earlier])
        turns = [t for pair in earlier for t in pair] + [question, realise(plan.segment)]  # what the model
        # writes from the segment (a not-found reply names the unknown name after the model, see ChatBot.finish)
        return Dialogue(turns, plan.segment)

    def answerable_types(self, entity: str) -> List[str]:
        kind = self.kg.kind(entity)
        return [t for t in self.phrasings["types"]
                if self.kg.first_with_facts(entity, self.planner.relations(t, kind))]

    def entity_dialogues(self, entity: str, rng: random.Random) -> List[Dialogue]:
        kind = self.kg.kind(entity)
        weight = KIND_WEIGHT.get(kind, 0.5) * self.config.questions_per_entity
        count = int(weight) + (rng.random() < weight % 1)
        types = self.answerable_types(entity)
        out = []
        for qtype in rng.sample(types, min(count, len(types))):
            question = self.ask(rng.choice(self.phrasings["types"][qtype]), rng, e=self.name_for(entity, rng))
            followups = [t for t in self.phrasings["followup"] if t != qtype and t in types]
            if followups and rng.random() < FOLLOWUP_PROB:
                first = self.dialogue(question, rng)
                second = rng.choice(self.phrasings["followup"][rng.choice(followups)])
                out.append(self.dialogue(second, rng, [(question, first.utterances[-1])]))
            else:
                out.append(self.dialogue(question, rng))
        missing = [t for t in self.phrasings["types"] if t not in types and t in self.phrasings["followup"]]
        if rng.random() < DECLINE_PROB:
            if missing and rng.random() < 0.3:  # a relation this entity lacks
                template = rng.choice(self.phrasings["types"][rng.choice(missing)])
            else:
                template = rng.choice(self.phrasings["decline"][rng.choice(list(self.phrasings["decline"]))])
            out.append(self.dialogue(self.ask(template, rng, e=self.name_for(entity, rng)), rng))
        return out

    def symptom_dialogue(self, diseases: Sequence[str], rng: random.Random) -> Optional[Dialogue]:
        disease = rng.choice(diseases)
        words = [w for w in self.kg.items(disease, "常见症状") if 2 <= len(w) <= 6]
        if not words:
            return None
        chosen = rng.sample(words, min(len(words), rng.choice((1, 1, 2, 2, 3))))
        colloquial = self.planner.linker.colloquial_symptoms  # 心悸 -> [心慌, 心跳快]
        described = [rng.choice(colloquial[w]) if colloquial.get(w) and rng.random() < 0.4 else w for w in chosen]
        joined = described[0] + "".join(rng.choice(self.phrasings["symptom_joiners"]) + w for w in described[1:])
        return self.dialogue(self.ask(rng.choice(self.phrasings["symptoms"]), rng, s=joined), rng)

    def fake_names(self, count: int, rng: random.Random) -> List[str]:
        chars, suffixes = self.phrasings["fake_name_chars"], self.phrasings["fake_name_suffixes"]
        names = set()
        while len(names) < count:
            name = "".join(rng.sample(chars, rng.choice((2, 3)))) + rng.choice(suffixes)
            if not self.planner.linker.entities(name) and not self.planner.linker.symptoms(name):
                names.add(name)
        return sorted(names)

    def extra_dialogues(self, n_entity_dialogues: int, diseases: Sequence[str], rng) -> List[Dialogue]:
        """Symptom descriptions, small talk, emergencies, unknown names, declines without an entity."""
        count = {k: max(1, round(n_entity_dialogues * share)) for k, share in SHARES.items()}
        out = [d for d in (self.symptom_dialogue(diseases, rng) for _ in range(count["symptoms"])) if d]
        chat = self.phrasings["chat"]
        out += [self.dialogue(rng.choice(chat[rng.choice(list(chat))]), rng) for _ in range(count["chat"])]
        out += [self.dialogue(rng.choice(self.phrasings["emergency"]), rng) for _ in range(count["emergency"])]
        out += [self.dialogue(self.ask(rng.choice(self.phrasings["not_found"]), rng, e=name), rng)
                for name in self.fake_names(count["not_found"], rng)]
        out += [self.dialogue(rng.choice(self.phrasings["decline_no_entity"]), rng)
                for _ in range(count["decline_no_entity"])]
        return out

    def build(self, entities: Sequence[str], seed: int) -> List[Dialogue]:
        if not entities:
            return []
        rng = random.Random(seed)
        out = []
        for entity in tqdm(entities, desc="dialogues", mininterval=2):
            out += self.entity_dialogues(entity, rng)
        diseases = [e for e in entities if self.kg.kind(e) == "disease" and self.kg.items(e, "常见症状")]
        out += self.extra_dialogues(len(out), diseases or list(entities), rng)
        rng.shuffle(out)
        return out


def split_entities(kg: MedicalKG, config: ParameterConfig) -> Tuple[List[str], List[str]]:
    """Hold out whole entities for validation, so validation loss measures answering from the
    knowledge segment about entities never seen in training."""
    entities = sorted(kg.entities())
    random.Random(config.seed).shuffle(entities)
    n_valid = round(len(entities) * config.valid_entity_ratio)
    return entities[n_valid:], entities[:n_valid]


def build_dialogues(kg: MedicalKG, config: ParameterConfig, planner: Optional[AnswerPlanner] = None):
    builder = CorpusBuilder(kg, config, planner)
    train_entities, valid_entities = split_entities(kg, config)
    return builder.build(train_entities, config.seed), builder.build(valid_entities, config.seed + 1)


def write_corpus(path: str, dialogues: Sequence[Dialogue]) -> None:
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n\n".join(format_block(d) for d in dialogues) + "\n")
    os.replace(tmp, path)


def describe(name: str, dialogues: Sequence[Dialogue]) -> str:
    turns = Counter(len(d.utterances) // 2 for d in dialogues)
    shape = ", ".join(f"{k}-turn: {v}" for k, v in sorted(turns.items()))
    return f"{name}: {len(dialogues)} dialogues ({shape})"


def build_corpus(config: ParameterConfig, kg: Optional[MedicalKG] = None):
    kg = kg or MedicalKG.load()
    train, valid = build_dialogues(kg, config)
    write_corpus(config.path(config.train_path), train)
    write_corpus(config.path(config.valid_path), valid)
    logger.info("%d entities in the graph", len(kg.entities()))
    logger.info(describe("train", train))
    logger.info(describe("valid", valid))
    logger.info("wrote %s and %s", config.train_path, config.valid_path)
    return train, valid


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    build_corpus(cli_config(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":
    main()
