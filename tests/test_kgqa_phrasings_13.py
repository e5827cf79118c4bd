"""Phrasings and rankings found by dev sets 109 and later, and by this session's patient probes."""
from kgqa.answer import reply_items
from kgqa.graph import MedicalKG
from kgqa.reverse import typical_harms_first
from kgqa_helpers import assert_emergencies, plan


def test_side_effects_typical_of_the_drugs_class_come_first():
    """A patient probe: 氨氯地平有什么副作用 listed 不适；丘疹；乏力；乳房增大；人格解体, the graph's
    character order. What most drugs of its class list, and others seldom do, comes first."""
    blockers = {f"地平{i}": {"分类": ["钙拮抗药"], "不良反应": ["水肿", "头痛"]} for i in range(3)}
    others = {f"沙星{i}": {"分类": ["抗菌药"], "不良反应": ["不适", "恶心", "头痛"]} for i in range(6)}
    kg = MedicalKG({**blockers, **others,
                    "氨氯地平片": {"分类": ["钙拮抗药"], "不良反应": ["ALT升高", "不适", "人格解体", "头痛", "水肿"]}})
    assert typical_harms_first(kg, "氨氯地平片", kg.items("氨氯地平片", "不良反应")) \
        == ["水肿", "头痛", "不适", "人格解体", "ALT升高"]


def test_amlodipines_side_effects_are_those_patients_hear_of(planner):
    reply = plan(planner, "氨氯地平有什么副作用")
    items = reply_items(reply.reply)
    assert reply.source["type"] == "side_effect" and {"水肿", "头痛"} <= set(items), reply.reply
    assert "人格解体" not in items


def test_a_class_of_drugs_asks_for_the_name_on_the_box(planner):
    """A patient probe: 他汀有什么副作用 and 降压药有什么副作用 got the bare 没有找到相关信息; the graph
    holds products, each with its own leaflet. The reply names the class it understood."""
    for question, word in (("他汀有什么副作用", "他汀"), ("降压药有什么副作用", "降压药"), ("头孢能治什么", "头孢")):
        result = plan(planner, question)
        assert result.kind == "not_found" and result.source["drug_class"] == word, question
        assert f"“{word}”是一类药" in result.reply
    assert plan(planner, "阿托伐他汀有什么副作用").source.get("entity", "").startswith("阿托伐他汀")
    assert "drug_class" not in plan(planner, "降压药有哪些").source  # 高血压's drugs


def test_emergencies_of_dev_sets_109_to_113(planner):
    """One side gone numb, a week's pills swallowed at once, a stockpile to be taken tonight, sudden
    loss of bladder and bowel control, a child's eyes rolling up while convulsing, an old woman who
    fell and barely answers: each was answered as a question."""
    assert_emergencies(planner, ("我爸突然左边身子麻了 眼前发黑 站都站不住了", "我妈把一周的降压药和降糖药一次全吃下去了",
                                 "关节疼得受不了，刚才一口气吃了一整板布洛芬，现在恶心想吐", "孩子发高烧，突然两眼上翻，手脚一直抽"))
    assert_emergencies(planner, ("我已经攒了一个月的量，今晚就全吃掉",), ["安眠药一次吃多少会死"])
    assert_emergencies(planner, ("今天突然大小便控制不住了，两条腿一点劲都没有",), ["我腰突好几年了"])
    assert_emergencies(planner, ("刚在卫生间摔倒了，喊她也不怎么应，头上还在流血",), ["我奶奶有骨质疏松"])
    for calm, earlier in (("一般要做哪些检查，要不要抽血", ["女儿确诊手足口病了"]), ("怀孕五个月痔疮出血了，能用马应龙吗", []),
                          ("一整板药多少钱", []), ("老人大小便失禁怎么办", [])):
        assert plan(planner, calm, earlier).kind != "emergency", calm


def test_emergencies_a_patient_probe_found(planner):
    """An inhaler that did not help, pain and bleeding in pregnancy, a heart attack or gas poisoning
    happening now: lists of drugs or symptoms before."""
    assert_emergencies(planner, ("肚子右下角疼，还发烧", "哮喘发作了喷了药还是喘", "孕妇肚子一阵一阵疼见红了", "怀孕早期肚子疼出血",
                                 "心脏病发作怎么办", "煤气中毒了"))
    for calm in ("心梗发作有什么症状", "怀孕三个月痔疮出血肚子疼", "孕妇可以吃止痛药吗",
                 "我爸脑梗刚出院 左边身子还没劲 脑梗以后容易出啥并发症"):
        assert plan(planner, calm).kind != "emergency", calm


