"""Reverse lookups: from described symptoms to diseases, from a disease to the drugs made for it.

The graph answers "which diseases list these symptoms" and "which drugs list this indication"
with hundreds of entities in no useful order; these rankings put first what a patient most
likely means.
"""
import math
import re
from collections import Counter, defaultdict
from functools import lru_cache
from typing import Dict, List, Sequence, Tuple

from kgqa.candidates import about_a_child
from kgqa.graph import SIDE_EFFECTS, SYMPTOM_RELATIONS, MedicalKG, load_data
from kgqa.linker import Mention
from kgqa.text import normalise

PARTIAL_MATCH_BELOW = 10  # a symptom with fewer exact hits also matches items containing it
COMMON_NAMED_LOG = math.log1p(1000)  # a disease named this often across the graph counts as fully common
LONG_LIST_LOG = math.log1p(150)  # a disease listing this many symptoms says nothing by listing one
RARE_SYMPTOM_WEIGHT = 0.5  # when no disease lists two described symptoms, those listing a rare one come first
MALIGNANT = ("癌", "瘤", "白血病")  # in the names of cancers
PLENTY_EXACT = 20  # diseases listing a symptom's first graph word, enough that those listing a looser one
LOOSER_WEIGHT = 0.4  # after it count this much less (腿肿: 下肢水肿 before 水肿, which eye diseases list)
SPECIFIC_LEN = 5  # a graph word this long describes one disease's sign (脚跟疼痛与不适), not an everyday one (失眠)
RARE_HITS = 2  # diseases listing a symptom this rarely (an odd graph word like 发僵 is listed by three)
FINDING_OF = 250  # an "entity" this many diseases list among their symptoms is a finding (腹痛, 血尿, 黄疸)
FIELD_WEIGHT = 0.3  # as much as being common: 腹痛 is 消化科's before it is 心律失常's
FIELD_UNKNOWN = 0.5  # of the top share: a disease with no department of its own (痛风) is neither typical
# nor atypical; one seen only in the emergency room (狂犬病: 急诊室) is typical of no everyday symptom
EMERGENCY_ROOMS = frozenset({"急诊科", "急诊室"})
EMERGENCY_ONLY = 0.5  # and after everyday diseases: 手脚发麻 睡不着 is no 狂犬病 (a story of a bite says so)
FULL_MATCHES = 2  # described symptoms a disease lists that count in full; each further one counts
LATER_MATCH = 0.5  # this much, so a third shared word does not outweigh being common (尿频尿急尿不尽:
# 尿路感染 before 混合型颈椎病, which lists all three among its 42)
FIELD_SMOOTHING = 10  # diseases: a symptom few diseases list says little about its field
BROAD_CLASS = 1000  # drugs with side effects: a class on more says nothing of what its drugs do
CLASS_MEMBERS = 3  # a class of fewer drugs says too little of what is typical of it
TYPICAL_SMOOTHING = 2  # diseases listing a symptom, added: one listed by its own disease only is not typical


@lru_cache(maxsize=1)
def department_groups() -> Dict[str, str]:
    """The graph's department names -> one name per department (呼吸内科 and 呼吸科 are one)."""
    groups = load_data("lexicon.json")["department_groups"]
    return {name: group for group, names in groups.items() if not group.startswith("_") for name in names}


@lru_cache(maxsize=1)
def _no_diagnoses() -> frozenset:
    return frozenset(load_data("lexicon.json")["no_diagnoses"])


@lru_cache(maxsize=1)
def _general_departments() -> frozenset:
    return frozenset(load_data("lexicon.json")["general_departments"])


def _fields(kg: MedicalKG, disease: str) -> set:
    """The disease's departments, one name each, without the general ones."""
    groups = department_groups()
    return {groups.get(d, d) for d in kg.items(disease, "就诊科室")} - _general_departments()


def _field_shares(diseases, fields: Dict[str, set]) -> Dict[str, float]:
    """How typical each department is among the diseases listing a symptom, 0..1 (腹痛: 消化科,
    咳嗽: 呼吸科); general departments (内科, 急诊科) say nothing and are not counted."""
    counts = Counter(field for d in diseases for field in fields[d])
    top = max(counts.values(), default=0)
    return {field: n / (top + FIELD_SMOOTHING) for field, n in counts.items()}


