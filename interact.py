"""Terminal multi-turn chat.

    python interact.py [--model_path=save_model/min_loss_model --top_k=1 --save_samples_path=]

Type a question; `clear` (or 清空) forgets the conversation, `exit`/`quit`, Ctrl-D or Ctrl-C
leave. Conversations are appended to `save_samples_path` (empty setting = not saved).
"""
import datetime
import os
import shutil
import sys
import unicodedata
from typing import Callable, List, Optional, TextIO

from chatbot import ChatBot, ModelNotFound
from parameter_config import ParameterConfig, cli_config

EXIT_WORDS = {"exit", "quit", "退出"}
CLEAR_WORDS = {"clear", "清空"}
PROMPT = "机器人："


class SampleLog:
    """Appends each turn of the conversation, with a timestamped header per session."""

    def __init__(self, path: str):
        self.path = path
        if path:
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
            self.write(f"\n===== {datetime.datetime.now().isoformat(timespec='seconds')} =====\n")

    def write(self, text: str) -> None:
        if self.path:
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(text)


def describe_source(source: dict) -> str:
    """`来源：entity · relations` for the terminal ('' when the answer used no graph facts)."""
    if not source.get("entity"):
        return ""
    relations = "、".join(source.get("relations", [])) or "未收录所问内容"
    return f"来源：知识图谱 · {source['entity']} · {'反查' if source.get('direction') == 'reverse' else ''}{relations}"


def display_width(text: str) -> int:
    """Terminal columns the text takes: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def replace_streamed(out: TextIO, shown: str, reply: str) -> None:
    """The model's words failed the check: on a terminal, erase them and show the checked reply in
    their place, so wrong facts never stay on screen; in a pipe or log, say it was corrected."""
    if not out.isatty():
        out.write(f"\n（按知识库更正）{reply}")
        return
    lines = max(1, -(-display_width(shown) // shutil.get_terminal_size().columns))
    out.write("\r" + (f"\x1b[{lines - 1}A" if lines > 1 else "") + "\x1b[J" + PROMPT + reply)


def chat_loop(bot: ChatBot, read: Callable[[str], str] = input, out: TextIO = sys.stdout,
              log: Optional[SampleLog] = None, show_source: bool = True) -> List[str]:
    """Run the conversation until exit; returns the final history."""
    history: List[str] = []
    out.write("医疗问诊机器人：请输入问题（clear 清空历史，exit 退出）。回答仅供参考，不能代替医生诊断。\n")
    while True:
        try:
            text = read("用户：").strip()
        except EOFError:
            break
        if not text:
            continue
        if text.lower() in EXIT_WORDS:
            break
        if text.lower() in CLEAR_WORDS:
            history = []
            out.write("（对话历史已清空）\n")
            continue
        out.write(PROMPT)
        streamed = ""
        for piece in bot.stream_answer(text, history):
            if isinstance(piece, str):
                streamed += piece
                out.write(piece)
                out.flush()
            else:
                answer = piece
        reply = answer.text
        if reply != streamed:  # the model's words failed the check (Latin runs already stream in the graph's case)
            replace_streamed(out, PROMPT + streamed, reply)
        out.write("\n")
        if show_source and describe_source(answer.source):
            out.write(f"  [{describe_source(answer.source)}]\n")
        history += [text, reply]
        if log:
            log.write(f"用户：{text}\n机器人：{reply}\n")
    out.write("再见！\n")
    return history


def main(argv=None):
    config: ParameterConfig = cli_config(sys.argv[1:] if argv is None else argv)
    try:
        bot = ChatBot.load(config)
    except ModelNotFound as e:
        raise SystemExit(f"error: {e}") from None
    try:
        chat_loop(bot, log=SampleLog(config.path(config.save_samples_path) if config.save_samples_path else ""),
                  show_source=config.show_source)
    except KeyboardInterrupt:
        print("\n再见！")


if __name__ == "__main__":
    main()
