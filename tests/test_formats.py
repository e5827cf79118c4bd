"""The corpus reader: blank-line text, instruction JSONL, dialogue CSV; encodings; bad rows."""
import json
import pickle
import subprocess
import sys

from standin_dialogues import standin_rows, write_csv

from data_preprocess.dataset import DialogueDataset
from data_preprocess.formats import read_dialogues
from data_preprocess.preprocess import preprocess
from data_preprocess.vocab import load_tokenizer
from parameter_config import ParameterConfig


def plain_config(tmp_path, train, **kw):
    return ParameterConfig(train_path=str(train), valid_path="", train_pkl=str(tmp_path / "train.pkl"),
                           valid_pkl=str(tmp_path / "valid.pkl"), vocab_path=str(tmp_path / "vocab.txt"),
                           vocab_size=400, grounded=False, **kw)


def test_text_in_gb18030_with_crlf_and_a_question_without_answer(tmp_path):
    text = "头疼怎么办\r\n多休息\r\n\r\n只有问题没有回答\r\n\r\n\r\n【知识】\r\n你好\r\n你好，请讲\r\n"
    (tmp_path / "t.txt").write_bytes(text.encode("gb18030"))
    dialogues, report = read_dialogues(str(tmp_path / "t.txt"))
    assert [d.utterances for d in dialogues] == [["头疼怎么办", "多休息"], ["你好", "你好，请讲"]]
    assert dialogues[1].knowledge == "" and dialogues[0].knowledge is None
    assert (report.format, report.encoding, report.dialogues) == ("text", "GB18030", 2)
    assert report.bad == [(4, "a question without an answer")]
    assert "line 4" in report.summary()


def test_csv_like_the_public_set_with_bad_rows(tmp_path):
    rows = standin_rows(6, seed=3)
    rows[1] = (rows[1][0], rows[1][1], rows[1][2], "")  # no answer
    rows[3] = ("内科", "", "", "多喝水")  # no question
    rows[4] = ("外科", "腿疼，\"很厉害\"", "走路\n就疼", "拍个片子")  # quotes and a line break inside a field
    path = tmp_path / "d.csv"
    write_csv(str(path), rows)
    raw = path.read_bytes().split(b"\r\n")
    raw.insert(4, "儿科,发烧,孩子".encode("gb18030"))  # 3 fields
    raw.insert(5, "儿科,发烧".encode("gb18030") + b"\xff\xfe,ask,answer")  # bytes no codec reads
    path.write_bytes(b"\r\n".join(raw))
    dialogues, report = read_dialogues(str(path))
    assert (report.format, report.encoding) == ("CSV", "GB18030")
    # lines: header 1, rows[0:3] 2-4, the two inserted lines 5-6, rows[3] 7, rows[4] 8-9, rows[5] 10
    assert report.bad == [(3, "empty answer"), (5, "3 fields, the header has 4"), (6, "undecodable bytes"),
                          (7, "empty title and ask")]
    department, title, ask, answer = rows[0]
    assert dialogues[0].utterances == [title + ("" if title[-1] in "？。" else "。") + ask, answer]
    assert dialogues[2].utterances == ['腿疼，"很厉害"。走路 就疼', "拍个片子"]
    assert len(dialogues) == 4 and all(d.knowledge is None for d in dialogues)
    kept, _ = read_dialogues(str(path), keep_department=True)
    assert kept[0].utterances[0].startswith(f"【{department}】")


def test_jsonl_instructions_with_both_history_shapes(tmp_path):
    records = [
        {"instruction": "头疼怎么办", "input": "", "output": "多休息"},
        {"instruction": "请回答患者的问题", "input": "咳嗽三天了", "output": "多喝水",
         "history": [["你好", "你好，请讲"], ["我感冒了", "有什么症状"]]},
        {"instruction": "还发烧吗", "output": "不烧了就好",
         "history": [{"role": "user", "content": "孩子发烧"}, {"role": "assistant", "content": "多少度"}]},
        {"instruction": "没有回答"},
        {"instruction": "角色错了", "output": "x", "history": [{"role": "assistant", "content": "a"}]},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    lines.insert(3, "{not json")
    (tmp_path / "i.jsonl").write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n\r\n")
    dialogues, report = read_dialogues(str(tmp_path / "i.jsonl"))
    assert [d.utterances for d in dialogues] == [
        ["头疼怎么办", "多休息"],
        ["你好", "你好，请讲", "我感冒了", "有什么症状", "请回答患者的问题 咳嗽三天了", "多喝水"],
        ["孩子发烧", "多少度", "还发烧吗", "不烧了就好"]]
    assert (report.format, report.encoding) == ("JSONL", "UTF-8")
    assert report.bad == [(4, "invalid JSON"), (5, "missing or empty 'output'"),
                          (6, "'history' roles must alternate user, assistant")]


def test_utf8_file_with_a_corrupt_line_stays_utf8(tmp_path):
    lines = [json.dumps({"instruction": f"问题{i}", "output": f"回答{i}"}, ensure_ascii=False).encode("utf-8")
             for i in range(5)]
    lines[2] = lines[2][:-3] + b"\xff" + lines[2][-2:]  # one broken byte inside a string
    (tmp_path / "i.jsonl").write_bytes(b"\n".join(lines))
    dialogues, report = read_dialogues(str(tmp_path / "i.jsonl"))
    assert report.encoding == "UTF-8" and report.bad == [(3, "undecodable bytes")]
    assert [d.utterances[1] for d in dialogues] == ["回答0", "回答1", "回答3", "回答4"]


def test_preprocessed_instructions_learn_replies_only(tmp_path):
    record = {"instruction": "咳嗽怎么办", "input": "三天了", "output": "多喝水",
              "history": [["你好", "请讲"]]}
    (tmp_path / "i.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    config = plain_config(tmp_path, tmp_path / "i.jsonl")
    preprocess(config)
    tokenizer = load_tokenizer(config.vocab_path)
    ids = pickle.load(open(config.train_pkl, "rb"))[0]
    assert tokenizer.decode(ids).replace(" ", "") == "[CLS]你好[SEP]请讲[SEP]咳嗽怎么办三天了[SEP]多喝水[SEP]"
    _, labels = DialogueDataset([ids], tokenizer.sep_token_id, grounded=False)[0]
    learned = tokenizer.convert_ids_to_tokens([t for t in labels.tolist() if t != -100])
    assert learned == ["请", "讲", "[SEP]", "多", "喝", "水", "[SEP]"]  # the replies (and their ends), nothing else


def test_cli_reports_bad_rows_and_wrong_header_without_traceback(tmp_path):
    write_csv(str(tmp_path / "ok.csv"), standin_rows(3) + [("内科", "头疼", "", "")])
    (tmp_path / "bad.csv").write_text("科室,问题,回答\n内科,头疼,休息\n", encoding="utf-8")
    runs = [subprocess.run([sys.executable, "data_preprocess/preprocess.py", f"--train_path={tmp_path / name}",
                            "--valid_path=", "--grounded=false", f"--vocab_path={tmp_path / 'v.txt'}",
                            f"--train_pkl={tmp_path / 't.pkl'}"], capture_output=True, text=True)
            for name in ("ok.csv", "bad.csv")]
    assert runs[0].returncode == 0 and "3 dialogues" in runs[0].stderr and "empty answer: line 5" in runs[0].stderr
    assert runs[1].returncode != 0 and "lacks ['title', 'ask', 'answer']" in runs[1].stderr
    assert "Traceback" not in runs[0].stderr + runs[1].stderr
