"""Phrasings found by dev sets 63 and later, and by asking as a patient: each test names where it came from."""
from kgqa_helpers import plan


def test_a_name_across_an_everyday_word_is_no_name(planner):
    """dev22: 一喘气胸口就疼 held 气胸 (across 喘气) and 腰突然绞着疼 held 腰突 (across 突然); each
    answered that disease instead of the described symptoms. 一躺平 sounded like 益糖平颗粒 (dev65)."""
    for story in ("淋雨后高烧39度多 打寒战 咳嗽 咳铁锈色的痰 一喘气胸口就疼 是什么病",
                  "腰突然绞着疼 一直疼到大腿根 尿是红的 还想吐 是什么病",
                  "一躺平就往上反酸水 吃完饭更明显 这是啥病"):
        described = plan(planner, story)
        assert described.kind == "reverse", (story, described.reply)
        assert not any(name in described.reply for name in ("气胸的", "腰椎间盘突出症的", "益糖平")), story


def test_a_size_likened_to_a_food_names_no_food(planner):
    """dev65: 黄豆那么大 (a lump's size) answered 黄大豆's 功效."""
    lump = plan(planner, "脖子右边摸到个疙瘩 黄豆那么大 按着有点疼 这是啥东西")
    assert "黄大豆" not in lump.reply and lump.source.get("entity") != "黄大豆"
    assert plan(planner, "黄豆能治什么病").source.get("entity") == "黄大豆"  # a food asked about still is one


def test_an_english_name_only_when_asked_in_english(planner):
    """dev62: 中医说阴虚 那西医这叫啥病 answered 阴虚的英文名称：Yin—deficiency."""
    western = plan(planner, "中医说阴虚 那西医这叫啥病")
    assert "Yin" not in western.reply
    assert plan(planner, "阴虚的英文名是什么").source["relations"] == ["英文名称"]


def test_new_emergencies_told_at_length(planner):
    """dev63/64/65: a snake bite with swelling and double vision, a clot to the lung after a long train
    ride, a racing heart with blackouts, a grandchild who swallowed blood-pressure pills."""
    for story in ("我爸在茶园让蛇咬了 脚脖子肿的发紫 一直往上肿 人开始头晕眼花 说看东西重影",
                  "这两天左小腿又肿又疼 刚才突然喘不上气 胸口一吸气就刺着疼 咳出来的痰里还带血丝",
                  "刚才突然心跳快得数都数不过来 胸口闷得厉害 眼前一阵一阵发黑",
                  "我孙子把他奶奶的降压药给吃了 不知道吃了几片 瓶子里少了一大半 现在看着还没事"):
        assert plan(planner, story).kind == "emergency", story
    assert plan(planner, "毒蛇咬了跟没毒的蛇咬了 症状有啥不一样").kind != "emergency"  # asked, not happening


def test_values_read_off_a_report_are_a_doctors_call(planner):
    """dev65: 尿常规 白细胞2+ 潜血1+ … 我这是什么情况 listed 尿常规检查's related diseases; the
    decline offers what the graph holds for a check by its own relation names (not 症状, 功效和适应症)."""
    report = plan(planner, "尿常规 白细胞2+ 潜血1+ 亚硝酸盐阴性 我这是什么情况")
    assert report.kind == "decline" and report.source["type"] == "personal"
    assert "相关疾病" in report.reply and "功效和适应症" not in report.reply


def test_a_childs_dose_is_never_an_adults_products(planner):
    """dev9: 孩子38度5 布洛分混悬液喂几毫升 was answered with 布洛芬缓释片's adult dose (一次1片)."""
    child = plan(planner, "孩子38度5 布洛分混悬液喂几毫升")
    assert child.kind == "decline" and "一次1片" not in child.reply
    assert plan(planner, "布洛芬缓释胶囊一次吃几粒").source["relations"] == ["用法用量"]


