"""Phrasings found by dev sets 26 and later: each test names where it came from."""
import pytest
from kgqa.answer import reply_items
from kgqa_helpers import candidates, plan


def test_voice_typed_questions(planner):
    """Fixed from dev26 (voice input by older patients: folk words, no punctuation)."""
    colic = plan(planner, "腰这块一阵一阵地绞着疼 往下面窜 尿有点发红 这是什么病")
    assert colic.kind == "reverse" and "肾结石" in reply_items(colic.reply)  # 绞着疼, 尿发红: not any 发红
    assert plan(planner, "嘴里老是发苦 早上起来更苦 吃什么药").source["entity"] == "口苦"
    reflux = plan(planner, "就是那个心口窝烧得慌 老往上返酸水 还打嗝 这是啥毛病")
    assert "胃食管反流病" in reply_items(reflux.reply)
    assert plan(planner, "你这个是人工智能吧 靠得住不 嗯").kind == "chat"  # not 智能's diseases
    night = plan(planner, "老人家夜尿多 一晚上起来四五回 有啥药吃")  # drugs' indications say 夜尿增多
    assert night.kind == "reverse" and reply_items(night.reply)
    dry = plan(planner, "用了以后嘴巴特别干 这是副作用吗", ["慢阻肺 医生开了思力华 每天吸一次"])
    assert dry.source["entity"] == "思力华" and reply_items(dry.reply) == ["口干"]  # the earlier drug's


def test_title_and_description_questions(planner):
    """Fixed from dev27 (a consultation site's titles: blood, rheumatology, kidney, infections)."""
    assert plan(planner, "吃别嘌醇十几天了 全身起红疹子 嘴里也烂了 现在皮肤开始起大泡 一碰就掉皮").kind == "emergency"
    assert plan(planner, "刚才突然头疼得要裂开一样 吐了两次", ["我老婆ITP 血小板只有5"]).kind == "emergency"
    assert plan(planner, "ITP一般要做哪些检查").source["entity"] == "特发性血小板减少性紫癜"
    assert "系统性红斑狼疮" in candidates(planner, "SLE一般都是什么人得")  # the lexicon's short Latin names,
    assert "系统性红斑狼疮" not in candidates(planner, "最近sleep不好")  # but not inside a longer Latin word
    assert plan(planner, "甲流会有什么并发症").source["entity"] == "流行性感冒"
    assert plan(planner, "血小板低挂什么科").source["entity"] == "血小板减少症"
    assert plan(planner, "肺结节挂什么科").source["entity"] == "孤立性肺结节"
    assert plan(planner, "缺铁性贫血吃什么铁剂").source["type"] == "drug"  # not a diet question
    white = plan(planner, "白细胞低吃什么药能升上来", ["化疗以后白细胞2.8 医生说偏低"])
    assert white.kind == "reverse" and reply_items(white.reply)
    assert reply_items(plan(planner, "利可君片是干嘛用的 我妈化疗完白细胞低").reply) == ["白血球减少症"]
    cramps = plan(planner, "我妈60多了 晚上老腿抽筋 说是缺钙 吃什么药")  # muscle cramps: not 支气管痉挛's inhalers
    assert cramps.kind == "reverse" and not any("气雾剂" in d for d in reply_items(cramps.reply))
    cough = plan(planner, "孩子6岁 发烧四五天了 干咳特别厉害 夜里咳得睡不着觉 可能是什么")
    assert cough.kind == "reverse"  # described symptoms, not 睡眠障碍's causes
    assert plan(planner, "强直一般吃什么药", ["男 26岁 刚确诊强直"]).source["entity"] == "强直性脊柱炎"
    assert plan(planner, "肌肉强直是什么病").kind == "reverse"  # the symptom, not 强直性脊柱炎
    assert plan(planner, "脖子强直 发烧 头痛").kind == "emergency"
    child = plan(planner, "支原体肺炎有什么症状 孩子咳了一个礼拜")  # 支原体肺炎 lists none: the child's form
    assert child.source["entity"] == "小儿支原体肺炎"
    for question in ("桥本还能吃海带紫菜吗 要不要换无碘盐", "甲亢能吃海带紫菜吗"):
        food = plan(planner, question)  # the disease's diet, not the herb 海带 is filed as
        assert food.source["type"] == "diet" and planner.kg.kind(food.source["entity"]) == "disease"
    dry = plan(planner, "嘴巴干得要一直喝水 眼睛也干涩 像进了沙子 这是啥毛病")
    assert reply_items(dry.reply)[0] == "干燥综合征"


def test_report_holders_questions(planner, full_kg):
    """Fixed from dev28 (patients holding a test report) and dev29 (children of elderly parents)."""
    assert plan(planner, "血脂化验 LDL-C 4.9 报告说高胆固醇血症 降胆固醇的药有哪些").source["type"] == "drug"
    assert plan(planner, "B超报告上写着 胆囊息肉样病变 0.4cm 这个要挂哪个科复查").source["type"] == "department"
    route = plan(planner, "两对半结果 医生说是小三阳。我这个会通过什么途径传给家里人")  # the report is no judgement
    assert route.source["type"] == "transmission"
    assert plan(planner, "乙肝小三阳能要孩子吗 会传给宝宝吗").kind == "decline"  # a judgement still
    dry = plan(planner, "最近老是口干、眼睛也干，吃饼干都得喝水才咽得下去，这是什么病")
    for disease in reply_items(dry.reply):  # each lists both: none listing only one of them
        words = "；".join(w for rel in ("常见症状", "临床症状及体征") for w in full_kg.items(disease, rel))
        assert "口干" in words and "眼干" in words
    floaters = plan(planner, "右眼突然出现闪光，眼前好多黑点飘来飘去，像蚊子一样，是什么病")
    assert "视网膜脱离" in reply_items(floaters.reply)  # 眼前多个漂浮物 is its word for 黑点飘


