"""Phrasings found by dev sets 44 and later: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa_helpers import plan


def test_an_everyday_word_that_sounds_like_a_brand_names_no_drug(planner):
    """dev41/dev45: 恢复得挺好 was heard as the brand 惠复得 (联苯苄唑阴道片), and the next turn's
    能去健身房撸铁吗 got that vaginal tablet's precautions."""
    told = ["我58岁，去年冠脉里放了两个支架，恢复得挺好。"]
    assert plan(planner, told[0]).source.get("entity") is None
    gym = plan(planner, "现在能去健身房撸铁吗，做力量训练有没有风险", told)
    assert gym.kind == "decline" and gym.source["type"] == "exercise" and not reply_items(gym.reply)
    assert plan(planner, "波利维有啥副作用啊").source["entity"] == "波立维"  # a brand's typo in a drug question
    run = plan(planner, "能去跑步吗", ["在吃波立维"])  # exercise is the patient's, not the drug's precautions
    assert run.kind == "decline" and "entity" not in run.source


def test_this_disease_after_a_turn_naming_its_drug(planner):
    """dev41: 溃疡性结肠炎…一直在吃美沙拉嗪 | 这个病时间长了会有什么并发症 listed the drug's side effects."""
    earlier = ["我是溃疡性结肠炎，确诊三年了，一直在吃美沙拉嗪，现在大便一天两次，偶尔带点血。"]
    result = plan(planner, "这个病时间长了会有什么并发症吗？听病友说会变成肠癌，真的假的", earlier)
    assert result.source["entity"] == "溃疡性结肠炎" and result.source["relations"] == ["并发症"]


def test_still_is_no_either_or_question(planner):
    """dev41: …现在一躺下还是烧心，嗓子也不舒服。想问一下反流性食管炎一般都用哪些药治疗 listed
    慢性非萎缩性胃炎's symptoms: 还是 (still) made the told sentence a question."""
    result = plan(planner, "胃镜报告：反流性食管炎（LA-A级），慢性非萎缩性胃炎。上次医生开的药吃完两周了，"
                           "现在一躺下还是烧心，嗓子也不舒服。想问一下反流性食管炎一般都用哪些药治疗")
    assert result.source["type"] == "drug" and result.source["entity"] == "反流性食管炎"


def test_a_drug_switched_to_one_the_graph_lacks(planner):
    """dev44: 吃奥美拉唑效果一般 | 医生给换了沃克 就是伏诺拉生…这药副作用大不大 gave 奥美拉唑's."""
    result = plan(planner, "医生给换了沃克 就是伏诺拉生 说劲大 这药副作用大不大", ["反流性食管炎 吃奥美拉唑效果一般"])
    assert result.kind == "not_found" and result.source.get("unknown") == "沃克"


def test_may_i_take_it_with_a_disease_it_does_not_treat(planner):
    """dev44: 乙肝小三阳 感冒了能吃连花清瘟吗 会不会伤肝 answered 风寒感冒者不适用; 感冒 is what it is
    for (its indications list five of 感冒's symptoms), 乙肝 what the patient has."""
    liver = plan(planner, "我是乙肝小三阳 感冒了能吃连花清瘟吗 会不会伤肝")
    assert liver.kind == "decline" and "乙肝" in liver.reply and not reply_items(liver.reply)
    cold = plan(planner, "感冒了能吃连花清瘟吗")
    assert cold.source["relations"] == ["适应症"] and {"发热", "咳嗽"} <= set(reply_items(cold.reply))
    ibuprofen = plan(planner, "我是乙肝小三阳，这两天牙疼得厉害，能吃布洛芬吗")  # 发热, 疼痛 shared by chance
    assert ibuprofen.kind == "decline"


def test_what_a_drug_is_made_of(planner):
    """dev44: 康复新液 | 这东西是啥做的 听说是蟑螂泡的 got its indications."""
    result = plan(planner, "这东西是啥做的 听说是蟑螂泡的 真的假的", ["胃溃疡 医生开了康复新液"])
    assert result.source["relations"] == ["成份"] and "美洲大蠊提取物" in reply_items(result.reply)


