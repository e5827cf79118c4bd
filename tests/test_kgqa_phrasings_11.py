"""Phrasings found by dev sets 96 and later: each test names where it came from."""
from kgqa_helpers import assert_emergencies, plan


def test_emergencies_told_in_dialect_and_in_passing(planner):
    """dev97-99: a drowned child told in Sichuanese, heavy menstrual bleeding with fainting, an
    asthma attack with a blue face, a month-old baby with fever who had a fit."""
    assert_emergencies(planner, ("孙女掉进堰塘里头，捞起来没得气了",
                                 "来姨妈一小时湿透3片夜用 站起来眼前发黑 感觉要晕",
                                 "孩子哮喘发作，喘得坐都坐不住，脸憋得发青，怎么办",
                                 "满月的宝宝被亲戚亲了以后嘴边起泡，现在高烧不吃奶，刚才抽了一下"))
    assert plan(planner, "月经量多 一天换5片 正常吗").kind != "emergency"


def test_pregnancy_told_as_its_stage_or_in_dialect(planner):
    """dev98/dev100: 孕早期 and 怀起 (pregnant, Sichuanese) did not count as pregnancy: the drug's
    indications were listed as if anyone could take it."""
    early = plan(planner, "孕早期坐车晕得厉害，能吃晕车药吗")
    assert early.kind == "decline", early.reply
    later = plan(planner, "她脚抽筋能吃钙片不", ["儿媳妇怀起四个月了"])
    assert later.kind == "decline", later.reply


def test_a_dose_asked_beside_a_lab_value_is_a_doctors_judgement(planner):
    """dev96: 肌酐200 … 别嘌醇我该吃多大剂量 gave the label dose, which kidney failure changes."""
    for question in ("肌酐200，痛风要吃别嘌醇，我该吃多大剂量？", "我静息心率110，美托洛尔应该吃几片？"):
        reply = plan(planner, question)
        assert reply.kind == "decline" and reply.source["type"] == "take_drug", reply.reply
    assert plan(planner, "美托洛尔一次吃几片").source["type"] == "usage"


def test_booking_a_doctor_is_a_hospital_question(planner):
    """dev96: 能帮我挂消化内科主任的号吗 listed 消化's departments."""
    reply = plan(planner, "你们平台能帮我挂消化内科主任的号吗？")
    assert reply.kind == "decline" and reply.source["type"] == "hospital", reply.reply


def test_taking_two_drugs_at_once_asks_how_they_interact(planner):
    """dev100: 能同时喝藿香正气水吗 beside 氨氯地平 listed what 藿香正气水 treats."""
    reply = plan(planner, "正在吃氨氯地平，能同时喝藿香正气水吗")
    assert reply.source["type"] == "interaction" and "关节炎" not in reply.reply, reply.reply


def test_can_a_cream_be_swallowed_asks_how_it_is_used(planner):
    """dev100: 晕宁软膏可以吃吗？还是只能涂 listed what it treats."""
    reply = plan(planner, "红霉素软膏能口服吗")
    assert reply.source["relations"] == ["用法用量"] and "外用" in reply.reply, reply.reply


def test_western_drugs_inside_a_patent_medicine_come_first(planner):
    """dev98: 消渴丸是不是纯中药 listed five herbs and left out 格列本脲 (glibenclamide)."""
    reply = plan(planner, "消渴丸是不是纯中药哦？听说里头掺得有西药")
    assert "格列本脲" in reply.reply, reply.reply
    assert "对乙酰氨基酚" in plan(planner, "感冒灵里有西药吗").reply
    steroid = plan(planner, "皮炎平里面有激素没有")
    assert "地塞米松" in steroid.reply, steroid.reply


def test_a_cream_near_the_eyes_is_answered_by_its_cautions(planner):
    """dev97: 这个药膏能不能抹在眼睛周围 listed what 喷昔洛韦乳膏 treats."""
    reply = plan(planner, "这个药膏能不能抹在眼睛周围", ["上火嘴角起泡，药店给了喷昔洛韦乳膏"])
    assert reply.kind == "answer" and "眼" in reply.reply and "疱疹" not in reply.reply, reply.reply


