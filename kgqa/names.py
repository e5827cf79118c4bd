"""The names a patient may type for each entity: the graph's names and aliases, curated
colloquial names, short and re-spelled disease names, check names, generic drug names inside
product names and brand names; each name with its candidate entities, best first."""
from typing import Dict, List

from kgqa.graph import MedicalKG, clean_item
from kgqa.text import normalise

MIN_NAME_LEN = 2  # single characters are too ambiguous to link
MIN_SYMPTOM_DISEASES = 3  # a symptom word must be listed by this many diseases (drops one-off phrases)
GRAPH_ALIASES = ("别称", "又称", "同义词")
MIN_BRAND_LEN = 3  # brand names (商品名) shorter than this are everyday words too often
MIN_LATIN_LEN = 4  # the graph's Latin abbreviations shorter than this are no names patients type (DF)
MIN_SHORT_NAME_LEN = 3  # 皮肤病 -> 皮肤 and 精神疾病 -> 精神 would be everyday words
CHECK_SUFFIXES = ("检查", "测定", "试验")
QUALIFIER_LEN = 4  # a parenthesised qualifier this short is typed right after the name (新康泰克红色装)


def generic_names(name: str, forms, prefixes, salts) -> List[str]:
    """The generics a patient would type for a product: 盐酸二甲双胍缓释片 -> 二甲双胍 (and
    盐酸二甲双胍), 阿托伐他汀钙片 -> 阿托伐他汀钙 and 阿托伐他汀 (葡萄糖酸钙 keeps its salt);
    枸橼酸铋钾 stays whole, or 枸橼 and 铋钾 would link apart."""
    prefixed = name
    for prefix in prefixes:
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix):]
    for form in forms:
        if name.endswith(form) and len(name) > len(form) + 1:
            name, prefixed = name[:-len(form)], prefixed[:-len(form)]
            break
    names = [name] + ([prefixed] if prefixed != name else [])
    if name[-1:] in salts and len(name) > MIN_SHORT_NAME_LEN and not name.endswith("酸" + name[-1]):
        names.append(name[:-1])
    return names