def test_what_each_question_asks_in_dev_sets_109_to_113(planner):
    """Taking a medicine is no diet question (孕妇可以吃止痛药吗 was 止痛药的饮食宜忌), 菜刀 no food;
    which works better is a comparison; swimming is exercise; 才能防 asks prevention, 时间长了会得啥病
    complications, 用药禁忌 contraindications (not 有什么用: 丹参's effects)."""
    asked = {"孕妇可以吃止痛药吗": "take_drug", "血压高能吃感冒药吗": "take_drug", "连花清瘟和奥司他韦哪个治流感效果好": "comparison",
             "输液好得快还是吃药好得快 我感冒了": "comparison", "感冒快好了，今天能去游泳出出汗吗": "exercise",
             "被狗咬了一口，伤口应该怎么处理才能防狂犬病": "prevention", "脂肪肝时间长了会得啥病": "complication",
             "丹参有什么用药禁忌": "contraindication"}
    for question, qtype in asked.items():
        assert plan(planner, question).source.get("type") == qtype, question
    assert plan(planner, "手指被菜刀切了个口子").source.get("type") != "diet"
    assert plan(planner, "会不会有什么问题啊", ["孩子刚才趁我不注意吃了一片维生素C"]).source["type"] == "personal"


def test_complaints_told_then_what_is_this(planner):
    """dev112, dev113: several complaints told with nothing asked listed 腹泻's own symptoms; a
    toothache told, then 这是啥, listed 牙痛's symptoms. A disease the patient names is no complaint."""
    told = plan(planner, "拉肚子拉出脓血来，一直想上厕所又拉不干净，还发烧")
    assert told.kind == "reverse" and "细菌性痢疾" in reply_items(told.reply), told.reply
    tooth = plan(planner, "牙疼得厉害，一到晚上更疼，喝凉水热水都钻心疼，这是啥")
    assert tooth.source["type"] == "cause" and "牙髓炎" in reply_items(tooth.reply), tooth.reply
    assert plan(planner, "我这眼睛红了两天 有点痒 是不是结膜炎啊").kind != "reverse"
    assert plan(planner, "牙痛是什么").source["type"] != "cause"


def test_typos_and_described_complaints_of_dev_sets_109_to_113(planner):
    """胃严 and 前列腺曾生 are typed for 胃炎 and 前列腺增生; three numb fingers are 鼠标手's, heel pain
    at the first step 足底筋膜炎's, milk-white patches 白癜风's; 新康泰克红色装 is not the blue one."""
    assert plan(planner, "我胃严好几年了 有啥药能吃").source.get("entity") == "胃炎"
    assert plan(planner, "前列腺曾生都有啥表现").source.get("entity") == "前列腺增生"
    for story, disease in (("天天握鼠标，最近大拇指食指中指老是发麻，是什么问题", "鼠标手"),
                           ("每天早上下床第一脚踩地，脚后跟像针扎一样疼，这是啥毛病？", "足底筋膜炎"),
                           ("身上长了几块乳白色的斑，跟周围皮肤边界很清楚，这是什么", "白癜风")):
        result = plan(planner, story)
        assert result.kind == "reverse" and reply_items(result.reply)[0] == disease, result.reply
    assert plan(planner, "新康泰克红色装的成分").source["entity"] == "新康泰克（红色装）"


def test_an_ointment_asked_for_is_one_that_goes_on_the_skin(planner):
    """dev113: 膝盖关节疼可以用什么药膏 listed 健骨注射液 and 腰痛宁胶囊."""
    items = reply_items(plan(planner, "膝盖关节疼可以用什么药膏").reply)
    assert items and all(i.endswith(("剂", "膏", "凝胶", "酊")) for i in items), items


def test_a_diseases_symptoms_are_not_other_diseases_first(planner):
    """A patient probe: 心梗的早期症状 listed 心绞痛；心力衰竭；心律失常；心肌梗死, 甲亢's symptoms 焦虑症."""
    items = reply_items(plan(planner, "心梗的早期症状").reply)
    assert not {"心肌梗死", "心绞痛", "心律失常"} & set(items), items
    assert "焦虑症" not in reply_items(plan(planner, "甲亢有什么症状").reply)


def test_a_long_graph_description_few_list_is_what_the_patient_means():
    """dev113: three numb fingers listed 鼠标手 and then every disease listing 麻木 (肌腱炎, 癫痫发作);
    heel pain at the first step 足底筋膜炎 and a bone disease listing only the looser word."""
    from kgqa.linker import Mention
    from kgqa.reverse import rank_diseases
    kg = MedicalKG({"鼠标手": {"常见症状": ["拇指示指中指麻木"]},
                    **{f"病{i}": {"常见症状": ["麻木"], "就诊科室": ["骨科"]} for i in range(4)}})
    fingers = Mention("中指发麻", 0, ("拇指示指中指麻木", "麻木"), False)
    assert rank_diseases(kg, [fingers]) == ["鼠标手"]
    everyday = Mention("手麻", 0, ("手麻", "麻木"), False)  # a short word few list does not narrow
    assert {"某病", "病0", "病3"} <= set(rank_diseases(MedicalKG({**kg.graph, "某病": {"常见症状": ["手麻"]}}), [everyday]))


