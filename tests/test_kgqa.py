"""Question understanding over the whole graph: linking, classification, planning, reply checks."""
import pytest

from kgqa.answer import checked_reply, realise, reply_items, segment_items
from kgqa.graph import SYMPTOM_RELATIONS
from kgqa.text import normalise
from kgqa_helpers import candidates, plan


def test_linking_as_patients_write(planner, full_kg):
    assert "慢性乙型肝炎" in candidates(planner, "乙肝")  # colloquial name
    assert candidates(planner, "血压高")[0] == "高血压"
    assert all(c.startswith(("布洛芬", "盐酸布洛芬")) for c in candidates(planner, "布洛芬"))  # generic name -> products
    assert candidates(planner, "帕金森")[0] == "帕金森病"  # short disease name
    assert candidates(planner, "糖尿并有什么症状")[0] == "糖尿病"  # homophone typo, by pinyin
    assert candidates(planner, "寻麻疹吃什么药")[0] == "荨麻疹"  # the longer pinyin match beats 麻疹
    assert candidates(planner, "布洛分有什么副作用")[0].startswith("布洛芬")  # a generic drug name's homophone
    assert candidates(planner, "阿莫西林哪些人不能吃")[0] != "注射用阿莫西林钠"  # 哪 is not 钠
    assert candidates(planner, "咳嗽")[:1] != ["咳嗽糖浆"]  # a symptom word is not a drug's generic name
    assert [m.candidates[0] for m in planner.linker.symptoms("晚上睡不着还心慌")] == ["失眠", "心悸"]
    assert "多潘立酮分散片" in candidates(planner, "多潘立酮")  # a product with no Latin name, of a Latin-named generic


def test_linking_brands_salts_variants_and_traditional_characters(planner):
    assert candidates(planner, "芬必得")[:2] == ["芬必得", "布洛芬缓释胶囊"]  # a bare brand entity, then its product
    assert "复方氨酚烷胺片" in candidates(planner, "感康")
    assert candidates(planner, "华法林") == ["华法林钠片"]  # the salt (钠) is not typed
    assert candidates(planner, "高血压")[:2] == ["高血压", "原发性高血压"]
    assert candidates(planner, "肺結核怎麼預防")[0] == "肺结核"
    assert plan(planner, "高血压时间长了会引起哪些并发症").source["entity"] == "原发性高血压"  # 高血压 has none


@pytest.mark.parametrize("question, words", [
    ("手脚老发麻，是哪里出问题了", ["麻木"]),  # a filler word inside the description
    ("最近老是头晕乏力", ["头晕", "乏力"]),  # a graph word made of two described symptoms
    ("腰疼，今天小便还带血了", ["腰痛", "血尿"]),
    ("走路快一点胸口就发闷，喘不上气", ["胸闷", "呼吸困难"]),  # 就 between the parts of 胸口发闷
])
def test_described_symptoms(planner, question, words):
    assert [m.candidates[0] for m in planner.linker.symptoms(normalise(question))] == words
    assert plan(planner, question).kind == "reverse"


@pytest.mark.parametrize("herb_or_effect", ["黄芪", "灵芝", "降压"])
def test_herbs_and_effects_are_not_generic_drug_names(planner, full_kg, herb_or_effect):
    """黄芪注射液's indications are not the herb's effects; 降压颗粒 does not make 降压 a drug name."""
    assert any(d.startswith(herb_or_effect) for d in full_kg.entities())
    assert candidates(planner, herb_or_effect) == []


@pytest.mark.parametrize("question, expected", [
    ("感冒了吃什么药", "drug"), ("高血压能吃豆腐吗", "diet"), ("高血压有什么症状？", "symptom"),
    ("糖尿病挂什么科", "department"), ("乙肝是通过什么途径传染的", "transmission"), ("胃病哪家医院好", "hospital"),
    ("我平时也不喝酒，脂肪肝是什么原因引起的", "symptom_to_disease"),  # a topic word (喝酒) does not outrank the question
])
def test_classifier(planner, question, expected):
    assert planner.classifier.classify(normalise(question))[0] == expected


def test_type_is_read_for_the_entity_kind(planner):
    assert planner.plan("脂肪肝是什么原因引起的？我平时也不喝酒").source["type"] == "cause"  # a disease: its causes
    assert planner.plan("布洛芬能吃吗").source["type"] == "indication"  # a drug: what it is for


def test_forward_answers_are_graph_items(planner, full_kg):
    result = plan(planner, "布洛芬有什么副作用")
    entity = result.source["entity"]
    assert result.kind == "answer" and entity.startswith("布洛芬") and result.source["relations"] == ["不良反应"]
    assert reply_items(result.reply) and set(reply_items(result.reply)) <= {i.lower() for i in full_kg.items(entity, "不良反应")}
    assert result.reply.startswith(f"{entity}的不良反应：")  # says what it understood


