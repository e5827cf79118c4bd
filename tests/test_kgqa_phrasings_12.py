"""Phrasings and rankings found by dev sets 104 and later, and by patient probes: each test names where it came from."""
from kgqa.answer import reply_items
from kgqa.graph import MedicalKG
from kgqa_helpers import assert_emergencies, plan


def test_a_drugs_side_effect_counts_less_than_its_indication():
    """Hundreds of drugs list 癫痫发作 among their side effects; that made it the most common cause
    of 手脚发麻. Being named as a harm counts a quarter of being named as what a drug treats."""
    harms = {f"药{i}": {"不良反应": ["癫痫发作"]} for i in range(8)}
    treats = {f"片{i}": {"适应症": ["颈椎病"]} for i in range(3)}
    kg = MedicalKG({**harms, **treats})
    assert kg.times_named("癫痫发作") == 2
    assert kg.times_named("颈椎病") == 3


def test_a_common_disease_comes_before_a_drugs_harm(planner):
    """dev16: 口干 and 多尿 listed 间质性肾炎 (a side effect of many drugs) before 糖尿病."""
    reply = plan(planner, "最近老是口干 半夜起来好几次喝水 尿也特别多 是什么病")
    assert reply.kind == "reverse" and reply_items(reply.reply)[0] == "糖尿病", reply.reply


def test_a_choking_child_and_a_swallowed_detergent_pod_are_emergencies(planner):
    """dev106: a peanut breathed in while eating was declined as a diet question; a bitten
    detergent pod listed 手足口病."""
    assert_emergencies(planner, ("孩子吃饭的时候呛进去一颗花生米，现在一直咳，喘不上气",
                                 "孩子把洗衣凝珠咬破了，嘴里都是泡沫，一直在吐"))
    assert plan(planner, "喝水呛了一下 咳了几声 没事吧").kind != "emergency"
    assert plan(planner, "洗衣液过敏怎么办").kind != "emergency"


def test_why_a_child_has_a_symptom_is_the_childs_disease_causes(planner):
    """dev106: 小孩子发烧是什么原因 listed 肝炎 and 败血症, the diseases listing 发热; the graph's
    小儿发热 holds the causes."""
    reply = plan(planner, "小孩子发烧一般都是什么原因引起的呀")
    assert reply.source["entity"] == "小儿发热" and reply.source["type"] == "cause", reply.reply


def test_school_after_chickenpox_and_wrapping_a_fever_are_judgements(planner):
    """dev106: 水痘结痂了能回学校上课了吗 listed 水痘's symptom 结痂; 发烧要不要捂汗 the diseases of 发热."""
    for question in ("我家孩子的水痘都结痂了，现在能回学校上课了吗", "孩子发烧要不要给他捂汗，老人非说捂一捂就好了",
                     "手足口疫苗（EV71）打了以后还会得手足口吗"):
        assert plan(planner, question).kind == "decline", question


def test_a_drug_the_patient_is_allergic_to_is_not_the_one_asked_about(planner):
    """dev106: 对布洛芬过敏，能吃小儿柴桂退热颗粒吗 listed 布洛芬's contraindications."""
    reply = plan(planner, "孩子对布洛芬过敏，发烧了能吃小儿柴桂退热颗粒吗")
    assert reply.source["entity"] == "小儿柴桂退热颗粒" and reply.kind == "decline", reply.reply
    assert "阿司匹林过敏" in plan(planner, "我对阿司匹林过敏，能吃布洛芬吗").reply


def test_pregnancy_told_beside_a_complaint_still_asks_about_pregnancy(planner):
    """dev106: 怀孕5个月了，肚子也不舒服，能跟着吃点整肠生吗 listed its side effects."""
    reply = plan(planner, "我怀孕5个月了，肚子也不舒服，能跟着吃点整肠生吗", ["孩子拉肚子吃了整肠生"])
    assert reply.kind == "decline", reply.reply