def test_parkinsons_signs_in_patients_words(planner):
    """dev109: 不动的时候手也抖 … 脸上没啥表情 listed 纹状体黑质变性 first and no 帕金森病."""
    result = plan(planner, "不动的时候手也抖 拿个碗都端不稳 脸上没啥表情 走路越来越慢 这是啥病")
    assert "帕金森病" in reply_items(result.reply)[:2], result.reply


def test_a_babys_drugs_are_made_for_children(planner):
    """A patient probe: 6个月宝宝湿疹用什么药 listed 湿疹's adult products (伤科灵喷雾剂); 甲减吃什么药
    listed 呗呗嘿 and 多廿烷醇片, lipid drugs."""
    baby = plan(planner, "6个月宝宝湿疹用什么药")
    assert baby.kind == "decline" or all(w in i for i in reply_items(baby.reply) for w in ("小儿",)), baby.reply
    assert not {"呗呗嘿", "多廿烷醇片", "烟酸缓释片"} & set(reply_items(plan(planner, "甲减吃什么药").reply))


def test_whether_a_disease_runs_in_families_from_its_risks(planner):
    """A patient probe: 乳腺癌是遗传的吗 was declined; 22 diseases hold 遗传因素, 873 name family history,
    genes or heredity among their risks or causes. Its own heredity facts come first (哮喘: ADAM33);
    a weather change (气候突变) is no heredity; an infection spreads; wanting a child is no child's disease."""
    breast = plan(planner, "乳腺癌是遗传的吗")
    assert breast.kind == "answer" and "乳腺癌家族史" in reply_items(breast.reply), breast.reply
    assert plan(planner, "哮喘会遗传吗").source["relations"] == ["遗传因素"]
    assert plan(planner, "感冒会遗传吗").source["relations"] == ["传播途径"]  # it spreads, not inherited
    assert plan(planner, "准备要孩子了 溃疡性结肠炎会遗传给下一代吗").source["entity"] == "溃疡性结肠炎"


def test_a_complaint_that_is_an_entity_has_its_treatment(planner):
    """A patient probe: 我妈70岁了老是便秘怎么办 was declined though 便秘 holds 辅助治疗."""
    result = plan(planner, "我妈70岁了老是便秘怎么办")
    assert result.kind == "answer" and result.source["entity"] == "便秘", result.reply


def test_emergencies_of_dev_sets_114_to_116(planner):
    """A heart racing at 180, a head hit then vomiting and drowsy, a child who no longer responds;
    疼到想死 is a way of speaking, not a crisis (痛经 was answered with the crisis wording)."""
    assert_emergencies(planner, ("吃了网上买的减肥药 现在心跳一百八 喘不上气 感觉快晕了",
                                 "喝了三罐红牛又灌了两杯美式 现在心跳快得要炸 胸口疼 手抖停不下来",
                                 "头被篮球砸了之后一直吐 现在人越来越迷糊", "孩子洗澡的时候癫痫发作，呛了水，现在没反应了",
                                 "我活着好累 想死"))
    period = plan(planner, "痛经到底啥原因引起的 每个月疼到想死")
    assert period.kind == "answer" and period.source["type"] == "cause", period.reply
    assert plan(planner, "吃了药没反应 怎么办").kind != "emergency"


def test_everyday_complaints_from_the_second_probe(planner):
    """Second probe: 腿肿了是什么病 listed eye diseases (their 水肿), 身上痒起红疙瘩 no 荨麻疹, 孩子肚脐周围疼
    skin diseases at the navel."""
    legs = reply_items(plan(planner, "腿肿了是什么病").reply)
    assert legs[0] == "充血性心力衰竭" and not {"结膜炎", "角膜炎"} & set(legs), legs
    assert reply_items(plan(planner, "身上痒起红疙瘩").reply)[0] == "荨麻疹"
    assert reply_items(plan(planner, "孩子肚脐周围疼").reply)[0] == "蛔虫病"