def test_heading_only_relations_answer_nothing(planner, full_kg):
    assert full_kg.graph["慢性乙型肝炎"]["治疗"] == ["治疗原则", "用药原则"] and not full_kg.items("慢性乙型肝炎", "治疗")
    result = plan(planner, "乙肝怎么治疗")
    assert result.kind == "answer" and not set(reply_items(result.reply)) & {"治疗原则", "用药原则"}


def test_declines_are_specific(planner):
    result = plan(planner, "高血压能吃豆腐吗")
    assert result.kind == "decline" and not reply_items(result.reply)
    assert "高血压" in result.reply and "饮食" in result.reply and "心血管内科" in result.reply
    assert plan(planner, "看胃病哪家医院好").kind == "decline"
    unknown = plan(planner, "阿莫西林一天吃几次")  # no 阿莫西林 product has 用法用量
    assert unknown.kind == "decline" and "用法用量" in unknown.reply
    for judgement in ("降压药还要继续吃吗", "甲状腺结节3类危险吗", "看胃病哪家好"):
        assert plan(planner, judgement).kind == "decline", judgement
    lifespan = plan(planner, "肺癌晚期能活多久")  # 支气管肺癌's 预后状况 (不良；死亡；良好) is no answer to that
    assert lifespan.kind == "decline" and not reply_items(lifespan.reply)
    dose = plan(planner, "优甲乐我能自己减半吗")  # a dose change is the doctor's call, not 不良反应
    assert dose.kind == "decline" and "停药" in dose.reply
    assert plan(planner, "急性阑尾炎预后好吗").source["relations"] == ["预后状况"]


def test_reverse_lookups(planner, full_kg):
    result = plan(planner, "晚上睡不着，心慌，是什么病")
    assert result.kind == "reverse" and result.source["type"] == "symptom_to_disease"
    for disease in reply_items(result.reply):
        words = [w for rel in SYMPTOM_RELATIONS for w in full_kg.graph[next(e for e in full_kg.graph if e.lower() == disease)].get(rel, [])]
        assert any("失眠" in w or "心悸" in w for w in words)
    joints = plan(planner, "关节又红又肿又疼是怎么了")  # checks list 相关症状 too; they are no diseases
    assert joints.kind == "reverse" and reply_items(joints.reply)
    assert all(full_kg.kind(d) == "disease" for d in reply_items(joints.reply))
    reflux = plan(planner, "老是反酸烧心是什么病")  # the medical word (胃灼热) first: the textbook disease lists it
    assert reply_items(reflux.reply)[0] == "胃食管反流病"
    drugs = plan(planner, "头痛吃什么药")
    assert drugs.kind == "reverse" and all(full_kg.kind(d) == "drug" for d in segment_items(drugs.segment) if d in full_kg)


def test_drug_answers_patients_can_use(planner, full_kg):
    """Related drugs come specific first (the graph lists them alphabetically: 10%脂肪乳注射液 for
    湿疹); a relation of research drugs' Latin names gives way to one a patient can use."""
    eczema = plan(planner, "湿疹用什么药膏")
    first = reply_items(eczema.reply)[0]
    assert any("湿疹" in i for i in full_kg.items(next(e for e in full_kg.graph if e.lower() == first), "适应症"))
    gout = plan(planner, "痛风发作吃什么药")
    assert full_kg.items("痛风", "药物治疗")[0].isascii() and not reply_items(gout.reply)[0].isascii()


def test_pregnancy_focus_keeps_only_items_about_it(planner):
    result = plan(planner, "怀孕了能吃布洛芬吗")
    items = reply_items(result.reply)
    assert result.kind == "decline" or (items and all("孕" in i or "妊娠" in i for i in items))


def test_follow_ups_and_new_subjects(planner):
    follow = plan(planner, "那要怎么治疗", ["肺结核会传染吗"])
    assert follow.source.get("entity") in ("肺结核", "结核病")
    drug = plan(planner, "布洛芬有什么副作用", ["高血压有什么症状"])
    assert drug.source["entity"].startswith("布洛芬")  # a named drug never falls back to the earlier disease
    symptoms = plan(planner, "手脚发麻是怎么回事", ["高血压有什么症状"])
    assert symptoms.kind == "reverse"
    unknown = plan(planner, "肌少症是啥病", ["头晕是什么病"])  # a name the graph lacks is no follow-up
    assert unknown.kind == "not_found" and not reply_items(unknown.reply)
    assert plan(planner, "这是什么病", ["头晕是什么病"]).source.get("entity") == "头晕"