VAGINAL, VAGINAL_WORDS = "阴道", ("阴道", "外阴", "下面", "下身", "私处", "白带", "妇科")  # products, and where
HERBAL = "中成药"  # asked for by name: not the Western drugs for the same complaint
ON_THE_SKIN_WORDS = ("药膏", "膏药", "涂", "抹", "擦", "外用", "贴")  # asked for, only what goes on the skin (not 腰痛宁胶囊)
SUPPOSITORIES = ("栓", "栓剂")
ON_THE_SKIN = ("软膏", "乳膏", "贴膏", "橡胶膏", "膏药", "凝胶", "搽剂", "擦剂", "涂剂", "喷雾剂", "气雾剂", "酊", "洗剂", "贴剂")
INFANT = re.compile("婴儿|新生儿|满月|(?<![0-9])([1-9]|1[01]|[一二三四五六七八九十两]|十一)个多?月(大|的|宝宝|孩子|小孩|娃|婴儿)"
                    "|(宝宝|孩子|小孩|娃|儿子|女儿|闺女)(才|刚)?([1-9]|1[01]|[一二三四五六七八九十两]|十一)个多?月")
# a baby under a year
CHILD_NAMES = ("小儿", "儿童", "婴幼儿", "婴儿")  # in the names of products made for children
CHILD_FRIENDLY = ("颗粒", "口服液", "口服溶液", "混悬", "糖浆", "滴剂", "咀嚼片", "散", "搽剂", "酊", "软膏", "乳膏",
                  "凝胶", "贴", "喷雾", "洗剂", "涂剂", "栓")  # forms a child can take, or that go on the skin


def fit_for_a_child(drugs: List[str], text: str) -> List[str]:
    """Drugs for a disease or symptom, as offered for the patient: for a child, those made for
    children and those in forms a child takes or has put on the skin (宝宝湿疹: its creams, not
    当归苦参丸, an adult's pills); `specific_first` put those made for children first."""
    if INFANT.search(text):  # 6个月宝宝湿疹用什么药: only what is made for children, not 伤科灵喷雾剂
        return [d for d in drugs if any(w in d for w in CHILD_NAMES)]
    return [d for d in drugs if any(w in d for w in CHILD_NAMES + CHILD_FRIENDLY)] if about_a_child(text) else drugs


def indicated_drugs(kg: MedicalKG, terms: Sequence[str], text: str) -> List[str]:
    """The drugs whose 适应症 name the terms, best first, as offered to the patient the text is about;
    vaginal products only when the text is about that part (蚊子咬了很痒: not 妇必舒阴道泡腾片)."""
    drugs = on_the_skin(fit_for_a_child(specific_first(kg, kg.entities_mentioning("适应症", terms), terms, text), text), text)
    return drugs if any(w in text for w in VAGINAL_WORDS) else [d for d in drugs if VAGINAL not in d]


def covering_most(kg: MedicalKG, drugs: List[str], mentions: List[Mention]) -> List[str]:
    """Drugs for several described symptoms, those whose indications name the most of them first
    (头疼发烧 吃什么药: 布洛芬, not 正天胶囊 or 大黄清胃丸, which name 头痛 only); otherwise as ranked."""
    def covered(drug):
        indications = "；".join(kg.items(drug, "适应症"))
        return sum(any(c in indications for c in m.candidates) for m in mentions)
    return sorted(drugs, key=lambda d: -covered(d)) if len(mentions) > 1 else drugs


def on_the_skin(drugs: List[str], text: str) -> List[str]:
    """Asked for an ointment or a plaster (膝盖关节疼可以用什么药膏), those of the drugs that go on the
    skin, if any do: not 健骨注射液 or 腰痛宁胶囊."""
    if not any(w in text for w in ON_THE_SKIN_WORDS):
        return drugs
    forms = ON_THE_SKIN + (SUPPOSITORIES if "栓" in text else ())  # 痔疮有什么好用的栓剂或者药膏: both
    return [d for d in drugs if d.endswith(forms)] or drugs


