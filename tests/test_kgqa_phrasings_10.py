"""Phrasings found by dev sets 85 and later: each test names where it came from."""
from kgqa_helpers import assert_emergencies, plan


def test_emergencies_of_drugs_babies_pregnancy_and_sport(planner):
    """dev85-87: anaphylaxis after amoxicillin asking about an antihistamine, hypoglycaemia on a
    sulfonylurea, a toddler who ate a grandparent's tablets, eclampsia, a baby who cannot be woken,
    near-drowning in a bath, rhabdomyolysis after leg day, an open fracture."""
    assert_emergencies(planner, ("刚吃了阿莫西林十来分钟 全身起红疙瘩 现在胸口闷 喘气费劲 开瑞坦能止痒吗",
                                 "老公糖尿病 早上吃了格列美脲没吃饭 现在浑身冒冷汗 叫他也不怎么应 这个药中午还吃吗",
                                 "两岁的娃把他爷爷的降压药翻出来了 好像吃了好几片 现在有点蔫",
                                 "孕32周 头疼得厉害 眼睛看东西模糊 脚肿得老高 刚才还抽了一下",
                                 "两个月的宝宝发烧38.5 不吃奶 一直睡 怎么弄都不醒",
                                 "宝宝在澡盆里呛水了 捞起来没哭 脸发青 现在才刚有点哼哼 想问洗澡水温多少度合适",
                                 "练腿日练太猛了 两天后尿变成酱油色 大腿肿得硬邦邦 疼得不行 蛋白粉还要继续喝吗",
                                 "踢球被铲 小腿骨头都顶出来了 血流了一地 队友问要不要先喷点云南白药"))
    # hives that say no breathlessness are no emergency; nor is a cramp in pregnancy
    hives = plan(planner, "晚上吃完海鲜身上起了一片片红疙瘩 痒得要命 没有喘不上气 嘴也没肿")
    assert hives.kind != "emergency", hives.reply
    assert plan(planner, "孕30周 腿抽筋怎么办").kind != "emergency"


def test_first_aid_during_an_emergency_told_over_two_messages(planner):
    """dev86: a seizure, then 已经五分钟了还没停, then 要不要往她嘴里塞毛巾 (was a bare not-found)."""
    seizure = ["室友刚才突然抽起来了 口吐白沫", "已经五分钟了还没停"]
    assert plan(planner, "要不要往她嘴里塞毛巾", seizure).kind == "emergency"


def test_why_do_i_have_a_symptom_asks_its_causes(planner):
    """dev86: 到底为啥会脱发 listed diseases mentioning 脱发 (子宫内膜癌, 破伤风) instead of its causes."""
    for question in ("为啥会脱发", "才22就发际线疯狂后移 头顶也稀了 到底为啥会脱发啊"):
        reply = plan(planner, question)
        assert reply.kind == "answer" and reply.source["relations"] == ["常见病因"], reply.reply
        assert "子宫内膜癌" not in reply.reply


def test_a_babys_symptoms_list_no_cancers_or_aids(planner):
    """dev85/dev15: a baby sweating at night and crying listed 淋巴瘤, 艾滋病, 肺癌."""
    reply = plan(planner, "宝宝睡觉出汗多 爱哭 总是不高兴 可能是什么病")
    assert reply.kind == "reverse", reply.reply
    assert not any(w in reply.reply for w in ("癌", "淋巴瘤", "艾滋病")), reply.reply


def test_an_organ_with_erosion_is_a_finding_the_graph_lacks(planner):
    """dev85: 宫颈糜烂是什么原因引起的 listed diseases whose symptoms mention 宫颈 (淋巴瘤, 淋病)."""
    reply = plan(planner, "宫颈糜烂是什么原因引起的")
    assert reply.kind != "reverse" and "淋巴瘤" not in reply.reply, reply.reply


