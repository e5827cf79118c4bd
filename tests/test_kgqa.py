"""Question understanding over the whole graph: linking, classification, planning, reply checks."""
import pytest

from kgqa.answer import checked_reply, realise, reply_items, segment_items
from kgqa.graph import SYMPTOM_RELATIONS
from kgqa.planner import AnswerPlanner
from kgqa.text import normalise


@pytest.fixture(scope="session")
def planner(full_kg):
    return AnswerPlanner(full_kg)


def candidates(planner, text):
    return [c for m in planner.linker.entities(normalise(text)) for c in m.candidates]


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


def plan(planner, question, earlier=()):
    result = planner.plan(question, list(earlier))
    assert result.reply == realise(result.segment)
    return result


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
    unknown = plan(planner, "桥本是啥病", ["头晕是什么病"])  # a name the graph lacks is no follow-up
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


def test_more_phrasings_of_dev_set_6(planner):
    assert plan(planner, "吃华法林的人，哪些药不能一起吃？").source["relations"] == ["药物相互作用"]
    assert plan(planner, "白内障手术都有哪些做法").source["relations"] == ["手术治疗"]
    assert plan(planner, "五十肩一般是什么人得的多").source == {
        "entity": "肩周炎", "relations": ["多发群体"], "type": "population", "direction": "forward", "mention": "五十肩"}
    assert plan(planner, "能推荐个治牛皮癣的好医生吗").source["type"] == "hospital"  # 好医生 is also a brand
    assert plan(planner, "心电图写着窦性心动过缓，心率52，要不要治疗").kind == "decline"
    assert plan(planner, "我下周要做个小手术，阿司匹林需要提前停吗").source["type"] == "stop_drug"
    assert plan(planner, "慢性咽炎有什么含片可以用").kind in ("answer", "reverse")
    gout = plan(planner, "我老公半夜大脚趾疼醒了，又红又肿，医生说是痛风。痛风到底是啥原因引起的？")
    assert gout.source["entity"] == "痛风" and gout.source["type"] == "cause"  # the question's own sentence
    assert plan(planner, "肚子胀还老打嗝是什么毛病").kind == "reverse"  # one sentence, two symptoms: still reverse
    assert plan(planner, "老婆怀孕七个月，下面突然大出血，止不住").kind == "emergency"  # 大出血 is also an entity
    assert plan(planner, "牙龈出血止不住怎么办").kind != "emergency"


def test_a_child_s_symptom_is_the_graph_s_paediatric_disease(planner):
    fever = plan(planner, "孩子发烧挂什么科")  # 发热's diseases vote for 皮肤科 and 泌尿外科; 小儿发热 says 儿科
    assert fever.source["entity"] == "小儿发热" and reply_items(fever.reply) == ["儿科"]
    diarrhoea = plan(planner, "孩子拉肚子两天了，一天五六次，都是稀水样的。小孩腹泻可以吃点什么药")
    assert diarrhoea.source["entity"] == "小儿腹泻"  # before 腹泻, the exact name
    assert plan(planner, "发烧挂什么科").source["entity"] == "发热"  # an adult's: the diseases' departments
    assert plan(planner, "孩子发烧是什么原因").kind == "reverse"
    several = plan(planner, "孩子发烧咳嗽三天了，挂什么科")  # every symptom's 小儿 form goes to 儿科
    assert reply_items(several.reply) == ["儿科"]
    assert "儿科" not in reply_items(plan(planner, "发烧咳嗽挂什么科").reply)


def test_drugs_for_a_condition_the_graph_holds_as_a_product(planner, full_kg):
    assert full_kg.kind("晕动病") == "drug"  # a product called 晕动病 (晕车 links to it)
    result = plan(planner, "晕车晕船吃什么药")
    assert result.kind == "reverse" and result.source["relations"] == ["适应症"]
    assert "呕吐" not in reply_items(result.reply)  # not the product's own indications


def test_may_i_take_a_drug_with_a_disease_looks_in_its_contraindications(planner):
    ulcer = plan(planner, "我有胃溃疡，牙疼得受不了，能不能吃洛索洛芬")  # not "it treats 牙痛"
    assert ulcer.kind == "decline" and ulcer.source["type"] == "contraindication" and "胃溃疡" in ulcer.reply
    assert plan(planner, "高血压能吃布洛芬吗").source["entity"].startswith("布洛芬")  # the drug's decline
    assert plan(planner, "脱发能吃非那雄胺吗").source["relations"] == ["适应症"]  # a disease it treats
    assert plan(planner, "青霉素过敏能吃阿莫西林吗").source["relations"] == ["禁忌"]


def test_a_drug_and_what_it_may_cause(planner):
    for question, item in (("吃了二甲双胍会拉肚子吗", "腹泻"), ("白天吃了扑尔敏会不会犯困", "嗜睡")):
        result = plan(planner, question)
        assert result.source["relations"] == ["不良反应"] and item in reply_items(result.reply), question
    assert plan(planner, "孩子两岁半，13公斤，发烧39度，布洛芬混悬液喂几毫升").kind == "decline"
    assert plan(planner, "最近心慌，优甲乐可以减成半片吗").source["type"] == "stop_drug"


def test_pronouns_point_at_the_latest_mention_of_their_kind(planner):
    gout = plan(planner, "这个病会引起哪些并发症", ["我爸尿酸高，前几天痛风发作了"])
    assert gout.source["entity"] == "痛风" and "高尿酸血症" not in reply_items(gout.reply)[:1]
    own = plan(planner, "孩子38度9，家里正好有布洛芬颗粒，想问下哪些人是不能吃这个药的？", ["我有过敏性鼻炎"])
    assert own.source["entity"] == "布洛芬颗粒"  # 这个药 is the drug this question names


def test_dev_set_7_phrasings(planner):
    assert plan(planner, "连花清瘟胶囊是由哪些药材组成的").source["relations"] == ["成份"]
    assert plan(planner, "孩子肚子里有蛔虫，吃什么打虫药").source["entity"] == "蛔虫病"
    assert plan(planner, "中午吃了头孢，晚上喝了两杯白酒，现在脸通红、心跳特别快").kind == "emergency"
    assert plan(planner, "走路快一点胸口就发闷，喘不上气，歇一会儿就好了").kind != "emergency"
    assert plan(planner, "我家狗狗拉稀了，能喂它吃思密达吗").kind == "chat"
    assert plan(planner, "孩子咳嗽吃了三天头孢克肟，今天不咳了，剩下的还要接着吃吗").kind == "decline"


def test_described_symptoms_in_everyday_words(planner):
    late = plan(planner, "两个月没来月经了，这两天下面有点出血，肚子也隐隐疼，可能是什么情况")
    assert late.kind == "reverse" and "异位妊娠" in reply_items(late.reply)  # 停经 + 阴道出血
    eyes = plan(planner, "右眼突然出现闪光，眼前好多黑点飘来飘去，像蚊子一样，是什么病")
    assert eyes.kind == "reverse" and "视网膜脱离" in reply_items(eyes.reply)


