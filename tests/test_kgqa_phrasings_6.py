"""Phrasings found by dev sets 57 and later, and by asking as a patient: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa_helpers import plan


def test_described_symptoms_then_is_it_a_disease_is_a_doctors_call(planner):
    """The stop-hook probe: 口干多尿 是不是糖尿病 got 糖尿病的常见症状：多尿, which reads as a yes; only
    a doctor (a blood-sugar test) can tell. A question asked of the name still gets its answer."""
    feared = plan(planner, "口干多尿 是不是糖尿病")
    assert feared.kind == "decline" and feared.source["type"] == "personal" and "内分泌科" in feared.reply
    assert plan(planner, "我手老抖 是不是帕金森啊").source["type"] == "personal"
    asked = plan(planner, "是不是帕金森啊 帕金森有什么症状")
    assert asked.kind == "answer" and asked.source["type"] == "symptom"


def test_obstetric_emergencies_told_in_patients_words(planner):
    """dev57: bleeding with a hardening belly at 33 weeks, and the cord slipping out after the
    waters broke, got the not-found reply."""
    for story in ("孕33周 半小时前肚子突然一阵阵发硬 疼得厉害 下面一直在流血 裤子都湿透了 老公还在路上",
                  "孕38周在家 羊水突然破了 然后感觉下面有东西滑出来 摸着像根软软的带子 还一跳一跳的"):
        assert plan(planner, story).kind == "emergency", story


def test_new_sets_symptom_words_and_everyday_words(planner):
    """dev58/59/60: 挠出血 was 脑出血 (a homophone) and gave its causes; 乳头 and 鼻翼 were described
    symptoms (沙眼病, 淋菌性尿道炎 listed); 像柏油一样 (now an emergency) and 都是稀水 were no
    symptoms at all; an act that sets a symptom off (一咳嗽一打喷嚏就漏尿) listed colds and 颈椎病."""
    scratched = plan(planner, "我爸身上痒得厉害 天天挠 胳膊腿都挠出血道子了 也没起啥疹子 这是咋回事")
    assert scratched.kind == "reverse" and scratched.source["entity"] in ("瘙痒症", "皮肤瘙痒")
    nipple = plan(planner, "不是哺乳期 最近发现挤乳头会有淡黄色的水流出来 右边比较明显 是什么原因")
    assert nipple.source["entity"] == "乳头溢液"
    tarry = plan(planner, "可能是什么病", ["最近老是拉黑色的大便 像柏油一样 胃还隐隐地疼"])
    assert tarry.kind == "emergency"  # tarry stools are a bleeding stomach or gut until a doctor says not
    watery = plan(planner, "肚子疼了两天了 一天拉七八回 都是稀水 这是咋了")
    assert any(word in watery.source["entity"] for word in ("腹泻", "水样便"))
    leaking = plan(planner, "我妈一咳嗽一打喷嚏就漏尿 憋都憋不住 这是啥病啊")
    assert not any(w in leaking.reply for w in ("颈椎病", "鼻炎", "上呼吸道感染"))


def test_a_herb_is_the_herb_of_its_own_name(planner):
    """dev60: 蒲公英泡水喝有啥禁忌 answered 剪刀股's (a plant also called 蒲公英): 蒲公英 has no 禁忌."""
    dandelion = plan(planner, "蒲公英泡水喝有啥禁忌吗 啥人不能喝")
    assert dandelion.kind == "decline" and dandelion.source["entity"] == "蒲公英"


def test_new_sets_questions_that_are_no_list(planner):
    """dev58/59/60: each got another relation's facts or a list of diseases."""
    assert plan(planner, "我妈八十了 晚上睡不着 能不能给她吃点安定").kind == "decline"
    assert plan(planner, "老家那边都说输液通血管 每年春秋各输一次能预防脑梗 这个靠谱吗").kind == "decline"
    assert plan(planner, "降压药我想掰一半吃 行不行", ["最近老觉得头晕 量了血压有点低"]).kind == "decline"
    assert plan(planner, "能一天吃两片吗", ["荨麻疹太痒了 氯雷他定一天一片压不住"]).kind == "decline"
    assert plan(planner, "我这样下去会不会聋啊", ["耳鸣两个礼拜了 还没好"]).kind == "decline"
    assert plan(planner, "脱发的人能撸铁吗 听说练肌肉雄激素高会更秃").kind == "decline"
    report = plan(planner, "上面写着 多发腔隙性脑梗死 脑白质脱髓鞘 这个严重吗 我妈啥感觉也没有")
    assert report.source["type"] == "personal"  # 啥感觉也没有 asks for no symptoms
    melatonin = plan(planner, "这玩意吃久了会不会依赖啊", ["最近睡不着 每天睡前吃一颗褪黑素"])
    assert melatonin.kind == "not_found" and melatonin.source["unknown"] == "褪黑素"


