"""interact.py driven through a pipe, and chat_loop's commands."""
import io
import os
import subprocess
import sys

from interact import SampleLog, chat_loop
from kgqa.planner import AnswerPlanner


def test_interact_through_a_pipe(trained, full_kg, tmp_path):
    config, dialogues = trained
    (q1, _), (q2, _) = dialogues[0].utterances, dialogues[1].utterances
    # interact.py plans over the whole graph, whose symptom order differs from the tiny graph's the
    # model was trained on: the reply shown is the whole graph's (the model's words, or corrected)
    a1 = AnswerPlanner(full_kg, config.max_answer_items, config.max_knowledge_chars).plan(q1).reply
    samples = tmp_path / "samples.txt"
    result = subprocess.run(
        [sys.executable, "interact.py", f"--model_path={config.model_path}", "--top_k=1",
         f"--save_samples_path={samples}"],
        input=f"{q1}\n{q2}\nexit\n", capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert f"{a1}\n" in result.stdout and result.stdout.count("用户：机器人：") == 2
    assert "Traceback" not in result.stderr
    saved = samples.read_text(encoding="utf-8")
    assert "=====" in saved and f"用户：{q1}" in saved and f"用户：{q2}" in saved


def test_interact_without_model_names_the_fix(tmp_path):
    result = subprocess.run([sys.executable, "interact.py", f"--model_path={tmp_path}/missing"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and "python train.py" in result.stderr and "Traceback" not in result.stderr


def test_clear_exit_and_eof(bot, tmp_path):
    lines = iter(["高血压的常见症状有些什么？", "clear", "糖尿病挂什么科？", "quit", "never read"])
    out = io.StringIO()
    history = chat_loop(bot, read=lambda prompt: next(lines), out=out, log=SampleLog(str(tmp_path / "s.txt")))
    assert len(history) == 2 and history[0] == "糖尿病挂什么科？"  # clear dropped the first turn
    assert "对话历史已清空" in out.getvalue()

    def eof(prompt):
        raise EOFError

    assert chat_loop(bot, read=eof, out=io.StringIO(), log=None) == []


def test_streamed_latin_runs_come_in_the_graphs_case(bot, monkeypatch):
    """The vocabulary is uncased: a run of Latin letters is held until complete and shown as the
    graph writes it, so the terminal never shows 维u and then a correction."""
    from kgqa.answer import Plan, fact_segment
    plan = Plan("answer", fact_segment("甲亢", [("实验室检查", ["TSH水平", "游离T3"])], 150), {})
    pieces = ["甲亢的实验室检查：", "ts", "h", "水平", "；", "游离", "t", "3", "。"]
    monkeypatch.setattr(bot, "plan", lambda question, history: plan)
    monkeypatch.setattr(bot, "stream", lambda question, history, plan=None: iter(pieces))
    streamed = list(bot.stream_answer("甲亢查什么"))
    assert "".join(streamed[:-1]) == "甲亢的实验室检查：TSH水平；游离T3。"
    assert streamed[-1].text == "甲亢的实验室检查：TSH水平；游离T3。"
    out = io.StringIO()
    questions = iter(["甲亢查什么", "exit"])
    chat_loop(bot, lambda _prompt: next(questions), out)
    assert "更正" not in out.getvalue() and "TSH水平" in out.getvalue()


def test_small_talk_streams_its_fixed_wording(bot, monkeypatch):
    """Small talk is fixed wording: streamed whole, never the model's words (found in the terminal:
    你是谁 streamed the identity reply the model was trained on, then the longer one as a correction)."""
    from kgqa.answer import Plan, chat_segment, realise
    plan = Plan("chat", chat_segment("identity"), {"type": "identity"})
    expected = realise(plan.segment)
    assert "CMeKG" in expected
    monkeypatch.setattr(bot, "plan", lambda question, history: plan)
    monkeypatch.setattr(bot, "stream", lambda question, history, plan=None: iter(["我是", "cm", "ekg", "机器人"]))
    assert "".join(list(bot.stream_answer("你是谁"))[:-1]) == expected


def test_emergency_streams_the_120_line_whole(bot, monkeypatch):
    """A red flag shows the 120 line at once: never model words the check would take back
    (found asking in the terminal: a story unlike training derailed the model before the fix)."""
    from kgqa.answer import Plan, emergency_segment, realise
    plan = Plan("emergency", emergency_segment(), {"type": "emergency"})
    monkeypatch.setattr(bot, "plan", lambda question, history: plan)
    monkeypatch.setattr(bot, "stream", lambda *a, **k: iter(["急症的", "药品药品药品"]))
    streamed = list(bot.stream_answer("我妈吃了别的药 全身起大泡 一碰就掉皮"))
    assert streamed[:-1] == [realise(plan.segment)] and "120" in streamed[0]
    assert streamed[-1].text == realise(plan.segment)


def test_a_name_the_graph_lacks_streams_the_not_found_reply_whole(bot):
    """Found asking in the terminal: 宝宝才4个月…能给她用小儿伪麻美芬滴剂吗 streamed garbled model
    words, then the correction; the not-found reply is what the answer shows, so it is streamed."""
    question = "宝宝才4个月 鼻子不通气 能给她用小儿伪麻美芬滴剂吗"
    plan = bot.plan(question, [])
    assert plan.kind == "not_found"
    streamed = list(bot.stream_answer(question))
    assert streamed[:-1] == [plan.reply] and streamed[-1].text == plan.reply


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_a_corrected_reply_replaces_the_streamed_words_on_a_terminal(bot, monkeypatch):
    """Words that fail the check are erased on a terminal, so wrong facts never stay on screen;
    a pipe gets the correction as a line of its own."""
    from kgqa.answer import Plan, fact_segment
    plan = Plan("answer", fact_segment("甲亢", [("实验室检查", ["TSH水平", "游离T3"])], 150), {})
    monkeypatch.setattr(bot, "plan", lambda question, history: plan)
    monkeypatch.setattr(bot, "stream", lambda question, history, plan=None: iter(["甲亢的实验室检查：", "血糖", "。"]))
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((10, 24)))
    for out in (FakeTerminal(), io.StringIO()):
        questions = iter(["甲亢查什么", "exit"])
        chat_loop(bot, lambda _prompt: next(questions), out)
        text = out.getvalue()
        assert "甲亢的实验室检查：TSH水平；游离T3。" in text
        if out.isatty():  # 机器人：甲亢的实验室检查：血糖。 is 32 columns: 4 lines of 10, so up 3 and clear
            assert "\r\x1b[3A\x1b[J机器人：甲亢的实验室检查：TSH水平" in text and "更正" not in text
        else:
            assert "（按知识库更正）" in text
