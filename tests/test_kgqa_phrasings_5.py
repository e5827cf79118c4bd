"""Phrasings found by dev sets 51 and later, and by asking as a patient: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa_helpers import plan


def test_a_partner_drug_named_without_its_salt_or_prefix(planner):
    """dev42: 倍他乐克 + 左洛复 (盐酸舍曲林片) and 代文 + 络活喜 (苯磺酸氨氯地平片) declined; the items
    name the partner as 舍曲林 and 氨氯地平."""
    sertraline = plan(planner, "精神科给开了左洛复 这俩一块吃有没有冲突", ["我冠心病好几年了 一直吃倍他乐克"])
    assert sertraline.source["type"] == "interaction" and reply_items(sertraline.reply) == ["舍曲林"]
    amlodipine = plan(planner, "代文跟络活喜一起吃可以吗 医生让我俩都吃")
    assert amlodipine.source["type"] == "interaction" and reply_items(amlodipine.reply) == ["氨氯地平"]


def test_who_are_you_says_what_the_bot_can_do(planner):
    """The stop-hook probe: 你是谁，能做什么 got the identity reply, which did not say what the bot does."""
    identity = plan(planner, "你是谁，能做什么")
    assert identity.source["type"] == "identity"
    assert all(word in identity.reply for word in ("CMeKG", "症状", "不良反应", "科室"))


def test_which_department_after_possible_diseases_beside_a_told_one(planner):
    """Left from the last session: 我妈有高血压 手一直哆嗦…这是什么毛病 | 挂什么科 gave 高血压's department
    (the disease she has), not where the listed diseases of the tremor are seen."""
    earlier = ["我妈有高血压 最近手一直哆嗦 拿筷子都抖 这是什么毛病"]
    assert plan(planner, earlier[0]).kind == "reverse"
    department = plan(planner, "挂什么科", earlier)
    assert department.source["entity"] == "震颤" and "就诊科室" in department.source["relations"]
    assert plan(planner, "挂什么科", ["我妈有高血压好多年了"]).source["entity"] == "高血压"  # told only: still hers


def test_emergencies_of_the_new_sets(planner):
    """dev51/52/53/54: each was answered with a list or a shrug instead of the 120 line."""
    stories = [
        ["老太太早上在厕所滑倒了 头磕了一下 当时说没事", "下午开始吐了两回 人越来越迷糊 叫她半天才睁眼"],
        ["我同事把洁厕灵当水喝了一口 嘴里疼 一直吐"],
        ["我爸肺结核 刚才突然一口一口往外咳鲜血 已经咳了小半盆 止不住"],
        ["焦虑抑郁好几年了 真的撑不下去了 药都攒好了 今晚就想全吃了结束"],
        ["吃他巴唑一个多月了", "昨天开始高烧39度多 一直打寒战 嗓子疼得连水都咽不下去"],  # agranulocytosis
        ["8个月宝宝下午开始一阵一阵地哭 吐了两回", "刚才换尿不湿 拉出来的是暗红色的 像果酱一样带黏液"],
        ["3岁孩子趁我不注意 把他奶奶的降压药吃了 药瓶里少了好多片 不知道吃了几片"],
    ]
    for turns in stories:
        assert plan(planner, turns[-1], turns[:-1]).kind == "emergency", turns
    assert plan(planner, "他巴唑有什么副作用 会发烧吗").kind != "emergency"  # asked about, not told
    assert plan(planner, "孩子头磕了一下 起了个包 要紧吗").kind != "emergency"


def test_words_ending_in_tou_and_everyday_words_name_nothing(planner):
    """dev51: 大脚趾头疼 was 头疼 (a headache list for gout); dev52: 多晒晒太阳 named the brand 多晒."""
    toe = plan(planner, "半夜大脚趾头疼醒了 又红又肿 这是咋了")
    assert "头痛" not in toe.source["entity"]
    assert reply_items(plan(planner, "大脚趾头疼 是什么病").reply) == ["痛风"]
    jaundice = plan(planner, "新生儿黄疸高了会怎么样啊 老人说多晒晒太阳就好了 可我听说黄疸太高会伤脑子")
    assert jaundice.source["entity"] == "新生儿黄疸" and jaundice.source["relations"] == ["并发症"]


def test_a_brand_typed_with_a_typo_is_declined_by_its_right_name(planner):
    """dev52: 泰诺琳 (泰诺林, paracetamol) was 泰诺 (酚麻美敏), another drug's dosing; a decline about a
    typo names what was meant (阿斯匹林: 阿司匹林), not the typo nor one product."""
    interval = plan(planner, "那泰诺琳两次之间要隔几个小时", ["孩子发烧 晚上8点吃的泰诺林"])
    assert interval.kind == "decline" and "泰诺林" in interval.reply and "酚麻美敏" not in interval.reply
    stop = plan(planner, "要拔牙 阿斯匹林得停几天")
    assert stop.kind == "decline" and "阿司匹林的" in stop.reply


def test_is_it_the_drug_and_judgements_in_patients_words(planner):
    """dev51-54: 药弄的/药劲/是药的事 ask about a side effect; 值当治吗, 要不要输, 要不要趁暑假去割了,
    哪个退烧效果好 are for the doctor; 跟别的药一起吃 asks for interactions; 闹出啥别的毛病 complications."""
    sleep = plan(planner, "第二天白天晕晕乎乎的 走路打晃 是药劲没过去吗", ["晚上睡不着吃一片舒乐安定"])
    assert sleep.source["entity"] == "舒乐安定" and sleep.source["type"] == "side_effect"
    breasts = plan(planner, "老头子心衰 大夫让吃安体疏通 这俩月他俩乳头胀疼 是药的事不")
    assert breasts.source["type"] == "side_effect" and reply_items(breasts.reply) == ["乳房胀痛"]
    for question, earlier in [("你说她这岁数了还值当治吗", ["俺妈88了 骨质疏松 腰疼"]),
                              ("医生说要输液 要不要输啊 听说小孩输液不好", ["宝宝咳嗽一个星期了"]),
                              ("儿子8岁 包皮有点长 要不要趁暑假去割了", []),
                              ("布洛芬和对乙酰氨基酚 哪个退烧效果好", [])]:
        judged = plan(planner, question, earlier)
        assert judged.kind == "decline" and not reply_items(judged.reply), question
    mixed = plan(planner, "妈咪爱跟别的药一起吃有没有冲突", ["宝宝拉肚子医生开了妈咪爱"])
    assert mixed.source["type"] == "interaction"
    assert plan(planner, "骨质疏松最怕的是啥 会闹出啥别的毛病来").source["relations"] == ["并发症"]


def test_described_symptoms_of_the_new_sets(planner):
    """dev51-54: stories whose symptoms were not read (上吐下泻, 眼白有点黄, 尿是淡红色, 一层层白皮,
    喝好几壶水) got lists for the one word that was (低烧, 红斑, 淡红色 as a symptom)."""
    def words(question, earlier=()):
        return plan(planner, question, list(earlier)).source["entity"].split("、")
    assert {"呕吐", "腹泻", "水样便"} <= set(words("孩子昨天晚上开始上吐下泻 拉的跟水一样 还有点低烧 可能是什么病"))
    assert {"右上腹痛", "巩膜黄染"} <= set(words("右上腹隐隐地疼 照镜子发现眼白有点黄 这是什么病"))
    colic = plan(planner, "昨天半夜右边腰一阵一阵绞着疼 可尿是淡红色的 这是啥情况")
    assert colic.source["entity"] == "肾绞痛、血尿" and "肾结石" in reply_items(colic.reply)
    assert "鳞屑" in words("身上起了好几块红斑 上面一层层白皮 一刮就掉渣 这是啥皮肤病")
    assert "多饮" in words("嘴里老干 一天喝好几壶水 这是啥毛病", ["我爸最近晚上起夜三四回"])


def test_may_i_give_it_to_an_infant_or_take_someone_elses(planner):
    """dev52/54: 宝宝才5个月…能不能吃小快克 got what it treats; so did 能不能吃我妈的阿普唑仑; a grown-up's
    cough syrup for a toddler got 咳嗽's possible diseases."""
    for question, earlier in [("宝宝才5个月 鼻塞流鼻涕有点低烧 能不能吃小快克", []),
                              ("失眠 能不能吃我妈的阿普唑仑 一次吃半片", []),
                              ("家里大人喝的止咳糖浆能给他喝点不", ["孩子两岁半 咳嗽好几天了"])]:
        judged = plan(planner, question, earlier)
        assert judged.kind == "decline" and judged.source["type"] == "take_drug" and not reply_items(judged.reply)
    assert plan(planner, "小快克有什么副作用").kind == "answer"  # the drug itself is still answered


