"""Preprocessing of user corpora: \\r\\n, blank lines, encodings, truncation, modes (formats: test_formats.py)."""
import pickle

import pytest

from data_preprocess.dialogue import CorpusError
from data_preprocess.formats import read_corpus
from data_preprocess.preprocess import preprocess
from parameter_config import ParameterConfig

CRLF_CORPUS = "你好\r\n你好，有什么可以帮你？\r\n  \r\n\r\n\r\n头疼怎么办\r\n多休息 \r\n谢谢\r\n不客气\r\n\r\n \r\n"


def plain_config(tmp_path, **kw):
    return ParameterConfig(train_path=str(tmp_path / "train.txt"), valid_path=str(tmp_path / "none.txt"),
                           train_pkl=str(tmp_path / "train.pkl"), valid_pkl=str(tmp_path / "valid.pkl"),
                           vocab_path=str(tmp_path / "vocab.txt"), vocab_size=200, grounded=False, **kw)


def test_crlf_corpus_with_blank_blocks(tmp_path):
    (tmp_path / "train.txt").write_bytes(CRLF_CORPUS.encode("utf-8"))
    dialogues = read_corpus(str(tmp_path / "train.txt"))
    assert [d.utterances for d in dialogues] == [["你好", "你好，有什么可以帮你？"], ["头疼怎么办", "多休息", "谢谢", "不客气"]]
    config = plain_config(tmp_path, max_len=16)
    reports = preprocess(config)
    ids = pickle.load(open(config.train_pkl, "rb"))
    vocab = open(config.vocab_path, encoding="utf-8").read().split("\n")
    assert vocab[:5] == ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] and len(vocab) - 1 == 200
    cls, sep = vocab.index("[CLS]"), vocab.index("[SEP]")
    assert ids[0] == [cls, vocab.index("你"), vocab.index("好"), sep] + ids[0][4:]
    assert ids[0].count(sep) == 2 and len(ids[1]) == 16  # second dialogue truncated at max_len
    assert "2 dialogues" in reports["train"] and "1 truncated" in reports["train"]


def test_gbk_file_is_read_as_gb18030(tmp_path, caplog):
    (tmp_path / "train.txt").write_bytes("高血压怎么治疗\n多运动\n".encode("gbk"))
    with caplog.at_level("INFO"):
        reports = preprocess(plain_config(tmp_path))
    assert "1 dialogues" in reports["train"] and "train.txt: text, GB18030, 1 dialogues" in caplog.text


def test_mode_mismatch_is_a_clear_error(tmp_path):
    (tmp_path / "train.txt").write_text("问\n答\n", encoding="utf-8")
    config = plain_config(tmp_path)
    with pytest.raises(CorpusError, match="--grounded=false"):
        preprocess(ParameterConfig(**{**config.to_dict(), "grounded": True}))


def test_preprocess_cli_reports_missing_file(tmp_path):
    import subprocess
    import sys
    result = subprocess.run([sys.executable, "data_preprocess/preprocess.py", f"--train_path={tmp_path}/nope.txt"],
                            capture_output=True, text=True)
    assert result.returncode != 0 and "nope.txt" in result.stderr and "Traceback" not in result.stderr