def test_question_phrases_pick_what_is_asked(planner):
    described = plan(planner, "甲亢是什么病")  # what it is, not the diseases 是什么病 means after symptoms
    assert described.source["entity"] == "甲状腺功能亢进症" and described.source["type"] == "description"
    nearest = plan(planner, "我爸有高血压，脑梗怎么预防啊")  # the subject is the name before the question
    assert nearest.source["entity"] in ("脑梗死", "脑梗塞") and nearest.source["relations"] == ["预防"]
    later = plan(planner, "血压高时间长了会引起哪些病")  # 血压高 -> 高血压 -> 原发性高血压, which holds them
    assert later.source["type"] == "complication" and later.source["relations"] == ["并发症"]
    assert plan(planner, "孩子趁我不注意吃了半瓶降压药，怎么办").kind == "emergency"
    pointed = plan(planner, "我爸胃溃疡好几年了，听说这个病会出血，除了出血还会引起啥并发症？")
    assert pointed.source["entity"] == "胃溃疡"  # a pronoun points back past the nearer 出血
    assert plan(planner, "房颤要紧吗？会不会引起中风之类的后果").source["type"] == "complication"
    assert plan(planner, "查糖尿病要抽哪些血").source["type"] == "check"
    assert plan(planner, "丹参有毒吗").source["relations"] == ["毒性"]
    assert plan(planner, "帕金森有哪些症状？我爸手老是抖").source["entity"] == "帕金森病"  # the first candidate with facts
    fitting = plan(planner, "想查一下有没有幽门螺旋杆菌，一定要做胃镜吗？有没有别的办法")
    assert fitting.source["type"] == "check"


def test_long_messages_with_the_question_at_the_end(planner):
    shoulder = plan(planner, "我妈右边肩膀疼得胳膊抬不起来，梳头都费劲，医生说是肩周炎，能吃点什么药缓解")
    assert shoulder.kind != "emergency"  # pain that stops an arm is no stroke sign; a sudden weak side is
    assert plan(planner, "我爸刚才突然半边身子没力气，说话也不清楚").kind == "emergency"
    assert plan(planner, "老人摔了一跤后脑勺流了好多血，现在迷迷糊糊的叫不太应").kind == "emergency"
    gout = plan(planner, "我老公痛风好几年了，痛风时间长了会导致什么并发症")
    assert gout.source["entity"] != "痛风石"  # 痛风时间 is 痛风 + 时间, not a typo of 痛风石
    assert plan(planner, "胰腺癌做完手术，五年生存率大概有多少").kind == "decline"
    assert plan(planner, "医生说我是急性膀胱炎，老是犯，这个有什么预防的办法").source["relations"] == ["预防"]
    assert plan(planner, "我爸晚上起夜三四次，可能是什么病引起的").kind == "reverse"  # 起夜 -> 夜尿增多
    assert plan(planner, "下周要坐长途大巴，有什么药").source.get("entity") != "独一味"  # 大巴 is a bus


@pytest.mark.parametrize("question", [
    "我爸突然说话含糊不清，嘴也歪了，右手抬不起来", "喘不上气，嘴唇都发紫了", "活着太累了，我把安眠药都攒好了",
    "癫痫发作抽了十几分钟还没停下来", "拉了好多黑便，刚才起身的时候晕过去一次",
])
def test_emergencies_written_with_words_between(planner, question):
    assert plan(planner, question).kind == "emergency"


def test_answerable_question_beats_judgement_asked_with_it(planner):
    assert plan(planner, "那需要吃药吗？吃什么药", ["体检查出来中度脂肪肝"]).source["type"] == "drug"
    assert plan(planner, "便秘好几天了，有没有什么药能吃的").source["type"] == "drug"  # not a diet question
    assert plan(planner, "胃疼了三天了，我是不是得胃癌了").kind == "decline"
    assert plan(planner, "胃镜报告写着慢性萎缩性胃炎伴肠化，严重吗，会不会变成胃癌啊").kind == "decline"


def test_items_narrow_to_what_else_the_question_names(planner, full_kg):
    flu = plan(planner, "流感会引起肺炎吗")
    assert flu.kind == "answer" and reply_items(flu.reply) and all("肺炎" in i for i in reply_items(flu.reply))
    assert plan(planner, "用生姜擦头皮能治脱发吗").kind == "decline"  # its effects do not name 脱发
    assert plan(planner, "阿莫西林和布洛芬能一起吃吗").kind == "decline"  # neither lists the other
    anaemia = plan(planner, "缺铁性贫血会头晕吗")
    assert anaemia.source["type"] == "symptom" and all("头晕" in i for i in reply_items(anaemia.reply))