def test_a_dose_for_a_stated_age_or_weight_is_the_doctors_call(planner):
    """dev86/88: 我八十公斤 布洛芬一次吃几片 and 我才19 可以吃非那雄胺吗 read off the leaflet; a
    plain 一次吃几片 still does, and so does a child's question about a child's product."""
    for question in ("我八十公斤 布洛芬一次吃几片", "我一米六 50公斤 布洛芬一次吃几颗 牙疼的要死",
                     "我才19 可以吃非那雄胺吗"):
        reply = plan(planner, question)
        assert reply.kind == "decline" and reply.source["type"] == "take_drug", (question, reply.reply)
    assert plan(planner, "布洛芬一次吃几片").source.get("relations") == ["用法用量"]
    assert plan(planner, "乳酸菌素片小孩子一次吃几片 一天几次 孩子4岁").kind == "answer"


def test_personal_questions_about_drugs_and_contagion(planner):
    """dev86-88: choosing between two products answered one's side effects; 是不是不管用, 开个处方,
    还是先扛一扛 answered what the drug treats; 我是不是已经被传上了 answered 结核病 is contagious;
    娃烧到39度2 要紧不 listed diseases with fever."""
    for question in ("泰尔丝和达芙文哪个效果好 选哪个", "连花清瘟吃了三天 还是咳 是不是不管用啊",
                     "能不能帮我开个处方 我想买阿莫西林 药店说要处方", "烧到37度8 可以吃连花清瘟不 还是先扛一扛",
                     "老公查出肺结核 我天天跟他睡一张床 我是不是已经被传上了", "娃烧到39度2 要紧不"):
        reply = plan(planner, question)
        assert reply.kind == "decline", (question, reply.reply)
    assert plan(planner, "肺结核会传染吗").kind == "answer"


def test_what_to_do_to_prevent_is_prevention(planner):
    """dev88: 伤口该咋处理才能预防狂犬病 answered 狂犬病's drugs."""
    for question in ("刚被自家猫抓了一下 流了点血 伤口该咋处理才能预防狂犬病",
                     "被邻居家狗抓了一下 伤口该咋处理 狂犬病要怎么预防"):  # dev67 too
        reply = plan(planner, question)
        assert reply.source.get("relations") == ["预防"], reply.reply
    assert plan(planner, "跟同事用了一个杯子喝水 他是乙肝 我会不会被传上").kind == "decline"  # dev67
    assert plan(planner, "乙肝会传染给家里人吗").kind == "answer"


def test_withdrawn_drugs_are_never_offered(planner):
    """dev86: 治肥胖症的药有哪些 offered 盐酸西布曲明片 and 盐酸芬氟拉明片, withdrawn years ago;
    asked about by name, a withdrawn drug is still described."""
    reply = plan(planner, "有没有正规的减肥药 治肥胖症的药有哪些")
    assert reply.kind == "reverse" and "奥利司他" in reply.reply, reply.reply
    assert "西布曲明" not in reply.reply and "芬氟拉明" not in reply.reply, reply.reply
    assert plan(planner, "西布曲明有什么副作用").kind == "answer"


def test_poisonings_told_in_herbal_words(planner):
    """dev92: aconite wine with a numb tongue and a racing heart asked whether 附子 is poisonous;
    a child who ate two of grandma's 安宫牛黄丸. One vitamin C tablet chewed is no emergency."""
    assert_emergencies(planner, ("我妈喝了一大碗自己泡的附子酒 现在嘴巴舌头都麻了 心跳乱跳 附子是不是有毒啊",
                                 "孩子偷吃了奶奶的安宫牛黄丸 吃了两颗 这药里有朱砂 要紧不"))
    assert plan(planner, "孩子偷吃了我一颗维生素C泡腾片 直接放嘴里嚼的 有事没").kind != "emergency"
    assert plan(planner, "附子有毒吗").kind == "answer"