def test_elderly_parents_drug_questions(planner):
    """Fixed from dev28 and dev29: red flags in reports and messages, and drug questions asked
    the way families ask them."""
    assert plan(planner, "老爸在做透析 刚才医院打电话说今天抽血血钾6.9 让立刻回医院 能不能明天再去").kind == "emergency"
    assert plan(planner, "现在一直吐 呼吸又深又快 有股烂苹果味", ["孩子他爸1型糖尿病 没打胰岛素"]).kind == "emergency"
    assert plan(planner, "医生让我马上去复查吗").kind != "emergency"
    assert plan(planner, "血钾3.6正常吗").kind != "emergency"
    assert plan(planner, "螺内酯有什么情况是不能吃的").source["type"] == "contraindication"
    assert plan(planner, "吃着阿托伐他汀能不能吃西柚").source["type"] == "diet"  # a food, not what it treats
    missed = plan(planner, "我爸降压药今天早上忘吃了 现在下午四点 还要补吃吗")
    assert missed.kind == "decline" and missed.source["type"] == "take_drug"
    switched = plan(planner, "换了以后一直干咳 是不是这个药的副作用", ["我妈原来吃硝苯地平 上个月换成雅施达了"])
    assert switched.source["entity"] == "雅施达"  # 这个药: the latest drug
    assert plan(planner, "这个诺欣妥有啥副作用", ["医生把缬沙坦换成诺欣妥了"]).kind == "not_found"  # not 缬沙坦's
    assert plan(planner, "复方丹参滴丸我爸天天当保健品吃 这个药到底是治啥的").source["type"] == "indication"
    assert plan(planner, "脑心通胶囊说明书上写的一次吃几粒 我妈中风以后一直吃").source["type"] == "usage"
    assert reply_items(plan(planner, "银杏叶片对耳鸣有没有用").reply) == ["耳鸣"]
    assert plan(planner, "优甲乐跟别的药会不会相互影响").source["type"] == "interaction"
    tia = plan(planner, "这个病一般是什么原因引起的", ["我爸一只手突然没劲 几分钟又好了 医生说是短暂性脑缺血发作"])
    assert tia.source["type"] == "cause" and tia.source["entity"] == "短暂性脑缺血发作"  # not a reverse lookup
    heart = plan(planner, "我爸70 最近一活动就喘 晚上躺平就憋气 得垫高枕头 脚脖子按下去一个坑 这是什么病")
    assert reply_items(heart.reply)[0] == "充血性心力衰竭"
    assert "急症处理" not in reply_items(plan(planner, "老人低血糖了应该怎么处理").reply)  # a heading, no fact
    assert plan(planner, "我妈白内障 医生说可以手术 她有糖尿病 能做吗").kind == "decline"
    caused = plan(planner, "她一直吃络活喜 会不会是这个药引起的", ["我妈七十了 最近老说头晕"])  # asked in the
    assert caused.source["type"] == "side_effect"  # terminal: not a stop-the-drug decline
    tinnitus = plan(planner, "耳朵里嗡嗡响好几天了 耳鸣一般是什么引起的")  # the entity's own causes
    assert tinnitus.source["type"] == "cause" and tinnitus.source["entity"] == "耳鸣"
    smecta = plan(planner, "给娃吃了两天思密达，拉肚子是好了，会不会引起便秘啊")  # what the drug may cause
    assert smecta.source["entity"] == "思密达" and smecta.source["type"] == "side_effect"  # not 腹泻's symptoms
    alcohol = plan(planner, "头孢和酒一起会怎样")  # the probe: as 吃了头孢能喝酒吗, an honest decline
    assert alcohol.kind == "decline" and alcohol.source["type"] == "diet"
    assert plan(planner, "你好医生 在不在").source["type"] == "greeting"  # not 好医生 (a hospital question)
    capsule = plan(planner, "奥美拉挫长期吃有什么副作用 那个肠溶胶囊")  # a form alone names no product
    assert "霍乱" not in capsule.reply
    assert "年龄" not in planner.kg.items("波立维", "不良反应")  # a table's column name, no side effect
    belly = plan(planner, "肚子右下边疼 是啥问题")  # asked in the web page: not 发热 alone (with a fever:
    assert "急性阑尾炎" in reply_items(belly.reply)  # the emergency 右下腹疼还发烧 is, tests/test_kgqa_phrasings_13.py)
    food = plan(planner, "尿酸480 豆腐豆浆还能吃吗")  # a food the graph files as a herb: a diet question
    assert food.kind == "decline" and not reply_items(food.reply)


def test_reports_beside_described_symptoms(planner):
    """Fixed from dev28: lab values and checks told beside symptoms, and a report's 诊断X."""
    jaundice = plan(planner, "最近眼睛发黄 皮肤也黄 小便黄得像浓茶 化验总胆红素68 可能是哪些病")
    assert jaundice.kind == "reverse"  # 总胆红素 is no drug the graph lacks
    anaemia = plan(planner, "血常规血红蛋白才85 平时老头晕 乏力 脸色发白 爬两层楼就心慌气短 可能是什么病")
    assert anaemia.kind == "reverse"  # not 心慌气短's causes, nor the checks'
    foam = plan(planner, "最近小便泡沫很多 早上起来眼皮肿 化验尿蛋白2+ 可能是什么病")
    assert foam.kind == "reverse" and "蛋白尿" in foam.source["entity"]
    hashimoto = plan(planner, "查了甲状腺抗体 诊断桥本甲状腺炎 这个病会不会传染给家里人")
    assert hashimoto.source["type"] == "contagious"
    assert plan(planner, "这种情况可能是什么病", ["吃一点就饱 上腹胀 老打嗝"]).kind == "reverse"
    dimer = plan(planner, "D-二聚体 1.8mg/L 偏高 D二聚体高一般见于哪些疾病")  # a check's 相关疾病
    assert dimer.source["entity"] == "血浆D—二聚体测定" and reply_items(dimer.reply)
    assert plan(planner, "肝囊肿平时会有什么症状吗").source["entity"] == "单纯性肝囊肿"
    folate = plan(planner, "同型半胱氨酸19 医生让吃叶酸片 它到底治什么")  # not 胱氨酸片 inside the lab's name
    assert folate.source["entity"] == "叶酸片"


def test_reverse_lookups_fit_the_patient(planner):
    """Found asking in the terminal: a 70-year-old's dizziness listed 痛经. Who the patient is, told
    anywhere in the conversation, rules diseases out (no 小儿 disease for 我爸, no womb for a man)."""
    old = plan(planner, "最近老说头晕 走路发飘 是咋回事", ["我妈七十了"])
    assert old.kind == "reverse" and "痛经" not in reply_items(old.reply)
    jaundice = plan(planner, "我爸这阵子老说没劲 眼睛都黄了 尿也黄得跟浓茶一样 这是什么病")
    assert not any(d.startswith("小儿") for d in reply_items(jaundice.reply))
    urine = plan(planner, "这是什么病啊", ["我爸晚上起夜四五次 尿线很细没劲 老是尿不干净 要等半天才尿得出来"])
    assert not any(w in d for d in reply_items(urine.reply) for w in ("卵巢", "小儿"))


def test_drugs_taken_together(planner):
    """Fixed from dev28/dev29 (parents on several drugs): an interaction asked about drugs named
    earlier is about those drugs with each other, not all that one of them interacts with."""
    pair = plan(planner, "这俩药一起吃会不会有相互作用", ["我在吃可定(瑞舒伐他汀) 10mg 医生又加了非诺贝特"])
    assert reply_items(pair.reply) == ["非诺贝特"]  # 瑞舒伐他汀钙片's interaction naming the other
    both = plan(planner, "能一起吃吗", ["吃着二甲双胍和格列美脲"])
    assert both.kind == "decline" and "二甲双胍" in both.reply and not reply_items(both.reply)
    told = plan(planner, "能和阿司匹林一起吃吗", ["我爸吃华法林"])  # told, not asked: still the drug taken
    assert "华法林" in told.reply and not reply_items(told.reply)
    alcohol = plan(planner, "甲硝唑和酒一起吃会怎样")  # its precaution about alcohol, not every side effect
    assert any("酒" in item for item in reply_items(alcohol.reply))
    others = plan(planner, "倍他乐克跟别的药一起吃会不会互相影响")  # 别的: the whole list answers
    assert len(reply_items(others.reply)) > 1