def test_new_sets_the_relation_a_drug_question_points_at(planner):
    """dev59: 要注意啥…褶子的地方能涂不 gave 维A酸乳膏's indications (能涂 read as 能吃吗); 一起吃要注意啥
    会跟地西泮冲突不 gave 禁忌; 口臭 跟这个有关吗 gave causes."""
    folds = plan(planner, "网上买了维A酸乳膏 用的时候要注意啥 鼻翼两边那种褶子的地方能涂不")
    assert folds.source["relations"] == ["注意事项"] and "皱折" in folds.reply
    partner = plan(planner, "它和别的药一起吃要注意啥 会跟地西泮冲突不", ["胃老反酸 医生开了奥美拉唑肠溶胶囊"])
    assert partner.source["type"] == "interaction"
    breath = plan(planner, "慢性扁桃体炎一般有啥表现啊 我还老口臭 跟这个有关吗")
    assert breath.source["type"] == "symptom" and "口臭" in breath.reply


def test_a_drug_then_drink_then_breathless_is_an_emergency(planner):
    """dev59: 吃了头孢…喝了几杯 | 脸通红 胸口闷得喘不上气 got a list of heart diseases; asking about
    the reaction before it happens is no emergency."""
    assert plan(planner, "现在脸通红 胸口闷得喘不上气 心跳特别快 感觉要晕了",
                ["晚饭前吃了头孢 刚才聚餐喝了几杯"]).kind == "emergency"
    assert plan(planner, "头孢和酒一起会怎么样 听说会喘不上气").kind != "emergency"


def test_one_of_two_diseases_asks_which_the_symptoms_point_to(planner):
    """dev57/60: 是感冒还是鼻炎 after described symptoms listed 上呼吸道感染's symptoms (如喷嚏 among them),
    which reads as "a cold"; the diseases those symptoms point to answer it. 严重吗 stays personal."""
    either = plan(planner, "这两天一直打喷嚏流鼻涕 鼻子堵得慌 嗓子也干 是感冒还是鼻炎啊")
    assert either.kind == "reverse" and "鼻塞" in either.source["entity"]
    other = plan(planner, "还老打喷嚏 这是感冒了还是别的啥", ["嗓子疼 鼻子堵 流清鼻涕"])
    assert other.kind == "reverse" and "咽痛" in other.source["entity"]
    assert plan(planner, "我脸上这些红疙瘩，你看我这个是痤疮还是酒渣鼻？严重吗").kind == "decline"


def test_a_question_the_patient_only_reports_and_pcos_in_words(planner):
    """dev58: 记不清叫啥名 made 治青光眼的眼药水一般有哪些 an alias question (青光眼's English name);
    dev57: 大姨妈两三个月才来一回…痘痘…小胡子…体重往上涨 gave 痤疮's causes; 艾滋窗口期 was 艾滋病."""
    drops = plan(planner, "我妈青光眼好几年了 一直点眼药水 快用完了 记不清叫啥名 治青光眼的眼药水一般有哪些")
    assert drops.source["type"] == "drug" and "滴眼液" in drops.reply
    pcos = plan(planner, "大姨妈两三个月才来一回 脸上痘痘一茬接一茬 嘴唇上面还长了小胡子 体重也一直往上涨 这是啥毛病")
    assert pcos.kind == "reverse" and reply_items(pcos.reply)[0] == "多囊卵巢综合征"
    assert plan(planner, "艾滋窗口期一般会有什么症状").source["entity"] == "艾滋病窗口期"