def test_sepsis_cholangitis_and_a_missed_dialysis_are_emergencies(planner):
    """dev44, dev46: fever with confusion, shock-level blood pressure, a missed dialysis with a slow pulse."""
    for question, earlier in (
            ("我妈有胆结石 今天右上边肚子疼得厉害 打寒颤 发高烧39度8 眼睛都黄了 人有点迷糊了", []),
            ("这两天发烧寒战 今天量血压只有80/50 手脚冰凉 人有点迷糊了", ["我老公肾结石好几年了 一直没管"]),
            ("透析病人 这周少透了一次 现在浑身没劲 胸闷 手脚发麻 摸脉心跳特别慢", [])):
        assert plan(planner, question, earlier).kind == "emergency", question
    assert plan(planner, "透析病人 最近老觉得没劲 是怎么回事").kind != "emergency"  # no dialysis missed


def test_described_digestive_symptoms(planner):
    """dev44: everyday words for symptoms the lexicon lacked (or missed with 越来越 inside)."""
    for question, word in (("吃饭老觉得噎 馒头咽下去卡在胸口 得喝口水才顺下去", "吞咽困难"),
                           ("屁股眼那老是痒 晚上更痒 挠得都破皮了", "肛门瘙痒"),
                           ("大便上老有一层白色黏糊糊的东西 像鼻涕 这是肠子出了啥问题", "黏液便"),
                           ("血糖高好多年 最近眼睛看东西越来越模糊 这是怎么了", "视物模糊")):
        result = plan(planner, question)
        assert result.kind == "reverse" and word in result.source["entity"], question
    liver = plan(planner, "我发现我爸脸上脖子上长了好几个红点 中间一个点周围像蜘蛛腿 手掌也红红的")
    assert "肝硬化" in reply_items(liver.reply)


def test_what_is_wrong_after_a_disease_told_for_years(planner):
    """dev46: 血糖高好多年 …看东西越来越模糊 这是怎么了 declined 糖尿病's causes; dev44 …以前有乙肝 这是啥情况
    listed what causes 乙肝. What the new symptoms may be, not the old disease's causes; a disease
    asked about (结膜下出血是怎么回事) is no told one."""
    stomach = plan(planner, "还老打嗝 肚子胀鼓鼓的 这是胃出啥问题了 该看哪个科", ["我妈六十了 这半年吃饭吃一点点就饱了"])
    assert stomach.kind == "reverse"  # 出什么问题了 asks what is wrong now, not its complications
    hepatitis = plan(planner, "吃饭也吃不下 以前有乙肝 这是啥情况", ["我妈肚子越来越大 腿也肿 一按一个坑"])
    assert hepatitis.source.get("type") != "cause"
    asked = plan(planner, "早上起来发现眼白上有一块红红的血 不疼不痒 看东西也正常 结膜下出血是怎么回事")
    assert asked.kind != "reverse"


def test_a_stone_told_apart_from_its_organ(planner):
    """dev46: 右肾有个6毫米的结石 | 去医院的话挂什么科 found nothing."""
    result = plan(planner, "去医院的话挂什么科", ["体检B超说右肾有个6毫米的结石"])
    assert result.source["entity"] == "肾结石" and reply_items(result.reply) == ["泌尿外科"]
    assert plan(planner, "胆里长了好几个石头 挂什么科").source["entity"] in ("胆结石", "胆囊结石病")


def test_which_drug_of_a_class(planner):
    """dev46: 尿路感染吃什么消炎药好 declined as a judgement; 信立坦是什么降压药 stays about 信立坦."""
    result = plan(planner, "尿路感染吃什么消炎药好")
    assert result.source["type"] == "drug" and reply_items(result.reply)
    unknown = plan(planner, "信立坦是什么降压药？和代文比哪个好")
    assert not reply_items(unknown.reply)


def test_may_i_go_on_taking_it_now_i_am_pregnant(planner):
    """dev45: 怀孕了 缬沙坦还能接着吃吗 was a stop-the-drug decline; its 禁忌 names pregnancy."""
    result = plan(planner, "现在测出来怀孕了 缬沙坦还能接着吃吗", ["我32 有高血压 医生一直给开的缬沙坦"])
    assert result.source["relations"] == ["禁忌"] and any("妊娠" in i for i in reply_items(result.reply))