def test_pharmacy_and_phone_questions(planner):
    """Fixed from dev30-dev32 (consultation titles, a pharmacy counter, WeChat-style messages)."""
    for story in (["我家两岁孩子把一板布洛芬全吃了", "现在怎么办"], ["被马蜂蛰了 现在全身起疙瘩 头晕 喘气越来越困难"],
                  ["我爸胸口疼了半个多小时 含了速效救心丸也不管用 满头大汗"],
                  ["刚才突然头痛得像要炸开一样，吐了两次，脖子发硬，怎么办"],
                  ["哮喘犯了 喷了药还是喘不过气 话都说不出来"], ["做饭时84消毒液溅进眼睛了 睁不开 火辣辣的"]):
        assert plan(planner, story[-1], story[:-1]).kind == "emergency", story
    feet = plan(planner, "脚趾缝里特别痒 起小水泡 还掉皮 这是什么")  # athlete's foot, no false alarm
    assert feet.kind == "reverse" and reply_items(feet.reply)[0] == "足癣"
    discharge = plan(planner, "下面好痒 白带变多了 像豆腐渣 是什么")  # 豆腐 inside a described symptom: no diet question
    assert discharge.kind == "reverse"
    assert plan(planner, "大概是啥病啊", ["孩子发烧 嗓子疼 还咳嗽"]).kind == "reverse"  # the symptoms told before
    burn = plan(planner, "烧水的时候手背被蒸汽烫了一下，起了个小水泡，抹点什么药好")
    assert burn.source["entity"] == "烫伤" and reply_items(burn.reply)


def test_what_the_graph_cannot_judge(planner):
    """Fixed from dev30-dev32: foods, whether to take a drug at all, how long someone has left,
    and over-treatment are declined, never answered with another relation's items."""
    cases = [("能吃西瓜吗，她特别爱吃", ["我妈二型糖尿病，在吃二甲双胍"]),  # not what 二甲双胍 treats
             ("还能不能吃豆制品，豆浆能喝吗", ["肾功能不全 肌肝180"]),  # not 豆腐浆's effects as a herb
             ("还能撑多久", ["我爸肝癌晚期了 现在吃中药调理"]), ("有必要吃抗病毒的药吗", ["感冒第三天了"]),
             ("要不要给他吃退烧药", ["孩子37.8度"]), ("是不是过度治疗了？", ["看个胃病医生一下子开了5种药"])]
    for question, earlier in cases:
        reply = plan(planner, question, earlier)
        assert reply.kind in ("decline", "not_found") and not reply_items(reply.reply), question
    together = plan(planner, "胃不舒服想买盒达喜 这俩能一块儿吃吗", ["我贫血 这阵子一直在吃铁剂"])
    assert together.source["type"] == "interaction" and "铁制剂" in reply_items(together.reply)


def test_drugs_as_asked_about_at_the_counter(planner):
    """Fixed from dev30-dev32: a drug the graph lacks asked 有哪些不良反应 / 是什么药 is not the known
    drug beside it; 吃了会犯困吗 after a prescription asks about that drug; 擦 picks the solution."""
    unknown = plan(planner, "韦立得有哪些不良反应", ["乙肝吃了五年恩替卡韦，医生说换成韦立得"])
    assert not reply_items(unknown.reply) and "恩替卡韦" not in unknown.reply
    assert not reply_items(plan(planner, "伏诺拉生是什么药，和奥美拉唑一样吗").reply)
    sleepy = plan(planner, "吃了会犯困吗 明天要开车", ["荨麻疹医生开了仙特明"])
    assert sleepy.source["type"] == "side_effect" and reply_items(sleepy.reply) == ["嗜睡"]
    topical = plan(planner, "米诺地尔擦头会不会有副作用啊 网上说刚开始掉得更凶")
    assert topical.source["entity"] == "米诺地尔搽剂"
    assert plan(planner, "米诺地尔片有什么副作用").source["entity"] == "米诺地尔片"


def test_why_a_symptom_and_what_relates(planner):
    """Fixed from dev29/dev32: 什么原因 about one symptom that the graph also holds as an entity
    with causes gets those causes (脱发, 长痘 = 痤疮), not the diseases listing it; 和哪些病有关系
    asks for a disease's 相关疾病, not its causes."""
    hair = plan(planner, "脱发到底什么原因啊 是不是遗传 我爸就是地中海")
    assert hair.source["entity"] == "脱发" and hair.source["type"] == "cause"
    acne = plan(planner, "为啥我都25了还在长痘 到底啥原因引起的")
    assert acne.source["entity"] == "痤疮" and acne.source["relations"] == ["常见病因"]
    related = plan(planner, "高血压和哪些病有关系")
    assert related.source["relations"] == ["相关疾病"] and reply_items(related.reply)


def test_a_drug_asked_about_beside_a_class_taken(planner):
    """Fixed from dev32: 在吃降压药/头孢，能吃X吗 asks how X goes with that class of drugs, never
    answered with what X treats (which reads as a yes)."""
    cephalosporin = plan(planner, "感冒了正在吃头孢 还能喝连花清瘟吗")
    assert cephalosporin.kind == "decline" and not reply_items(cephalosporin.reply)
    for question, earlier in (("在吃降压药 能吃布洛芬吗", []), ("那个降压药吃着 跟布洛芬一起吃有没有影响", ["我妈血压高"])):
        reply = plan(planner, question, earlier)  # items naming blood-pressure drugs or their classes only
        assert reply.source["type"] == "interaction" and reply_items(reply.reply) == ["利尿剂"], question
    assert plan(planner, "布洛芬能吃吗").source["type"] == "indication"  # nothing taken: what it is for
    assert "个人用药" in plan(planner, "我一吃止疼药就喘 头疼能吃阿司匹林吗").reply  # a reaction, not a drug taken
    plavix = plan(planner, "波立维跟哪些药一起吃要当心 我爸还在吃降压药跟降脂药")
    assert set(reply_items(plavix.reply)) <= {"acei", "β阻滞剂", "钙拮抗剂"}


def test_misspelt_question_words(planner):
    """Fixed from dev30: 症壮 and 副做用 are how phones spell 症状 and 副作用."""
    symptoms = plan(planner, "幽门螺杆菌感染了会有哪些症壮？")
    assert symptoms.source["type"] == "symptom" and reply_items(symptoms.reply)
    assert plan(planner, "赛治都有哪些副做用").source["type"] == "side_effect"


def test_driving_ingredients_and_classes(planner):
    """Fixed from dev30/dev31: 能开车吗 looks in the precautions for driving; 成分 asked with
    是保健品还是药 is still answered; the 药 of 感冒药 asks for no drugs."""
    driving = plan(planner, "西替利嗪吃了还能开车吗 我是跑网约车的")
    assert any("司机" in item for item in reply_items(driving.reply))
    assert plan(planner, "易善复的成分是什么？是保健品还是药").source["type"] == "ingredient"
    cold = plan(planner, "吃了感冒药要注意什么")
    assert cold.kind == "decline" and not reply_items(cold.reply)
    assert plan(planner, "哪些感冒药好").source["type"] == "drug"


def test_interactions_name_a_class(planner):
    """Fixed from dev31: a drug's interactions often name a class (大环内酯类, 糖皮质激素); a drug
    named as the partner matches its class, after its own name; a disease named beside it is no partner."""
    macrolide = plan(planner, "家里还有阿莫西林 俩能一起吃吗", ["医生给开了阿奇霉素"])
    assert reply_items(macrolide.reply) == ["大环内酯类"]
    steroid = plan(planner, "她腰疼想吃芬必得 跟激素能一起吃吗", ["我妈在吃强的松"])  # not 腰痛 as the partner
    assert reply_items(steroid.reply) == ["糖皮质激素"]
    statins = plan(planner, "它俩能一起吃吗", ["血脂高 在吃瑞舒伐他汀", "医生说再加个非诺贝特"])
    assert reply_items(statins.reply) == ["非诺贝特"]  # the exact name, not a sibling statin
    calcium = plan(planner, "我妈骨质疏松 钙片和维D要一起吃吗")  # no drug partner the graph names: declined
    assert not reply_items(calcium.reply)