def specific_first(kg: MedicalKG, drugs: List[str], terms: Sequence[str], text: str = "") -> List[str]:
    """Drugs for which the terms come first in a short list of indications: 门冬氨酸钾镁口服溶液
    lists 高血压 among dozens of conditions; a drug made for it lists it first. Products named with
    their form (复方葛根氢氯噻嗪片) come before bare brand names (奥一定), which tell a patient nothing.
    Terms come best first: drugs for 感冒 as the patient wrote it before those for 上呼吸道感染.
    Drugs since withdrawn from the market (盐酸西布曲明片 for 肥胖症) are left out; asked for 中成药 in
    the text, only patent medicines (made for 功能主治) are listed. Given the text, products made for
    children come first for a child (孩子三岁 发烧: not 感冒退烧片) and last for anyone else."""
    forms = tuple(load_data("lexicon.json")["drug_forms"])
    withdrawn = tuple(load_data("lexicon.json")["withdrawn_drugs"])
    if HERBAL in text:
        drugs = [d for d in drugs if kg.items(d, "功能主治")]
    child = about_a_child(text)

    def rank(drug):
        items = kg.items(drug, "适应症")
        position = next((i for i, item in enumerate(items) if any(t in item for t in terms)), None)
        term = min((i + (0 if t in items else 0.5) for i, t in enumerate(terms) if any(t in item for item in items)),
                   default=len(terms))  # an item that is the word itself before one containing it
        for_children = any(w in drug for w in CHILD_NAMES)
        return (bool(text) and for_children != child, position is None, term, not drug.endswith(forms),
                (position or 0) + 0.1 * len(items))
    return sorted((d for d in drugs if not any(w in d for w in withdrawn)), key=rank)


def typical_first(kg: MedicalKG, disease: str, items: List[str]) -> List[str]:
    """A disease's symptoms, those typical of its departments first (青光眼: 虹视, 眼痛 before 便秘 and
    失眠, which hundreds of diseases of every department list), other diseases it lists last (they are
    what it leads to or comes with, not what the patient feels; a finding hundreds list, 休克, stays)
    and lab values last (PaO2:FiO2…). Typical: the share of the diseases listing each that are seen
    where it is, times how many they are (a fragment only it lists, 伴呼吸音减弱…, is typical of
    nothing). The graph lists them in character order, which says nothing."""
    own, index, fields = _fields(kg, disease), kg.symptom_index(), {}

    def typical(item):  # (no department of its own: the graph's order)
        if not own:
            return 0.0
        listing = [d for d, _ in index.get(item, [])]
        for d in listing:
            if d not in fields:
                fields[d] = _fields(kg, d)
        same = sum(bool(fields[d] & own) for d in listing)
        return same * same / (len(listing) + TYPICAL_SMOOTHING)  # how often, times how purely, its field's

    def another_disease(item):  # 急性心肌梗死: 心绞痛, 心律失常, 心肌梗死 after 胸骨后疼痛 and 出汗; 甲亢:
        return item in disease or kg.kind(item) == "disease" and len(index.get(item, [])) < FINDING_OF  # 焦虑症
    return sorted(items, key=lambda item: (another_disease(item), item[:1].isascii(), -typical(item)))  # (PaO2:FiO2…)


def common_first(kg: MedicalKG, items: List[str]) -> List[str]:
    """A drug's indications, the diseases named most often across the graph first (氨氯地平: 高血压
    before 变异型心绞痛, which the character order put first); a disease inside another one listed is
    left where it is (开瑞坦's 麻疹, read out of 荨麻疹), as is what names no disease."""
    diseases = [i for i in items if kg.kind(i) == "disease"]
    lifted = [i for i in diseases if not any(i != other and i in other for other in diseases)]
    return sorted(lifted, key=lambda i: -kg.times_named(i)) + [i for i in items if i not in lifted]