def test_a_new_symptom_of_a_disease_told_for_years(planner):
    """dev42, dev46: 糖尿病好些年了 | 最近俩脚发麻…这是咋回事 looked up 糖尿病 as a described symptom
    (肢端肥大症, 心绞痛…); what is named after the patient's disease and lists the symptoms comes first."""
    feet = plan(planner, "最近俩脚发麻 跟踩棉花似的 有时候又像针扎 这是咋回事", ["糖尿病好些年了"])
    assert "糖尿病" not in feet.source["entity"] and "糖尿病性周围神经病" in reply_items(feet.reply)[:2]
    eyes = plan(planner, "血糖高好多年 最近眼睛看东西越来越模糊 这是怎么了")
    assert "糖尿病视网膜病变" in reply_items(eyes.reply)[:2]
    stranger = plan(planner, "最近俩脚发麻 跟踩棉花似的 有时候又像针扎 这是咋回事")  # no disease told
    assert not any(d.startswith("糖尿病") for d in reply_items(stranger.reply))


def test_aortic_dissection_told_across_two_messages(planner):
    """dev45: 像撕开一样 从两个肩胛骨中间往腰上窜 …两边胳膊量的血压差了好多 listed 毛发苔藓 (from 老伴高血压
    read as 伴高血压 and 满头大汗 as 头大)."""
    result = plan(planner, "像撕开一样 从两个肩胛骨中间往腰上窜 满头大汗 两边胳膊量的血压差了好多",
                  ["我老伴高血压好多年 刚才搬东西突然后背疼"])
    assert result.kind == "emergency"
    colic = plan(planner, "腰这块突然一阵一阵绞着疼 疼得满床打滚 尿出来是红的 这是咋回事")
    assert "肾结石" in reply_items(colic.reply)


def test_short_follow_ups_from_a_phone(planner):
    """dev46, dev47: 这个吸入剂 points at the drug; a check named beside a disease is no subject of a drug
    question; a brand's typo asking what it treats; a medicine that did not help across two messages."""
    inhaler = plan(planner, "就是最近嗓子哑，嘴里还长了层白膜，跟这个吸入剂有关系吗", ["哮喘 用舒利迭半年了 控制得还行"])
    assert inhaler.source["entity"] == "舒利迭" and inhaler.source["relations"] == ["不良反应"]
    tb = plan(planner, "一般都用哪些药治", ["刚确诊肺结核 痰涂片阳性"])
    assert tb.source["entity"] == "肺结核"
    assert plan(planner, "倍他乐可治啥的").source["entity"] == "倍他乐克"
    assert plan(planner, "还是疼 喘不上气", ["含了三粒速效救心丸"]).kind == "emergency"
    card = plan(planner, "慢病卡咋办", ["我妈高血压"])
    assert card.kind == "decline" and card.source["type"] == "cost" and not reply_items(card.reply)


def test_long_stories_about_a_parent(planner):
    """dev48 (long messages naming several diseases and drugs): the question's own subject, never
    another entity of the story, and never a known drug for one the graph lacks."""
    deaf = plan(planner, "我爸这两年耳朵越来越背 医院查了说是老年性耳聋 神经性的 他还有高血压糖尿病 有没有什么药能治老年性耳聋")
    assert deaf.source["entity"] == "老年性耳聋" and not reply_items(deaf.reply)  # not 糖尿病's drugs
    assert plan(planner, "妇科千金片 治宫颈炎吗").source["entity"] == "妇科千金片"  # what the drug treats
    new_drug = plan(planner, "我爸糖尿病肾病 吃二甲双胍和格列美脲 这次内分泌科给加了个安达唐 说是达格列净 能降糖还能保护肾"
                             " 这个达格列净都有什么副作用")
    assert new_drug.kind == "not_found" and new_drug.source.get("unknown") == "达格列净"
    told_after = plan(planner, "我爸轻度老年痴呆 吃着安理申一年多了 效果不太明显 有人推荐新出的九期一 就是甘露特钠胶囊"
                               " 说是国产新药 这个药主要治什么")
    assert told_after.kind == "not_found"  # not 安理申's indications
    statin = plan(planner, "吃了俩月了 老说大腿小腿肌肉酸疼 没劲儿 这是不是他汀的副做用啊",
                  ["我婆婆70了 血脂高 医生让吃立普妥每晚一片 还有降压的代文早上一片"])
    assert statin.source["entity"] == "立普妥"
    prostate = plan(planner, "我爸前列腺增生好几年了 一直吃保列治和哈乐 我想知道前列腺增生要是不好好治 会引起哪些并发症")
    assert prostate.kind == "decline" and prostate.source["entity"] == "前列腺增生"  # not 哈乐's side effects
    cataract = plan(planner, "我妈84 白内障好几年了 她有高血压和房颤 吃着华法林 这么大岁数还值得做白内障手术吗")
    assert cataract.kind == "decline" and cataract.source["entity"] == "白内障"
    assert plan(planner, "女儿打完九价HPV疫苗以后胳膊又红又肿，这个疫苗都有哪些不良反应").kind == "answer"