def test_consultation_box_questions(planner):
    """Fixed from dev34 (a consultation site's question box, internal medicine)."""
    assert plan(planner, "刚发现他把一板地高辛全吃了，现在一直吐，心跳很慢", ["我爸有点老年痴呆"]).kind == "emergency"
    liver = plan(planner, "体检查出轻度脂肪肝，转氨酶正常，需要吃护肝药吗")  # 体检查出 asks for no check
    assert liver.kind == "decline" and not reply_items(liver.reply)
    worse = plan(planner, "这几天走几步就喘，比以前重多了，是不是病情加重了", ["我爸72岁 慢阻肺十几年了"])
    assert not reply_items(worse.reply)
    apnoea = plan(planner, "睡觉打呼噜特别响 老婆说我会憋气 睡眠呼吸暂停是什么原因引起的")
    assert apnoea.source["entity"] == "阻塞性睡眠呼吸暂停低通气综合征" and apnoea.source["type"] == "cause"
    besides = plan(planner, "得理多除了癫痫还能治哪些病")  # 除了: the drug is the subject, not 癫痫
    assert besides.source["type"] == "indication"


def test_parents_of_small_children(planner):
    """Fixed from dev33 (a parenting forum)."""
    for story in (["1岁半的孩子从床上摔下来 头先着地", "现在吐了好几次 一直想睡觉 叫醒了又睡"],
                  ["宝宝吃了虾以后 嘴巴眼睛都肿了 喘不上气 声音都哑了"],
                  ["孩子喘得特别厉害 吸气的时候锁骨上面和肋骨中间都凹进去 嘴唇发青"]):
        assert plan(planner, story[-1], story[:-1]).kind == "emergency", story
    febrile = plan(planner, "高热惊厥一般多大的孩子容易发生？")  # the disease's name, asked about: no alarm
    assert febrile.source["type"] == "population" and reply_items(febrile.reply)
    assert plan(planner, "孩子发烧抽搐了 翻白眼").kind == "emergency"
    assert plan(planner, "谢谢医生 孩子已经退烧了").kind == "chat"  # not 发热's diseases
    croup = plan(planner, "半夜孩子咳嗽声音像小狗叫一样，嗓子哑了，喘气还有响声，这是什么病？")
    assert "小儿急性喉炎" in reply_items(croup.reply)  # not small talk about a dog
    mumps = plan(planner, "儿子左边耳朵下面肿起来了 吃东西嚼的时候说疼 低烧 这是什么病")
    assert reply_items(mumps.reply) == ["流行性腮腺炎"]
    assert plan(planner, "宝宝3个月 嘴巴里面一层白白的 像奶块一样 用棉签擦不掉 这是啥").source["entity"] == "似奶块"
    assert plan(planner, "幼儿急疹是什么病毒引起的").source["type"] == "cause"  # 什么病毒 is no 什么病
    meilin = plan(planner, "美林有什么禁忌 哪些孩子不能吃")  # 不能吃 gives way to 禁忌: never its indications
    assert not reply_items(meilin.reply)
    assert plan(planner, "小儿氨酚黄那敏什么情况下禁用？").source["type"] == "contraindication"
    assert not reply_items(plan(planner, "孩子一感冒医生就让输液 是不是过度医疗了").reply)


def test_a_childs_symptoms_told_earlier(planner):
    """Asked in the terminal: 孩子发烧 咳嗽 | 那该挂什么科 sent the child to 感染科 and 呼吸科; the
    child told of in the earlier turn goes to 儿科, as when asked in one message."""
    child = plan(planner, "那该挂什么科", ["孩子发烧38度5 咳嗽 嗓子疼 是什么病"])
    assert reply_items(child.reply) == ["儿科"]
    adult = plan(planner, "挂什么科", ["我发烧 咳嗽"])
    assert "儿科" not in reply_items(adult.reply)


def test_chest_pressure(planner):
    """Asked in the web page: chest pressure with breathlessness and a cold sweat had listed 产科休克
    and 手足口病; it is an emergency. Pressure on exertion that rest eases is angina, not 120."""
    assert plan(planner, "胸口突然像压了块石头 喘不上气 出冷汗").kind == "emergency"
    angina = plan(planner, "一爬楼胸口就发紧 像压了块石头 歇几分钟就好了 可能是什么病")
    assert angina.kind == "reverse" and reply_items(angina.reply)[0] == "心绞痛"


def test_hand_foot_and_mouth_and_follow_ups_about_no_disease(planner):
    """Asked in the web page: a child's fever with mouth blisters and red spots on the palms had
    listed 发热's diseases (尿频, 肝炎); and 会传染吗 after a drug question asked about the drug."""
    hfmd = plan(planner, "孩子手心脚心起小红点 嘴里起泡 发烧 是什么病")
    assert reply_items(hfmd.reply)[0] == "手足口病"
    follow = plan(planner, "会传染吗", ["我妈在吃华法林 能吃阿司匹林吗"])
    assert follow.kind == "not_found" and "阿司匹林" not in follow.reply
    assert plan(planner, "平时吃东西要注意什么", ["我被诊断焦虑症"]).source.get("entity") == "焦虑症"


def test_a_decline_names_the_drug_as_asked(planner):
    """Asked in the web page: 能吃阿司匹林吗 was declined about 阿司匹林散, one product of many; when
    none of a generic name's products knows, the decline names the drug as the patient did."""
    aspirin = plan(planner, "我妈在吃华法林 能吃阿司匹林吗")
    assert "没有阿司匹林的" in aspirin.reply and aspirin.source["entity"].startswith("阿司匹林")
    assert "没有阿莫西林的用法用量" in plan(planner, "阿莫西林一天吃几次").reply
    assert "没有优甲乐的" in plan(planner, "优甲乐多少钱一盒").reply  # a brand is an entity: its own name


def test_womens_health_and_outpatients(planner):
    """Fixed from dev35 (women's health, pregnancy) and dev36 (surgical and sensory outpatients)."""
    for story in (["孕32周 羊水破了 还摸到下面有像绳子一样的东西掉出来"], ["孕28周 大半天没感觉到胎动了 刚才又一阵阵肚子疼还出血"],
                  ["我爸腰椎间盘突出好几年了", "今天突然两条腿都没劲，尿也尿不出来，屁股周围一圈发麻，怎么办"],
                  ["我妈右眼突然胀痛得厉害，看灯有彩色的圈，头疼还吐了"], ["老人鼻子出血，按了四十分钟还在往外流，他有高血压，脸都白了"],
                  ["我奶奶摔了一跤", "大腿根疼得动不了，那条腿好像短了一截还往外撇着"], ["左眼前面突然像拉了个黑帘子，下半边什么都看不见了"],
                  ["眼睛里不小心溅进去管道疏通剂了，火辣辣地疼，睁不开"]):
        assert plan(planner, story[-1], story[:-1]).kind == "emergency", story
    pcos = plan(planner, "多囊一般怎么治啊", ["确诊多囊了 好焦虑"])  # not 焦虑症's drugs
    assert pcos.source["entity"] == "多囊卵巢综合征"
    assert not reply_items(plan(planner, "两次月经中间会出一点血 肚子也有点不舒服 是什么原因").reply)  # 一点血 the herb
    assert not reply_items(plan(planner, "艾洛松用了两周，脸上湿疹好了，可以马上停吗？").reply)
    assert not reply_items(plan(planner, "激光近视手术现在什么价位").reply)
    assert plan(planner, "能帮我开个病假条吗，痔疮手术要休一周").kind == "chat"