def test_pronoun_keeps_the_earlier_subject(planner):
    asthma = plan(planner, "它会不会引起哮喘啊", ["我有过敏性鼻炎好多年了"])
    assert asthma.source["entity"] == "过敏性鼻炎" and reply_items(asthma.reply) == ["哮喘"]
    drug = plan(planner, "那这个药有什么副作用吗", ["我有慢性胃炎，医生开了奥美拉唑肠溶胶囊"])
    assert drug.source["entity"] == "奥美拉唑肠溶胶囊" and drug.source["relations"] == ["不良反应"]


def test_special_turns(planner):
    assert plan(planner, "胸口剧痛，喘不过气来，怎么办").kind == "emergency"
    assert "120" in plan(planner, "我爸突然晕倒了").reply
    assert plan(planner, "你好").kind == "chat" and plan(planner, "谢谢医生").kind == "chat"
    assert plan(planner, "今天天气怎么样").kind == "chat"  # not medical: says what the bot is for
    assert plan(planner, "帮我写个请假条，就说我发烧了").kind == "chat"
    assert plan(planner, "asdfgh").kind == "not_found"  # no short Latin abbreviation inside typed letters
    assert plan(planner, "肠内营养乳剂（TPF）能运动吗").source["type"] != "diet"  # 营养 inside a name is no keyword


def test_checked_reply_keeps_graph_items_only():
    segment = "高血压|常见症状:乏力；剧烈头痛；呕吐"
    expected = realise(segment)
    assert expected == "高血压的常见症状：乏力；剧烈头痛；呕吐。"
    assert checked_reply(expected.lower(), segment) == (expected, True)  # the graph's case comes back
    assert checked_reply("高血压的常见症状：乏力；呕吐。", segment) == ("高血压的常见症状：乏力；呕吐。", True)
    drugs = "慢性胃炎|相关药物:维U颠茄铝分散片；胃肠X线钡餐"
    assert checked_reply("慢性胃炎的相关药物：维u颠茄铝分散片。", drugs) == ("慢性胃炎的相关药物：维U颠茄铝分散片。", True)
    assert checked_reply("高血压的常见症状：乏力；心梗。", segment) == (expected, False)  # not in the graph
    symptoms = "尿频、尿急、尿痛|可能疾病:膀胱炎；尿道炎"
    assert checked_reply("尿频、尿痛的可能疾病：膀胱炎。", symptoms) == (realise(symptoms), False)  # a symptom dropped
    assert checked_reply("", segment) == (expected, False)
    assert checked_reply("病病病病病病", segment) == (expected, False)
    thrush = "似奶块|可能疾病:鹅口疮"  # the words around the items garbled (dev106)
    assert checked_reply("似奶块的可能疾病：鹅口疮。以上只是可能疾病：鹅口疮。", thrush) == (realise(thrush), False)
    assert checked_reply(realise(thrush), thrush) == (realise(thrush), True)
    decline = "高血压|未收录:饮食宜忌|就诊科室:心血管内科"
    assert checked_reply("高血压的常见症状：乏力。", decline)[1] is False  # facts where a decline belongs


def test_generic_drug_names_a_disease_lists_as_a_symptom(planner):
    """CMeKG lists 甲硝唑 and 胰岛素 as a symptom of one disease each; they are still the drugs
    (a word at least MIN_SYMPTOM_DISEASES diseases list stays a symptom: 咳嗽 is not 咳嗽糖浆)."""
    metronidazole = plan(planner, "甲硝唑哪些人禁用")
    assert metronidazole.source["entity"].startswith("甲硝唑") and metronidazole.source["relations"] == ["禁忌"]
    assert plan(planner, "硝酸甘油有什么副作用").source["relations"] == ["不良反应"]
    assert plan(planner, "咳嗽吃什么药").source.get("entity") != "咳嗽糖浆"


def test_whether_to_take_a_drug_is_declined_not_answered_with_its_facts(planner):
    for question in ("需要打胰岛素吗", "空腹血糖7.8，糖化6.9，这个严重吗？需要打胰岛素吗", "甲减要不要吃优甲乐"):
        result = plan(planner, question)
        assert result.kind == "decline" and not reply_items(result.reply), question
    assert plan(planner, "吃了二甲双胍拉肚子正常吗").source["relations"] == ["不良反应"]  # is it the drug
    assert plan(planner, "感冒需要吃什么药").source["type"] == "drug"  # 需要吃 gives way to 吃什么药