def test_patent_medicines_asked_for_are_patent_medicines(planner, full_kg):
    """dev98: 睡不着觉，有啥子中成药 listed 唑吡坦, 三唑仑 and 戊酸雌二醇片."""
    reply = plan(planner, "晚上睡不着觉，有啥子中成药")
    drugs = reply.reply.split("：", 1)[1].split("。")[0].split("；")
    assert drugs and all(full_kg.items(d, "功能主治") for d in drugs), reply.reply


def test_insomnia_drugs_list_no_estrogens(planner):
    """dev98: 睡眠障碍's related drugs hold estrogens for menopausal women (戊酸雌二醇片)."""
    reply = plan(planner, "失眠吃什么药")
    assert reply.kind == "answer" and "雌二醇" not in reply.reply, reply.reply


def test_suppositories_asked_for_are_products(planner):
    """dev97: 痔疮有什么好用的栓剂或者药膏 listed 痔's 药物治疗 (括约肌松弛剂, 广谱抗生素治疗)."""
    reply = plan(planner, "痔疮有什么好用的栓剂或者药膏")
    assert reply.kind == "reverse" and "栓" in reply.reply, reply.reply


def test_a_phrase_that_means_one_symptom_is_not_split_into_its_words(planner):
    """dev98: 手心脚心发热 (hot palms and soles) was split into 手心脚心 (a rash) and 发热; 潮热出汗
    is still two symptoms."""
    reply = plan(planner, "成日手心脚心发热，口干，夜晚瞓唔着，系咩问题")
    assert "手足心热" in reply.source["entity"] and "皮疹" not in reply.reply, reply.reply
    both = plan(planner, "47岁 最近老是一阵一阵潮热出汗 月经也乱了 是咋回事")
    assert "潮热" in both.source["entity"] and "出汗" in both.source["entity"], both.reply


def test_drugs_asked_for_during_an_attack_relieve_one(planner):
    """Found asking in the terminal: 痛风发作吃什么药 listed 别嘌醇, which is never started during a
    gout attack; 哮喘发作 listed inhaled steroids, which prevent attacks but do not stop one. An
    attack told in the turn before counts; how often attacks come does not."""
    gout = plan(planner, "痛风发作吃什么药")
    assert gout.kind == "answer" and "秋水仙碱" in gout.reply and "别嘌" not in gout.reply, gout.reply
    told_before = plan(planner, "一般用什么药", ["痛风又犯了 大脚趾肿得像馒头"])
    assert told_before.kind == "answer" and "别嘌" not in told_before.reply, told_before.reply
    asthma = plan(planner, "哮喘发作了吃什么药")
    assert asthma.kind == "answer" and all("沙丁胺醇" in d or "特布他林" in d or "异丙托" in d
                                           for d in asthma.reply.split("：", 1)[1].rstrip("。").split("；")), asthma.reply
    assert "别嘌" in plan(planner, "痛风吃什么药").reply  # no attack: its long-term drugs too
    assert "别嘌" in plan(planner, "痛风一般都用什么药治", ["痛风第三年了 今年已经犯了四回"]).reply


def test_emergencies_a_patient_tells_as_a_question(planner):
    """Patient probes: a thunderclap headache with vomiting, a tight throat after penicillin, black
    stools after ibuprofen or like tar. Black stools on iron are no emergency."""
    assert_emergencies(planner, ("头疼了好几天，今天早上突然特别疼，像被打了一样，还吐了",
                                 "打完青霉素脸上起疙瘩，嗓子有点紧",
                                 "吃了布洛芬之后胃疼还拉黑便",
                                 "大便发黑像柏油是怎么回事"))
    assert plan(planner, "吃了铁剂大便发黑正常吗").kind != "emergency"