def test_a_symptoms_own_department(planner):
    """Fixed from dev36: 耳鸣该看什么科 is 耳鸣's own 就诊科室 (耳鼻喉科), not the departments the
    diseases listing 耳鸣 vote for (内分泌科 among them); a child's fever still goes to 儿科."""
    assert reply_items(plan(planner, "耳朵里一直嗡嗡响，耳鸣该看什么科").reply) == ["耳鼻喉科"]
    assert reply_items(plan(planner, "孩子发烧挂什么科").reply) == ["儿科"]


def test_a_city_is_no_hospital_question(planner):
    """Asked in the terminal: 帮我查下明天北京的天气 after a question about 阿尔茨海默病 was declined as
    a hospital question about it; a city alone (a weak keyword) never outweighs a non-medical request."""
    weather = plan(planner, "帮我查下明天北京的天气", ["阿尔茨海默病能治好吗"])
    assert weather.kind == "chat" and weather.source["type"] == "not_medical"
    assert plan(planner, "北京哪家医院看胃病好").source["type"] == "hospital"


def test_womens_words(planner):
    """Fixed from dev35: women's symptoms and drugs in their own words."""
    assert plan(planner, "紧急避孕药到底怎么吃 几个小时以内吃才有用").source["entity"] == "左炔诺孕酮片"
    assert plan(planner, "恶露不尽一般是什么原因").source["entity"] == "产后恶露不尽"
    bleeding = plan(planner, "同房以后出血 平时白带也多 可能是什么问题")
    assert bleeding.kind == "reverse" and reply_items(bleeding.reply)
    discharge = plan(planner, "挤乳头会流出一点褐色的水 可能是什么病")
    assert all(d.startswith("乳腺") for d in reply_items(discharge.reply)[:2])
    mood = plan(planner, "我天天想哭 晚上睡不着 对什么都提不起兴趣 这是怎么了", ["宝宝出生一个多月"])
    assert reply_items(mood.reply)[0] == "产后抑郁症"
    what_for = plan(planner, "乳癖消片是干嘛用的 乳腺增生能吃吗")  # 能吃 gives way to 干嘛用的
    assert what_for.source["type"] == "indication" and reply_items(what_for.reply)
    assert reply_items(plan(planner, "孕吐太厉害了 维生素B6片能止吐吗").reply)
    fishy = plan(planner, "白带有股鱼腥味 量也多 是什么炎症")  # 量也多 is no heavy period
    assert reply_items(fishy.reply)[0] == "细菌性阴道炎"
    assert not reply_items(plan(planner, "还要再吃一片吗 吃双倍会不会更保险", ["紧急避孕药吃完第二天又同房了"]).reply)


def test_outpatient_words_and_counts(planner):
    """Fixed from dev36: piles and an old man's urine in patients' words; 好几次 in a description
    asks nothing about how often to take a drug."""
    piles = plan(planner, "大便的时候出鲜血，肛门痒，还有个东西脱出来")
    assert reply_items(piles.reply)[0] == "痔"
    prostate = plan(planner, "尿尿很费劲，等半天才出来，这可能是什么病", ["我爸70了，晚上起夜好几次"])
    assert reply_items(prostate.reply)[0] == "前列腺增生"  # with the earlier turn's 起夜
    dysentery = plan(planner, "一天拉十几次，老想拉又拉不干净，大便里有脓有血，还发烧")
    assert dysentery.kind == "reverse"
    assert plan(planner, "板蓝根颗粒一天冲几次 一次几袋").source["type"] == "usage"
    assert not reply_items(plan(planner, "男 45 最近几次量血压都在150/95左右，要不要开始吃降压药").reply)


def test_a_typo_of_a_polyphone(planner):
    """Fixed from dev36: pypinyin reads the 椎 of 颈椎病 as chui, so 颈锥病 (zhui) was no homophone."""
    assert "颈椎病" in candidates(planner, "颈锥病严重了会引起哪些别的毛病")


def test_a_single_symptom_lists_the_diseases_of_its_field(planner):
    """Diseases of a department typical of the symptom first: the graph lists 腹痛 for 心律失常
    and 荨麻疹 too, which are no answer to a stomach ache."""
    for question, field in (("肚子疼是怎么回事", ("肠", "胃", "胰", "十二指肠")), ("咳嗽是什么病", ("支气管", "气管", "呼吸道", "肺"))):
        first = reply_items(plan(planner, question).reply)[:3]
        assert first and all(any(word in d for word in field) for d in first), (question, first)
    assert reply_items(plan(planner, "脚后跟钻心疼怎么回事").reply)[0] in ("足底筋膜炎", "跖腱膜炎")  # not 心痛


@pytest.mark.parametrize("story, earlier, urgent", [
    ("儿子15岁 半夜突然一边蛋疼 疼得打滚 还吐了 碰都不让碰", (), True),  # testicular torsion
    ("宝宝才两个月 发烧38.8 不吃奶 叫也叫不太醒 身上软软的", (), True),  # fever under three months
    ("宝宝20天 体温38.2", (), True),
    ("孩子三天前开始发烧 咳嗽", (), False),
    ("孩子一岁两个月 发烧39度", (), False),
    ("孩子一天拉了十几次 都是水一样的 然后还吐 有点发烧", (), False),
    ("后盖开了 里头的纽扣电池找不着了 他一直流口水 我怀疑咽下去了", ("我儿子两岁 刚才在客厅玩遥控器",), True),
    ("同房的时候咔的一声 然后就软了 现在肿的紫黑 还流血", (), True),  # penile fracture
    ("现在下巴到脖子都肿了 硬邦邦的 张不开嘴 有点喘不上气", ("智齿发炎好几天了",), True),  # deep neck infection
    ("今天口水都咽不下去 往外流 喘气呼呼响 话都说不清", ("嗓子疼了两天",), True),  # epiglottitis
    ("吃了一片伟哥 后来胸闷又含了一片硝酸甘油", (), True),
    ("伟哥和硝酸甘油能一起吃吗", (), False),  # asked before, not taken: the graph's answer or a decline
    ("吃了伟哥 已经硬了五个多钟头了 软不下去 越来越疼", (), True),  # priapism
])
def test_red_flags_from_dev_39_and_40(planner, story, earlier, urgent):
    assert (plan(planner, story, earlier).kind == "emergency") == urgent


def test_a_clause_that_tells_what_happened_asks_nothing(planner):
    """dev37: the story's 做了白内障手术 and 确诊…了 are no treatment or check questions."""
    heredity = plan(planner, "白内障会遗传吗 我爸我妈前后脚都做了白内障手术 我有点担心")
    assert heredity.source["type"] == "heredity"
    prevention = plan(planner, "家里老爷子确诊阿尔茨海默病了，我们几个子女都四五十了，有点怕以后自己也这样。这个病能预防吗，平时应该注意些啥")
    assert prevention.source["relations"] == ["预防"]
    assert plan(planner, "做了手术了 白内障术后要注意什么").source["type"] != "heredity"