def test_a_new_trouble_in_a_parent_with_known_diseases(planner):
    """dev48: diseases told together (高血压冠心病十几年, 有糖尿病和高血脂, 他还有糖尿病) are the patient's,
    not the symptoms asked about nor the subject; what else it may be leaves out the disease named."""
    heart = plan(planner, "我爸高血压冠心病十几年 最近半个月晚上睡着睡着就憋醒 得坐起来喘一会儿才好 现在晚上都得垫两个枕头"
                          "半靠着睡 这是啥情况")
    assert heart.kind == "reverse" and "高血压" not in heart.source["entity"]
    legs = plan(planner, "我爸抽烟四十年 有糖尿病和高血脂 最近走路走个二三百米左腿肚子就疼 得停下来歇会儿才能接着走"
                         " 歇一歇就不疼了 这是腿上什么毛病")
    assert legs.kind == "reverse" and "间歇性跛行" in legs.source["entity"]  # not 腹痛 (腿肚子)
    shingles = plan(planner, "我爸76 左边腰上起了一串水泡 村医说是缠腰龙 就是带状疱疹 他还有糖尿病 我想带他去县医院看看 挂哪个科合适")
    assert shingles.source["entity"] != "糖尿病"
    piles = plan(planner, "这俩月大便上老带血 以前一天一次现在一天两三次 大便还变细了 真的只是痔疮吗 还可能是什么",
                 ["我爸72 有痔疮好多年"])
    assert piles.kind == "reverse" and not any("痔" in d for d in reply_items(piles.reply))
    assert plan(planner, "我老公牛皮癣十几年了，最近又说手指关节也肿痛。牛皮癣会不会引起别的病").source["type"] == "complication"
    cause = plan(planner, "白内障到底是什么原因引起的啊 跟她的糖尿病有关系吗",
                 ["我妈72 两个眼都有白内障 她还有糖尿病十几年了 一直打胰岛素"])
    assert cause.source["entity"] == "白内障" and cause.source["type"] == "cause"
    baby = plan(planner, "我现在怀孕五个月 我爸带状疱疹住院了 我去医院照顾他会不会对肚子里的宝宝有影响")
    assert baby.kind == "decline" and not reply_items(baby.reply)


def test_a_herb_the_graph_lacks_in_a_story(planner):
    """dev48: 亲戚从青海带了些冬虫夏草…冬虫夏草有什么功效 gave 大叶藻's effects (海带 inside 青海带了), then
    百令胶囊's indications: a place name holds no name, and the herb asked about is not found."""
    result = plan(planner, "我爸慢性肾衰 吃着开同和百令胶囊 亲戚从青海带了些冬虫夏草 说能补肾 冬虫夏草有什么功效 对他这个肾病有用吗")
    assert result.kind == "not_found" and result.source.get("unknown") == "冬虫夏草"
    assert plan(planner, "麦冬泡水有什么功效").source.get("unknown") != "麦冬泡水"  # 泡水 is how it is taken
    assert plan(planner, "甲减能吃海带吗").source["type"] == "diet"