def test_which_of_two_patterns_am_i_and_an_old_persons_dose(planner):
    """dev92: 我是阴虚还是阳虚啊 listed diseases with 怕热; 我七十多了 安宫牛黄丸我自己一次吃多少
    read the leaflet's 口服."""
    assert plan(planner, "侬帮我看看 我是阴虚还是阳虚啊 手脚冰但是又怕热").kind == "decline"
    reply = plan(planner, "我七十多了 安宫牛黄丸我自己一次吃多少")
    assert reply.kind == "decline" and reply.source["type"] == "take_drug", reply.reply


def test_emergencies_of_older_people_and_after_surgery(planner):
    """dev89-91: double vision with a drift to one side, drooling with a dropped chopstick, blood
    coughed up that will not stop, a hernia that will not go back, tetany after thyroid surgery with
    laboured breathing, pain through to the back with vomiting after drinking, no wind after bowel
    surgery, chest pain with sweating after a PDE5 inhibitor."""
    assert_emergencies(planner, ("我妈七十三 今天早上起来说看东西重影 走路往一边偏 头晕得站不住 吐了一次 这个眩晕宁片她能吃几片",
                                 "我婆婆七十多了今天上午开始说话颠三倒四的一边嘴角流口水右手拿筷子老掉 她平时吃的阿司匹林今天要不要加量",
                                 "我爸八十一刚才咳了好几口血鲜红的止不住",
                                 "疝器那个包鼓出来推不回去了 已经五六个小时 肚子疼得厉害 还吐了两回",
                                 "甲状腺术后第二天 在家 手脚发麻 手指刚刚抽成鸡爪那样 嘴唇也麻 呼吸有点费劲",
                                 "现在上腹疼得直不起腰 疼到后背 吐了好几次 家里有奥美拉唑 能先吃两颗顶一下吗",
                                 "我爸肠癌手术出院一个礼拜 今天肚子胀得像鼓一样 一整天没排气没拉 吐了好几次绿水 家里有开塞露 能先给他用吗"))
    viagra = plan(planner, "对了万艾可一般有啥副作用", ["我老公吃了万艾可 现在胸口特别闷 疼得直冒汗 半小时了还没缓过来"])
    assert viagra.kind == "emergency", viagra.reply
    assert plan(planner, "万艾可一般有啥副作用").kind == "answer"


def test_hoarded_pills_goodbyes_and_how_to_die_get_the_crisis_line(planner):
    """dev90/91: 不想拖累我们了 她把安眠药都攒起来了 (answered 肝癌's checks); 天天在想怎么死比较不痛苦
    药也攒了一些了 … 失眠吃啥药 (listed sleeping pills); a friend saying goodbye to everyone."""
    for story in ("确诊肝癌以后我妈一直哭 刚才跟我说不想拖累我们了 她把安眠药都攒起来了",
                  "最近压力很大 天天在想怎么死比较不痛苦 药也攒了一些了 对了失眠的话吃啥药比较好",
                  "我室友有抑郁症 刚在群里发消息说要跟大家告别 现在电话也不接"):
        reply = plan(planner, story)
        assert reply.kind == "emergency" and "心理援助" in reply.reply, (story, reply.reply)


def test_stopping_one_of_two_drugs_asked_with_a_bare_approval(planner):
    """dev89: 想把他汀停了阿司匹林留着 行不行 listed drugs for 阿司匹林 (对乙酰氨基酚注射液)."""
    reply = plan(planner, "她说吃药伤胃 想把他汀停了阿司匹林留着 行不行", ["我妈脑梗以后一直吃阿斯匹林和阿托伐他汀"])
    assert reply.kind == "decline" and reply.source["type"] == "stop_drug", reply.reply