def test_may_i_use_an_adults_drug_or_a_spray_and_how_many_tablets(planner):
    """dev40: a baby's blocked nose with 大人的滴鼻药 listed sleeping pills (睡不好 -> 失眠's drugs);
    能喷点鼻炎喷雾吗 in pregnancy listed 鼻炎's symptoms; 一次吃几片 asks the dose, not whether
    泰诺林 may be taken (its indications), and 泰诺林 has none in the graph: a decline."""
    for question in ("宝宝5个月 鼻子不通气 晚上睡不好 能给他用大人的滴鼻药吗", "怀孕四个月 晚上鼻子堵得睡不着 能喷点鼻炎喷雾吗"):
        result = plan(planner, question)
        assert result.kind == "decline" and result.source["type"] == "take_drug" and not reply_items(result.reply), question
    dose = plan(planner, "它一次吃几片 隔几个小时能吃一次", ["发烧38度7 浑身酸疼 家里有泰诺林"])
    assert dose.source["type"] == "usage" and "用法用量" in dose.reply
    assert plan(planner, "糖尿病人能吃西瓜吗 一天吃多少合适").source["type"] == "diet"  # a food's amount is diet


def test_words_inside_words_are_no_names_or_symptoms(planner):
    """dev37-40: 办法能 held the brand 法能, 都拉不出来 the herb 都拉, 低密度 the herb 低密 (犀牛角),
    安达唐 the drug 安达, 有点头晕 the symptom 点头, 长哪些位置 the symptom 位置, 深呼吸 the symptom 呼吸."""
    for question, wrong in (("有什么办法能延长时间 不吃药那种", "法能"), ("我爸大便特别干 每次蹲好久都拉不出来 这是咋回事", "都拉"),
                            ("总胆固醇6.2 低密度4.1 这个要不要紧", "犀牛角"), ("安达唐吃了以后老是下面痒,是这个药引起的吗", "安达"),
                            ("按着胸口左边肋骨那块疼 深呼吸也有点疼 这是什么情况", "呼吸")):
        assert wrong not in plan(planner, question).reply, question
    assert plan(planner, "还有点头晕 挂哪个科", ["最近耳朵里老是嗡嗡响"]).source["entity"].startswith("头晕")
    warts = plan(planner, "湿疣一般长哪些位置啊 肛门那边也会长吗")
    assert warts.source["entity"] == "尖锐湿疣" and warts.source["relations"] == ["常见发病部位"]


def test_described_symptoms_from_dev_37_to_39(planner):
    assert "痰中带血" in plan(planner, "咳嗽 痰里带血丝").source["entity"]
    assert plan(planner, "嗓子里总感觉有东西 咽不下去吐不出来").source["entity"] == "咽部异物感"
    assert reply_items(plan(planner, "我妈右边肩膀疼 胳膊抬不起来 梳头穿衣服都费劲 可能是什么毛病").reply)[0] == "肩周炎"
    assert plan(planner, "小中风都有什么症状").source["entity"] == "短暂性脑缺血发作"
    assert plan(planner, "牛皮藓 传染吗").source["entity"] == "银屑病"
    assert plan(planner, "那个降压0号 我吃了好多年了 有啥副作用没有").source["relations"] == ["不良反应"]
    assert plan(planner, "我爸慢阻肺好多年了，一到冬天就喘得厉害，平时有啥办法能预防加重吗").source["relations"] == ["预防"]


def test_yes_no_about_a_symptom_or_complication(planner):
    """会X吗 after a disease asks whether X is among its symptoms or complications: 阑尾炎会穿孔吗
    finds 急性阑尾炎's 并发症; when neither lists it, a decline, not the other symptoms (糖尿病会脚麻吗
    listed 多尿, 多饮…); an open question still gets the whole list."""
    perforation = plan(planner, "阑尾炎拖着不治 会穿孔吗")
    assert perforation.source["relations"] == ["并发症"] and "穿孔" in reply_items(perforation.reply)
    assert plan(planner, "乙肝会肝硬化吗").source["type"] == "complication"
    numb = plan(planner, "糖尿病会脚麻吗")
    assert numb.kind == "decline" and not reply_items(numb.reply)
    assert reply_items(plan(planner, "高血压会头晕吗").reply) == ["头晕"]
    assert len(reply_items(plan(planner, "糖尿病有哪些症状 会脚麻吗").reply)) > 1
    assert plan(planner, "做胃镜有啥风险吗 会不会穿孔", ["明天要做胃镜 有点害怕"]).source["relations"] == ["并发症"]
    for question in ("骨质疏松能跳广场舞吗 会不会骨折", "心衰的老人一天喝多少水合适 我妈老说口渴"):
        assert plan(planner, question).kind == "decline", question


def test_dev_37_to_40_questions_that_answered_another_relation(planner):
    assert plan(planner, "肌少症是什么病 医生说我妈腿没劲是这个").kind == "not_found"  # not 乏力's diseases
    assert plan(planner, "我妈最近头晕是什么病").kind == "reverse"
    warfarin = plan(planner, "这俩药一块吃有没有问题", ["我爸换了瓣膜一直吃华法林 今天牙龈肿了 牙科开了甲硝唑"])
    assert warfarin.source["type"] == "interaction" and "甲硝唑" in reply_items(warfarin.reply)
    assert plan(planner, "一粒管不住 我想一天吃两粒行不行", ["前列腺增生在吃哈乐"]).kind == "decline"
    assert plan(planner, "成都哪里可以匿名查艾滋").source["type"] == "hospital"
    assert plan(planner, "老年人为啥这么容易便秘 我奶奶三四天才解一回").source["type"] == "cause"


def test_may_i_use_it_on_broken_skin_or_after_a_stent(planner):
    """dev39: 破皮的地方能抹吗 looks in the cream's contraindications (皮肤破损者禁用), not what it treats;
    dev37: a stent makes 能吃布洛芬吗 a doctor's judgement, not 'it treats 关节痛'."""
    cream = plan(planner, "艾洛松 破皮的地方能抹吗", ["身上湿诊 痒得挠破了"])
    assert cream.source["relations"] == ["禁忌"] and any("破损" in i for i in reply_items(cream.reply))
    stent = plan(planner, "我公公去年放了两个心脏支架 现在膝盖疼 能吃布洛芬吗")
    assert stent.kind == "decline" and stent.source["type"] == "take_drug"
    assert plan(planner, "孩子脸上湿诊反反复复的 会传染吗").source["entity"] == "湿疹"  # a typo of 湿疹