def test_dev63_to_65_words_of_the_countryside_and_the_night(planner):
    """Each was declined, or answered with the wrong symptoms, though the words name what the graph holds."""
    assert plan(planner, "搬砖的时候闪了腰 疼的直不起身子 去县医院该挂哪个科").source["entity"] == "急性腰扭伤"
    assert plan(planner, "割麦子的天 哪种人最容易中暑").source["type"] == "population"
    wheeze = plan(planner, "一到后半夜就喘 嗓子里吱吱响跟拉风箱似的 胸口发紧 这是什么病")
    assert wheeze.kind == "reverse" and "哮喘" in wheeze.reply
    stiff = plan(planner, "手指头关节早上起来发僵 又肿又疼 得活动半天才好点 会是啥病")
    assert "晨僵" in stiff.source["entity"] and "咽炎" not in stiff.reply
    shoulder = plan(planner, "肩膀疼 胳膊抬不起来 晚上疼的睡不着 是啥毛病")
    assert "失眠" not in shoulder.source["entity"]  # kept awake by the pain: no insomnia
    assert plan(planner, "我家母猪不吃食还发烧 给它喂点啥药").kind == "chat"
    hot = plan(planner, "快五十了 动不动脸上一阵阵发热 出汗 月经也乱了")
    assert "潮热" in hot.source["entity"] and "伤寒" not in hot.reply


def test_a_third_shared_symptom_does_not_outweigh_a_common_disease(planner):
    """dev21/dev47: 尿频 尿急 尿不干净 listed 混合型颈椎病 first, which lists all three among its 42
    symptoms; 尿路感染 lists them too and is common."""
    urine = plan(planner, "尿频尿急 尿不干净")
    assert urine.kind == "reverse" and urine.reply.split("：")[1].startswith("尿路感染"), urine.reply


def test_a_follow_up_about_listed_symptoms_names_them(planner):
    """Asking as a patient: 嗓子疼 发烧 浑身酸痛 这是什么病 | 会传染吗 got the generic not-found reply,
    which says nothing of what was understood; the graph holds no contagiousness for symptoms."""
    history = ["嗓子疼 发烧 浑身酸痛 这是什么病"]
    follow = plan(planner, "会传染吗", history)
    assert follow.kind == "decline" and "咽痛" in follow.reply and "传染性" in follow.reply
    assert plan(planner, "吃什么药", history).source["type"] == "drug"  # what the graph holds still answers


def test_a_patient_who_may_harm_themselves_gets_the_crisis_wording(planner):
    """dev68: a plan to die told without the words 自杀 or 不想活 (后事 put in order, a sealed room
    with charcoal, a rooftop, a river) got the not-found reply or a list of insomnia's diseases.
    An accident (charcoal for heating) keeps the plain 120 line; a hyperbole is no emergency."""
    for story, history in (("家里的事我都安排好了 银行卡密码也写给我妈了 就想最后问一句 安眠药吃多少片能睡着就不醒了", []),
                           ("我也不想拖累孩子们了 今晚就想去河边找他", ["老伴走了半年了 我天天睡不着"]),
                           ("我现在坐在我们楼顶上 风挺大的 就想找个人说说话", ["高考考砸了 没脸见爸妈"]),
                           ("宿舍门窗缝都用胶带封好了 炭也买好了 就想问问烧炭会不会很痛苦", [])):
        crisis = plan(planner, story, history)
        assert crisis.kind == "emergency" and "120" in crisis.reply and "心理援助" in crisis.reply, story
    accident = plan(planner, "冬天屋里烧炭取暖 我爸妈早上叫不醒 还吐了")
    assert accident.kind == "emergency" and "心理援助" not in accident.reply
    assert plan(planner, "痛经到底是什么原因引起的 每个月都疼得打滚").kind == "answer"


def test_cantonese_as_hong_kong_patients_type_it(planner):
    """dev66 (traditional characters, Cantonese): OpenCC made the characters simplified, but 係咪,
    會唔會, 點樣, 叫極都唔醒 and 透唔到氣 stayed unread: half the emergencies got the not-found reply."""
    for story in ("我阿媽食咗成樽安眠藥 而家叫極都唔醒", "食完花生個嘴腫晒 喉嚨好緊 透唔到氣"):
        assert plan(planner, story).kind == "emergency", story
    nose = plan(planner, "鼻敏感搞咗成十年 日日打乞嚏 會唔會搞到鼻竇炎或者哮喘")
    assert nose.source["entity"] == "过敏性鼻炎" and nose.source["type"] == "complication"
    spread = plan(planner, "呢個病係點樣傳染㗎", ["個女幼稚園話有同學中咗手足口病 成班停課"])
    assert spread.source["relations"] == ["传播途径"]
    assert plan(planner, "醫生 我食藥食咗成個月 有冇問題").kind != "emergency"  # particles alone are no alarm
