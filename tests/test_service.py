"""The web service under abuse and load, on a real waitress server on loopback."""
import http.client
import json
import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from app import create_app
from benchmarks.serving_load import load, post, start_server
from chatbot import ChatBot
from flask_predict import BatchingPredictor
from parameter_config import ParameterConfig


@pytest.fixture(scope="module")
def served(bot, trained):
    """(port, dialogues) of the tiny greedy model behind waitress with batched decoding."""
    config, dialogues = trained
    config = ParameterConfig(**{**config.to_dict(), "top_k": 1, "max_new_tokens": 48})
    predictor = BatchingPredictor(ChatBot(bot.model, bot.tokenizer, config, bot.planner, name=bot.name))
    server = start_server(create_app(config, predictor=predictor), threads=8)
    yield server.effective_port, dialogues
    server.close()


def raw_post(port, path, body: bytes, content_type="application/json"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("POST", path, body=body, headers={"Content-Type": content_type})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def catalogue(field):
    """Issue #6's bad inputs, aimed at an endpoint whose text field is `field`."""
    dump = lambda obj: json.dumps(obj).encode()  # noqa: E731
    return [
        ("empty body", b""),
        ("invalid JSON", b"{\"question\": "),
        ("wrong type", dump({field: ["高血压"]})),
        ("1 MB text", dump({field: "高" * (1 << 20)})),
        ("10,000-turn history", dump({field: "高血压", "history": ["问", "答"] * 5000})),
        ("non-string history", dump({field: "高血压", "history": [{"q": 1}, None]})),
        ("token ids", dump({field: [2, -5, 10 ** 12], "history": [[2, -1], [99999999]]})),
        ("non-UTF-8", ('{"%s": "高血压"}' % field).encode("gbk")),
        ("control characters", dump({field: "高血压\x00\x1b[2J"})),
        ("script", dump({field: "<script>alert(1)</script>"})),
        ("negative numbers", dump({field: "高血压", "maxlength": -1, "samples": -3})),
        ("huge numbers", dump({field: "高血压", "maxlength": 10 ** 9, "samples": 10 ** 9})),
    ]


CASES = [(path, name, body) for path, field in (("/api/predict", "question"), ("/api/stream", "question"),
                                                ("/generate", "context")) for name, body in catalogue(field)]


@pytest.mark.parametrize("path, name, body", CASES, ids=[f"{p}:{n}" for p, n, _ in CASES])
def test_bad_input_catalogue(served, path, name, body):
    port, _ = served
    status, payload = raw_post(port, path, body)
    assert 400 <= status < 500, (name, status, payload[:200])
    assert json.loads(payload)["error"]


def test_still_answers_after_abuse(served):
    port, dialogues = served
    for path, _, body in CASES:
        raw_post(port, path, body)
    question, answer = dialogues[2].utterances
    status, payload = post(port, "/api/predict", {"question": question, "history": []})
    assert status == 200 and json.loads(payload)["answer"] == answer


def test_concurrent_requests_never_mix(served):
    """Different questions in parallel: every answer is its own question's answer."""
    port, dialogues = served
    pairs = [d.utterances for d in dialogues] * 8

    def ask(pair):
        status, payload = post(port, "/api/predict", {"question": pair[0], "history": []})
        return status, json.loads(payload)

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(ask, pairs))
    for (question, answer), (status, body) in zip(pairs, results):
        assert status == 200 and body["question"] == question and body["answer"] == answer


def rss_mb():
    with open(f"/proc/{os.getpid()}/status") as f:
        return next(int(line.split()[1]) / 1024 for line in f if line.startswith("VmRSS"))


def test_load_eight_clients_for_a_minute(served):
    port, _ = served
    questions = ["高血压有什么症状？", "糖尿病挂什么科？", "肺炎怎么治疗？", "胃溃疡会传染吗？", "星云病是什么原因引起的？"]
    load(port, questions, 8, 16)  # warm-up
    start_rss, deadline, totals = rss_mb(), time.monotonic() + 60, []
    while time.monotonic() < deadline:
        totals.append(load(port, questions, 8, 32))
    end_rss = rss_mb()
    print(f"load: {sum(t['requests'] for t in totals)} requests in 60 s, RSS {start_rss:.0f} -> {end_rss:.0f} MB")
    assert sum(t["errors"] for t in totals) == 0  # no 5xx, no dropped connection
    assert end_rss < start_rss + 150


def test_rate_limit(trained, bot):
    config, _ = trained
    config = ParameterConfig(**{**config.to_dict(), "rate_limit_per_minute": 3, "top_k": 1})
    client = create_app(config, predictor=BatchingPredictor(bot)).test_client()
    codes = [client.post("/api/predict", json={"question": "高血压挂什么科？"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert client.get("/health").status_code == 200  # reads are not limited


def test_batched_stream_shows_an_emergency_whole(bot):
    """The page's stream through the batching worker: the 120 line at once, as in the terminal."""
    predictor = BatchingPredictor(bot)
    try:
        pieces = list(predictor.stream_answer("胸口剧痛 喘不上气 满头大汗", []))
    finally:
        predictor.close()
    assert len(pieces) == 2 and "120" in pieces[0] and pieces[1].text == pieces[0]