def test_dev_37_to_40_answerable_questions_that_were_declined(planner):
    assert plan(planner, "这个病以后会怎么发展 最后是不是都得透析", ["医生说我公公是慢性肾病三期"]).source["type"] == "prognosis"
    assert plan(planner, "前列腺增生是不是男的上了岁数都会得").source["type"] == "population"
    sex = plan(planner, "前列康舒胶囊 吃药这段时间能同房吗")  # a drug's precautions, not exercise
    assert sex.source["type"] == "precaution" and "房事" in sex.reply
    assert plan(planner, "阳痿有哪些治疗方法 不想一直吃药").kind == "answer"
    assert plan(planner, "睾丸癌都有哪些高危因素 我这种算不算").source["relations"] == ["高危因素"]
    assert plan(planner, "坐办公室的 痔疮怎么预访").source["relations"] == ["预防"]  # a typo of 预防
    alcohol = reply_items(plan(planner, "藿香正气水里头是不是有酒精啊 喝完一会儿还得开车").reply)
    assert alcohol and all("乙醇" in i for i in alcohol)
    assert plan(planner, "社区医生怀疑心绞痛 让去大医院 心绞痛一般要做啥检查").source["type"] == "check"
    assert plan(planner, "胃镜病理是慢性萎缩性胃炎伴轻度肠化，会不会变成胃癌？我这个到哪一步了").kind == "decline"


def test_an_alias_the_graph_holds_as_an_entity_is_a_further_candidate(planner):
    """dev38: 口腔溃疡 has no 传染性; its 别称 复发性阿弗他溃疡, an entity too, has."""
    ulcer = plan(planner, "口腔溃疡 会传染吗 老公也长了")
    assert ulcer.source["relations"] == ["传染性"] and reply_items(ulcer.reply)
    aspirin = plan(planner, "听说每天吃一片阿司匹林能预防心梗，我要不要吃", ["我今年68，没有心脏病，血压血糖都正常"])
    assert aspirin.kind == "decline"  # whether to start a drug is the doctor's call, not a prevention list


def test_colloquial_names_abbreviations_and_typos(planner):
    """A lexicon pass (a helper's list, each checked against the graph): names patients type."""
    for question, entity in (("非淋是怎么传上的", "非淋菌性尿道炎"), ("pcos 要查什么", "多囊卵巢综合征"),
                             ("梅毒到底是怎么传染的", "梅毒感染"), ("刚打完九价第一针 九价有哪些副作用", "九价人乳头瘤病毒疫苗"),
                             ("这个体位性低血压是怎么引起的", "原发性直立性低血压"), ("打球扭了膝盖 怀疑半月板损伤 要做啥检查", "膝关节半月板损伤")):
        assert plan(planner, question).source.get("entity") == entity, question
    assert plan(planner, "体检单上写着宫颈糜烂 这个要不要治").source.get("entity") != "宫颈炎"  # an old name, not inflammation
    ingredient = plan(planner, "感冒灵里面是不是有扑热息痛那个成分啊")  # the first drug holds the second
    assert ingredient.source["entity"].startswith("感冒灵") and "对乙酰氨基酚" in reply_items(ingredient.reply)
    assert reply_items(plan(planner, "连花清瘟 里面有麻黄吗").reply) == ["麻黄"]


def test_symptoms_described_in_everyday_words(planner):
    """A lexicon pass (a helper's list of ~300 everyday phrasings mapped to the graph's symptom words)."""
    for question, first in (("鼻子堵 闻不到味了 老流黄脓鼻涕", "鼻窦炎"), ("小便老想上 上了又没多少 尿的时候火辣辣的疼 该看什么病", None),
                            ("我妈70岁 最近老是心里发慌 心跳一会快一会慢 乱七八糟的 可能是什么问题", None)):
        result = plan(planner, question)
        assert result.kind in ("reverse", "answer") and reply_items(result.reply), question
        assert first is None or any(first in d for d in reply_items(result.reply)[:2]), (question, result.reply)
    allergy = plan(planner, "每天早上起来连打十几个喷嚏 流清鼻涕 鼻子痒 鼻子还堵 是什么病")
    assert "鼻塞" in allergy.source["entity"] and reply_items(allergy.reply)[0].endswith("鼻炎")
    assert plan(planner, "左眼皮跳了一个星期了 都说左眼跳财右眼跳灾 是真的吗").kind != "reverse"
    iron = plan(planner, "胃不舒服想买盒达喜 这俩能一块儿吃吗", ["我贫血 这阵子一直在吃铁剂"])
    assert iron.source["type"] == "interaction" and reply_items(iron.reply)  # 胃不舒服 is no partner drug


def test_insomnia_lists_no_rabies_and_a_second_department_needs_votes(planner):
    assert "狂犬病" not in plan(planner, "老人一晚上睡不着 两三点就醒 然后就睁眼到天亮 这种一般是什么问题").reply
    assert reply_items(plan(planner, "射精的时候会疼 尿完还滴滴答答的 挂什么科").reply) == ["泌尿外科"]


def test_a_not_found_reply_names_what_it_did_not_find(planner):
    """Rule 3: say what was understood. A name a pattern shows (a drug's suffix, 医生开了X, X有什么副作用,
    X症是什么病) is named in the reply; forms (肠溶胶囊) and words inside names (黑色素瘤) are not."""
    for question, name in (("韦立得有什么副作用", "韦立得"), ("医生新开了个沃诺拉赞 这个药有副作用吗", "沃诺拉赞"),
                           ("肌少症是什么病 医生说我妈腿没劲是这个", "肌少症"), ("褪黑素能长期吃吗", "褪黑素")):
        result = plan(planner, question)
        assert result.kind == "not_found" and f"“{name}”" in result.reply and not reply_items(result.reply), question
    for question in ("背上有颗痣这两年变大了，边缘有点不规则，会不会是黑色素瘤", "奥美拉挫长期吃有什么副作用 那个肠溶胶囊"):
        assert "收录“" not in plan(planner, question).reply, question


@pytest.mark.parametrize("story, earlier", [
    ("我老汉下午在棉花地里打农药 回来就头昏 一身大汗 口水流个不停", ()),  # organophosphate poisoning
    ("娃把饮料瓶里装的百草枯喝了一口 当时就吐出来了", ()),
    ("我哥的手被打谷机卷进去了 两根手指头断了 血一直冒 毛巾按都按不住", ()),
    ("我爸肝硬化好几年了 刚才吐了一大盆血", ()),
    ("刚才说心口像压了块大石头 疼到左膀子 一身冷汗", ()),
    ("过了十几分钟还疼 一身冷汗 又含了一片也不管用", ("我爸冠心病 刚才胸口疼 含了一片硝酸甘油",)),  # 十几 asks nothing
    ("今天吐了好多咖啡色的东西 大便也是黑的 一站起来就晕", ("我妈吃华法林好几年了",)),
    ("头疼得厉害 像要炸开一样 还吐了", ()),  # found asking as a patient in the terminal
])
def test_red_flags_from_dev_42_and_43(planner, story, earlier):
    assert plan(planner, story, earlier).kind == "emergency"


def test_dialect_words_that_ask(planner):
    """啥子病 held 子病 (an old name of 妊娠恶阻) and answered its symptoms; 咋个 is 怎么."""
    assert "妊娠恶阻" not in plan(planner, "刷牙老是出血 牙龈红红的 吐出来一口血水 是啥子病").reply
    assert plan(planner, "恙虫病是咋个传上的").source["type"] == "transmission"
    for question in ("打农药要注意什么", "手指被门夹了一下 有点肿", "硝酸甘油怎么用", "大便有点黑 吃了猪血"):
        assert plan(planner, question).kind != "emergency", question