def test_a_class_of_drugs_asked_may_i_and_other_personal_phrasings(planner):
    """dev89-91: 我妈有青光眼…晕车药能吃吗 listed 东莨菪碱贴片; 跑步能缓解焦虑吗 listed anxiolytics;
    会不会影响顺产 listed 痔's complications; 有必要去割吗 listed diseases for 包皮; a drug the graph
    lacks compared with one it has answered the latter's side effects. A plain 晕车有什么药能吃 lists drugs."""
    for question in ("我妈有青光眼现在晕车想吃点晕车药能吃吗", "跑步能缓解焦虑吗 每天跑多久合适",
                     "孕晚期痔疮特别严重 会不会影响顺产", "包皮有点长 有必要去割吗",
                     "韦立得（丙酚替诺福韦）跟恩替卡韦比 副作用是不是更小 伤不伤肾"):
        reply = plan(planner, question)
        assert reply.kind == "decline", (question, reply.reply)
    assert plan(planner, "晕车有什么药能吃").kind == "reverse"


def test_how_it_came_about_and_what_it_leads_to(planner):
    """dev91: 这个肛裂是咋弄出来的 answered its drugs; 时间长了会引出别的什么病不 its causes."""
    assert plan(planner, "这个肛裂是咋弄出来的").source.get("relations") == ["常见病因"]
    assert plan(planner, "痔疮老不管它 时间长了会引出别的什么病不").source.get("relations") == ["并发症"]


def test_found_asking_as_a_patient_in_the_web_page_and_terminal(planner):
    """Web page: 我才二十 头发掉得厉害 为啥 listed diseases mentioning 脱发 (系统性红斑狼疮, 破伤风); a bare
    为什么 ending a message asks why. Terminal: 二甲双胍吃了老拉肚子咋办 listed 腹泻's drugs (a child's
    granules first); what to do about a drug's effect is the prescriber's call."""
    hair = plan(planner, "我才二十 头发掉得厉害 为啥")
    assert hair.source.get("relations") == ["常见病因"], hair.reply
    assert plan(planner, "最近老是失眠 为什么").source.get("relations") == ["常见病因"]
    metformin = plan(planner, "二甲双胍吃了老拉肚子咋办")
    assert metformin.kind == "decline" and metformin.source["type"] == "take_drug", metformin.reply
    assert plan(planner, "拉肚子吃什么药").kind == "answer"


def test_emergencies_of_work_travel_and_long_illness(planner):
    """dev93-95 (first caught 0.611, 0.605 and 0.778 of their emergencies): a fall with bleeding from the
    head and confusion, alkali splashed in an eye, a smoke-filled kitchen with a hoarse voice, a septic
    tank, scalds over a large area, carbon monoxide told over three messages and then 是不是着凉了,
    pesticide by the bed, drowning, a snake bite, a scorpion sting with fits, rabies signs, botulism,
    altitude sickness, a neck injury with numb legs, a colchicine overdose, missed dialysis, a clot to
    the lung, a severe asthma attack, electrocution. Snoring that stops breathing at night is not."""
    assert_emergencies(planner, ("俺兄弟从三楼架子上摔下来了 腿弯得不对劲 头上一直冒血 人也迷糊了 贴啥膏药好",
                                 "刚在厂里配碱水 一下溅眼睛里了 现在睁不开 火烧火燎的 先滴点啥眼药水好",
                                 "厨房油锅起火我去扑 脸被燎了 鼻毛都焦了 现在嗓子哑了 喘气有点费劲 湿润烧伤膏脸上能抹吗",
                                 "掏化粪池 下去一个人没上来 另一个下去救也倒了 现在是先打120还是先找绳子",
                                 "锅炉爆了 工友身上大片烫伤 皮都掉了",
                                 "游泳池刚捞上来一个小男孩 不知道在水里多久了 没气了 胸口不动",
                                 "刚在地里被条花蛇咬了一口 不知道有没有毒 腿肿得一圈比一圈粗 人直冒冷汗 季德胜蛇药片一次吃几片啊",
                                 "娃在老家院子里被蝎子蜇了 现在浑身抽 吐了好几回",
                                 "这两天他发烧 特别怕水 看到水杯就抽 风一吹也怕 一直流口水",
                                 "一家人吃了自己做的罐头 我爸现在看东西重影 咽东西咽不下去 喘气越来越弱",
                                 "在拉萨第二天 同屋的阿姨头痛得直打滚 走路东倒西歪 问她话也答非所问 她带的红景天还要接着喝吗",
                                 "在滑雪场 朋友摔了以后说脖子疼 两条腿没感觉了 我们先把他扶起来坐着喝口热水可以吧",
                                 "痛风疼得受不了 一下子吃了二十多片秋水仙碱 现在吐得厉害 还一直拉 要不要喝点淡盐水",
                                 "我奶奶尿毒症一周透三次 今天没去成 现在说心慌 浑身没劲 腿都抬不起来了 明天再补透行不行",
                                 "肾病综合征的儿子今天左腿突然肿得老粗 然后说胸口疼 喘得厉害 呼吸很快 他明天复查尿蛋白要空腹吗",
                                 "哮喘 吸了药还是喘 现在坐着都喘 说话一个字一个字往外蹦 手指头发紫",
                                 "有人触电了 躺地上没气了 咋办"))
    smoke = ["冬天在屋里烧煤炉子取暖", "今早起来俺娘和俺妹都叫不醒 屋里一股味"]
    assert plan(planner, "是不是昨晚着凉了", smoke).kind == "emergency"
    pesticide = plan(planner, "活着没啥意思 农药都搁床头了")
    assert "心理援助" in pesticide.reply, pesticide.reply
    snoring = plan(planner, "晚上睡觉打呼噜特别响，我老婆说我打着打着就没气了，过好一会儿才喘上来，这个是什么病")
    assert snoring.kind != "emergency", snoring.reply