def test_pregnancy_or_an_allergy_told_before_is_looked_up_in_the_contraindications(planner):
    """Patient probe: 我怀孕了 | 能吃布洛芬吗 declined, though 布洛芬颗粒's 禁忌 say 孕妇禁用; 能用X吗 was
    no may-I-take-it question (青霉素过敏能用阿莫西林吗)."""
    pregnant = plan(planner, "能吃布洛芬吗", ["我怀孕了"])
    assert pregnant.kind == "answer" and "孕" in pregnant.reply, pregnant.reply
    for question, earlier in (("青霉素过敏能用阿莫西林吗", []), ("能用阿莫西林吗", ["我对青霉素过敏"])):
        allergic = plan(planner, question, earlier)
        assert allergic.kind == "answer" and "青霉素" in allergic.reply, allergic.reply


def test_a_double_dose_or_a_complaint_after_a_drug_is_a_doctors_judgement(planner):
    """Patient probe: 降压药吃了两次 and 高血压吃了药头晕 listed 高血压's drugs."""
    for question in ("刚才不小心把降压药吃了两次，应该没事吧", "高血压吃了药头晕"):
        reply = plan(planner, question)
        assert reply.kind == "decline" and "利尿剂" not in reply.reply, reply.reply


def test_drugs_for_a_child_are_made_for_children(planner):
    """Patient probe: 孩子三岁 发烧39度吃什么药 listed 感冒退烧片 and 连翘败毒片; 宝宝湿疹 listed
    当归苦参丸; an adult's 拉肚子 listed 小儿泄泻停颗粒 first; 阿莫西林… | 孩子能吃吗 gave the tablets."""
    fever = plan(planner, "孩子三岁，发烧39度吃什么药")
    drugs = fever.reply.split("：", 1)[1].split("。")[0].split("；")
    assert all(any(w in d for w in ("小儿", "儿童")) for d in drugs), fever.reply
    assert "当归苦参丸" not in plan(planner, "宝宝湿疹用什么药").reply
    adult = plan(planner, "拉肚子吃什么药")
    assert not adult.reply.split("：", 1)[1].startswith("小儿"), adult.reply
    follow_up = plan(planner, "孩子能吃吗", ["阿莫西林有什么副作用"])  # not the tablets' indications: what the
    assert follow_up.kind == "decline" or follow_up.source.get("entity") != "阿莫西林片", follow_up.reply  # graph
    # says of children, else a decline


def test_a_condition_a_drug_question_names_narrows_its_cautions(planner):
    """Patient probe: 开车能吃氯雷他定吗 listed what it treats; 硝苯地平控释片能掰开吃吗 gave an unrelated
    caution (the graph says nothing about splitting it)."""
    driving = plan(planner, "开车能吃氯雷他定吗")
    assert driving.source["type"] != "indication" and "发烧" not in driving.reply, driving.reply
    split = plan(planner, "硝苯地平控释片能掰开吃吗")
    assert split.kind == "decline", split.reply


def test_what_a_drug_cannot_be_said_to_cure_is_declined(planner):
    """Patient probe: 双黄连口服液能治新冠吗 listed its indications, which a patient reads as yes."""
    reply = plan(planner, "双黄连口服液能治新冠吗")
    assert reply.kind == "decline", reply.reply
    assert plan(planner, "布洛芬能治牙疼吗").kind == "answer"


def test_wrong_drugs_and_diseases_are_never_listed(planner):
    """Patient probes: 脂肪肝 listed 脂肪乳注射液 (intravenous nutrition); 甲减 listed lipid drugs; a
    child's rash listed 性病; 花粉过敏 was read as the herb 天花粉."""
    assert "脂肪乳" not in plan(planner, "体检说有脂肪肝怎么办").reply
    assert "烟酸" not in plan(planner, "甲减吃什么药").reply
    assert "性病" not in plan(planner, "孩子吃了头孢身上起红疹子，有点痒").reply
    pollen = plan(planner, "花粉过敏打喷嚏流眼泪怎么办")
    assert "天花粉" not in pollen.reply and pollen.source.get("entity") != "天花粉", pollen.reply