def build_names(kg: MedicalKG, lex: dict) -> Dict[str, List[str]]:
    """name -> candidate entities, in priority order: the entity of that exact name, curated
    colloquial names, the graph's aliases, short disease names, check names; then generic drug
    names and brand names, only where no other name or symptom word uses them."""
    names: Dict[str, List[str]] = {}
    banned = {normalise(n) for n in lex["ambiguous_names"]}

    def add(name: str, entity: str, min_len: int = MIN_NAME_LEN, curated: bool = False):
        name = normalise(name)
        if name.isascii() and not curated:  # the graph's DF, MS... are no names patients type;
            min_len = max(min_len, MIN_LATIN_LEN)  # the lexicon's ITP, SLE are
        if len(name) >= min_len and name not in banned and entity in kg \
                and entity not in names.setdefault(name, []):
            names[name].append(entity)

    for entity in kg.entities():
        add(entity, entity)
        if "—" in entity:  # 复方α—酮酸片 typed 复方α酮酸片
            add(entity.replace("—", ""), entity)
    for name, entities in lex["entity_aliases"].items():
        for entity in entities:
            add(name, entity, curated=True)
    for entity in kg.entities():
        for rel in GRAPH_ALIASES:
            for alias in kg.graph[entity].get(rel, []):
                if not (kg.kind(entity) == "herb" and kg.kind(str(alias)) == "herb"):  # a folk name two plants
                    add(str(alias), entity)  # share (剪刀股 is 假蒲公英, also called 蒲公英) is the herb of that name
    for entity in kg.entities():  # an alias the graph holds as an entity too is a further candidate:
        for rel in GRAPH_ALIASES:  # 口腔溃疡's 传染性 is under 复发性阿弗他溃疡
            for alias in kg.graph[entity].get(rel, []):
                if str(alias) in kg and kg.kind(str(alias)) == kg.kind(entity):
                    add(entity, str(alias))
    for entity in kg.entities():  # 动态心电图（Holter监测） is 动态心电图; 盐酸小檗碱片（盐酸黄连素片） also 盐酸黄连素片
        base, _, inner = entity.partition("（")
        if inner:
            add(base, entity)
            inner = inner.rstrip("）")  # but a form alone (霍乱疫苗（肠溶胶囊）) names nothing
            if len(inner) <= QUALIFIER_LEN and inner not in lex["drug_forms"]:
                add(base + inner, entity)  # 新康泰克红色装 is 新康泰克（红色装）, not the blue one
            if inner.endswith(tuple(lex["drug_forms"])) and inner not in lex["drug_forms"]:
                add(inner, entity, MIN_SHORT_NAME_LEN + 1)
    by_kind = {kind: [e for e in kg.entities() if kg.kind(e) == kind] for kind in ("disease", "check", "drug")}
    for entity in by_kind["drug"]:  # 京制牛黄解毒片 is 牛黄解毒片 too, after the bare entity
        if entity[:2] in lex["maker_prefixes"] and entity[2:] in kg:
            add(entity[2:], entity)
    for suffix in lex["name_suffixes"]:  # 帕金森病 -> 帕金森 before 帕金森综合征 -> 帕金森
        for entity in by_kind["disease"]:
            if entity.endswith(suffix):
                add(entity[:-len(suffix)], entity, MIN_SHORT_NAME_LEN)
    for entity in by_kind["disease"]:  # 念珠菌性阴道炎 typed 念珠菌阴道炎, 糖尿病性肾病 as 糖尿病肾病,
        at = entity.find("性", 2)  # 紧张性头痛 as 紧张型头痛 (急性, 慢性 stay: 急胃炎 is no name)
        if 0 < at < len(entity) - 2:
            add(entity[:at] + entity[at + 1:], entity, MIN_SHORT_NAME_LEN + 2)
            add(entity[:at] + "型" + entity[at + 1:], entity, MIN_SHORT_NAME_LEN + 2)
    for entity in by_kind["check"] + by_kind["disease"]:
        for suffix in CHECK_SUFFIXES:
            if entity.endswith(suffix):
                add(entity[:-len(suffix)], entity, MIN_SHORT_NAME_LEN)
    for name, candidates in list(names.items()):  # 高血压 -> 原发性高血压 (holds its complications)
        if candidates[0] == name and kg.kind(name) == "disease":  # and 慢性胃炎 -> 胃炎 (holds them)
            for qualifier in lex["name_qualifiers"]:
                add(name, qualifier + name)
                if name.startswith(qualifier):
                    add(name, name[len(qualifier):])
    for name, entities in lex["entity_aliases"].items():  # 血压高 -> 高血压 -> 原发性高血压 too
        for entity in entities:
            for extra in list(names.get(normalise(entity), [])):
                add(name, extra)
    # 咳嗽 is a symptom, not 咳嗽糖浆; a word fewer diseases list is noise to the symptom linker
    # too (甲硝唑, 硝酸甘油 are the drugs), unless it is short enough to be an everyday word (白带)
    taken = set(names) | {normalise(w) for w, diseases in kg.symptom_index().items()
                          if len(diseases) >= MIN_SYMPTOM_DISEASES or len(w) < MIN_SHORT_NAME_LEN}
    generics: Dict[str, List[str]] = {}
    for drug in sorted(by_kind["drug"], key=len):  # shortest product first: 布洛芬片 before 布洛芬缓释混悬液
        if not drug.startswith("复方") and "功能主治" not in kg.graph[drug]:  # 黄芪颗粒 is not the herb
            for generic in generic_names(drug, lex["drug_forms"], lex["drug_prefixes"], lex["drug_salts"]):
                generics.setdefault(generic, []).append(drug)
    for generic, drugs in generics.items():
        if _herbal_generic(kg, generic, drugs):
            continue
        if normalise(generic) not in taken or normalise(generic) in {normalise(d) for d in drugs}:
            for drug in drugs:
                add(generic, drug)
    for drug in by_kind["drug"]:  # a brand the graph also holds as a bare entity (芬必得) adds the product
        for brand in kg.graph[drug].get("商品名", []):
            brand = normalise(str(brand))
            bare = names.get(brand, [None])[0]
            if bare and normalise(bare) == brand and kg.kind(bare) in ("drug", "other"):
                add(brand, drug)
            elif brand not in taken:
                add(brand, drug, MIN_BRAND_LEN)
    return {k: v for k, v in names.items() if v}

def _herbal_generic(kg: MedicalKG, generic: str, drugs: List[str]) -> bool:
    """Whether a "generic" is a herb or an effect, not a drug (黄芪注射液, 灵芝糖浆, 降压颗粒):
    黄芪 asks about the herb, whose effects are not the injection's indications. A generic is
    a drug when one of its products has a Latin English name that is not just pinyin
    (Domperidone Tablets, not Huangqi Zhusheye); otherwise it is a herb when it is among the
    ingredients or two characters long (降压, 安神: effects)."""
    from pypinyin import lazy_pinyin
    for drug in drugs:
        pinyin = "".join(lazy_pinyin(drug)).lower()
        if any(str(e).replace(" ", "").lower() != pinyin for e in kg.graph[drug].get("英文名", [])):
            return False
    ingredients = {clean_item(i) for d in drugs for i in kg.graph[d].get("成份", [])}
    return len(generic) < MIN_SHORT_NAME_LEN or generic in ingredients