def test_a_name_alone_after_a_question_asks_the_same_of_it(planner):
    """dev94: 甲亢要查什么 | 那甲减呢 answered 甲减's symptoms; 德巴金的副作用 | 那开浦兰呢 its indications."""
    assert plan(planner, "那甲减呢", ["甲亢要查什么"]).source.get("type") == "check"
    assert plan(planner, "那开浦兰呢", ["德巴金的副作用有哪些"]).source.get("relations") == ["不良反应"]


def test_a_jellyfish_is_no_herb(planner):
    """dev95: 水母蜇伤该怎么弄 answered 海蜇's herbal effects (化痰消积)."""
    assert "化痰" not in plan(planner, "在海边被水母蛰了一下 腿上一道红印子 水母蜇伤该怎么弄").reply
    assert plan(planner, "海蜇有什么功效").kind == "answer"


def test_found_in_the_web_page_at_the_end_of_the_session(planner):
    """Asked as a patient in the web page: 减肥药有哪些 after 感冒了吃什么药 listed 上呼吸道感染's drugs
    (an unmapped class of drugs is no follow-up); 我一个人在江边 不想回去了 declined about 感冒; 宝宝…
    是缺钙吗 listed 白血病 and 结核病 (which deficiency it is, is the doctor's call; 是缺什么 still lists)."""
    slimming = plan(planner, "减肥药有哪些", ["感冒了吃什么药"])
    assert "上呼吸道感染" not in slimming.reply, slimming.reply
    river = plan(planner, "我一个人在江边 不想回去了", ["感冒了吃什么药"])
    assert river.kind == "emergency" and "心理援助" in river.reply, river.reply
    calcium = plan(planner, "宝宝8个月 晚上睡觉出汗多 老哭 是缺钙吗")
    assert calcium.kind == "decline", calcium.reply
    assert plan(planner, "特别想嚼冰块 还老觉得累 嘴角也裂口子 是缺什么吗").kind == "reverse"


def test_facts_the_graph_has_wrong_are_never_answers(planner):
    """Found in the terminal: 肥胖症吃什么药 listed its 药物治疗, 可待因 and 布地奈德联用硫唑嘌呤治疗
    (parsed from another disease); the lexicon's wrong_facts drops them, and its related drugs answer."""
    reply = plan(planner, "肥胖症吃什么药")
    assert "可待因" not in reply.reply and "奥利司他" in reply.reply, reply.reply
    assert planner.kg.graph["肥胖症"]["药物治疗"]  # the graph itself is untouched