def test_symptoms_told_before_count_when_that_message_only_told(planner):
    """dev35: 洗澡时摸到乳房里有个肿块 | 按着有点胀痛 可能是什么病 lost the lump (洗澡 read as a question
    about exercise)."""
    reply = plan(planner, "按着有点胀痛 可能是什么病", ["洗澡时摸到乳房里有个肿块"])
    assert "乳房肿块" in reply.source["entity"], reply.reply


def test_dev_set_103_a_familys_medicine_cabinet(planner):
    """dev103: 美林到底是退烧的还是止疼的 listed its side effects; 饭前吃还是饭后吃 is answered by a
    caution saying so when the usage does not (葡萄糖酸锌片: 宜餐后服用), by the usage otherwise;
    百多邦能涂鼻孔里面吗 listed what it treats; 乳头裂了 listed 乳腺癌 (乳头 alone was the symptom);
    肝内钙化灶 listed diseases with 钙化; a child's itchy bottom listed 肛管癌."""
    fever_or_pain = plan(planner, "美林到底是退烧的还是止疼的？说明书被娃撕了")
    assert fever_or_pain.source["type"] == "indication", fever_or_pain.reply
    meals = plan(planner, "饭前吃还是饭后吃", ["葡萄糖酸锌片"])
    assert "餐后" in meals.reply, meals.reply
    assert "饭后" in plan(planner, "硫酸亚铁片是饭前吃还是饭后吃").reply
    count = plan(planner, "碳酸钙D3片一天吃几片 饭前还是饭后")
    assert count.source["relations"] == ["用法用量"], count.reply
    nose = plan(planner, "百多邦能涂鼻孔里面吗")
    assert "鼻" in nose.reply and nose.source["type"] != "indication", nose.reply
    nipple = plan(planner, "乳头裂了好疼，一般是什么原因", ["在哺乳期"])
    assert "乳腺癌" not in nipple.reply and nipple.source["entity"] == "乳头皲裂", nipple.reply
    assert plan(planner, "肝内钙化灶是什么原因引起的").kind == "decline"
    assert "癌" not in plan(planner, "孩子晚上老喊屁股痒，睡不踏实").reply


def test_emergencies_told_beside_a_chronic_disease_or_in_dialect(planner):
    """Patient probes: a heart attack or a stroke told beside 高血压 and an everyday question got
    高血压's drugs or a diet decline; dialect (心口窝疼 直冒虚汗), charcoal fumes, dehydration, a
    diabetic's confusion and a hip fracture got symptom lists; indirect self-harm got a shrug."""
    assert_emergencies(planner, ("我老公58岁 平时有高血压 今天下午说胸口像被压住一样 一直不缓解 还冒汗 我们在家等等看行吗",
                                 "你好 我爸72岁 高血压十几年 刚才突然说左边身子没劲 走路往一边倒 想问下高血压老人平时吃什么好",
                                 "俺家老汉儿心口窝疼 疼得直冒虚汗 脸煞白",
                                 "一氧化碳 烧炭取暖 家里人头晕想吐",
                                 "昨天晚上一直拉 今天还吐 一天拉了十几次 现在头晕站不起来 尿很少",
                                 "老人摔了一跤 髋部疼 站不起来 腿往外翻"))
    assert plan(planner, "今天一直出冷汗 手抖 心慌 人发迷糊", ["我有糖尿病"]).kind == "emergency"
    for hint in ("如果我不在了家人会不会过得更好", "割手腕会死吗"):
        reply = plan(planner, hint)
        assert reply.kind == "emergency" and "心理援助" in reply.reply, hint
    for calm in ("新冠阳了嗓子像刀割一样疼怎么办", "一氧化碳中毒有什么症状", "蹲久了站起来眼前发黑 几秒就好了",
                 "说话舌头发硬 走路总往一边偏 两个多月了 越来越明显 这是啥毛病"):
        assert plan(planner, calm).kind != "emergency", calm