def typical_harms_first(kg: MedicalKG, drug: str, items: List[str]) -> List[str]:
    """A drug's side effects, those most drugs of its own class list first, the more so the rarer
    they are elsewhere (氨氯地平: 心悸；头痛；牙龈增生；水肿；潮红 as calcium blockers' leaflets say,
    not 不适；丘疹；乏力；乳房增大；人格解体 in the graph's character order; 辛伐他汀: 肌病, 肌痛),
    lab abbreviations (ALT, CPK) last. Those most drugs of any class list were tried first: every
    drug then gave 恶心；皮疹；呕吐；过敏；头痛."""
    classes, in_classes, counts, total = _harms_by_class(kg)
    own = [in_classes[c] for c in classes.get(drug, ()) if in_classes[c][1] >= CLASS_MEMBERS]

    def typical(item):
        overall = counts[item] / total
        in_class = max((listing[item] / size for listing, size in own), default=0.0)
        lift = math.log(max(in_class / overall, 1.0)) if overall else 0.0
        return in_class * (1 + 0.5 * lift) + 0.5 * overall
    return sorted(items, key=lambda i: (i[:1].isascii(), -typical(i)))


@lru_cache(maxsize=1)
def _harms_by_class(kg: MedicalKG):
    """Each drug's classes (分类, 用途分类; not those so broad they say nothing: 中成药 is on a quarter of
    the graph's drugs, Western ones too), for each class how many of its drugs list each side effect
    and how many drugs it has, how many drugs list each, and how many drugs list any; built once."""
    harms = {d: frozenset(kg.items(d, SIDE_EFFECTS)) for d in kg.entities() if kg.kind(d) == "drug"}
    harms = {d: h for d, h in harms.items() if h}
    classes = {d: set(kg.items(d, "分类") + kg.items(d, "用途分类")) for d in harms}
    members = defaultdict(list)
    for d, own in classes.items():
        for c in own:
            members[c].append(d)
    in_classes = {c: (Counter(i for d in ds for i in harms[d]), len(ds)) for c, ds in members.items() if len(ds) <= BROAD_CLASS}
    classes = {d: [c for c in own if c in in_classes] for d, own in classes.items()}
    return classes, in_classes, Counter(i for h in harms.values() for i in h), len(harms)


