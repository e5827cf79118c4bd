"""The CMeKG knowledge graph: every entity, its kind, its facts, and reverse lookups.

One place reads the graph; the linker, the planner, corpus building and evaluation all ask it.
"""
import json
import os
import re
from collections import defaultdict
from functools import lru_cache
from typing import Dict, List, Optional, Sequence, Tuple

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
FOOTNOTE = re.compile(r"(?<=[\u4e00-\u9fff])\d$")  # a digit right after a word may mark a footnote
NOT_A_FACT = re.compile(r"[\W\d_]*|为期.+|安慰剂.*|双盲.*|.+的研究|年龄|性别")  # trial details and a table's
# column names parsed as items (4.4%, 为期4年; 年龄 among 309 drugs' 不良反应)
SUBTYPE_HEADINGS = ("治疗", "药物治疗", "检查")  # relations whose items may name the subtypes treated or checked alike
SECTION_ENDINGS = ("治疗", "方法", "原则", "检查")  # of an item naming its entity: a section (痤疮治疗的常用方法)
ITEM_SEP = "；"  # joins items in answers and in the knowledge segment
REL_SEP = "|"  # separates subject and relations inside the knowledge segment
MIN_PARTIAL_TERM = 3  # shorter terms match only whole objects in reverse lookups
PRODUCT_FORMS = ("片", "胶囊", "注射液", "颗粒", "软膏", "乳膏")  # an ingredient sold alone as one of these is a drug
SYMPTOM_RELATIONS = ("常见症状", "临床症状及体征", "主要症状", "相关症状")
SIDE_EFFECTS = "不良反应"
HARM_RELATIONS = (SIDE_EFFECTS, "禁忌", "注意事项", "药物相互作用", "药物引起的并发症")  # what drugs cause or must avoid
HARM_WEIGHT = 0.25  # a disease named among drugs' harms is known, but less common than one they treat
KIND_MARKERS = (  # the first kind whose marker relation an entity has
    ("herb", ("性味", "入药部位", "功效", "采收时间")),
    ("drug", ("适应症", "不良反应", "用法用量", "成份", "通用名", "OTC类型", "药品类型")),
    ("formula", ("功用", "出处", "组成")),
    ("disease", ("就诊科室", "常见症状", "临床症状及体征", "ICD10", "并发症", "病因", "常见病因", "药物治疗")),
    ("check", ("所属分类",)),
)


@lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    """A JSON file of kgqa/data (question types, lexicon)."""
    with open(os.path.join(DATA_DIR, name), encoding="utf-8") as f:
        return json.load(f)


ITEM_REPLACEMENTS = (("\n", " "), (REL_SEP, "/"), (ITEM_SEP, "，"), ("：", ":"), ("。", "，"))


def clean_item(item) -> str:
    """An object as it appears in segments and replies: the characters that structure them
    (`|`, `；`, and `：`/`。` which end an answer's list) are replaced inside items."""
    text = str(item).strip().rstrip("。")
    for old, new in ITEM_REPLACEMENTS:
        text = text.replace(old, new)
    return text