def test_an_unknown_drug_never_falls_back_to_a_known_one(planner):
    """dev41: 沙库巴曲缬沙坦 answered 缬沙坦片's precautions, 它 after 医生加了达格列净 answered 二甲双胍's
    side effects, 换成了韦立得…韦立得有什么副作用 answered 恩替卡韦's: rule 1's worst case."""
    for question, earlier, name in (
            ("我爸心衰，出院带药有个诺欣妥，沙库巴曲缬沙坦钠片，吃这个药要注意什么", (), "沙库巴曲缬沙坦钠片"),
            ("吃了以后小便特别多，下面还有点痒，它是不是有这个副作用", ("糖尿病五年了，二甲双胍控制不好，医生加了达格列净。",), "达格列净"),
            ("医生把我的恩替卡韦换成了韦立得，说是新药，韦立得有什么副作用", (), "韦立得")):
        result = plan(planner, question, earlier)
        assert result.kind == "not_found" and name in result.reply and not reply_items(result.reply), question
    own = plan(planner, "我爸高血压 吃着络活喜 最近脚踝肿了 是不是这个药的副作用", ["韦立得有什么副作用"])
    assert own.source["entity"] == "络活喜"  # found in the web page: 这个药 names its own drug, not the earlier unknown
    for question, entity in (("胃不舒服，能不能自己买奥美拉唑吃几天", "奥美拉唑"), ("盐酸二甲双胍片有什么副作用", "二甲双胍"),
                             ("他咳嗽 能喝京都念慈菴的枇杷膏吗", "枇杷膏")):
        assert entity in plan(planner, question, ["我爸有糖尿病"] if "枇杷" in question else []).reply, question


def test_a_disease_asked_about_after_the_drug_taken_for_it(planner):
    """dev41: …在吃恩替卡韦…肝硬化往后会出现哪些并发症 asks 肝硬化's complications, not the drug's side
    effects; 房颤要是不管它 (它: what is left untreated) likewise; 拉肚子是好了 is no subject."""
    cirrhosis = plan(planner, "我爸乙肝后肝硬化代偿期，一直在吃恩替卡韦。想提前了解一下，肝硬化往后发展一般会出现哪些并发症")
    assert cirrhosis.source["entity"] == "肝硬化" and cirrhosis.source["type"] == "complication"
    af = plan(planner, "医生让吃华法林抗凝，说不吃容易出事。我想知道房颤要是不管它，会引起哪些并发症")
    assert af.source["entity"] == "房颤"
    assert plan(planner, "吃了两天思密达，拉肚子是好了，会不会引起便秘").source["type"] == "side_effect"


def test_judgements_of_a_doctor_a_diagnosis_or_a_report(planner):
    """dev41: questions only the patient's doctor can answer got facts (the drugs, checks or
    symptoms of the disease named); they are declined."""
    for question, earlier in (("最近换了个医生，一下给加了两种药，你觉得这个医生靠谱吗", ("我妈帕金森吃美多芭两年了，效果还可以。",)),
                              ("县医院说我是慢性胃炎，药吃了一个月还是胀，是不是误诊了", ()),
                              ("B超说肝实质回声增粗增强，分布不均匀，这是不是已经肝硬化了", ()),
                              ("医生非让我住院做冠脉造影，我觉得就是偶尔胸闷一下，真有必要做吗", ()),
                              ("24小时尿蛋白定量1.8克，我这病情算重吗", ())):
        result = plan(planner, question, earlier)
        assert result.kind in ("decline", "not_found") and not reply_items(result.reply), question
    assert "机器人" in plan(planner, "你是真人医生还是机器人啊 说的靠谱吗").reply


def test_dev_42_and_43_medication_questions(planner):
    for question, earlier in (("降压药一直吃国产的氨氯地平 是不是进口的络活喜效果更好 值得换吗", ()),  # a comparison
                              ("舍曲林跟艾司西酞普兰哪个副作用小", ()),
                              ("安达唐是降糖药吗 医生说还能护心护肾", ()),  # an unknown brand, not 糖尿病's drugs
                              ("舒利迭一天吸几次 喘得厉害能不能多吸几口", ()),  # a dose change
                              ("多喂半包是不是好得快些", ("两岁娃发烧39度 喂了退烧药",)),
                              ("被蝎子蛰了 又红又疼 要抹啥药", ()),  # not the herb 全蝎's effects
                              ("娃嘴巴起泡 眼屎多 老人说是上火了 吃点啥子败火", ())):
        result = plan(planner, question, earlier)
        assert result.kind in ("decline", "not_found") and not reply_items(result.reply), question
    colchicine = plan(planner, "我爸84了 肾功能不太好 痛风又犯了 能吃秋水仙碱吗")  # its contraindications about 肾
    assert colchicine.source["relations"] == ["禁忌"] and all("肾" in i for i in reply_items(colchicine.reply))
    assert plan(planner, "转氨酶偏高 老家亲戚推荐喝垂盆草 垂盆草是干嘛用的").kind == "answer"  # not narrowed to 肝
    assert plan(planner, "婆娘天天拿蒲公英泡水喝 说败火 蒲公英是凉性的不 性味是啥").source["relations"] == ["性味"]
    assert "反酸" in plan(planner, "心口疼 吃了饭一躺下就往上冒酸水 烧得慌 到底是啥病").source["entity"]


def test_a_condition_told_beside_a_disease_makes_may_i_take_it_a_judgement(planner):
    colchicine = plan(planner, "秋水仙碱他能吃吗", ["我爸78了 痛风老犯 另外肾功能也不大好 肌酐一直偏高"])
    assert colchicine.kind == "decline" and not reply_items(colchicine.reply)  # not 'it treats 痛风'
    liver = plan(planner, "他现在发烧38度5 家里只有泰诺林 肝不好的人能吃这个吗", ["我老公乙肝小三阳好多年了 肝功能一直不太好"])
    assert liver.source["relations"] == ["禁忌"]  # the question names the liver: its liver items


def test_what_to_do_about_a_symptom_that_followed_a_disease(planner):
    """Asked as a patient: 脑梗以后喝水老是呛 怎么办 listed 脑梗's acute treatments (溶栓…), which do
    not help with choking afterwards; the graph holds nothing for it: a decline naming both."""
    choking = plan(planner, "我爸脑梗以后喝水老是呛 怎么办")
    assert choking.kind == "decline" and "饮水呛咳" in choking.reply and not reply_items(choking.reply)
    assert plan(planner, "喝水老是呛是怎么回事").kind == "reverse"


def test_drugs_asked_for_a_pregnant_patient_in_a_follow_up(planner):
    """Asked as a patient in the terminal: 我老婆怀孕五个月 感冒了 | 那她能吃什么药 listed cold drugs."""
    cold = plan(planner, "那她能吃什么药", ["我老婆怀孕五个月 感冒了"])
    assert cold.kind == "decline" and not reply_items(cold.reply)
    assert reply_items(plan(planner, "先兆流产一般用什么药保胎", ["怀孕7周 内裤上有点褐色的"]).reply)  # drugs for pregnancy


def test_a_group_of_diseases_is_no_possible_diagnosis(planner):
    """Asked as a patient in the web page: 手脚发麻是怎么回事 listed 神经病 first (CMeKG's
    neuropathy, which a patient reads as an insult); groups like 癌症 and 电脑病 diagnose nothing."""
    for question in ("手脚发麻是怎么回事", "头痛是怎么回事"):
        items = reply_items(plan(planner, question).reply)
        assert items and not {"神经病", "癌症", "电脑病"} & set(items), question