def test_a_drug_not_started_in_an_attack_and_an_infection_passed_to_a_child(planner):
    """Second probe and dev8: 痛风正在发作 能吃别嘌醇吗 was answered with its use (痛风), as if yes;
    乙肝会遗传给孩子吗 with 家族史 among its risks, as if inherited: it spreads from mother to child."""
    attack = plan(planner, "痛风正在发作，脚肿着呢，这时候能吃别嘌醇吗")
    assert attack.kind == "decline" and attack.source["type"] == "take_drug", attack.reply
    assert plan(planner, "痛风发作能吃秋水仙碱吗").kind == "answer"
    hepatitis = plan(planner, "乙肝会遗传给孩子吗")
    assert hepatitis.source["relations"] == ["传播途径"] and "母婴" in hepatitis.reply, hepatitis.reply
    guard = plan(planner, "怎么防着别传给孩子", ["我老公查出肺结核了 已经开始吃药"])
    assert guard.source["type"] == "prevention", guard.reply


def test_a_class_of_drugs_asked_while_taking_one(planner):
    """Second probe: 吃华法林能吃头孢吗 listed what 华法林 treats; its interactions name 头孢菌素类."""
    result = plan(planner, "吃华法林能吃头孢吗")
    assert result.source["type"] == "interaction" and "头孢菌素类" in reply_items(result.reply), result.reply


def test_a_childs_dose_is_never_the_adults(planner):
    """Second probe: 感冒灵颗粒怎么喝 | 小孩呢 repeated the adult dose (一次10克，一日3次) for a child. A
    product not made for children whose usage says nothing of them answers what it says of children,
    or declines; one whose usage does (甲苯咪唑: 2—4岁儿童1片) and a cream (艾洛松) answer as before."""
    swap = plan(planner, "小孩呢", ["感冒灵颗粒怎么喝"])
    assert "10克" not in swap.reply and "儿童" in swap.reply, swap.reply
    tablets = plan(planner, "我家孩子头疼 布洛芬片一次吃几片")
    assert tablets.kind == "decline", tablets.reply
    assert "2—4岁儿童" in plan(planner, "甲苯咪唑咀嚼片 三岁的孩子一次吃几片").reply
    assert plan(planner, "艾洛松一天抹几次啊 给孩子擦湿疹的").source.get("type") == "usage"


def test_a_brand_for_a_child_is_its_childrens_product_or_what_it_says_of_children(planner):
    """Second probe: 仙特明小孩能吃吗 listed what 仙特明 treats; 西替利嗪 has drops for children."""
    assert plan(planner, "仙特明小孩能吃吗").source["entity"] == "盐酸西替利嗪滴剂"


def test_harm_to_an_organ_a_swallowed_coin_and_a_person_as_no_name(planner):
    """Second probe: 布洛芬对胃有伤害吗 was declined though its side effects name the stomach; a child
    who swallowed a coin got not_found; 换成老人呢 read 老人 as a drug the graph lacks."""
    stomach = plan(planner, "布洛芬对胃有伤害吗")
    assert stomach.kind == "answer" and all("胃" in i or "消化" in i for i in reply_items(stomach.reply)), stomach.reply
    assert plan(planner, "孩子把硬币吞下去了").kind == "emergency"
    assert "老人" not in plan(planner, "换成老人呢", ["我老是失眠"]).reply


def test_the_120_line_is_not_repeated_once_the_patient_moved_on(planner):
    """Asked in the terminal: after a stroke told and answered, 乳腺癌是遗传的吗 was answered, then
    感冒灵颗粒怎么喝 got the 120 line again (a remedy after an emergency); the patient had moved on.
    A remedy right after the emergency, or a story that goes on, still gets it."""
    stroke = "我爸突然左边身子麻了 说话也不清楚"
    assert plan(planner, "感冒灵颗粒怎么喝", [stroke, "乳腺癌是遗传的吗"]).kind == "answer"
    assert plan(planner, "季德胜蛇药一次吃几片", ["被蛇咬了 小腿越肿越高"]).kind == "emergency"
    assert plan(planner, "已经五分钟了还没停", ["抽起来了 口吐白沫"]).kind == "emergency"


def test_a_baby_told_before_the_age(planner):
    """Asked in the terminal: 我家宝宝6个月 湿疹用什么药 listed 伤科灵喷雾剂 (the age came after 宝宝)."""
    assert plan(planner, "我家宝宝6个月 湿疹用什么药").kind == "decline"


def test_drugs_for_several_complaints_name_the_most_of_them(planner):
    """Second probe and the web page: 我头疼发烧 | 吃什么药 listed 正天胶囊 and 大黄清胃丸, which name 头痛
    only."""
    drugs = reply_items(plan(planner, "吃什么药", ["我头疼发烧"]).reply)
    assert drugs and all("发热" in "；".join(planner.kg.items(d, "适应症")) for d in drugs), drugs