def test_a_childs_signs_in_a_parents_words(planner):
    """dev106: 头有点方方的 and 出牙晚 (rickets) listed 心绞痛 for a baby's sweating; 腮帮子肿 (mumps)
    and 嗓子眼里长了好多小泡泡 (herpangina) were not linked; 小儿哮喘 was 哮喘."""
    rickets = plan(planner, "宝宝出牙晚，睡觉爱出汗，头有点方方的，这是什么问题")
    assert reply_items(rickets.reply)[0] == "佝偻病", rickets.reply
    assert "流行性腮腺炎" in reply_items(plan(planner, "孩子一边腮帮子肿起来了，耳朵下面疼，还有点发烧，这是啥").reply)
    assert reply_items(plan(planner, "娃嗓子眼里长了好多小泡泡，疼得饭都不肯吃").reply) == ["疱疹性咽峡炎"]
    assert plan(planner, "小儿哮喘一般是什么引起的").source["entity"] == "小儿支气管哮喘"


def test_an_alarming_word_the_patient_denies_is_no_emergency(planner):
    """dev105: 也不是剧痛 就是老胃病那种隐隐的 got the 120 line."""
    reply = plan(planner, "也不是剧痛 就是老胃病那种隐隐的 慢性胃炎一般吃啥药", ["胃疼得要命"])
    assert reply.kind == "answer" and reply.source["entity"] == "慢性胃炎", reply.reply
    assert_emergencies(planner, ("肚子剧痛 冒冷汗", "我爸大便全是暗红色的血，解了好几次，现在一站起来就晕"))


def test_asking_whether_to_call_120_and_chat_beside_a_complaint(planner):
    """dev104/105: 要不要叫120 listed 头晕's diseases; 睡不着 有啥好看的剧推荐吗 and 紧张到睡不着 祝我好运吧
    listed diseases of 失眠."""
    assert plan(planner, "刚量血压150/90，头有点晕，要不要叫120啊").source["type"] == "personal"
    for question in ("睡不着 有啥好看的剧推荐吗", "明天考四级 紧张到睡不着 祝我好运吧"):
        assert plan(planner, question).kind == "chat", question


def test_phrasings_of_interactions_contraindications_and_who_gets_it(planner):
    """dev104/105: 要避开哪些药 listed 艾司唑仑's indications; 什么样的人不能吃芬必得 its indications;
    为啥感觉女生特别容易得 急性膀胱炎's signs."""
    assert plan(planner, "吃这个要避开哪些药", ["老妈睡不好，医生开了艾司唑仑"]).source["type"] == "interaction"
    assert plan(planner, "什么样的人不能吃芬必得啊").kind == "decline"
    bladder = plan(planner, "急性膀胱炎有哪些高危因素 为啥感觉女生特别容易得")
    assert "女性" in reply_items(bladder.reply), bladder.reply


def test_misspelt_brands_and_everyday_names(planner):
    """dev104/105: 达克林, 芬比得, 痛精, 肠胃型感冒, 姨妈推迟, 老年人的高血压, 糖尿病眼底; 青春期 is a time of life, not
    青春期综合征."""
    for question, entity in (("达克林 是治什么的啊", "达克宁"), ("芬比得 主要成分是什么", "芬必得"),
                             ("为啥我每个月都痛精", "痛经"), ("肠胃型感冒有啥症状", "胃肠型感冒"),
                             ("姨妈推迟一周了 一般可能是什么原因", "经期推迟"), ("老年人的高血压有啥特点", "老年高血压"),
                             ("糖尿病眼底出问题了会有什么症状", "糖尿病视网膜病变"),
                             ("为啥我都25了还狂长痘 不是青春期才长吗 到底啥原因", "痤疮")):
        assert plan(planner, question).source.get("entity") == entity, question


