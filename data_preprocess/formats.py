"""Read a dialogue corpus in any supported format: the one reader for preprocessing, training
(fine-tuning reads text files itself) and free-text evaluation.

Formats, told apart by the file's content:
- text: the classic format (dialogue.py), dialogues separated by blank lines, one utterance a
  line, an optional knowledge line first;
- JSONL (or a JSON array) of instruction records {"instruction", "input", "output", "history"}:
  the question is the instruction followed by the input (which may be empty), the reply is the
  output, and history (earlier turns) is [[q, a], ...] or [{"role": "user"|"assistant",
  "content": ...}, ...];
- CSV with a header naming title, ask, answer (and department): the public Chinese medical
  dialogue set. The question is the title followed by the ask, the reply the answer; with
  keep_department the question starts with 【department】.

Encodings: UTF-8 (BOM or not), else GB18030, a superset of GBK and GB2312 (the public CSVs are
GB18030). A file neither decodes whole is read in whichever leaves fewer lines undecodable.
Rows that cannot be used (missing fields, undecodable bytes, bad JSON) are skipped, counted and
reported with their line numbers in the CorpusReport; they never stop the run.
"""
import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Sequence, Set, Tuple

from data_preprocess.dialogue import KNOWLEDGE_PREFIX, CorpusError, Dialogue

ENCODINGS = {"utf-8": "UTF-8", "gb18030": "GB18030"}
CSV_COLUMNS = ("title", "ask", "answer")
SENTENCE_END = "。！？!?.；;…"
csv.field_size_limit(1 << 24)  # real answers can exceed csv's 128 KiB default


class RowError(ValueError):
    """Why one row cannot be used; the reader records it with the row's line number."""


@dataclass
class CorpusReport:
    path: str
    format: str
    encoding: str
    dialogues: int = 0
    bad: List[Tuple[int, str]] = field(default_factory=list)  # (line number, reason)

    def summary(self, shown: int = 20) -> str:
        text = f"{self.path}: {self.format}, {self.encoding}, {self.dialogues} dialogues"
        if not self.bad:
            return text
        by_reason: Dict[str, List[int]] = defaultdict(list)
        for line, reason in self.bad:
            by_reason[reason].append(line)
        parts = []
        for reason, lines in by_reason.items():
            listed = ", ".join(map(str, lines[:shown])) + (f", ... ({len(lines)} in all)" if len(lines) > shown else "")
            parts.append(f"{reason}: line{'s' if len(lines) > 1 else ''} {listed}")
        return f"{text}; {len(self.bad)} bad rows skipped ({'; '.join(parts)})"


def clean(value) -> str:
    """Whitespace collapsed to single spaces: utterances are one line, and the tokenizer treats
    any whitespace run as one separator anyway."""
    return " ".join(str(value).split()) if value is not None else ""


def decode(raw: bytes) -> Tuple[str, str, Set[int]]:
    """(text, encoding, numbers of the lines that did not decode; they hold U+FFFD instead)."""
    raw = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    for codec in ENCODINGS:
        try:
            return raw.decode(codec), codec, set()
        except UnicodeDecodeError:
            pass
    lines = raw.split(b"\n")  # 0x0A never occurs inside a UTF-8 or GB18030 character

    def undecodable(codec):
        bad = set()
        for number, line in enumerate(lines, 1):
            try:
                line.decode(codec)
            except UnicodeDecodeError:
                bad.add(number)
        return bad

    # A GB18030 file fails UTF-8 on nearly every line with Chinese in it, while UTF-8 text with a
    # few corrupt lines often "decodes" as GB18030 gibberish: UTF-8 unless most such lines fail it.
    bad = undecodable("utf-8")
    codec = "utf-8" if len(bad) <= sum(not line.isascii() for line in lines) // 2 else "gb18030"
    bad = bad if codec == "utf-8" else undecodable(codec)
    return "\n".join(line.decode(codec, errors="replace") for line in lines), codec, bad


def detect_format(path: str, text: str) -> str:
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if first.startswith("{"):
        try:
            if isinstance(json.loads(first), dict):
                return "JSONL"
        except ValueError:
            pass
    if first.startswith("["):
        try:
            if isinstance(json.loads(text), list):
                return "JSON"
        except ValueError:
            pass
    header = {name.strip().lower() for name in next(csv.reader([first]), [])}
    if path.lower().endswith(".csv") or set(CSV_COLUMNS) <= header:
        return "CSV"
    return "text"


# ---- text ----
def text_blocks(lines: Sequence[str]) -> Iterator[Tuple[List[int], List[str]]]:
    """(line numbers, stripped lines) of each blank-line-separated block."""
    numbers, block = [], []
    for number, line in enumerate(list(lines) + [""], 1):
        line = line.strip()
        if line:
            numbers.append(number)
            block.append(line)
        elif block:
            yield numbers, block
            numbers, block = [], []