def test_an_unknown_name_is_never_answered_with_the_earlier_subject(planner):
    for question in ("新冠后遗症怎么治", "司美格鲁肽有什么副作用", "褪黑素能长期吃吗"):
        result = plan(planner, question, ["高血压能吃布洛芬吗"])
        assert result.kind == "not_found" and not reply_items(result.reply), question
    for follow_up in ("那它有什么副作用", "会有后遗症吗", "需要吃消炎药吗", "这个以后会引起别的病吗？"):
        assert plan(planner, follow_up, ["高血压能吃布洛芬吗"]).source.get("entity"), follow_up


def test_dev_set_8_phrasings(planner):
    bismuth = plan(planner, "枸橼酸铋钾哪些人不能吃")  # the salt-prefixed generic stays whole (枸橼 is a herb)
    assert bismuth.source["entity"].startswith("枸橼酸铋钾") and bismuth.source["relations"] == ["禁忌"]
    assert plan(planner, "安博维（厄贝沙坦片）有什么禁忌？").source["relations"] == ["禁忌"]  # a brand does not narrow
    assert plan(planner, "胃不舒服，能不能自己买奥美拉唑吃几天").source["type"] == "take_drug"
    assert plan(planner, "肺部CT有一个6mm的磨玻璃结节，会是肺癌吗？好担心").kind == "decline"
    assert plan(planner, "走路快一点胸口就发闷，喘不上气，歇一会儿就好了，会是什么问题").kind == "reverse"
    tremor = plan(planner, "我爸右手静止的时候抖，动作也越来越慢，会是什么病")
    assert reply_items(tremor.reply)[0] == "帕金森病"
    hepatitis = plan(planner, "那以后会发展成什么病，有哪些并发症", ["乙肝小三阳是什么意思"])
    assert hepatitis.source["relations"] == ["并发症"]
    dizzy = plan(planner, "这可能是什么病", ["医生你好", "我妈60岁，最近一站起来就头晕，有时候天旋地转的"])
    assert dizzy.kind == "reverse"  # 这 points back at the described symptoms


def test_review_findings(planner):
    """An adult's fever is no child's (怀孩子, 生了孩子后, 我儿子的同学); a symptom whose diseases
    spread over every department gets no department (发烧 had 泌尿外科); follow-ups about taking
    drugs are no unknown names; asking when one may drink after 头孢 is no emergency."""
    for adult in ("怀孩子的时候发烧挂什么科", "我女儿生了孩子后发烧挂什么科", "我儿子的同学发烧挂什么科"):
        result = plan(planner, adult)
        assert result.source.get("entity") != "小儿发热" and "儿科" not in reply_items(result.reply), adult
    fever = plan(planner, "发烧挂什么科")
    assert fever.kind == "decline" and not reply_items(fever.reply)
    assert reply_items(plan(planner, "咳嗽挂什么科").reply)[0] in ("呼吸科", "呼吸内科")  # one department, two names
    for follow_up in ("可以停药吗", "要吃多久的药", "会不会变成癌", "平时怎么预防发病", "要终身服药吗"):
        assert plan(planner, follow_up, ["高血压有什么症状"]).kind != "not_found", follow_up
    for timing in ("头孢吃完多久可以喝酒", "喝酒前一天吃了头孢可以吗", "阿莫西林和布洛芬之间存在药物相互作用吗"):
        assert plan(planner, timing).kind != "emergency", timing


def test_dev_set_9_phrasings(planner):
    assert plan(planner, "氯吡格雷和哪些药有相互作用").source["entity"] == "硫酸氢氯吡格雷片"  # 硫酸氢 is a prefix
    assert plan(planner, "反流性食道炎是怎么引起的").source["entity"] == "反流性食管炎"  # 食道 is 食管
    assert plan(planner, "尿酸偏高是什么引起的").source["entity"] == "高尿酸血症"
    assert plan(planner, "耳鸣原因").kind == "reverse"  # a symptom's causes: the diseases that list it
    assert plan(planner, "达格列净降糖效果怎么样").source.get("entity") != "降糖丸"  # 降糖 is an effect
    for judgement in ("我妈腰椎间盘突出 医生建议手术 做还是不做", "80岁了做白内障手术值不值",
                      "CT报告说肺上有个8mm磨玻璃结节 是不是肺癌"):
        assert plan(planner, judgement).kind == "decline", judgement
    nose = plan(planner, "鼻子痒 老打喷嚏 流清鼻涕 是什么毛病")
    assert nose.kind == "reverse" and any("鼻炎" in d for d in reply_items(nose.reply))


def test_dev_set_10_phrasings(planner):
    assert plan(planner, "孩子把我的降压药当糖吃了好几片，现在怎么办啊").kind == "emergency"
    for question, entity in (("医生给开了达英-35调月经，有啥副作用", "达英—35"), ("999感冒灵一次喝几包", "感冒灵颗粒"),
                             ("打完九价HPV疫苗胳膊又红又肿，这个疫苗有哪些不良反应", "九价人乳头瘤病毒疫苗")):
        assert plan(planner, question).source.get("entity") == entity, question
    for unknown in ("我爸心衰，医生开了诺欣妥，这是个什么药，治什么的", "听说有个叫度普利尤单抗的针治湿疹，打了有什么副作用"):
        result = plan(planner, unknown)  # the named disease does not answer for the unknown drug
        assert result.kind == "not_found" and not reply_items(result.reply), unknown
    swelling = plan(planner, "高血压一直吃络活喜，最近脚脖子有点肿，这个药会引起水肿吗")
    assert swelling.source["relations"] == ["不良反应"]  # 这个药 is the drug, not 高血压; 一直吃 gives way
    assert plan(planner, "甲减要吃什么药，是不是得吃一辈子").source["type"] == "drug"
    assert plan(planner, "老年痴呆有没有办法预防，我奶奶就是这个病", ["孩子湿疹怎么办"]).source["relations"] == ["预防"]
    assert plan(planner, "这个病会引起什么并发症吗，听说会影响睾丸", ["医生说是流行性腮腺炎"]).kind == "answer"  # 睾丸 is no drug
    assert plan(planner, "到底是什么原因引起的啊", ["宝宝湿疹反反复复"]).source["entity"] == "小儿湿疹"
    assert plan(planner, "乙肝要怎么治啊，体检查出来小三阳").source["type"] == "treatment"  # 查出来 asks no check
    for surgery in ("胆结石1.5公分，平时没啥感觉，要不要把胆囊切了", "腰突医生建议手术，我是做还是继续保守治疗"):
        assert plan(planner, surgery).kind == "decline", surgery
    assert plan(planner, "抑郁症治疗的话预后一般怎么样").source["relations"] == ["预后状况"]


def test_symptom_rankings_ignore_list_order(planner, full_kg):
    """A disease's symptom list is in character order (尿急 < 尿痛 < 尿频), so a rare syndrome
    that happens to list 尿急 first must not come before 尿路感染."""
    items = full_kg.items("尿路感染", "常见症状")
    assert items == sorted(items)
    urinary = reply_items(plan(planner, "尿频尿急尿痛是什么问题").reply)
    assert "尿路感染" in urinary[:2] and "特发性高钙尿症" not in urinary