def test_emergencies_told_in_a_story(planner):
    """dev44, dev45, dev47, dev48: pancreatitis after drinking, bowel obstruction, a stroke the patient
    calls 落枕 and will not see a doctor about, black stools in cirrhosis, a head knock on warfarin;
    not an anal fissure (撕裂一样疼) nor a laxative's dose (一次喝半瓶)."""
    for question, earlier in (
            ("老公昨晚喝了一斤多白酒 半夜开始上腹疼 疼得直不起腰 往后背串 吐了四五回 吐完还是疼 肚子摸着硬", []),
            ("我爷爷82了 三天没拉屎也不放屁 肚子胀得跟鼓似的 吃啥吐啥", []),
            ("她自己说是睡落枕了 躺一会就好 死活不去医院 我要不要再等等看", ["我妈早上起来就说话说不出来了 右边胳膊也抬不起来"]),
            ("刚拉了一大摊黑的 人站都站不起来", ["我爸肝硬化"]),
            ("我爸吃华法林的 早上在卫生间滑倒磕了后脑勺 这会儿越来越困 吐了一次 问他话答得前言不搭后语", []),
            ("我把家里的安眠药一下吃了大半瓶 现在有点迷糊 会怎么样", []),
            ("现在看着还挺好的 要紧吗", ["孩子刚才把他奶奶的降压药吃了 好像吃了好几片"])):
        assert plan(planner, question, earlier).kind == "emergency", question
    for calm in ("每次上完大号肛门那撕裂一样疼 纸上有鲜红的血 是痔疮还是啥", "乳果糖喝了还是拉不出来 能不能多喝点 一次喝半瓶"):
        assert plan(planner, calm).kind != "emergency", calm


def test_consultation_posts_and_chats(planner):
    """dev49, dev50: a check that told the findings is no subject of what-may-it-be (but 血尿酸 is
    asked about); 没什么症状 asks for no symptoms; 只能活, 要不要把胆囊切了, 能不能先保守治疗 are a
    doctor's call; alcohol told the turn before a may-I-take-it question; a lesion's outcome."""
    kidney = plan(planner, "问题描述：最近小便泡沫特别多，早上起来眼皮肿，体检尿常规蛋白2+，潜血1+。想得到怎样的帮助：可能是什么病")
    assert kidney.kind == "reverse" and "蛋白尿" in kidney.source["entity"]
    assert plan(planner, "医生让我查个血尿酸，这个是看什么病的").source["entity"] == "血尿酸检查"
    for question in ("B超说胆囊结石1.5公分 平时没啥症状 到底要不要把胆囊切了", "我72岁刚确诊肺纤维化 网上说只能活三五年 是真的吗"):
        result = plan(planner, question)
        assert result.kind == "decline" and not reply_items(result.reply), question
    wait = plan(planner, "我挺犹豫 能不能先保守治疗 不做手术", ["腰椎间盘突出 医生建议做微创"])
    assert wait.kind == "decline" and not reply_items(wait.reply)
    drank = plan(planner, "能吃片布洛芬吗", ["昨晚喝了半斤白酒 今早起来头疼"])
    assert any("酒" in item for item in reply_items(drank.reply))
    nodule = plan(planner, "B超说乳腺结节 3类，乳腺结节会不会变成乳腺癌")
    assert nodule.kind == "decline" and not reply_items(nodule.reply)  # not 乳腺癌's symptoms
    assert plan(planner, "朋友说可能是库欣综合征 库欣都有哪些表现啊").source["entity"] == "库欣综合征"
    assert plan(planner, "输了一个礼拜头孢以后开始拉肚子 医生说是伪膜性肠炎 这个病是怎么得上的").source["entity"] == "伪膜性肠炎"


