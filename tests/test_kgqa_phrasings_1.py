"""Phrasings found by dev sets 6-14 and by asking as a patient: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa_helpers import plan

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
    assert plan(planner, "孩子发烧是什么原因").source["entity"] == "小儿发热"  # its causes, not 肝炎 or 败血症 (dev106)
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
    assert reply_items(tremor.reply)[0].startswith("帕金森")
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
    fever = reply_items(plan(planner, "发烧挂什么科").reply)  # the departments typical of fever, not 皮肤科
    assert fever and set(fever) <= {"呼吸内科", "呼吸科", "感染科", "传染科"}
    assert reply_items(plan(planner, "咳嗽挂什么科").reply)[0] in ("呼吸科", "呼吸内科")  # one department, two names
    for follow_up in ("可以停药吗", "要吃多久的药", "会不会变成癌", "平时怎么预防发病", "要终身服药吗"):
        assert plan(planner, follow_up, ["高血压有什么症状"]).kind != "not_found", follow_up
    for timing in ("头孢吃完多久可以喝酒", "喝酒前一天吃了头孢可以吗", "阿莫西林和布洛芬之间存在药物相互作用吗"):
        assert plan(planner, timing).kind != "emergency", timing


def test_dev_set_9_phrasings(planner):
    assert plan(planner, "氯吡格雷和哪些药有相互作用").source["entity"] == "硫酸氢氯吡格雷片"  # 硫酸氢 is a prefix
    assert plan(planner, "反流性食道炎是怎么引起的").source["entity"] == "反流性食管炎"  # 食道 is 食管
    assert plan(planner, "尿酸偏高是什么引起的").source["entity"] == "高尿酸血症"
    assert plan(planner, "耳鸣原因").source["relations"] == ["常见病因"]  # the entity's own causes (dev9, dev16)
    assert plan(planner, "老是腹胀是什么原因").kind == "reverse"  # a symptom no entity of its name explains
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
    assert cold.kind in ("not_found", "reverse") and "阿司匹林" not in cold.reply  # not the earlier drug's indications
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
        judged = plan(planner, question)  # (a child's: what the graph says of children, else a decline)
        assert judged.kind == "decline" and judged.source["type"] in ("take_drug", "contraindication"), question
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