def test_dev_set_11_phrasings(planner):
    holter = plan(planner, "明天要戴24小时动态心电图，有啥要注意的吗")  # a name before its （…） links; checks have 注意事项
    assert holter.source["entity"] == "动态心电图（Holter监测）" and holter.source["relations"] == ["注意事项"]
    warfarin = plan(planner, "我一直在吃华法林，最近感冒了，能不能吃点连花清瘟")
    assert warfarin.source.get("type") == "interaction"  # two drugs: how they interact, not what one treats
    assert plan(planner, "孩子一岁半拉肚子，医生开了思密达，吃了会不会便秘啊").source["relations"] == ["不良反应"]
    assert plan(planner, "手脚老是发麻，医生开了弥可保，这个是治什么的").kind == "answer"  # asks all it treats
    assert plan(planner, "体检的时候医生让加查一个糖化血红蛋白，这个主要是查啥病的").kind == "answer"
    for urgent in ("孩子突然抽起来了，眼睛往上翻，叫他也没反应，怎么办", "她刚不小心吃了点花生，现在嗓子发紧喘不上气"):
        assert plan(planner, urgent).kind == "emergency", urgent
    for judgement in ("HPV52阳性，TCT是正常的，我是不是快得宫颈癌了", "胆囊结石一直没症状，要不要干脆把胆囊切了"):
        assert plan(planner, judgement).kind == "decline", judgement
    assert plan(planner, "艾叶有毒没？想买点来泡脚").kind == "answer"  # its toxicity is known; 泡脚 gives way
    scarlet = plan(planner, "孩子高烧，舌头红红的一粒一粒像杨梅，身上还出了红疹子，这是啥病")
    assert scarlet.kind == "reverse" and reply_items(scarlet.reply)[0] == "猩红热"  # 像杨梅 is 杨梅舌, not the herb
    lump = plan(planner, "脖子前面长了个包，能摸到，不疼不痒的，这是什么情况")
    assert lump.source.get("entity") == "颈部肿块"


def test_unknown_names_qualifiers_and_follow_ups(planner):
    for unknown in ("度普利尤单抗治疗特应性皮炎效果怎么样", "新冠转阴后一直咳嗽，新冠后遗症都有哪些"):
        assert plan(planner, unknown).kind == "not_found", unknown  # not the disease's or symptom's facts
    for known in ("生完孩子老想哭，产后抑郁有哪些高危因素啊", "身上起了一片片淡红色的斑，医生说是玫瑰糠疹，什么人容易得"):
        assert plan(planner, known).kind == "answer", known  # 高危因素 and 一片 name no unknown drug
    assert plan(planner, "湿疹是什么原因引起的").source.get("relations") != ["高危因素"]  # risk factors are no causes
    assert plan(planner, "血钾高的人能吃螺内酯吗").source["type"] == "contraindication"
    assert plan(planner, "医生怀疑恙虫病，这病是怎么感染的").source["type"] == "transmission"  # 感染 is no name
    assert plan(planner, "那平时要查哪些项目", ["医生说我奶奶是慢性心衰"]).source["entity"] == "慢性心力衰竭"
    checks = plan(planner, "去医院的话要做哪些检查", ["我老公说他可能是前列腺炎", "晚上老起夜"])
    assert checks.source["entity"] == "前列腺炎" and checks.source["type"] == "check"  # the disease, not the symptom


def test_dev_set_12_phrasings(planner):
    for unknown in ("我爸心衰，医生开了诺欣妥，说比以前的药好，这个药是治什么的", "胃镜查出糜烂性胃炎，医生开了伏诺拉生，这药副作用大不大"):
        assert plan(planner, unknown).kind == "not_found", unknown  # a prescribed name the graph lacks
    assert plan(planner, "我老婆查出来霉菌性阴道炎，医生给开了栓剂，这个病会不会传给我").kind == "answer"  # a form, no name
    for drug in ("思诺思吃了会不会梦游", "舒利迭用久了会不会声音哑、嘴里长白膜", "我爸放了支架，医生让一直吃拜阿斯匹林，吃久了会不会伤胃"):
        assert plan(planner, drug).source.get("relations") == ["不良反应"], drug
    assert plan(planner, "吃了这个以后老放屁肚子胀，是它引起的吗", ["我妈糖尿病，医生开了拜糖平"]).source["entity"] == "拜唐苹"
    assert plan(planner, "老人家体重45公斤，阿托伐他汀吃20mg会不会太多").kind == "decline"
    assert plan(planner, "老人在卫生间摔了一跤，头磕到了，现在叫他不太应，还吐了两回").kind == "emergency"
    assert plan(planner, "慢阻肺的老人怎么预防病情加重？需不需要打什么疫苗").source["relations"] == ["预防"]
    assert plan(planner, "社区医生说可能是慢性肾病让去大医院看看，应该挂哪个科").source["type"] == "department"
    thirst = plan(planner, "最近特别能喝水，一天尿很多次，人还瘦了十来斤，这是什么情况")
    assert thirst.kind == "reverse" and "糖尿病" in reply_items(thirst.reply)
    pcos = plan(planner, "22岁，月经老是好几个月才来一次，脸上一直长痘，汗毛也比别人重，这可能是什么病")
    assert reply_items(pcos.reply)[0] == "多囊卵巢综合征"
    gout = plan(planner, "昨晚喝了点酒，半夜大脚趾突然红肿，疼得下不了地，是什么病啊")
    assert "痛风" in reply_items(gout.reply)
    neck = plan(planner, "颈椎病会引起头晕恶心吗？我一低头看手机时间长了就晕")  # yes/no about symptoms it lists
    assert neck.source["relations"] == ["常见症状"] and "头晕" in reply_items(neck.reply)
    food = plan(planner, "那海带紫菜这些还能吃吗", ["甲减平时需要注意什么"])  # a food for the earlier disease
    assert food.kind == "decline" and food.source["entity"] == "甲状腺功能减退症"
    dizzy = plan(planner, "血压高头晕怎么回事")  # 头晕 is one of its symptoms, not a question about its causes
    assert dizzy.source["relations"] == ["常见症状"] and reply_items(dizzy.reply) == ["头晕"]
    assert plan(planner, "经常反酸烧心，医生说是反流性食管炎，这个病是什么原因引起的？").source["type"] == "cause"
    acne = plan(planner, "脸上老长痘痘，有什么药能用")  # 药物治疗 holds one non-drug line; 相关药物 lists drugs
    assert acne.source["relations"] == ["相关药物"] and len(reply_items(acne.reply)) >= 2
    assert plan(planner, "高血压吃什么药").source["relations"] == ["药物治疗"]  # a list of classes still answers


def test_drug_effects_asked_as_patients_ask(planner):
    fever = plan(planner, "布洛芬能退烧吗")  # the indications that answer, not an unclear decline
    assert fever.source["relations"] == ["适应症"] and reply_items(fever.reply) == ["发热"]
    child = plan(planner, "孩子发烧38度5，能吃布洛芬吗")  # a product a child can take
    assert any(w in child.source["entity"] for w in ("混悬", "颗粒", "糖浆", "滴剂", "儿童", "小儿"))
    assert plan(planner, "孩子发烧怎么退烧").source.get("entity") == "小儿发热"