class MedicalKG:
    """Wraps CMeKG's {entity: {relation: [objects]}} dictionary (the whole graph)."""

    def __init__(self, graph: Dict[str, Dict[str, list]]):
        self.graph = {e: {r: v for r, v in rels.items() if isinstance(v, list) and v}
                      for e, rels in graph.items() if isinstance(rels, dict)}
        lexicon = load_data("lexicon.json")
        self.headings = frozenset(lexicon["headings"] + lexicon["non_answers"])  # items that answer nothing
        self.qualifiers = tuple(lexicon["name_qualifiers"])  # 急性子宫颈炎 under 宫颈炎's 治疗 is a subtype
        self.wrong = lexicon["wrong_facts"]  # {entity: {relation: [items]}} the graph has wrong
        self._reverse: Dict[str, Dict[str, List[str]]] = {}

    @classmethod
    def load(cls) -> "MedicalKG":
        """Load the graph shipped inside the PyCMeKG package (no network)."""
        try:
            from pyCMeKG.knowledgeGraph import KnowledgeGraph
        except ImportError as e:
            raise SystemExit("error: the PyCMeKG package is missing; run `pip install -r requirements.txt`") from e
        return cls(KnowledgeGraph().db_dic)

    def entities(self) -> List[str]:
        return list(self.graph)

    def __contains__(self, entity: str) -> bool:
        return entity in self.graph

    def kind(self, entity: str) -> str:
        rels = self.graph.get(entity, {})
        return next((kind for kind, markers in KIND_MARKERS if any(r in rels for r in markers)), "other")

    def items(self, entity: str, relation: str, max_items: int = 0) -> List[str]:
        """The relation's objects: cleaned, deduplicated, headings dropped (`治疗: 手术治疗；药物治疗`
        names sections, not treatments; 阑尾炎's `治疗: 急性阑尾炎；慢性阑尾炎` names its subtypes) and so
        are trial details (保列治's 不良反应 list 4.4% and 为期4年), in graph order; at most max_items (0 = all)."""
        out = []
        wrong = self.wrong.get(entity, {}).get(relation, ())
        raws = [item for item in map(clean_item, self.graph.get(entity, {}).get(relation, [])) if item not in wrong]
        for item in raws:
            if FOOTNOTE.search(item) and FOOTNOTE.sub("", item) in raws:
                continue  # 乏力1 beside 乏力: a footnote mark, not another fact (but 人类疱疹病毒6 stays)
            if NOT_A_FACT.fullmatch(item) is None and item not in self.headings and item not in out and item != entity \
                    and not (relation in SUBTYPE_HEADINGS and entity in item  # nor a section named after it
                             and (item in self.graph or item.startswith(self.qualifiers)  # (痤疮的分级治疗)
                                  or item.endswith(SECTION_ENDINGS))):
                out.append(item)
                if len(out) == max_items:
                    break
        return out

    def first_with_facts(self, entity: str, relations: Sequence[str]) -> List[Tuple[str, List[str]]]:
        """(relation, items) for those of `relations` that hold real facts, in the given order."""
        out = []
        for rel in relations:
            items = self.items(entity, rel)
            if items:
                out.append((rel, items))
        return out

    def reverse(self, relation: str) -> Dict[str, List[str]]:
        """{object: [entities whose `relation` lists it]}, built once per relation."""
        if relation not in self._reverse:
            index = defaultdict(list)
            for entity, rels in self.graph.items():
                for item in rels.get(relation, []):
                    item = clean_item(item)
                    if item and entity not in index[item]:
                        index[item].append(entity)
            self._reverse[relation] = dict(index)
        return self._reverse[relation]

    def symptom_index(self) -> Dict[str, List[Tuple[str, int]]]:
        """{symptom: [(disease, position in its list)]} over the symptom relations of diseases
        (checks list 相关症状 too: 骨关节及软组织CT检查 is no answer to 关节又红又肿)."""
        if "_symptoms" not in self._reverse:
            index = defaultdict(list)
            for entity, rels in self.graph.items():
                if self.kind(entity) != "disease":
                    continue
                for rel in SYMPTOM_RELATIONS:
                    for position, item in enumerate(rels.get(rel, [])):
                        item = clean_item(item)
                        if len(item) >= 2 and all(e != entity for e, _ in index[item]):
                            index[item].append((entity, position))
            self._reverse["_symptoms"] = dict(index)
        return self._reverse["_symptoms"]

    def times_named(self, name: str) -> float:
        """How many objects anywhere in the graph are this name: drugs' indications, checks'
        diseases, complications... A rough measure of how common a disease is. Symptom lists do
        not count: 血尿 and 腹痛 are what hundreds of diseases list, not common diagnoses; nor do
        drugs' harms: 癫痫发作 and 血管性水肿 are side effects of hundreds of drugs, rare diagnoses."""
        if "_named" not in self._reverse:
            counts = defaultdict(float)
            for rels in self.graph.values():
                for rel, items in rels.items():
                    if rel in SYMPTOM_RELATIONS:
                        continue
                    for item in items:
                        counts[clean_item(item)] += HARM_WEIGHT if rel in HARM_RELATIONS else 1
            self._reverse["_named"] = dict(counts)
        return self._reverse["_named"].get(name, 0)

    def entities_mentioning(self, relation: str, terms: Sequence[str]) -> List[str]:
        """Entities whose `relation` has an object equal to one of the terms or, for terms of three
        characters or more, containing one (exact objects first)."""
        index = self.reverse(relation)
        exact = [e for t in terms for e in index.get(t, [])]
        long_terms = [t for t in terms if len(t) >= MIN_PARTIAL_TERM]  # 流感 must not match 流感嗜血杆菌
        partial = [e for item, ents in index.items() if any(t in item for t in long_terms) for e in ents]
        return list(dict.fromkeys(exact + partial))

    def chemical_first(self, ingredients: Sequence[str]) -> List[str]:
        """A patent medicine's ingredients with the Western drugs first (消渴丸: 格列本脲 before its
        herbs; 感冒灵颗粒: 对乙酰氨基酚): an ingredient sold alone as a product made for 适应症, not
        for 功能主治 as herbal medicines are, is a Western drug."""
        def chemical(item):
            products = [self.graph[p] for p in (item + form for form in PRODUCT_FORMS) if p in self.graph]
            return self.kind(item) != "herb" and any("功能主治" not in p and p.get("适应症") for p in products)
        return sorted(ingredients, key=lambda item: not chemical(item))

    def department(self, entity: str) -> Optional[str]:
        items = self.items(entity, "就诊科室", 2) or self.items(entity, "所属科室", 2)
        return "、".join(items) if items else None
