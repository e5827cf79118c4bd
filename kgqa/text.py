"""Text normalisation shared by the linker and the classifier (and applied to their word lists).

Patients write 疼 where the graph writes 痛, 食道 for 食管, 冲剂 for 颗粒, 啥(子)/咋(个) for 什么/怎么,
any dash for - (达英-35 is 达英—35 in the graph), misspell the words that ask (症壮, 副做用), and
some write traditional characters (肺結核怎麼預防, converted by OpenCC); names and keywords are
normalised the same way as questions, so one spelling in the data files covers both. A space
between words becomes a comma: no name spans it (还剩两天 可以不吃了吗 holds no 天可, 什么药 老婆
no 药老).
"""
from functools import lru_cache

WORDS = (("疼", "痛"), ("啥子", "什么"), ("咋个", "怎么"), ("啥", "什么"), ("咋", "怎么"),  # 啥子病 is no 子病
         ("食道", "食管"), ("冲剂", "颗粒"),
         ("症壮", "症状"), ("副做用", "副作用"), ("付作用", "副作用"), ("负作用", "副作用"),
         ("并发证", "并发症"), ("预访", "预防"), ("体检查出", "体检发现"),  # 体检查出脂肪肝 asks for no check
         ("钻心", ""))  # 脚后跟钻心疼 is a heel pain, not 心痛
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