def test_sections_named_after_the_disease_answer_nothing(planner):
    """Asked as a patient: 痘痘怎么治 answered 痤疮的治疗：日常护理；痤疮治疗的常用方法；痤疮的分级治疗…,
    a table of contents."""
    acne = plan(planner, "痘痘怎么治")
    assert not any(item.endswith(("方法", "分级治疗", "维持治疗")) or item == "日常护理"
                   for item in reply_items(acne.reply))


def test_womens_health_in_patients_words(planner):
    """dev57: each was declined though the graph answers it: a told 同房/性生活 or 泡脚 made the question
    about lifestyle or remedies, 要不要停奶 about stopping the drug, and 腺肌症, 巴氏腺炎, 滴虫, 纤维腺瘤
    linked to nothing (巴氏腺炎 to the Pap smear)."""
    assert plan(planner, "宫颈癌到底是怎么得的 听说跟性生活有关 是真的吗").source["type"] == "cause"
    assert plan(planner, "宫寒痛经 朋友让我用艾叶泡脚 艾叶有啥作用").source["relations"] == ["功效"]
    fishy = plan(planner, "白带发灰 稀稀的 有股很冲的鱼腥味 同房完味道更大 这是啥炎症啊")
    assert fishy.kind == "reverse" and "细菌性阴道炎" in reply_items(fishy.reply)
    nursing = plan(planner, "多潘立酮哺乳期可以吃吗 吃了要不要停奶", ["产后胃胀 吃啥都不消化"])
    assert nursing.kind == "answer" and "哺乳" in nursing.reply
    assert plan(planner, "这药有啥禁忌 要是怀上了还能接着吃吗", ["医生用来曲唑给我促排"]).source["type"] == "contraindication"
    assert plan(planner, "现在查出来腺肌症 跟以前做人流有关系吗").source["entity"] == "子宫腺肌病"
    assert plan(planner, "听说是巴氏腺炎 这个挂哪个科").source["entity"] == "前庭大腺炎"
    assert plan(planner, "查出来是滴虫 这个一般都用啥药治").source["entity"] == "滴虫性阴道炎"


def test_no_emergency_for_pale_skin_or_soaked_toes(planner):
    """dev59/60: 皮泡得发白 (athlete's foot) and 脸色煞白…蹲下再站起来就头晕 got the 120 line: white skin is a
    burn's sign only after a burn, a pale face an emergency only with collapse or bleeding."""
    toes = plan(planner, "脚趾缝一直痒 还脱皮 皮泡得发白软软的 这是啥")
    assert toes.kind == "reverse" and reply_items(toes.reply) == ["足癣"]
    assert plan(planner, "蹲下再站起来就头晕 这是啥原因", ["脸色煞白 一点劲都没有"]).kind == "reverse"
    assert plan(planner, "开水烫了一大块 皮都发白了 不怎么疼").kind == "emergency"
    assert plan(planner, "他吐了好多血 脸色煞白 叫他也不怎么应").kind == "emergency"


def test_a_homophone_of_two_names_is_the_one_it_can_be_a_typo_of(planner):
    """dev58: 华发林 sounds like 华法林 and like the brand 华法令; only the brand was tried, two characters off,
    so 华发林 linked nothing and 甲硝唑 was asked about with 房颤."""
    both = plan(planner, "我爸房颤一直在吃华发林 这两天牙龈发炎肿了 村卫生室给开了甲硝唑 这俩药能一块吃不")
    assert both.source["entity"] == "华法林钠片" and reply_items(both.reply) == ["甲硝唑"]


def test_described_then_which_disease_in_other_words(planner):
    """dev58/60: 抖得最厉害 asked for the best hospital; 这会是啥病 took 这会 for an unknown name; 会不会是啥传染病
    asked whether something is contagious; each after described symptoms."""
    assert plan(planner, "我妈右手老抖 坐着不动看电视的时候抖得最厉害 拿东西反倒好点 这是咋回事").kind == "reverse"
    joints = plan(planner, "这会是啥病", ["手指头关节肿 早上起来僵得握不了拳 得活动半天才好"])
    assert joints.kind == "reverse" and "晨僵" in joints.source["entity"]
    child = plan(planner, "会不会是啥传染病", ["孩子发烧 嘴里长了好几个小泡泡 手心脚心也有红点点"])
    assert child.kind == "reverse"