def test_unknown_products_and_a_stopped_drug(planner):
    """dev52: 艾畅 就是那个小儿伪麻美芬滴剂 (a name the graph lacks) got 鼻塞's diseases; 替诺福韦 is the
    graph's 富马酸替诺福韦二吡呋酯片; 自己把替诺福韦停了…有没有事 asks about stopping, not its side effects."""
    assert plan(planner, "艾畅 就是那个小儿伪麻美芬滴剂 一岁的宝宝鼻塞能用吗").kind == "not_found"
    stopped = plan(planner, "我老公嫌麻烦 自己把替诺福韦停了半个月了 有没有事")
    assert stopped.source["entity"] == "富马酸替诺福韦二吡呋酯片" and stopped.source["type"] == "stop_drug"
    assert plan(planner, "我这个焦虑症还能好吗 感觉一辈子都这样了").source["type"] == "personal"


def test_everyday_symptoms_list_no_emergency_room_diseases_first(planner):
    """Reverse lists for one everyday symptom put 狂犬病 (seen only in the emergency room) second for
    失眠, 过敏性休克 among 声音嘶哑's; 失眠是什么病引起的 got 睡眠障碍's symptom list."""
    hoarse = reply_items(plan(planner, "嗓子哑了好几天 这是啥问题").reply)
    assert "喉炎" in hoarse and "过敏性休克" not in hoarse
    low = reply_items(plan(planner, "这半年情绪一直很低落，对什么都提不起兴趣，睡不好还总觉得累，这是怎么了").reply)
    assert "抑郁症" in low and "狂犬病" not in low
    caused = plan(planner, "失眠是什么病引起的")
    assert caused.source["type"] == "cause"