def test_found_asking_as_a_patient(planner):
    earlier = ["孩子发烧能吃布洛芬吗", "脚气用什么药膏好"]  # a class of drugs is never the earlier turn's drug
    stop = plan(planner, "我能不能自己把降压药停了", earlier)
    assert stop.kind == "decline" and stop.source["entity"] == "高血压"  # what 降压药 is taken for
    alcohol = plan(planner, "吃了头孢能喝酒吗", earlier)
    assert alcohol.kind == "decline" and "entity" not in alcohol.source  # not 足癣's diet
    assert plan(planner, "降压药有什么副作用").kind == "not_found"  # not 高血压's drug treatment
    assert plan(planner, "我妈吃错药了，一下吃了一板安眠药").kind == "emergency"
    tremor = plan(planner, "我家老人最近走路不稳，手还抖，是帕金森吗")
    assert "无震颤" not in reply_items(tremor.reply)  # an item naming its absence does not name it
    cold = plan(planner, "手脚冰凉是怎么回事", ["吃了好几年阿司匹林，能不能停"])  # something new, not linked:
    assert cold.kind == "not_found"  # not the earlier drug's indications
    checks = plan(planner, "那要做什么检查", ["我最近老是胃胀，吃一点就饱，还老打嗝"])
    assert checks.kind == "decline" and not reply_items(checks.reply)  # checks are of diseases, not symptoms


def test_a_drug_taken_in_an_earlier_turn(planner):
    taking = ["我房颤，一直在吃华法林"]  # a later 能吃X吗 asks how X goes with it, not only what X treats
    ibuprofen = plan(planner, "这两天牙疼得厉害，能吃一粒芬必得吗", taking)
    assert ibuprofen.source["type"] == "interaction" and not reply_items(ibuprofen.reply)  # the graph does not say
    asked = plan(planner, "那能吃芬必得吗", ["布洛芬有什么副作用"])  # only asked about, not taken
    assert asked.source["type"] == "indication"


def test_dev_set_13_and_14_phrasings(planner):
    # the sentence that asks decides the type, not the story around it
    assert plan(planner, "格华止有哪些副作用？刚开始吃，拉肚子，胃里也不舒服").source["relations"] == ["不良反应"]
    hypo = plan(planner, "我妈去年查出来甲减，一直吃药。她最近老说怕冷，甲减的症状都有哪些啊？")
    assert hypo.source["type"] == "symptom"  # not whether to stop the drug
    assert plan(planner, "999感冒灵喝了会犯困不？下午还要上班").source["relations"] == ["不良反应"]
    # judgements, comparisons and surgery decisions the graph cannot make
    for question in ("子宫肌瘤5公分了必须得手术吗", "B超说胆囊息肉0.6cm，会不会恶变，这个算大吗",
                     "伏诺拉生和奥美拉唑比哪个效果好？", "想去华西看胃，消化内科哪个教授比较好，号好挂吗",
                     "吃了一包感冒灵不管用 我能再加一包吗"):
        result = plan(planner, question)
        assert result.kind in ("decline", "not_found") and not reply_items(result.reply), question
    # names as patients type them
    assert plan(planner, "板蓝根冲剂到底是治啥的").source["entity"] == "板蓝根颗粒"  # 冲剂 is 颗粒
    assert plan(planner, "念珠菌阴道炎用啥药").source["entity"] == "念珠菌性阴道炎"  # 性 left out
    assert plan(planner, "家里有阿昔洛伟乳膏，长疱疹能擦吗").source["entity"] == "阿昔洛韦乳膏"  # the form typed
    assert plan(planner, "大姨妈老是不准 是啥原因引起的").source["entity"] == "月经失调"
    # pronouns and earlier turns
    af = plan(planner, "那房颤要是不管它会出啥问题吗", ["我爸心电图查出来房颤 他自己说就是偶尔心慌"])
    assert af.source["entity"] == "房颤" and af.source["type"] == "complication"  # 它 points at 房颤
    assert plan(planner, "这药吃多了会不会便秘啊", ["孩子拉肚子，医生开了蒙脱石散"]).source["relations"] == ["不良反应"]
    unknown = plan(planner, "这个药副作用大吗", ["医生让我换成司美格鲁肽，一周打一针"])
    assert unknown.kind == "not_found"  # not the diabetes drugs of the earlier turn
    urine = plan(planner, "尿的时候还疼 是咋回事啊", ["我最近老是尿频尿急"])
    assert urine.kind == "reverse" and "尿频" in urine.source["entity"]  # the earlier symptoms count too
    dizzy = plan(planner, "这两天头晕眼花，是怎么回事", ["我有高血压"])
    assert "高血压" not in dizzy.source.get("entity", "")  # a diagnosis is not a described symptom
    tired = plan(planner, "最近总没劲，头晕，脸色发白，上两层楼就心慌气短，可能是什么原因呢")
    assert tired.kind == "reverse"  # 心慌气短 is two described symptoms, not the entity's causes
    joints = plan(planner, "早上起来手指关节僵硬还肿 这是啥病", ["999感冒灵喝了会犯困不？"])
    assert joints.source["entity"] == "晨僵"  # the turn before asked something: its words are not symptoms here


def test_fears_and_foods_are_declined(planner):
    cancer = plan(planner, "咳嗽一个多月了 是不是得肺癌了")  # not 肺癌's symptoms narrowed to 咳嗽
    assert cancer.kind == "decline" and cancer.source["type"] == "personal"
    assert plan(planner, "肺癌有什么症状").kind == "answer"
    greens = plan(planner, "我在吃华法林，那绿叶菜到底能不能吃")  # a food with a drug: not what it treats
    assert greens.kind == "decline" and greens.source["type"] == "diet"


def test_an_unknown_name_asked_about(planner):
    for question in ("诺欣妥治心衰效果好吗", "韦立得有啥副作用"):  # not 心力衰竭's treatment headings
        assert plan(planner, question).kind == "not_found", question
    assert plan(planner, "上海治甲亢哪个医生比较厉害").source["type"] == "hospital"  # 上海 is a word we know
    assert plan(planner, "哪些药是降尿酸治痛风的").kind in ("answer", "reverse")  # 降尿酸 opens no clause


def test_may_i_take_it_with_my_condition(planner):
    """能吃X吗 is what X treats only when nothing about the patient is said; a stated condition
    (胃不太好, 血压偏低, 3岁) makes it a judgement, a diagnosis from an earlier turn its 禁忌."""
    assert plan(planner, "牙疼能吃布洛芬吗").source["type"] == "indication"
    for question in ("胃不太好 牙疼能吃布洛芬吗", "孩子3岁 能吃连花清瘟吗", "我血压偏低 感冒了能吃感康吗"):
        judged = plan(planner, question)
        assert judged.kind == "decline" and judged.source["type"] == "take_drug", question
    ulcer = plan(planner, "那我能吃阿司匹林吗", ["我有胃溃疡 前年还出过血"])
    assert ulcer.source["type"] == "contraindication"  # not that aspirin treats 牙痛
    late = plan(planner, "孕晚期腰疼得厉害 能贴膏药吗")  # a pregnant patient: not the plasters for 腰痛
    assert late.kind == "decline" and late.source["type"] == "take_drug"
    assert plan(planner, "腰疼贴什么膏药").kind == "reverse"
    fetus = plan(planner, "医生让吃地屈孕酮 会不会对孩子有影响", ["刚查出怀孕5周"])
    assert fetus.kind == "decline"  # not its side effects as if they answered