def test_what_patient_probes_found_wrong_in_answers(planner):
    """乙肝会通过吃饭传染吗 answered 传染性：有 (its routes say no such thing); 痤疮 and 糖尿病 listed
    布地奈德联用硫唑嘌呤治疗 (autoimmune hepatitis'); 阴道炎 | 老公需要一起治吗 listed vaginal drugs;
    绝经后又出血 listed 先兆流产; 多动 注意力不集中 listed only 单纯疱疹性脑炎."""
    eating = plan(planner, "乙肝会通过吃饭传染吗")
    assert eating.source["relations"] == ["传播途径"], eating.reply
    assert "硫唑嘌呤" not in plan(planner, "脸上长痘痘怎么办").reply
    assert "硫唑嘌呤" not in plan(planner, "糖尿病吃什么药").reply
    assert plan(planner, "那我老公需要一起治吗", ["阴道炎"]).kind == "decline"
    after_menopause = plan(planner, "绝经后又出血了 怎么回事")
    assert not any(w in after_menopause.reply for w in ("流产", "胎", "妊娠")), after_menopause.reply
    assert "注意缺陷多动障碍" in plan(planner, "孩子多动注意力不集中").reply


def test_sudden_deafness_is_named(planner):
    """Patient probe: 一只耳朵突然听不见了 was a bare not-found; it is 突发性耳聋 (耳鼻喉科)."""
    reply = plan(planner, "一只耳朵突然听不见了")
    assert reply.source.get("entity") == "突发性耳聋" and "耳鼻喉科" in reply.reply, reply.reply


def test_drugs_for_high_blood_sugar_lower_it(planner):
    """Found in the web page: 血糖高吃什么药好 listed ACE抑制剂, 他汀, 依普利酮 and 利妥昔单抗 before
    二甲双胍; 糖尿病's 药物治疗 also holds 皮质类固醇, which raise blood sugar."""
    reply = plan(planner, "血糖高吃什么药好")
    assert reply.reply.split("：", 1)[1].startswith("二甲双胍"), reply.reply
    assert not any(w in reply.reply for w in ("利妥昔单抗", "皮质类固醇", "依普利酮")), reply.reply


def test_how_often_a_cream_is_used_is_not_what_it_treats(planner):
    """dev39: 阿达帕林凝胶 每天用几次 白天能用吗 listed what it treats, read from 能用吗 (a may-I-take-it
    question); 用几次 asks its usage, which the graph lacks."""
    reply = plan(planner, "阿达帕林凝胶 每天用几次 白天能用吗")
    assert reply.kind == "decline" and "用法用量" in reply.reply, reply.reply


def test_the_last_question_asked_again_for_another_person(planner):
    """Patient probe: 换成孩子呢, 换成婴儿呢, 那我老公呢 after a question were not found (没有收录“婴儿”)."""
    child = plan(planner, "换成孩子呢", ["板蓝根能天天喝吗"])
    assert child.source.get("entity", "").startswith("板蓝根"), child.reply
    baby = plan(planner, "换成婴儿呢", ["湿疹怎么治"])
    assert "湿疹" in baby.source.get("entity", "") and "收录" not in baby.reply, baby.reply  # (婴儿湿疹 now)
    assert plan(planner, "孩子呢", ["板蓝根能天天喝吗"]).source.get("entity", "").startswith("板蓝根")
    husband = plan(planner, "那我老公呢", ["高血压吃什么药"])
    assert husband.kind == "answer" and husband.source["entity"] == "高血压", husband.reply


def test_one_everyday_complaint_lists_cancers_last(planner):
    """Patient probes: 掉头发 listed 子宫内膜癌, snoring with pauses listed 咽畸胎瘤 first. A cancer is
    still listed when several complaints point to it (咳嗽 痰里带血 消瘦: 肺癌)."""
    hair = plan(planner, "最近掉头发掉得厉害 这是啥病引起的")
    assert hair.kind == "reverse" and "癌" not in hair.reply, hair.reply
    snoring = plan(planner, "我爸晚上打呼噜特别响 中间还会停一会儿不喘气 白天坐着就能睡着")
    assert not snoring.reply.split("：", 1)[1].startswith("咽畸胎瘤"), snoring.reply
    several = plan(planner, "咳嗽两个月 痰里带血 人瘦了十几斤 是什么病")
    assert "癌" in several.reply, several.reply