def test_follow_ups_asking_what_it_may_be(planner):
    """dev49, dev50: 这是肝的问题吗？可能是什么病 took 这是肝的问题吗?可能 for an unknown name; 还有别的
    可能吗 leaves out what was suspected; 我没有糖尿病 is no subject; 有没有幽门螺旋杆菌 is no denial;
    a new story the lexicon cannot read is not answered with the earlier turn's symptoms."""
    jaundice = plan(planner, "这是肝的问题吗？可能是什么病", ["这周发现眼睛发黄，小便颜色像浓茶，人没劲，不想吃饭，闻到油腻的就恶心。"])
    assert jaundice.kind == "reverse" and "黄疸" in jaundice.source["entity"]
    assert plan(planner, "渐冻症是啥病").source.get("mention") == "渐冻症"
    anaemia = plan(planner, "还有别的可能吗", ["最近总是没劲 走两步就头晕 脸色也发白 同事说我像贫血"])
    assert anaemia.kind == "reverse" and "贫血" not in reply_items(anaemia.reply)
    hungry = plan(planner, "我没有糖尿病 体检血糖一直正常 但是老觉得饿 饿的时候心慌手抖出冷汗 吃点东西马上就好 这是什么毛病")
    assert hungry.kind == "reverse" and "低血糖症" in reply_items(hungry.reply)
    hp = plan(planner, "想查一下有没有幽门螺旋杆菌，一定要做胃镜吗？有没有别的办法")
    assert hp.source["entity"].startswith("幽门螺")
    legs = plan(planner, "每天晚上躺床上腿就难受 说不上疼 像有虫子在里面爬 非得起来走走才舒服 这是啥病", ["好几年了一直睡不好觉"])
    assert legs.kind == "not_found"  # not 失眠's diseases again
    assert plan(planner, "歇几分钟就好了，这是什么病", ["这两个月一干活或者走快了胸口就闷痛"]).kind == "reverse"
    eyes = plan(planner, "听病友说这个药伤眼睛 是真的吗", ["我26岁 红斑狼疮 医生让长期吃羟氯喹"])
    assert "视网膜病变" in reply_items(eyes.reply)
    assert "乙醇" in reply_items(plan(planner, "想喝支霍香正气水 这个里面是不是有酒精啊").reply)


def test_a_follow_up_after_the_stem_named_drug(planner):
    """Asked as a patient in the web page: 立普妥…代文 | 这是不是他汀的副作用 | 那她还能接着吃吗 declined
    about 代文; the drug the last turn named by its stem is still the subject (but a drug name's own
    stem, 普萘洛尔's 洛尔, names no class)."""
    earlier = ["我婆婆70了 血脂高 医生让吃立普妥每晚一片 还有降压的代文早上一片", "吃了俩月了 老说腿上肌肉酸疼 没劲儿 这是不是他汀的副作用啊"]
    assert plan(planner, "那她还能接着吃吗", earlier).source["entity"] == "立普妥"
    switched = plan(planner, "换了以后一直干咳 嗓子痒 是不是这个药的副作用", ["我妈原来吃硝苯地平 上个月换成雅施达了"])
    assert switched.source["entity"] == "雅施达"


def test_an_unknown_gift_asked_about_after_a_drug(planner):
    """Asked as a patient in the web page: …倍他乐克 这个药有什么副作用 | 亲戚送了冬虫夏草 有什么功效
    gave 倍他乐克's indications; a name the patient got (送了, 买了) that the graph lacks is not found."""
    gift = plan(planner, "亲戚送了冬虫夏草 有什么功效", ["他一直吃倍他乐克 这个药有什么副作用"])
    assert gift.kind == "not_found" and gift.source.get("unknown") == "冬虫夏草"
    known = plan(planner, "医生给开了阿托伐他汀 有什么副作用", ["他一直吃倍他乐克"])
    assert known.source["entity"].startswith("阿托伐他汀")


def test_two_drugs_a_parent_takes_asked_together(planner):
    """dev48: …一直吃华法林…还有高血压吃着代文 | 牙科开了甲硝唑片 这俩药一起吃有没有影响 gave 代文's
    interaction with 华法林; the drug this question names is the partner, named as items name it (甲硝唑)."""
    result = plan(planner, "最近牙龈肿了 牙科开了甲硝唑片 这俩药一起吃有没有影响",
                  ["我婆婆换了机械瓣十年了 一直吃华法林 INR控制在2到3之间 还有高血压吃着代文"])
    assert result.source["entity"] == "华法林钠片" and reply_items(result.reply) == ["甲硝唑"]
    furosemide = plan(planner, "最近腿肿 心内科又给开了速尿 这俩能一起吃吗", ["我爸一直吃别嘌醇降尿酸"])
    assert "呋塞米" in reply_items(furosemide.reply)