def test_whether_a_child_may_take_a_drug_is_what_the_graph_says_of_children(planner):
    """Probe: 吗丁啉孩子能吃吗 listed what it treats, which reads as yes; the boilerplate 儿童必须在成人
    监护下使用 says nothing either. What the graph says of children, else a decline."""
    assert plan(planner, "吗丁啉孩子能吃吗").kind == "decline"
    assert plan(planner, "小孩能吃吗", ["阿莫西林治什么"]).kind == "decline"
    cold = plan(planner, "孩子能吃吗", ["感冒灵颗粒一天喝几次"])
    assert reply_items(cold.reply) == ["儿童、年老体弱者应在医师指导下服用"], cold.reply
    assert plan(planner, "速效救心丸是治什么的 想给家里老人备一瓶").source["type"] == "indication"


def test_a_drug_class_asked_after_an_allergy_is_a_doctors_call(planner):
    """Probe: 阿莫西林过敏能吃头孢吗 gave 阿莫西林's own contraindications."""
    reply = plan(planner, "阿莫西林过敏能吃头孢吗")
    assert reply.kind == "decline" and reply.source["type"] == "take_drug", reply.reply
    assert plan(planner, "青霉素过敏能吃阿莫西林吗").kind == "answer"


def test_a_babys_disease_is_the_graphs_entity_for_babies(planner):
    """Probe: 湿疹怎么治 | 那婴儿呢 gave adults' creams; 婴儿黄疸 gave hepatitis remedies; 宝宝拉肚子 listed an
    antibiotic (复方磺胺甲恶唑片) among 小儿腹泻's drugs."""
    assert plan(planner, "那婴儿呢", ["湿疹怎么治"]).source["entity"] == "婴儿湿疹"
    assert plan(planner, "婴儿黄疸高怎么办").source["entity"] == "新生儿黄疸"
    assert "复方磺胺甲恶唑片" not in plan(planner, "宝宝拉肚子吃什么药").reply
    hepatitis = plan(planner, "乙肝到底是通过什么途径传播的啊", ["老公是乙肝小三阳 我和孩子天天跟他一起吃饭"])
    assert hepatitis.source["entity"] != "新生儿乙型肝炎", hepatitis.reply


def test_emergencies_told_plainly(planner):
    """Probe: an asthma attack, an overdose of sleeping pills, pain or bleeding late in pregnancy."""
    assert_emergencies(planner, ("哮喘发作了喘不上气", "安眠药吃多了会怎样", "怀孕7个月肚子疼", "孕32周见红了"))
    for question in ("降压药吃多了伤肾吗", "每次来月经 肚子疼得打滚", "我妈吃了三片降压药会不会有事"):
        assert plan(planner, question).kind != "emergency", question


def test_a_complaint_in_pregnancy_lists_diseases_of_pregnancy_or_declines(planner):
    """Probe and dev35: 怀孕3个月肚子有点疼 listed 肠炎 and 胰腺炎; a pregnant woman's palpitations listed
    小儿甲状腺功能亢进症. 没怀孕 tells no pregnancy."""
    thyroid = plan(planner, "怀孕以后老心慌 手抖 怕热 体重还往下掉 什么毛病")
    assert reply_items(thyroid.reply)[0] == "甲亢合并妊娠", thyroid.reply
    headache = plan(planner, "怀孕了 头疼是怎么回事")
    assert all("妊娠" in item for item in reply_items(headache.reply)), headache.reply
    hair = plan(planner, "怀孕了 老是掉头发怎么回事")  # no disease of pregnancy lists it
    assert hair.kind == "decline" and "妇产科" in hair.reply, hair.reply
    assert plan(planner, "没怀孕 肚子疼怎么回事").kind == "reverse"


def test_a_diseases_typical_symptoms_come_first(planner):
    """Probe: 青光眼有什么症状 gave 不适；习惯性便秘；便秘 (the graph lists symptoms in character order);
    those that diseases of its own department list come first."""
    glaucoma = reply_items(plan(planner, "青光眼有什么症状").reply)
    assert glaucoma[:2] == ["视力下降", "眼痛"] and "便秘" not in glaucoma, glaucoma
    heart = reply_items(plan(planner, "心衰的病人一般会有哪些症状？").reply)
    assert "呼吸困难" in heart and "压痛" not in heart, heart


