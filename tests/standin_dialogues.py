"""A stand-in for the public Chinese medical dialogue CSVs (department,title,ask,answer; GB18030,
\\r\\n line ends), for tests and for a measured run in /tmp. It cannot be downloaded here.

Rows are made from templates: a sub-department, a patient describing symptoms of one of its
diseases in colloquial words (who, age, how long, what they tried), and a doctor's reply that
names the likely cause and gives advice. Fields contain commas, quotes and Latin text, as the
real ones do. It is NOT data to train a real model on: its replies follow a few templates, so
scores on it say nothing about the real set.

    python tests/standin_dialogues.py OUT.csv N [SEED]
"""
import csv
import random
import sys

# sub-department -> disease -> (symptoms, checks, advice)
DEPARTMENTS = {
    "心血管科": {"高血压": (["头晕", "头痛", "心慌", "耳鸣"], ["测血压", "心电图"], ["低盐饮食", "规律服用降压药", "戒烟限酒"]),
             "冠心病": (["胸闷", "胸痛", "气短"], ["心电图", "冠脉CT"], ["避免劳累", "遵医嘱服用阿司匹林"])},
    "消化科": {"胃炎": (["胃痛", "反酸", "烧心", "恶心"], ["胃镜", "幽门螺杆菌检测"], ["饮食清淡", "少吃辛辣刺激的食物", "按时吃饭"]),
            "肠炎": (["腹泻", "肚子痛", "大便稀"], ["大便常规", "肠镜"], ["注意饮食卫生", "多喝水补充电解质"])},
    "呼吸科": {"支气管炎": (["咳嗽", "咳痰", "低烧"], ["血常规", "胸片"], ["多喝温水", "注意保暖", "必要时用抗生素"]),
            "哮喘": (["喘不上气", "胸闷", "夜里咳嗽"], ["肺功能检查"], ["避免接触过敏原", "随身携带吸入剂"])},
    "儿科": {"小儿感冒": (["发烧", "流鼻涕", "咳嗽"], ["血常规"], ["多喝水", "体温超过38.5度时用退烧药", "注意休息"]),
           "小儿腹泻": (["拉肚子", "吐奶", "精神差"], ["大便常规"], ["口服补液盐", "暂停辅食", "注意脱水"])},
    "妇科": {"月经不调": (["月经推迟", "经量少", "痛经"], ["B超", "性激素六项"], ["规律作息", "保持心情舒畅", "调理气血"]),
           "阴道炎": (["白带多", "瘙痒", "异味"], ["白带常规"], ["注意个人卫生", "遵医嘱用药", "治疗期间避免同房"])},
    "男科": {"前列腺炎": (["尿频", "尿急", "小腹坠胀"], ["前列腺液检查", "B超"], ["多喝水", "不要久坐", "忌辛辣"])},
    "皮肤科": {"湿疹": (["起红疹", "很痒", "脱皮"], ["过敏原检测"], ["避免搔抓", "外用保湿霜", "穿棉质衣服"])},
    "骨科": {"腰椎间盘突出": (["腰疼", "腿麻", "弯腰困难"], ["腰椎CT", "核磁共振"], ["卧床休息", "避免搬重物", "做理疗"])},
}
WHO = ["我", "我妈", "我爸", "孩子", "我老婆", "我爷爷", "我朋友"]
DURATION = ["两天", "三四天", "一个星期", "半个月", "一个多月", "三个月", "好几年"]
TRIED = ["吃了点药没什么用", "去诊所打了针", "还没有去医院", "自己买了些药吃", "喝了很多热水"]
TITLES = ["{s}是怎么回事？", "{s}{d}了怎么办", "{dis}怎么治疗效果好", "{dis}需要做什么检查", "{s}是不是{dis}",
          "{who}{s}，严重吗"]
ASKS = ["{who}今年{age}岁，最近{d}总是{s}，还有点{s2}，{tried}，请问这是什么原因，该怎么办？",
        "{who}{s}已经{d}了，有时候{s2}，之前没有这种情况，想问问医生需要注意什么",
        "医生你好，{who}{age}岁，{d}前开始{s}，{tried}，会不会是\"{dis}\"？"]
ANSWERS = ["你好，根据你的描述，考虑是{dis}引起的{s}。建议到医院做{check}明确诊断，平时{a1}，{a2}。",
           "{s}、{s2}是{dis}的常见表现，需要做{check}确诊。治疗上要{a1}，同时{a2}，症状加重要及时就医。",
           "你好，这种情况可能是{dis}，先{a1}，{a2}，如果{d}以上还没有好转，建议去{dept}就诊，做{check}。"
           "感谢你的咨询，希望对你有帮助。"]


def standin_rows(n: int, seed: int = 0):
    """n rows of (department, title, ask, answer)."""
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        dept = rng.choice(sorted(DEPARTMENTS))
        dis = rng.choice(sorted(DEPARTMENTS[dept]))
        symptoms, checks, advice = DEPARTMENTS[dept][dis]
        s, s2 = rng.sample(symptoms, 2) if len(symptoms) > 1 else (symptoms[0], symptoms[0])
        a1, a2 = rng.sample(advice, 2)
        fill = dict(dept=dept, dis=dis, s=s, s2=s2, a1=a1, a2=a2, check=rng.choice(checks), who=rng.choice(WHO),
                    d=rng.choice(DURATION), tried=rng.choice(TRIED), age=rng.randint(2, 80))
        rows.append((dept, rng.choice(TITLES).format(**fill), rng.choice(ASKS).format(**fill),
                     rng.choice(ANSWERS).format(**fill)))
    return rows


def write_csv(path: str, rows, encoding: str = "gb18030") -> None:
    """The public set's shape: a header, quoted where needed, \\r\\n line ends."""
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(["department", "title", "ask", "answer"])
        writer.writerows(rows)


if __name__ == "__main__":
    write_csv(sys.argv[1], standin_rows(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0))