def text_dialogues(text: str, bad_lines: Set[int]) -> Iterator[Tuple[int, object]]:
    for numbers, block in text_blocks(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if bad_lines.intersection(numbers):
            yield min(bad_lines.intersection(numbers)), RowError("undecodable bytes")
            continue
        knowledge = None
        if block[0].startswith(KNOWLEDGE_PREFIX):
            knowledge, block = block[0][len(KNOWLEDGE_PREFIX):].strip(), block[1:]
        if len(block) < 2:
            yield numbers[0], RowError("a question without an answer")
            continue
        yield numbers[0], Dialogue(block, knowledge)


# ---- instruction JSON ----
def history_turns(history) -> List[str]:
    """Earlier turns as [q1, a1, q2, a2, ...] from either shape of `history`."""
    if history in (None, ""):
        return []
    if not isinstance(history, list):
        raise RowError("'history' is not a list")
    if all(isinstance(turn, dict) for turn in history):
        roles = [str(turn.get("role", "")).lower() for turn in history]
        if roles != ["user", "assistant"] * (len(roles) // 2):
            raise RowError("'history' roles must alternate user, assistant")
        turns = [clean(turn.get("content")) for turn in history]
    elif all(isinstance(turn, (list, tuple)) and len(turn) == 2 for turn in history):
        turns = [clean(x) for turn in history for x in turn]
    else:
        raise RowError("'history' must be [[q, a], ...] or [{role, content}, ...]")
    if not all(turns):
        raise RowError("empty turn in 'history'")
    return turns


def instruction_dialogue(record) -> Dialogue:
    if not isinstance(record, dict):
        raise RowError("not a JSON object")
    for key in ("instruction", "output"):
        if not clean(record.get(key)):
            raise RowError(f"missing or empty '{key}'")
    question = " ".join(x for x in (clean(record["instruction"]), clean(record.get("input"))) if x)
    return Dialogue(history_turns(record.get("history")) + [question, clean(record["output"])])


def jsonl_dialogues(text: str, bad_lines: Set[int]) -> Iterator[Tuple[int, object]]:
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        if number in bad_lines:
            yield number, RowError("undecodable bytes")
            continue
        try:
            yield number, instruction_dialogue(json.loads(line))
        except json.JSONDecodeError:
            yield number, RowError("invalid JSON")
        except RowError as e:
            yield number, e


def json_array_dialogues(text: str) -> Iterator[Tuple[int, object]]:
    """A JSON array (alpaca style); rows are numbered by position (1 = first record)."""
    for number, record in enumerate(json.loads(text), 1):
        try:
            yield number, instruction_dialogue(record)
        except RowError as e:
            yield number, e


# ---- CSV ----
def csv_question(title: str, ask: str) -> str:
    """Title then ask; one of them alone when the other is empty or already contains it."""
    if not title or title in ask:
        return ask
    if not ask or ask in title:
        return title
    return title + ("" if title[-1] in SENTENCE_END else "。") + ask


def csv_dialogues(text: str, bad_lines: Set[int], keep_department: bool) -> Iterator[Tuple[int, object]]:
    reader = csv.reader(io.StringIO(text, newline="\n"))
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in CSV_COLUMNS if name not in header]
    if missing:
        raise CorpusError(f"CSV header {header} lacks {missing}; expected department,title,ask,answer")
    column = {name: header.index(name) for name in header}
    end = reader.line_num
    for row in reader:
        start, end = end + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if bad_lines.intersection(range(start, end + 1)):
            yield start, RowError("undecodable bytes")
        elif len(row) != len(header):
            yield start, RowError(f"{len(row)} fields, the header has {len(header)}")
        else:
            cell = {name: clean(row[i]) for name, i in column.items()}
            question, answer = csv_question(cell["title"], cell["ask"]), cell["answer"]
            if not question:
                yield start, RowError("empty title and ask")
            elif not answer:
                yield start, RowError("empty answer")
            else:
                department = cell.get("department", "")
                if keep_department and department:
                    question = f"【{department}】{question}"
                yield start, Dialogue([question, answer])


def read_dialogues(path: str, keep_department: bool = False) -> Tuple[List[Dialogue], CorpusReport]:
    """Every usable dialogue of the file, and the report of what was read and skipped."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise CorpusError(f"corpus file not found: {path}") from None
    except IsADirectoryError:
        raise CorpusError(f"{path} is a directory; give one corpus file") from None
    text, codec, bad_lines = decode(raw)
    kind = detect_format(path, text)
    rows = {"text": lambda: text_dialogues(text, bad_lines),
            "JSONL": lambda: jsonl_dialogues(text, bad_lines),
            "JSON": lambda: json_array_dialogues(text),
            "CSV": lambda: csv_dialogues(text, bad_lines, keep_department)}[kind]()
    report = CorpusReport(path, kind, ENCODINGS[codec])
    dialogues = []
    for number, row in rows:
        if isinstance(row, RowError):
            report.bad.append((number, str(row)))
        else:
            dialogues.append(row)
    report.dialogues = len(dialogues)
    if bad_lines and kind == "JSON":
        report.bad.insert(0, (min(bad_lines), "undecodable bytes (kept as U+FFFD: a JSON array has no rows to skip)"))
    return dialogues, report


def read_corpus(path: str, keep_department: bool = False) -> List[Dialogue]:
    return read_dialogues(path, keep_department)[0]