def test_a_drugs_common_indications_come_first(planner):
    """Probe: 氨氯地平是治什么的 gave five kinds of angina and no 高血压 (character order); the diseases
    named most across the graph come first, not one read out of another (开瑞坦's 麻疹 inside 荨麻疹)."""
    assert reply_items(plan(planner, "氨氯地平是治什么的").reply)[0] == "高血压"
    assert "麻疹" not in reply_items(plan(planner, "开瑞坦治什么").reply)


def test_cramps_are_not_convulsions(planner):
    """Probe: 腿抽筋 (a cramp) listed 癫痫发作 second, through 抽搐 (a convulsion); 尿道口流脓 listed 骨髓炎 and
    肛瘘 (pus anywhere); 包皮龟头发红发痒 listed 梅毒 though the graph has 包皮龟头炎."""
    cramp = reply_items(plan(planner, "腿抽筋").reply)
    assert cramp[0] != "癫痫发作" and "抽搐" not in plan(planner, "腿抽筋").source["entity"], cramp
    assert "骨髓炎" not in plan(planner, "尿道口流脓").reply
    assert plan(planner, "包皮龟头发红发痒").source["entity"] == "包皮龟头炎"


def test_a_symptom_of_an_attack_asks_for_what_relieves_the_attack(planner):
    """Known since the seventh session: 我有痛风 | 又犯了 脚踝肿 | 吃什么药 listed 水肿's drugs, diuretics
    among them, which raise uric acid."""
    for earlier, question in ((["我有痛风", "又犯了 脚踝肿"], "吃什么药"), (["我有痛风"], "又犯了 脚踝肿得厉害 吃什么药")):
        reply = plan(planner, question, earlier)
        assert reply.source["entity"] == "痛风" and "苄噻嗪片" not in reply.reply, reply.reply


def test_emergencies_told_over_turns(planner):
    """Second probe: a diabetic sweating and shaking, a child who took a grandparent's pills, the worst
    headache of a life, bleeding that will not stop on warfarin (three turns), a sudden colic, pain
    low on the right with fever, a bare dog bite."""
    for earlier, story in ((["我爸糖尿病"], "他现在满头大汗手抖心慌"), (["孩子吃了奶奶的降压药"], "怎么办"),
                           (["我头疼"], "这是这辈子最厉害的一次头疼，还吐了"),
                           (["我爸吃华法林", "有什么副作用"], "他牙龈出血止不住"),
                           (["我有肾结石", "挂什么科"], "突然疼得在地上打滚"), (["我肚子疼"], "右下腹疼得厉害还发烧"),
                           ([], "我被狗咬了")):
        assert plan(planner, story, earlier).kind == "emergency", story
    for question in ("牙龈出血止不住怎么办", "被狗咬了应该怎么预防狂犬病", "每次来大姨妈都疼得打滚 痛经什么原因"):
        assert plan(planner, question).kind != "emergency", question
    assert plan(planner, "要打疫苗吗", ["我被狗咬了"]).source["type"] == "prevention"


def test_a_pregnant_womans_disease_is_the_graphs_entity_for_pregnancy(planner):
    """dev108: 怀孕后长痔疮了 这是啥原因 gave 痔's causes; the graph has 孕期痔疮."""
    assert plan(planner, "怀孕后长痔疮了 好尴尬 这是啥原因啊").source["entity"] == "孕期痔疮"
    assert plan(planner, "痔疮是什么原因").source["entity"] != "孕期痔疮"