def test_a_drug_it_is_compared_with_is_not_the_subject(planner):
    """Left from the last session (dev52): 速福达…就是那个玛巴洛沙韦…比奥司他韦方便 answered 奥司他韦's
    indications; the drug asked about is one the graph lacks."""
    compared = plan(planner, "速福达孩子能吃吗 就是那个玛巴洛沙韦 说吃一次就行 比奥司他韦方便")
    assert compared.kind == "not_found" and compared.source["unknown"] == "玛巴洛沙韦"
    why = plan(planner, "为什么小孩子这么容易得中耳炎啊 是不是躺着喝奶的原因")
    assert why.source["type"] == "cause"  # not who gets it (儿童)


def test_a_kind_of_a_disease_the_graph_lacks_is_not_the_disease(planner):
    """Left from the last session (dev52): 什么是生理性腹泻 answered 腹泻's symptoms; 生理性腹泻 is no disease."""
    for question, name in (("什么是生理性腹泻啊 宝宝4个月纯母乳 一天拉五六次", "生理性腹泻"),
                           ("功能性腹泻是什么病 怎么治", "功能性腹泻"),
                           ("心电图报告写窦性心律不齐，这是什么病？", "窦性心律不齐")):
        lacking = plan(planner, question)
        assert lacking.kind == "not_found" and lacking.source["unknown"] == name, question
    assert plan(planner, "慢性腹泻是怎么回事").kind == "answer"  # the graph holds 慢性腹泻
    assert plan(planner, "急性腹泻是怎么回事").source.get("entity") == "腹泻"  # 急性/慢性 qualify no new name


def test_kept_awake_by_a_symptom_is_no_insomnia(planner):
    """Left from the last session: 疼得睡不着 and 痒得睡不着 added 失眠 to the described symptoms, and the
    diseases of 失眠 (狂犬病, 睡眠障碍) to the list."""
    shoulder = plan(planner, "胳膊抬不起来 穿衣服梳头都费劲 晚上疼得睡不着 这是什么病", ["我妈肩膀疼了两三个月了"])
    assert shoulder.kind == "reverse" and "失眠" not in shoulder.source["entity"]
    assert "失眠" in plan(planner, "晚上老睡不着 是什么病").source["entity"]


def test_emergencies_of_dev61_and_dev62(planner):
    """dev61/62: fresh blood vomited after drinking, priapism after a blue pill, aconite wine, wild mushrooms
    with confusion: each got a list or a shrug."""
    stories = [["昨晚喝大了 早上起来吐了好几口鲜红的血 现在一站起来眼前就发黑"],
               ["吃了那个蓝色小药片 已经硬了五六个小时了 一直消不下去 还越来越疼"],
               ["听人说草乌泡酒治风湿 我爸自己泡了喝了一小杯 现在说嘴巴舌头发麻 心跳乱蹦 一直冒冷汗"],
               ["邻居老太太前天上山采了野蘑菇", "今天中午炒着吃了 现在又吐又拉 叫她都有点不清醒了"]]
    for turns in stories:
        assert plan(planner, turns[-1], turns[:-1]).kind == "emergency", turns


def test_dev61_and_dev62_questions_in_their_words(planner):
    """dev61/62: 提前多久吃 got 希爱力's indications; 还能照常吃吗 the drugs for 高血压; 快走…合适不 a list of
    diseases; 哪个中医院 the headings of 不孕症's treatment; 脉弦细…说明我身体咋样 a list; 还会引起别的啥病
    痛风's causes; 卡着个东西 and 尿的颜色发红 were no symptoms."""
    assert plan(planner, "希爱力要提前多久吃才管用").kind == "decline"  # it has no 用法用量
    assert plan(planner, "昨晚喝了半斤白酒 今早的降压药还能照常吃吗").kind == "decline"
    assert plan(planner, "那我每天早上出去快走半个钟头出出汗 合适不", ["中医说我阳虚 特别怕冷"]).kind == "decline"
    assert plan(planner, "广州哪个中医院调理不孕比较好 有推荐的老中医吗").source["type"] == "hospital"
    assert plan(planner, "老中医给我把完脉说我宫寒 宫寒一般都会有些啥表现啊").source["type"] == "symptom"
    assert plan(planner, "病历上写着脉弦细 舌红少苔 这说明我身体咋样啊").kind == "decline"
    assert plan(planner, "痛风时间长了会不会把肾搞坏 还会引起别的啥病").source["type"] == "complication"
    assert "咽部异物感" in plan(planner, "嗓子里老感觉卡着个东西 咳又咳不出来 咽也咽不下去").source["entity"]
    assert "血尿" in plan(planner, "一直疼到大腿根 刚才尿的颜色发红 这是什么", ["上午开会左边腰突然绞着疼"]).source["entity"]


