"""Text normalisation shared by the linker and the classifier (and applied to their word lists).

Patients write 疼 where the graph writes 痛, 食道 for 食管, 冲剂 for 颗粒, 啥(子)/咋(个) for 什么/怎么,
any dash for - (达英-35 is 达英—35 in the graph), misspell the words that ask (症壮, 副做用), and
some write traditional characters (肺結核怎麼預防, converted by OpenCC) and Hong Kong patients
Cantonese (係咪, 會唔會, 食咗, 睇邊科: CANTONESE, read as the Mandarin words); names and keywords are
normalised the same way as questions, so one spelling in the data files covers both. A space
between words becomes a comma: no name spans it (还剩两天 可以不吃了吗 holds no 天可, 什么药 老婆
no 药老).
"""
from functools import lru_cache

WORDS = (("疼", "痛"), ("啥子", "什么"), ("咋个", "怎么"), ("啥", "什么"), ("咋", "怎么"),  # 啥子病 is no 子病
         ("食道", "食管"), ("冲剂", "颗粒"),
         ("症壮", "症状"), ("副做用", "副作用"), ("付作用", "副作用"), ("负作用", "副作用"),
         ("并发证", "并发症"), ("预访", "预防"), ("体检查出", "体检发现"),  # 体检查出脂肪肝 asks for no check
         ("钻心", ""),  # 脚后跟钻心疼 is a heel pain, not 心痛
         ("甲状腺右叶", "甲状腺"), ("甲状腺左叶", "甲状腺"), ("甲状腺双叶", "甲状腺"),  # 甲状腺右叶结节: 甲状腺结节
         ("抗抑郁的药", "抗抑郁药"), ("抗焦虑的药", "抗焦虑药"), ("抗凝的药", "抗凝药"), ("降压的药", "降压药"),
         ("降糖的药", "降糖药"), ("消炎的药", "消炎药"))  # a class of drugs as its name
# Cantonese as Hong Kong patients type it (after OpenCC: 係咪 is 系咪), phrases before the particles they hold
CANTONESE = (("系咪", "是不是"), ("你系", "你是"), ("系唔系", "是不是"), ("系咩", "是什么"), ("系点样", "是怎样"), ("即系", "就是"),
             ("会唔会", "会不会"), ("可唔可以", "可不可以"), ("要唔要", "要不要"), ("应唔应该", "应不应该"),
             ("好唔好", "好不好"), ("算唔算", "算不算"), ("值唔值得", "值不值得"), ("饮唔饮得", "能不能喝"),
             ("食唔食得", "能不能吃"), ("唔食得", "不能吃"), ("医唔医得好", "能不能治好"), ("医得好", "治得好"),
             ("叫极都唔醒", "叫不醒"), ("叫极都唔应", "叫不应"), ("透唔到气", "喘不上气"), ("讲嘢唔清唔楚", "说话不清楚"),
             ("企都企唔稳", "站不稳"), ("企唔稳", "站不稳"), ("提唔起", "抬不起来"), ("瞓唔著", "睡不着"),
             ("乜嘢", "什么"), ("咩嘢", "什么"), ("点样", "怎样"), ("点解", "为什么"), ("点算", "怎么办"),
             ("边科", "哪科"), ("边间", "哪家"), ("边个", "哪个"), ("边啲", "哪些"), ("边度", "哪里"),
             ("几耐", "多久"), ("几钱", "多少钱"), ("几多", "多少"), ("有冇", "有没有"), ("医咩", "治什么"),
             ("食咗", "吃了"), ("食完", "吃完"), ("再食", "再吃"), ("唔使", "不用"), ("食紧", "在吃"), ("可以食", "可以吃"), ("要食", "要吃"),
             ("想食", "想吃"), ("食咩", "吃什么"), ("食药", "吃药"), ("食几", "吃几"), ("喂紧", "在喂"),
             ("人奶", "母乳"), ("一齐食", "一起吃"), ("一齐", "一起"), ("饮水", "喝水"), ("饮咗", "喝了"),
             ("屙尿", "小便"), ("肚屙", "腹泻"), ("好痕", "很痒"), ("痕到", "痒到"), ("病征", "症状"),
             ("心口翳", "胸闷"), ("心口", "胸口"), ("眼瞓", "困"), ("讲嘢", "说话"), ("面歪", "脸歪"),
             ("跌亲", "摔倒"), ("打乞嚏", "打喷嚏"), ("流鼻水", "流鼻涕"), ("鼻敏感", "过敏性鼻炎"),
             ("生蛇", "带状疱疹"), ("幽门螺旋菌", "幽门螺杆菌"), ("柏金逊", "帕金森"), ("脑退化症", "老年痴呆"),
             ("b肝", "乙肝"), ("带原", "携带"), ("川崎症", "川崎病"), ("蚕豆症", "蚕豆病"), ("骨痛热症", "登革热"),
             ("阿妈", "妈妈"), ("阿爸", "爸爸"), ("老豆", "爸爸"), ("个仔", "儿子"), ("个女", "女儿"), ("阿爷", "爷爷"),
             ("阿嫲", "奶奶"), ("屋企人", "家人"), ("屋企", "家里"), ("而家", "现在"), ("成日", "总是"),
             ("好犀利", "很厉害"), ("仲有", "还有"), ("咁样", "这样"), ("呢个", "这个"), ("呢只", "这个"),
             ("佢哋", "他们"), ("我哋", "我们"), ("唔", "不"), ("冇", "没有"), ("咗", "了"), ("嘅", "的"),
             ("佢", "他"), ("喺", "在"), ("嚟", "来"), ("𠮶", "那"), ("嗰", "那"), ("啲", "些"), ("㗎", ""),
             ("咩", "什么"), ("睇", "看"), ("瞓", "睡"), ("屙", "拉"), ("攰", "累"), ("咁", "这样"), ("俾", "给"))
WORDS = WORDS + CANTONESE
REPLACEMENTS = WORDS + (("？", "?"), ("，", ","), ("！", "!"), ("—", "-"), ("－", "-"), ("–", "-"))  # 达英-35: 达英—35


@lru_cache(maxsize=1)
def _to_simplified():
    import opencc
    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    text = _to_simplified().convert(",".join(str(text).split()).lower())
    for old, new in REPLACEMENTS:
        text = text.replace(old, new)
    return text


def normalise_pattern(pattern: str) -> str:
    """A regular expression from the data files, written as patients write (这辈子没这么疼过), made
    to match normalised text: only the word replacements, which are no regex syntax (not lower():
    \\S would become \\s)."""
    for old, new in WORDS:
        pattern = pattern.replace(old, new)
    return pattern
