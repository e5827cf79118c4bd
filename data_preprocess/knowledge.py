"""The CMeKG knowledge graph: facts per entity, the knowledge segment, and entity linking.

Training (via build_corpus) and chat (via generation) both build the knowledge segment with
`MedicalKG.knowledge_text`, so the model reads the same format in both places.
"""
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

TEMPLATES_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "question_templates.json")
ITEM_SEP = "；"  # joins items in answers and in the knowledge segment
REL_SEP = "|"  # separates relations inside the knowledge segment
ALIAS_RELATIONS = ("别称", "又称")
MIN_NAME_LEN = 2  # single characters are too ambiguous to link


@dataclass(frozen=True)
class Intent:
    """One kind of question (symptoms, department, ...) and the graph relations that answer it."""
    name: str
    relations: Tuple[str, ...]
    natural: Tuple[str, ...]
    followup: Tuple[str, ...]
    eval_only: Tuple[str, ...]


@lru_cache(maxsize=1)
def load_templates() -> dict:
    with open(TEMPLATES_PATH, encoding="utf-8") as f:
        data = json.load(f)
    data["intents"] = [Intent(d["name"], tuple(d["relations"]), tuple(d["natural"]),
                              tuple(d["followup"]), tuple(d["eval_only"])) for d in data["intents"]]
    return data


def not_found_reply() -> str:
    return load_templates()["not_found_reply"]


def clean_items(items: Sequence[str], max_items: int) -> List[str]:
    """Strip, drop empties and duplicates, keep graph order, cap the count."""
    out = []
    for item in items:
        item = str(item).strip().replace("\n", " ").replace(REL_SEP, "/")
        if item and item not in out:
            out.append(item)
        if len(out) == max_items:
            break
    return out


def is_disease(relations: dict) -> bool:
    return "就诊科室" in relations or "常见症状" in relations


class MedicalKG:
    """Wraps CMeKG's {entity: {relation: [objects]}} dictionary."""

    def __init__(self, graph: Dict[str, Dict[str, list]], full_graph: bool = False):
        self.full_graph = full_graph
        self.graph = {e: {r: v for r, v in rels.items() if isinstance(v, list) and v}
                      for e, rels in graph.items() if full_graph or is_disease(rels)}
        self.intents = load_templates()["intents"]
        self.names = self._build_names()
        self.max_name_len = max((len(n) for n in self.names), default=0)

    @classmethod
    def load(cls, full_graph: bool = False) -> "MedicalKG":
        """Load the graph shipped inside the PyCMeKG package (no network)."""
        try:
            from pyCMeKG.knowledgeGraph import KnowledgeGraph
        except ImportError as e:
            raise SystemExit("error: the PyCMeKG package is missing; run `pip install -r requirements.txt`") from e
        return cls(KnowledgeGraph().db_dic, full_graph=full_graph)

    def _build_names(self) -> Dict[str, str]:
        names = {}
        for entity, rels in self.graph.items():  # aliases first, so real names win on a clash
            for rel in ALIAS_RELATIONS:
                for alias in rels.get(rel, []):
                    alias = alias.strip().lower()
                    if len(alias) >= MIN_NAME_LEN:
                        names.setdefault(alias, entity)
        for entity in self.graph:
            if len(entity) >= MIN_NAME_LEN:
                names[entity.lower()] = entity
        return names

    def entities(self) -> List[str]:
        return list(self.graph)

    def facts(self, entity: str, max_items: int) -> List[Tuple[Optional[Intent], str, List[str]]]:
        """(intent, relation, items) in priority order: one relation per intent, then (full graph) the rest."""
        rels = self.graph.get(entity, {})
        out, used = [], set()
        for intent in self.intents:
            rel = next((r for r in intent.relations if r in rels), None)
            if rel is not None:
                items = clean_items(rels[rel], max_items)
                if items:
                    out.append((intent, rel, items))
                used.update(intent.relations)
        if self.full_graph:
            for rel, values in rels.items():
                items = clean_items(values, max_items)
                if rel not in used and items:
                    out.append((None, rel, items))
        return out

    def knowledge_text(self, entity: Optional[str], max_items: int, max_chars: int) -> str:
        """The knowledge segment: `entity|relation:item；item|relation:...` within max_chars.

        Whole relations are dropped from the low-priority end; the first one is always kept.
        An unknown entity (None) gives the empty segment, from which the model learned to say
        it does not know.
        """
        if entity is None:
            return ""
        text = entity
        for _, rel, items in self.facts(entity, max_items):
            part = f"{REL_SEP}{rel}:{ITEM_SEP.join(items)}"
            if len(text) + len(part) > max_chars and text != entity:
                break
            text += part
        return text[:max_chars]

    def link(self, text: str) -> Optional[str]:
        """Longest entity name or alias contained in text (first occurrence on ties)."""
        text = text.lower()
        best, best_len = None, 0
        for i in range(len(text)):
            for j in range(min(len(text), i + self.max_name_len), i + max(best_len, MIN_NAME_LEN - 1), -1):
                entity = self.names.get(text[i:j])
                if entity is not None:
                    best, best_len = entity, j - i
                    break
        return best

    def link_conversation(self, question: str, earlier_questions: Sequence[str]) -> Optional[str]:
        """The entity of the question, else of the latest earlier question that names one.

        Replies are not searched: their items (complications, drugs) name other entities.
        """
        for text in [question, *reversed(list(earlier_questions))]:
            entity = self.link(text)
            if entity is not None:
                return entity
        return None