def test_drug_facts_read_the_wrong_way_round_are_not_given(planner):
    """Second probe: 二甲双胍 listed 低血糖症 among what it treats (from 不会引起低血糖); 冠心病's drug
    treatment named short-acting nifedipine (to be avoided); 甲亢's drugs held levothyroxine; an itch
    from a mosquito bite listed a vaginal tablet first."""
    assert "低血糖症" not in plan(planner, "二甲双胍能治什么").reply
    assert "硝苯地平" not in plan(planner, "吃什么药", ["我有冠心病"]).reply
    assert "左甲状腺素钠片" not in plan(planner, "甲亢吃什么药").reply
    assert "阴道" not in plan(planner, "用什么药", ["我被蚊子咬了很痒"]).reply
    assert "阴道" in plan(planner, "白带多 下面痒用什么药").reply


def test_period_pain_is_dysmenorrhoea(planner):
    """dev108/second probe: 来月经肚子疼 吃什么药 listed 腹痛's drugs, diarrhoea remedies among them."""
    assert plan(planner, "吃什么药", ["我老婆来月经肚子疼"]).source["entity"] == "痛经"


def test_a_red_swollen_breast_while_nursing_is_mastitis(planner):
    """dev108: 喂奶的时候一边乳房又红又肿 listed 足癣 and 乳突炎, the diseases listing 红肿."""
    reply = plan(planner, "喂奶的时候一边乳房又红又肿还发硬，碰一下就疼，这是什么原因造成的")
    assert all("乳腺炎" in item for item in reply_items(reply.reply)), reply.reply


def test_consultation_posts_of_dev107(planner):
    """dev107: half a bowl of coughed-up blood was 咳嗽's diseases; 家里有上次剩的非布司他 现在能开始吃吗
    listed 痛风's signs; 小便有点发红 was no 血尿, so a colic listed no 肾结石."""
    assert plan(planner, "刚才一阵咳嗽，一口一口往外咯鲜血，已经咯了大半碗了，还在咯",
                ["我有支气管扩张十来年了，平时痰里偶尔有点血丝。"]).kind == "emergency"
    assert plan(planner, "痰里有血丝怎么回事").kind != "emergency"
    gout = plan(planner, "痛风现在正发作着，大脚趾肿得老高，家里有上次剩的非布司他，我现在能开始吃吗？")
    assert gout.kind == "decline" and gout.source["type"] == "take_drug", gout.reply
    colic = plan(planner, "半夜突然右边腰疼，后来往下腹部窜，小便有点发红，吐了一次。这是什么病？")
    assert "肾结石" in reply_items(colic.reply), colic.reply


def test_a_drug_taken_every_day_is_told_not_asked_about(planner):
    """Terminal check: 她一直吃着氨氯地平 这药主要治啥 was declined as a question about stopping it; 一直吃
    and 天天吃 tell, 要一直吃吗 asks."""
    assert plan(planner, "她一直吃着氨氯地平 这药主要治啥").source["type"] == "indication"
    assert plan(planner, "氨氯地平要一直吃吗").source["type"] == "stop_drug"
    pill = plan(planner, "我有癫痫一直吃卡马西平 昨晚避孕失败了 吃毓婷会不会没效果")
    assert pill.source["type"] == "interaction" and "卡马西平" in pill.reply, pill.reply
    assert plan(planner, "连花清瘟能当预防药天天吃吗").kind == "decline"


def test_another_drug_after_a_may_i_take_it_question_is_asked_the_same_way(planner):
    """Web check: 我家宝宝一岁…能吃美林吗 | 那吗丁啉呢 listed what 吗丁啉 treats, as if a baby might take
    it; the question is asked again for the new drug. 睡着了还憋气 is the graph's 呼吸暂停 (snoring
    listed only 咽畸胎瘤)."""
    reply = plan(planner, "那吗丁啉呢", ["宝宝一岁 能吃美林吗"])
    assert reply.kind == "decline" and reply.source["entity"] == "吗丁啉", reply.reply
    snoring = reply_items(plan(planner, "老公打呼噜 睡着了还憋气 是什么病").reply)
    assert "阻塞性睡眠呼吸暂停低通气综合征" in snoring and "咽畸胎瘤" not in snoring, snoring