def test_a_food_with_a_drug_is_answered_when_its_cautions_name_it(planner):
    """dev53's helper: 硫酸亚铁片 with 浓茶 (its caution 本品不应与浓茶同服) was 卡比多巴 (its only
    interaction) or a diet decline; a food no caution names is still declined."""
    tea = plan(planner, "硫酸亚铁片能和浓茶一起喝吗")
    assert tea.source["relations"] == ["注意事项"] and reply_items(tea.reply) == ["本品不应与浓茶同服"]
    assert "浓茶" in plan(planner, "医生开了硫酸亚铁片 我平时爱喝浓茶 能一起喝吗").reply
    milk = plan(planner, "布洛芬能和牛奶一起吃吗")
    assert milk.kind == "decline" and milk.source["type"] == "diet"


def test_what_happens_after_a_shot_is_the_vaccines(planner):
    """dev52: 打水痘疫苗 | 打完一般会有什么反应 会发烧吗 listed 发热's possible diseases."""
    shot = plan(planner, "打完一般会有什么反应 会发烧吗", ["明天带孩子去社区打水痘疫苗"])
    assert shot.source["entity"] == "水痘减毒活疫苗" and shot.source["type"] == "side_effect"


def test_a_symptom_only_one_disease_lists_puts_it_first(planner):
    """dev55/56 (and dev18, dev30, dev46, dev51 before): the big toe's joint red and swollen overnight
    listed 足癣 and 乳突炎 for 红肿, never 痛风; 像奶块 in a baby's mouth listed 鹅口疮 fourth."""
    for story in ["脚大拇指根那突然红肿 疼得碰都不能碰 半夜疼醒的", "半夜大脚趾根那儿红肿热痛 被子碰一下都疼"]:
        assert reply_items(plan(planner, story).reply)[0] == "痛风", story
    thrush = plan(planner, "宝宝嘴里面颊上有一块一块白色的东西 像奶块 拿棉签擦不掉 吃奶的时候哭闹 这是啥")
    assert reply_items(thrush.reply)[0] == "鹅口疮"
    stiff = reply_items(plan(planner, "婆婆两只手的手指关节都肿 左右对称的 早上起来手发僵 这是什么病").reply)
    assert "关节炎" in stiff[:2]  # 发僵 is listed by three diseases only, yet no rare sign: not first


def test_brands_that_are_everyday_words_and_more_patient_phrasings(planner):
    """dev55: 朋友海外代购的保法止 answered 利咽灵片's dosing (海外 is one of its brands); dev56: 打架 for
    drugs that clash, 打太极拳 for exercise, 连带出哪些病 for complications."""
    bought = plan(planner, "朋友海外代购的保法止 治脱发的 这个一天吃几片")
    assert "利咽灵" not in bought.reply and bought.source.get("mention") == "保法止"
    clash = plan(planner, "心衰合并房颤 在吃华法令 哪些药会跟它打架 我怕吃错")
    assert clash.source["entity"] == "华法林钠片" and clash.source["type"] == "interaction"
    assert plan(planner, "类风湿关节疼 还能打太极拳吗").source["type"] == "exercise"
    assert plan(planner, "血压高了十几年了 时间长了会连带出哪些病").source["relations"] == ["并发症"]