def rank_diseases(kg: MedicalKG, mentions: List[Mention]) -> List[str]:
    """Diseases by how many described symptoms they list (a patient's word counts in full for
    its first graph word, less for the others: 虚汗 is 盗汗 before 多汗); among equals, common
    diseases (named often across the graph: by drugs' indications, checks, complications) before
    rare syndromes, a disease of a department typical of the symptoms before one of another (腹痛:
    肠炎, 胰腺炎 before 心律失常, 荨麻疹, which list it too), a disease listing few symptoms before
    one listing 150 (P(symptom | disease)), and diagnoses before findings that hundreds of diseases
    list (尿频尿急: 尿路感染 before 血尿).
    A disease's symptom list is in character order, so where a word stands in it says nothing.
    Beside a disease listing several of the described symptoms, those listing one are left out;
    names of a group of diseases (神经病, 癌症) are no diagnosis and never listed."""
    scores, matched, hit_counts, weights = defaultdict(float), defaultdict(set), {}, defaultdict(list)
    loose = defaultdict(int)  # described symptoms a disease lists only in the looser words after a long
    # graph description few diseases list (SPECIFIC_LEN)
    index, shares, fields = kg.symptom_index(), {}, {}  # fields: each disease's departments, looked up once
    for mention in mentions:
        hits = {}
        for rank, word in enumerate(mention.candidates):
            for disease, _ in index.get(word, []):
                hits.setdefault(disease, rank)
        if len(hits) < PARTIAL_MATCH_BELOW:
            for item, diseases in index.items():
                if any(word in item for word in mention.candidates):
                    for disease, _ in diseases:
                        hits.setdefault(disease, len(mention.candidates))
        hit_counts[mention.candidates[0]] = len(hits)
        exact = sum(rank == 0 for rank in hits.values())
        if 0 < exact <= RARE_HITS and len(mention.candidates[0]) >= SPECIFIC_LEN:  # 大拇指食指中指发麻: the
            for disease, rank in hits.items():  # graph's long description few list is meant (鼠标手), not 麻木 after it
                loose[disease] += rank > 0
        looser = LOOSER_WEIGHT if exact >= PLENTY_EXACT else 0.2  # 腿肿: 下肢水肿 lists plenty, 结膜炎's 水肿
        for disease, rank in hits.items():  # after it counts less
            weights[disease].append(1 - looser * min(rank, 2))
            matched[disease].add(mention.candidates[0])
        for disease in hits:
            if disease not in fields:
                fields[disease] = _fields(kg, disease)
        shares[mention.candidates[0]] = _field_shares(hits, fields)
    for disease, found in weights.items():
        scores[disease] = sum(w * (1 if i < FULL_MATCHES else LATER_MATCH) for i, w in enumerate(sorted(found, reverse=True)))
    for disease in scores:
        rels = kg.graph[disease]
        commonness = min(math.log1p(kg.times_named(disease)) / COMMON_NAMED_LOG, 1.0)
        listed = sum(len(rels.get(rel, [])) for rel in SYMPTOM_RELATIONS)
        focus = 1 - min(math.log1p(listed) / LONG_LIST_LOG, 1.0)  # one of 5 symptoms says more than one of 150
        finding = len(index.get(disease, [])) >= FINDING_OF
        departments = set(rels.get("就诊科室", []))
        emergency_only = bool(departments) and departments <= EMERGENCY_ROOMS
        unknown = 0.0 if emergency_only else FIELD_UNKNOWN  # 失眠: not 狂犬病
        typical = max(max((shares[word].get(f, 0.0) for f in fields[disease]),
                          default=unknown * max(shares[word].values(), default=0.0))
                      for word in matched[disease])  # by the symptoms it lists: 褐色 is skin's, 乳头溢液 breast's
        scores[disease] += FIELD_WEIGHT * typical + 0.3 * commonness + 0.15 * focus \
            + (0.1 if "就诊科室" in rels else 0) - (0.4 if finding else 0) - (EMERGENCY_ONLY if emergency_only else 0)
    if len(hit_counts) >= 2 and all(len(words) == 1 for words in matched.values()):  # no disease lists two:
        for disease, words in matched.items():  # one that only one or two diseases list tells most
            if hit_counts[next(iter(words))] <= RARE_HITS:  # (大脚趾根 + 红肿: 痛风 first, 似奶块: 鹅口疮)
                scores[disease] += RARE_SYMPTOM_WEIGHT
    if any(len(words) >= 2 for words in matched.values()):  # a disease listing one of several described
        scores = {d: score for d, score in scores.items() if len(matched[d]) >= 2}  # symptoms is no answer
        # beside one listing more (关节痛、发僵: not 荨麻疹, which lists 关节痛 among its 40)
    scores = {d: score for d, score in scores.items() if loose[d] < len(matched[d])}
    lone = len(mentions) == 1  # one everyday complaint (掉头发, 手脚发麻) is no sign of a cancer: those come last
    return sorted((d for d in scores if d not in _no_diagnoses()),
                  key=lambda d: (lone and any(w in d for w in MALIGNANT), -scores[d], d))


@lru_cache(maxsize=1)
def _patient_words() -> Dict[str, Tuple[str, ...]]:
    """The lexicon's patient_groups, the words said in a conversation normalised once."""
    groups = load_data("lexicon.json")["patient_groups"]
    said = ("adult", "male", "elderly", "infant")  # matched in normalised text; the rest in disease names
    return {key: tuple(map(normalise, words)) if key in said else tuple(words)
            for key, words in groups.items() if not key.startswith("_")}


def could_be_theirs(diseases: List[str], conversation: str) -> List[str]:
    """The diseases without those the conversation rules out for this patient (see the lexicon's
    patient_groups): 我爸七十 | 头晕是怎么回事 lists no 痛经, 小便黄 for 我妈 no 小儿肝硬化, 宝宝盗汗 no 肺癌,
    a child's rash no 性病."""
    words = _patient_words()
    says = {key: any(w in conversation for w in words[key]) for key in ("adult", "male", "elderly", "infant")}
    not_a_child = says["adult"] or says["elderly"]
    inside = (words["women_only"] if says["male"] else ()) + (words["childbearing"] if says["elderly"] else ()) \
        + (words["not_infants"] if says["infant"] and not not_a_child else ()) \
        + (words["not_children"] if about_a_child(conversation) and not not_a_child else ())
    return [d for d in diseases
            if not (not_a_child and d.startswith(words["child_only"])) and not any(w in d for w in inside)]