def test_products_herbs_and_names_that_are_not_drugs(planner):
    usage = plan(planner, "牛黄解毒片怎么吃 一天吃几次")  # the bare entity has no 用法用量; a maker's product has
    assert usage.kind == "answer" and usage.source["entity"].endswith("牛黄解毒片")
    assert plan(planner, "三七粉有什么禁忌吗").source["entity"] == "三七"
    thyroid = plan(planner, "我的B超报告：甲状腺右叶结节0.6x0.4cm 严重吗")  # 甲状腺 is an organ, not 甲状腺片
    assert thyroid.kind == "decline" and thyroid.source.get("entity") != "甲状腺片"
    assert plan(planner, "速福达是治什么的 药店说流感吃一次就行").kind == "not_found"  # not 流感's drugs
    for question, kind in (("72岁了做这个手术值得吗", "personal"), ("我妈胰腺癌 还有多长时间", "personal"),
                           ("激素药膏抹了两周 皮疹好了 能直接停吗", "stop_drug")):
        declined = plan(planner, question)
        assert declined.kind == "decline" and declined.source["type"] == kind, question


def test_emergencies_told_as_stories_and_their_near_misses(planner):
    """Red flags a frightened relative types without saying 急, often ending in an everyday
    question (吃什么药, 这正常吗): the emergency line, not that question's facts."""
    for question in ("早上起来右眼突然什么都看不见了 像拉了块黑帘子", "生完孩子第十天 下面出血 一会就湿透两片卫生巾",
                     "孩子发烧40度 脖子硬得低不下头 身上有紫红色小点按了也不褪色", "儿子半夜说蛋蛋疼得厉害 一边肿起来了",
                     "我妈有心衰 今晚咳出来粉红色泡沫一样的痰 是感冒了吗", "孩子喝了一口洁厕灵 要不要催吐",
                     "切西瓜把手腕划了个口子 血一股一股往外冒", "含了三次硝酸甘油都没用 还要再含吗",
                     "孩子把纽扣电池吞下去了 能自己拉出来吗", "刚才突然左边手脚没劲 血压量了210"):
        assert plan(planner, question).kind == "emergency", question
    for question in ("打嗝打了快一个小时了停不下来 有啥办法止住", "血压140/90 要吃药吗", "痔疮出血用什么药"):
        assert plan(planner, question).kind != "emergency", question
    assert plan(planner, "痔疮出血用什么药").source["entity"] == "痔"  # not the drugs for any 出血 (肝素)


def test_what_an_earlier_turn_told(planner):
    told = plan(planner, "那他能吃布洛芬吗", ["我爸血压高好多年了"])  # a turn that only tells: his condition
    assert told.source["type"] == "contraindication"
    asked = plan(planner, "能吃布洛芬吗", ["高血压有什么症状"])  # a turn that asked: no condition of his
    assert asked.source["type"] == "indication"
    hospital = plan(planner, "看甲状腺哪个医院好", ["三七粉有什么禁忌"])  # not a hospital for 三七粉
    assert hospital.kind == "decline" and not hospital.source.get("entity")


def test_dev_set_17_and_18_phrasings(planner):
    """Consultation posts and phone chats: a check that reports a disease is not the subject; a
    personal question about a drug is a decision unless it asks whether a reaction is normal; an
    explicit stop question never gives way to the fear behind it; an organ's lesion the graph lacks
    is no described symptom; an unknown drug asked about with a known one; a feared diagnosis."""
    reported = plan(planner, "胃镜说胆汁反流性胃炎 嘴里天天发苦 这个病到底挂哪个科")
    assert reported.source["entity"] == "胆汁反流性胃炎"
    decision = plan(planner, "三叉神经痛 卡马西平越吃越不管用 医生说可以做微血管减压 要不要做")
    assert decision.kind == "decline" and not reply_items(decision.reply)
    assert plan(planner, "吃甲硝唑片嘴里一股金属味，这个正常吗").source["type"] == "side_effect"
    stop = plan(planner, "丙戊酸钠能不能停了 一直吃怕伤肝", ["孩子两年没抽过了"])
    assert stop.kind == "decline" and stop.source["type"] == "stop_drug"
    for lesion in ("肾囊肿是什么原因引起的", "肺结节是什么原因长出来的"):
        result = plan(planner, lesion)
        assert result.kind == "decline" and not reply_items(result.reply), lesion
    partner = plan(planner, "恩格列净和格列美脲能一起吃吗")
    assert partner.kind == "not_found"
    assert plan(planner, "阿莫西林和布洛芬能一起吃吗").source["type"] == "interaction"
    feared = plan(planner, "B超：肝实质回声增粗 分布欠均匀 是不是肝硬化了啊 吓死我了")
    assert feared.kind == "decline" and feared.source["type"] == "personal"
    assert plan(planner, "我一吃止疼药就喘 头疼能吃阿司匹林吗").kind == "decline"
    assert plan(planner, "医生开了复方α酮酸片 这药哪些人不能吃").source["entity"] == "复方α—酮酸片"
    assert plan(planner, "室早一般都是什么原因引起的啊").source["entity"] == "室性期前收缩"
    assert plan(planner, "长期失眠 平时怎么预防失眠").kind == "answer"  # 睡眠障碍 lacks 预防; 失眠症 holds it


def test_red_flags_and_their_near_misses_from_dev_18(planner):
    assert plan(planner, "我老婆本来就有甲状腺的毛病 现在高烧40度 心跳180多 人都糊涂了").kind == "emergency"
    gout = plan(planner, "大脚趾头根上那个关节半夜突然又红又肿 疼得碰都不能碰 是啥病")
    assert gout.kind != "emergency"  # 碰都不能碰 is an emergency for a belly, not a toe


def test_the_question_points_at_a_relation_and_brands_are_mistyped(planner):
    """拍片 is imaging, not an unknown drug ending in 片; 哪些因素容易诱发 asks for risk factors;
    a brand mistyped by one homophone is found, while everyday words that sound like one are not."""
    imaging = plan(planner, "查痛风一般做什么检查 拍片子能看出来吗")
    assert imaging.source["relations"] == ["影像学检查"]
    lab = plan(planner, "查痛风一般做什么检查")
    assert lab.source["relations"] != ["影像学检查"]
    assert plan(planner, "拍片说是颈性眩晕 应该看骨科还是神经科").source["entity"] == "颈性眩晕"
    assert plan(planner, "哪些因素容易诱发偏头痛").source["relations"] == ["高危因素"]
    assert plan(planner, "偏头痛是什么原因引起的").source["relations"] != ["高危因素"]
    assert plan(planner, "波利维有啥副作用啊").source["entity"] == "波立维"
    stop = plan(planner, "尿酸降到300了 非布司他是不是可以停了")
    assert "克易停" not in stop.reply and stop.source.get("entity") != "克易停"
    assert "易可亚" not in plan(planner, "种一颗牙大概要花多少钱").reply


