"""Text normalisation shared by the linker and the classifier (and applied to their word lists).

Patients write 疼 where the graph writes 痛, and 啥/咋 for 什么/怎么; names and keywords are
normalised the same way as questions, so one spelling in the data files covers both.
"""
REPLACEMENTS = (("疼", "痛"), ("啥", "什么"), ("咋", "怎么"), ("？", "?"), ("，", ","), ("！", "!"))


def normalise(text: str) -> str:
    text = "".join(str(text).split()).lower()
    for old, new in REPLACEMENTS:
        text = text.replace(old, new)
    return text