def test_a_walk_that_hurts_the_calves_is_claudication(planner):
    """dev56 (and dev29, dev37 before): 走一段路小腿就疼…歇一歇又好了 was not read (a shrug), and beside
    两只脚冰凉 listed 新生儿休克 for a diabetic adult."""
    calves = plan(planner, "最近两只脚冰凉 走一段路小腿就疼得得歇会儿 歇一歇又好了 这是咋回事", ["糖尿病好些年了"])
    assert "间歇性跛行" in calves.source["entity"] and reply_items(calves.reply)[0] == "糖尿病足"


def test_self_limiting_splitting_a_tablet_and_a_drug_to_dissolve_it(planner):
    """dev55/56: 不吃药扛几天自己也能好 got cold drugs (its 预后状况 is 自限性); 能不能掰开吃 got side
    effects (its caution says 不得咀嚼或掰开); B超说胆囊息肉 有没有药 got the checks."""
    assert plan(planner, "普通感冒是不是不吃药扛几天自己也能好").source["relations"] == ["预后状况"]
    split = plan(planner, "二甲双胍肠溶片能不能掰开吃啊 我妈岁数大了咽不下去")
    assert "掰开" in split.reply and split.source["relations"] == ["注意事项"]
    polyp = plan(planner, "B超说胆囊息肉 有没有药能把它吃掉")
    assert polyp.kind == "decline" and polyp.source["type"] == "drug"


def test_no_department_voted_by_the_unlikely_when_the_likeliest_has_none(planner):
    """Asked as a patient in the terminal: …大脚趾头疼醒了 又红又肿 | 那要挂什么科 answered 皮肤科；耳鼻喉科,
    voted by 足癣 and 乳突炎 behind 痛风, which has no department in the graph."""
    where = plan(planner, "那要挂什么科", ["我爸七十多了 这两天半夜大脚趾头疼醒了 又红又肿 这是啥毛病"])
    assert "耳鼻" not in where.reply and "皮肤科" not in where.reply


def test_found_in_the_web_page_an_earlier_drug_is_the_partner_and_bleeding_that_wont_stop(planner):
    """Asked as a patient in the web page: 我妈吃华法林…刷牙出血止不住 要紧吗 got 华法林's side effects
    (bleeding that will not stop on an anticoagulant needs care now); then 她最近还在吃甲硝唑 这俩一起吃
    有影响吗 got 甲硝唑含片's interaction with 苯妥英钠, not what it says about 华法林."""
    told = "我妈吃华法林 今天牙龈出血 刷牙出血止不住 要紧吗"
    assert plan(planner, told).kind == "emergency"
    both = plan(planner, "她最近还在吃甲硝唑 这俩一起吃有影响吗", ["我妈吃华法林 今天牙龈有点出血 要紧吗"])
    assert reply_items(both.reply) == ["甲硝唑"] and both.source["entity"] == "华法林钠片"
    assert plan(planner, "刷牙的时候牙龈出血 是什么原因").kind != "emergency"
    assert plan(planner, "牙龈出血止不住怎么办").kind != "emergency"  # not on an anticoagulant (test_kgqa_phrasings_1)


def test_replacing_a_lost_card_is_not_medical_whatever_came_before(planner):
    """Asked as a patient in the web page: …甲硝唑 这俩一起吃有影响吗 | 医保卡丢了怎么补办 declined
    about 甲硝唑's costs."""
    card = plan(planner, "医保卡丢了怎么补办", ["她最近还在吃甲硝唑 这俩一起吃有影响吗"])
    assert card.kind == "chat" and card.source["type"] == "not_medical"


def test_a_treatment_besides_drugs_is_not_answered_with_drugs(planner):
    """dev54: 焦虑 不太想吃药 除了吃药还有啥别的治疗办法 listed 焦虑症's drugs."""
    besides = plan(planner, "焦虑 不太想吃药 除了吃药还有啥别的治疗办法")
    assert besides.kind == "decline" and not reply_items(besides.reply)
    assert plan(planner, "高血压除了吃药还有什么治疗办法").source["relations"] == ["辅助治疗"]