def test_what_a_pronoun_or_a_partner_points_at(planner):
    """医生说我爸是X is a diagnosis (the pattern's \\S survives normalising); 脑梗这个病 asks about
    脑梗, not an earlier-named 高血压; a check is no 这个病; an interaction question with no second
    drug asks about a food, a meal or alcohol, not the drug's interaction list."""
    told = plan(planner, "医生说我爸是短暂性脑缺血发作，那天突然一只手没劲。这个一般是什么原因引起的？")
    assert told.kind == "answer" and told.source["entity"] == "短暂性脑缺血发作"
    prevention = plan(planner, "我爸血压高十几年，老同事都脑梗了。想问问脑梗这个病平时该怎么预防")
    assert prevention.source["entity"] == "脑梗死"
    follow = plan(planner, "这个病以后怎么预防复发", ["我胃溃疡刚治好，复查胃镜愈合了"])
    assert follow.source["entity"] == "胃溃疡"
    meal = plan(planner, "优甲乐要早上空腹吃吗，能不能跟早饭一起吃，每次几片")
    assert meal.source["type"] != "interaction"
    milk = plan(planner, "布洛芬能和牛奶一起吃吗")
    assert milk.kind == "decline" and milk.source["type"] == "diet"
    alcohol = plan(planner, "甲硝唑能和酒一起吃吗")
    assert alcohol.kind == "answer" and all("酒" in item for item in reply_items(alcohol.reply))
    assert plan(planner, "华法林跟哪些药不能一起吃啊").source["type"] == "interaction"


def test_unknown_inn_names_decisions_and_pregnancy(planner):
    """A drug named by an INN stem the graph lacks (达格列净) is not the disease beside it; 该不该做
    stays a decision even next to 没什么症状; a drug's effect on a pregnancy is a doctor's call."""
    assert plan(planner, "达格列净会不会引起尿路感染").kind == "not_found"
    decision = plan(planner, "子宫肌瘤5公分，没啥症状，医生说可以做手术也可以先观察，我到底该不该做")
    assert decision.kind == "decline" and decision.source["type"] == "personal"
    pregnant = plan(planner, "备孕期间吃布洛芬有影响吗")
    assert pregnant.kind == "decline" and not reply_items(pregnant.reply)
    assert plan(planner, "吃布洛芬有什么副作用").source["type"] == "side_effect"


def test_homophones(planner):
    """Merged sounds (sh/s) find 帕金森 with one character wrong; 医生解释 (sheng jie shi) is no
    肾结石 (shen jie shi) with every character wrong; two-syllable sounds never link (腰上/腰疝)."""
    assert "帕金森病" in candidates(planner, "帕金深一般用什么药啊")
    assert "肾结石" not in candidates(planner, "谢谢医生解释得很清楚")
    assert "腰疝" not in candidates(planner, "腰上长了一圈带状泡疹")
    assert "早产" not in candidates(planner, "高血脂早餐吃什么比较好")


def test_dev_set_19_phrasings(planner):
    """Relatives asking for someone else: many described symptoms end in 这是什么病 (the diseases,
    not the last-named one's facts); 它 with a class of drugs is the earlier drug; 开了药但是 names no
    drug; 这个药 about a drug the graph lacks is not the disease beside it; lab words pick lab tests;
    a county hospital's services are a hospital question; a severity judgement is personal."""
    lupus = plan(planner, "表姐脸上两边颧骨那有红斑 像蝴蝶一样 还老是发烧 关节疼 嘴里长溃疡 这是什么病")
    assert lupus.kind == "reverse" and "红斑狼疮" in lupus.reply
    partner = plan(planner, "它跟其他药一起吃会不会有冲突啊 他还吃降压药", ["我爸吃恩替卡韦好几年了 就是博路定"])
    assert partner.source["type"] == "interaction" and "恩替卡韦" in partner.source["entity"]
    assert plan(planner, "抑郁症一般用什么药治 医生开了药但是她不想吃").kind == "answer"
    unknown = plan(planner, "医生说可以试试甘露特钠 治老年痴呆的 这个药效果怎么样 副作用大吗")
    assert unknown.kind == "not_found"
    labs = plan(planner, "社区医生说可能是类风湿 去市医院要查哪些项目啊 RF CCP这些都要查吗")
    assert labs.source["relations"] == ["实验室检查"]
    hospital = plan(planner, "我们县医院能做白内障手术吗 还是得去市里做")
    assert hospital.kind == "decline" and hospital.source["type"] == "hospital"
    assert plan(planner, "PHQ-9测了18分 这算重度抑郁吗").source["type"] == "personal"
    lupus_guest = plan(planner, "小姑子得了红斑狼疮 过年要来家里住几天 会不会传染给孩子啊")
    assert lupus_guest.source["type"] == "contagious"


@pytest.mark.parametrize("story", [
    "我爸前列腺增生 从昨天晚上到现在一滴尿都尿不出来 小肚子胀得老大",
    "今天一直高烧40度退不下来 精神特别差 刚才手脚一抽一抽的",
    "我妈吃别嘌醇十来天 全身起红疹子 起了好多大水泡 皮一片一片地掉 嘴里也烂了",
])
def test_red_flags_from_dev_19(planner, story):
    assert plan(planner, story).kind == "emergency"


def test_a_rash_that_does_not_blanch_is_urgent_with_fever_only(planner):
    assert plan(planner, "孩子发烧40度 身上有紫红色小点按了也不褪色").kind == "emergency"
    bleeding = plan(planner, "老公刷牙老出血 腿上很多小红点 按了不褪色 身上还青一块紫一块的 这是啥情况")
    assert bleeding.kind != "emergency"


def test_no_name_spans_a_space(planner):
    assert not any("天可" in c for c in candidates(planner, "医生开的阿奇霉素还剩两天 可以不吃了吗"))
    assert "阿奇霉素片" in candidates(planner, "医生开的阿奇霉素还剩两天 可以不吃了吗")


def test_found_asking_the_web_page_as_a_patient(planner):
    """A child's drug question is not about the drug the adult said they take; a hospital for an
    organ is not one for the earlier turn's disease."""
    child = plan(planner, "孩子三岁 发烧38度5 能吃美林吗", ["吃了二甲双胍老拉肚子 正常吗"])
    assert "二甲双胍" not in child.reply and child.source.get("type") != "interaction"
    hospital = plan(planner, "北京哪家医院看心脏最好", ["肺结核会传染吗"])
    assert hospital.kind == "decline" and "肺结核" not in hospital.reply