def test_a_drink_named_with_a_drug_is_looked_up_in_its_cautions(planner):
    """dev62: 吃参苓白术散的时候还能喝茶不 got its indications: 能喝 took the characters of 喝茶, so no food
    was seen and 能喝 was read as may-I-take-it."""
    tea = plan(planner, "吃参苓白术散的时候还能喝茶不 我是一天都离不开茶")
    assert tea.source["relations"] == ["注意事项"] and "茶" in tea.reply
    none = plan(planner, "吃这个药的时候能喝茶吗 萝卜能吃不", ["我在吃归脾丸"])
    assert none.kind == "decline" and none.source["entity"] == "归脾丸"  # its cautions name neither


def test_no_emergency_for_a_fissure_and_no_herb_in_a_phrase(planner):
    """dev61: 一拉肛门就像撕裂一样疼 (a fissure) got the 120 line; dev62: 半天起不来 sounded like 田七补 (田七补丸)."""
    fissure = plan(planner, "便秘好几天 一拉肛门就像撕裂一样疼 纸上还有血丝")
    assert fissure.kind == "reverse" and "便血" in fissure.source["entity"]
    assert plan(planner, "胸口突然像撕裂一样疼 后背也疼").kind == "emergency"
    ankles = plan(planner, "这两天脚脖子肿了 一按一个坑 半天起不来 这是啥病", ["我奶奶八十了 腿脚一直不太好"])
    assert ankles.kind == "reverse" and "田七" not in ankles.reply


def test_dev61_and_dev62_answers_in_their_words(planner):
    """dev61/62: each was declined though the graph answers it."""
    assert plan(planner, "痛风一般疼哪儿 是不是只会疼大脚趾").source["type"] == "body_part"
    assert plan(planner, "马应龙痔疮膏里头真有麝香吗").source["relations"] == ["成份"]
    assert plan(planner, "这东西是补啥的", ["朋友送了点锁阳 让泡酒喝"]).source["relations"] == ["功效"]
    assert plan(planner, "那方面硬度不够 时间也短 可能是什么问题", ["说出来有点丢人"]).kind == "reverse"
    tired = plan(planner, "天天加班 浑身没劲 吃啥都不香 看见油腻的就恶心")
    assert tired.kind == "reverse" and "厌油腻" in tired.source["entity"]
    herbs = plan(planner, "它里头都有啥药啊 是不是有枸杞和菊花", ["我眼睛老花 想买杞菊地黄丸"])
    assert herbs.source["relations"] == ["成份"]
    assert "蜂蜡" not in plan(planner, "脸色蜡黄蜡黄的 是哪里出了毛病", ["孩子五岁"]).reply  # 黄蜡 is 蜂蜡's alias


def test_a_finding_told_after_the_disease_is_no_subject(planner):
    """dev61: 痔疮又犯了 有点出血 用什么药好 listed the drugs for any bleeding (肝素, 比伐卢定); the
    bleeding is the piles'. A department question keeps the finding's organ (糖尿病眼底出血 is the eyes')."""
    piles = plan(planner, "痔疮又犯了 有点出血 用什么药好")
    assert piles.source["entity"] == "痔" and "肝素" not in piles.reply
    assert plan(planner, "糖尿病眼底出血了 挂眼科还是内分泌科").source.get("entity") != "糖尿病"


def test_a_class_of_drugs_is_named_in_its_decline(planner):
    """The stop-hook probe: 头孢和酒一起会怎样 got 知识库中没有饮食宜忌方面的信息, naming nothing it understood."""
    drink = plan(planner, "头孢和酒一起会怎样")
    assert drink.kind == "decline" and "头孢" in drink.reply