def test_dev_set_20_voice_input(planner):
    """Dictated questions: a drug the graph lacks asked for its side effects is not the disease it
    treats; a pet is out of scope; X是治A的还是治B的 asks X's indications; a pregnancy told in an
    earlier turn makes 能抹吗 a doctor's call; a bleeding no department treats gets no drug list
    (anticoagulants are among 出血's), while 高血压's drugs still answer; everyday words that are
    also names (流黄鼻涕, 小白泡) link nothing."""
    assert plan(planner, "达必妥 那个治湿疹的针 嗯 有什么副作用").kind == "not_found"
    assert plan(planner, "湿疹 用的那个药膏 有什么副作用", ["我在用丁酸氢化可的松乳膏"]).kind != "not_found"
    assert plan(planner, "我家狗狗身上长了好多红疙瘩 还掉毛 是不是湿疹啊 用什么药").kind == "chat"
    mommy = plan(planner, "妈咪爱 是治拉肚子的还是治便秘的 我都搞糊涂了")
    assert mommy.source["type"] == "indication" and mommy.source["mention"] == "妈咪爱"
    pregnant = plan(planner, "那达克宁能抹吗", ["我怀孕五个月了 最近脚气又犯了"])
    assert pregnant.kind == "decline" and not reply_items(pregnant.reply)
    bleeding = plan(planner, "牙龈发炎了 肿得老高 一碰就出血 用什么药好啊")
    assert bleeding.kind == "decline" and "肝素" not in bleeding.reply
    assert plan(planner, "高血压吃什么药比较好").kind == "answer"
    for text in ("鼻子一直堵 流黄鼻涕 跟脓一样的", "嗓子里面好多小白泡 不肯吃东西"):
        assert not candidates(planner, text), text


@pytest.mark.parametrize("story, urgent", [
    ("孩子手足口 今天下午开始 嗯 老是一惊一惊的 手脚发抖 还吐了好几回 一直想睡 喘气也快", True),
    ("孩子咳嗽一个多月了 嗯 吃了好多药就是不好 小孩老是咳嗽都有哪些原因啊", False),
    ("坐了飞机 下来以后耳朵里一直闷闷的 听人说话听不清 还嗡嗡响 这是啥问题", False),
    ("我爸说话突然含糊不清 一边手没劲", True),
    ("孩子一下子吃了好多片我的降压药", True),
])
def test_red_flags_from_dev_20(planner, story, urgent):
    assert (plan(planner, story).kind == "emergency") == urgent


@pytest.mark.parametrize("question, qtype", [
    ("青春痘 就是那个座疮 为什么总是长啊", "cause"),
    ("孩子老是得中耳炎 是不是跟躺着喝奶有关系啊", "cause"),
    ("鼻窦炎严重了会怎么样 会不会跑到脑子里去啊", "complication"),
    ("我爸帕金森好几年了 以后会怎么样", "prognosis"),
])
def test_spoken_question_phrases(planner, question, qtype):
    assert plan(planner, question).source["type"] == qtype


def test_search_box_phrasings(planner):
    """Fixed from dev21 (search-box fragments, oncology, women's and men's health, TCM)."""
    for red_flag in ("孕38周 突然阴道出血很多 肚子一阵阵发硬", "剖腹产第三天 突然胸闷 喘不上气",
                     "我爸化疗第二周期 刚才突然烧到39度多 一直打寒战", "吃了药以后头晕眼前发黑 血压量出来80/40"):
        assert plan(planner, red_flag).kind == "emergency"
    for calm in ("怀孕了牙龈出血怎么办", "血压90/60正常吗", "血压85/55是低血压吗"):
        assert plan(planner, calm).kind != "emergency"
    assert plan(planner, "这药谁不能吃", ["邻居推荐金匮肾气丸"]).source["relations"] == ["禁忌"]
    assert plan(planner, "伟哥 副作用").source["relations"] == ["不良反应"]  # a nickname
    assert plan(planner, "肺癌早期症状有哪些 老咳嗽算不算").source["type"] == "symptom"  # not a personal decline
    several = plan(planner, "高血压吃硝苯地平 前列腺增生在吃哈乐 这几个药能一起吃吗")
    assert several.kind == "decline" and several.source["type"] == "interaction"  # not what 哈乐 treats
    liver = plan(planner, "这个会发展成肝硬化吗", ["体检B超说中度脂肪肝"])
    assert liver.source["entity"] == "脂肪肝" and reply_items(liver.reply) == ["肝硬化"]
    assert plan(planner, "黄连 吃多了 伤胃吗").source["relations"] == ["禁忌"]  # not that it is 无毒
    assert plan(planner, "医生开的来曲唑 这不是治乳腺癌的药吗").source["entity"] == "来曲唑片"
    itch = plan(planner, "白带变多了，下面还痒，是什么问题")
    assert itch.kind == "reverse" and "咽炎" not in reply_items(itch.reply)  # not any itch
    assert plan(planner, "孩子拉肚子，精神还可以，也肯喝奶。小孩腹泻可以吃点什么药").source["type"] == "drug"
    assert plan(planner, "甘油三酯高 怎么降下来").source["type"] == "treatment"
    pair = plan(planner, "甘油三酯也高 医生说再加个非诺贝特 它俩能一起吃吗", ["血脂高 在吃瑞舒伐他汀"])
    assert pair.source["entity"] == "瑞舒伐他汀钙片" and reply_items(pair.reply) == ["非诺贝特"]  # the earlier drug's list
    assert plan(planner, "藿香正气水 小孩能喝吗").source["type"] == "take_drug"  # no child's product of it
    assert plan(planner, "孩子发烧38度5 能吃美林吗").source["type"] == "indication"  # a child's product
    liver = plan(planner, "立普妥伤不伤肝")
    assert liver.kind == "answer" and all("肝" in item for item in reply_items(liver.reply))  # its liver effects
    both = plan(planner, "二甲双胍有哪些副作用？听说伤肾是真的吗")
    assert both.kind == "answer" and reply_items(both.reply)  # none about kidneys: all of them, as asked
    assert plan(planner, "枸杞 泡水 有什么功效", ["脂肪肝 能喝酒吗"]).kind == "not_found"  # not 脂肪肝's 功效
    assert plan(planner, "平时吃东西要注意啥", ["我被诊断焦虑症"]).source["entity"] == "焦虑症"
    sexual = plan(planner, "它会不会影响那方面啊 我爸才58", ["医生让我爸长期吃保列治"])
    assert sexual.kind == "answer" and "阳痿" in reply_items(sexual.reply) and "4.4%" not in sexual.reply
    assert "为期4年" not in planner.kg.items("保列治", "不良反应")  # trial details are no facts


def test_consultation_site_posts(planner):
    """Fixed from dev22 (posts in a consultation site's form: a story, then the question)."""
    story = "病情描述：男，63岁，乙肝肝硬化失代偿期，有腹水，现在吃恩替卡韦和普萘洛尔。"
    lifespan = plan(planner, story + "希望获得的帮助：这种情况一般还能活多久？")
    assert lifespan.kind == "decline" and planner.kg.kind(lifespan.source["entity"]) == "disease"  # not a drug's facts
    lacunar = plan(planner, "病情描述：男，63岁，头颅核磁说多发腔隙性脑梗死，在吃代文。希望获得的帮助：腔梗一般会有哪些症状？")
    assert lacunar.source["entity"] == "腔隙性脑梗死"
    kidney = plan(planner, "病情描述：医生说是慢性肾炎，上学的时候经常扁桃体发炎。希望获得的帮助：慢性肾炎是怎么得的？跟扁桃体发炎有没有关系？")
    assert kidney.source["entity"] == "慢性肾小球肾炎"  # 有没有关系 asks about what comes before it
    assert plan(planner, "医生加了捷诺维。希望获得的帮助：捷诺维是干嘛用的？跟二甲双胍有什么不一样？").source["entity"] == "捷诺维"
    assert plan(planner, "为什么老长肾结石？").source["type"] == "cause"
    assert plan(planner, "刚才上厕所一用力 头突然像炸开一样疼 这辈子没这么疼过").kind == "emergency"  # 疼 in a pattern
    assert plan(planner, "病情描述：体检甲功TSH 0.02。希望获得的帮助：这是甲亢吗？").source["type"] == "personal"
    assert plan(planner, "今天测空腹血糖6.5 我这算糖尿病吗").source["type"] == "personal"
    assert plan(planner, "这是低血压吗 一般是什么原因引起的").source["type"] == "cause"  # the answerable part
    assert plan(planner, "反流性食管炎 医生新开了个沃诺拉赞 说比奥美拉唑效果强 这个药有副作用吗").kind == "not_found"
    assert plan(planner, "紧张型头痛是什么原因引起的").source["entity"] == "紧张性头痛"  # 型 for 性
    tension = plan(planner, "这种头痛是什么原因引起的?", ["医生说是紧张型头痛。"])
    assert tension.source["entity"] == "紧张性头痛" and tension.source["type"] == "cause"  # 这种X: the earlier name


def test_consultation_site_questions(planner):
    """Fixed from dev23 (a consultation site's question list: internal medicine, most unanswerable)."""
    for red_flag in ("心跳突然特别快，自己数了一分钟两百多下，胸口闷", "我爷爷把一整板降压药当成钙片吃了，现在头晕",
                     "这回两天没去透，现在喘不上气，躺不下"):
        assert plan(planner, red_flag).kind == "emergency"
    assert "基本病因" not in planner.kg.items("心力衰竭", "病因")  # a heading, no cause
    heart = plan(planner, "心衰一般都是什么原因引起的啊", ["住院查了说是慢性心衰"])
    assert heart.source["entity"] == "慢性心力衰竭"  # the earlier turn's 慢性
    insulin = plan(planner, "血糖高能打胰岛素吗？对孩子有没有影响", ["怀孕28周，糖耐量没过"])
    assert insulin.kind == "decline"  # pregnant in an earlier turn: the doctor's call
    assert plan(planner, "听病友说森福罗副作用小，能不能换成森福罗", ["我爸帕金森吃美多芭好几年了"]).source["type"] == "stop_drug"
    assert plan(planner, "韦立得有什么副作用？医生说比韦瑞德对肾好一点").kind == "not_found"  # not 韦瑞德's
    assert plan(planner, "怀孕查出乙肝大三阳，孩子生下来会不会被传上？").source["type"] == "personal"
    cause = plan(planner, "扩张型心肌病是什么原因得的？我哥才四十出头，心脏彩超说心脏扩大，射血分数35%")
    assert cause.source["entity"] == "扩张型心肌病" and cause.source["type"] == "cause"  # the sentence that asks
    assert plan(planner, "医生说是脑供血不足，脑供血不足吃什么药好？").source["entity"] == "椎基底动脉供血不足"


def test_chat_consultations(planner):
    """Fixed from dev24 (chat consultations, half of them two or three messages)."""
    stroke = plan(planner, "右手拿不住东西 说话大舌头 现在咋办", ["我老公吃着饭筷子突然掉了"])
    assert stroke.kind == "emergency"  # told over two messages
    assert plan(planner, "现在一站起来眼前就发黑", ["拉了好几回黑便 跟柏油似的"]).kind == "emergency"
    assert plan(planner, "那以后要注意什么", ["我老公吃着饭筷子突然掉了"]).kind != "emergency"  # asks something else
    assert plan(planner, "能吃阿莫西林吗", ["肾功能不太好"]).source["type"] == "take_drug"  # a condition told before
    food = plan(planner, "菠菜这些绿叶菜能吃吗", ["在吃华法林"])
    assert food.source["type"] == "diet" and food.source["entity"] == "华法林钠片"  # a food with the drug
    assert plan(planner, "安达唐是啥药 有什么副作用").kind == "not_found"  # not 安达, a shorter name inside it
    assert plan(planner, "络活喜是什么药").source["entity"] == "络活喜"
    assert plan(planner, "医生怀疑是溃结 要做哪些检查才能确诊").source["entity"] == "溃疡性结肠炎"
    swelling = plan(planner, "老公血压高 吃的硝苯地平 最近脚踝肿 是药的副作用吗")
    assert swelling.kind == "answer" and all("水肿" in item for item in reply_items(swelling.reply))
    assert plan(planner, "感冒了嗓子疼 能吃头孢吗").source["type"] == "take_drug"  # a class of drugs, not diet
    story = "病情描述：男，60岁，糖尿病十年，在吃二甲双胍和拜糖平，最近脚麻。希望获得的帮助：脚麻是怎么回事？"
    assert plan(planner, "要做什么检查", [story]).source["entity"] == "糖尿病"  # not 拜唐苹's precautions
    assert plan(planner, "会有什么反应", ["我有糖尿病 在吃二甲双胍"]).source["type"] == "side_effect"
    assert plan(planner, "你们是真医生吗", ["布洛芬 和 阿司匹林 能一起吃吗"]).kind == "chat"
    post = "病情描述：男，63岁，在吃代文。希望获得的帮助：腔梗一般会有哪些症状？"
    assert planner.asked_part(post) == "腔梗一般会有哪些症状？"  # what the model reads: no story
    assert planner.asked_part("腔梗有哪些症状") == "腔梗有哪些症状"


def test_office_workers_questions(planner):
    """Fixed from dev25 (office workers asking about their own health, internet style)."""
    assert plan(planner, "哮喘犯了 万托林喷了好几下都不管用 说话都说不完整了").kind == "emergency"
    drunk = plan(planner, "呼吸好像很慢 还吐了一身 怎么办", ["室友聚餐喝多了回来一直睡 怎么叫都叫不醒"])
    assert drunk.kind == "emergency"  # still going on after the 120 line
    assert plan(planner, "谢谢", ["室友聚餐喝多了回来一直睡 怎么叫都叫不醒"]).kind == "chat"
    assert plan(planner, "布洛芬缓释胶囊一天最多能吃几颗").source["relations"] == ["用法用量"]
    assert "乏力1" not in planner.kg.items("络活喜", "不良反应")  # a footnote mark beside 乏力
    assert any(item.endswith("病毒6") for item in planner.kg.items("幼儿急疹", "常见病因"))  # a real digit stays
    swollen = plan(planner, "我爸高血压 一直吃络活喜 最近脚脖子肿 是药的问题吗")
    assert swollen.source["type"] == "side_effect" and all("水肿" in i for i in reply_items(swollen.reply))
