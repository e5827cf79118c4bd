"""The Flask app through its test client, with the tiny trained model."""
import json

import pytest

from app import create_app
from chatbot import ChatBot
from flask_predict import Predictor, model_predict
from kgqa.answer import reply_items
from parameter_config import ParameterConfig


@pytest.fixture(scope="module")
def web_config(trained):
    config, _ = trained
    return ParameterConfig(**{**config.to_dict(), "max_question_chars": 50, "max_history_turns": 3,
                              "max_body_bytes": 4096, "max_samples": 4, "max_generate_length": 40, "top_k": 1,
                              "max_history_len": 2})


@pytest.fixture(scope="module")
def predictor(bot, web_config):
    """The tiny model with greedy decoding, so answers are exact."""
    return Predictor(ChatBot(bot.model, bot.tokenizer, web_config, bot.planner, name=bot.name))


@pytest.fixture()
def app(predictor, web_config):
    return create_app(web_config, predictor=predictor)


@pytest.fixture()
def client(app):
    return app.test_client()


def test_index_page(client):
    page = client.get("/").get_data(as_text=True)
    assert "<title>医疗问诊机器人</title>" in page and "仅供参考" in page and "textContent" in page
    assert "innerHTML" not in page


def test_health(client):
    body = client.get("/health").get_json()
    assert body["model_loaded"] is True and body["device"] == "cpu" and body["model"] == "min_loss_model"


def test_predict_and_history_round_trip_three_turns(client, trained, predictor):
    _, dialogues = trained
    history = []
    for turn, dialogue in enumerate(dialogues[:3]):
        question, answer = dialogue.utterances
        res = client.post("/api/predict", json={"question": question, "history": history})
        assert res.status_code == 200
        body = res.get_json()
        assert body["question"] == question and body["answer"]
        if turn == 0:  # the tiny model was trained on single turns only
            assert body["answer"] == answer
            assert body["source"]["entity"] == question[:question.index("有")]  # where the answer came from
            assert body["source"]["relations"] == ["常见症状"] and body["source"]["direction"] == "forward"
        assert body["history"] == history + [question, body["answer"]]
        history = body["history"]
    assert len(history) == 6
    prompt = predictor.bot.tokenizer.decode(predictor.bot.build_prompt("那它怎么治疗？", history, 32)).replace(" ", "")
    assert history[2] in prompt and history[4] in prompt  # earlier turns are fed back to the model


def test_model_predict_keeps_tutorial_signature(predictor, trained):
    _, dialogues = trained
    question, answer = dialogues[0].utterances
    response, history = model_predict(question, [], predictor=predictor)
    assert response == answer and history == [question, answer]


def test_stream_sends_pieces_then_done(client, trained):
    _, dialogues = trained
    question, answer = dialogues[1].utterances
    res = client.post("/api/stream", json={"question": question, "history": []})
    assert res.status_code == 200 and res.mimetype == "text/event-stream"
    events = [json.loads(chunk[len("data: "):]) for chunk in res.get_data(as_text=True).split("\n\n") if chunk]
    assert "".join(e["piece"] for e in events if "piece" in e) == answer
    assert events[-1]["done"] and events[-1]["history"] == [question, answer] and len(events) > 2
    assert events[-1]["answer"] == answer and events[-1]["source"]["relations"] == ["常见症状"]


def test_answer_is_checked_against_the_graph(client, predictor):
    """The tiny model only ever learned symptom answers; asked for a department it writes
    something else, and the graph's own reply is shown instead of it."""
    question = "糖尿病挂什么科？"
    plan = predictor.bot.plan(question, [])
    words = "".join(predictor.bot.stream(question, [], plan=plan, top_k=1))
    body = client.post("/api/predict", json={"question": question}).get_json()
    assert body["answer"] == plan.reply and "内分泌科" in body["answer"]
    assert body["source"] == {"entity": "糖尿病", "relations": ["就诊科室"], "type": "department",
                              "direction": "forward", "mention": "糖尿病"}
    assert predictor.answer(question, []).model_written == (words.lower() == plan.reply.lower())


def test_generate_returns_batched_candidates(client):
    res = client.post("/generate", json={"context": "高血压", "maxlength": 10, "samples": 3})
    body = res.get_json()
    assert res.status_code == 200 and len(body["result"]) == 3 and isinstance(body["time"], float)
    assert all(isinstance(r, str) and 0 < len(r) <= 10 for r in body["result"])


def test_generate_continues_from_the_graph(predictor, tiny_kg):
    """A grounded model continues free text by answering it from the graph: no invented facts,
    no runaway repetition (it used to give 血压血压血压…)."""
    texts, _ = predictor.generate("高血压的常见症状", 40, 3)
    reply = predictor.bot.planner.plan("高血压的常见症状").reply
    assert reply.startswith("高血压的常见症状：")
    assert texts == [reply[len("高血压的常见症状"):][:40]] * 3
    assert set(reply_items(reply)) <= set(tiny_kg.items("高血压", "常见症状"))


BAD_CHAT = [
    ("not json", "JSON object"),
    (json.dumps([1, 2]), "JSON object"),
    (json.dumps({}), "missing 'question'"),
    (json.dumps({"question": ""}), "must not be empty"),
    (json.dumps({"question": "   "}), "must not be empty"),
    (json.dumps({"question": 5}), "must be a string"),
    (json.dumps({"question": "问" * 51}), "longer than 50"),
    (json.dumps({"question": "a\x00b"}), "control characters"),
    (json.dumps({"question": "hi", "history": "x"}), "must be a list"),
    (json.dumps({"question": "hi", "history": ["a"]}), "even length"),
    (json.dumps({"question": "hi", "history": [1, 2]}), "must be a string"),
    (json.dumps({"question": "hi", "history": ["q", "a"] * 4}), "more than 3 turns"),
    (json.dumps({"question": "hi", "history": [[3, 4], [5, 6]]}), "must be a string"),
]


@pytest.mark.parametrize("endpoint", ["/api/predict", "/api/stream"])
@pytest.mark.parametrize("body, message", BAD_CHAT)
def test_bad_chat_input_gets_json_4xx(client, endpoint, body, message):
    res = client.post(endpoint, data=body, content_type="application/json")
    assert res.status_code == 400 and message in res.get_json()["error"]


@pytest.mark.parametrize("payload, message", [
    ({"context": "高血压", "maxlength": 0}, "maxlength"), ({"context": "高血压", "maxlength": 41}, "maxlength"),
    ({"context": "高血压", "maxlength": "5"}, "maxlength"), ({"context": "高血压", "samples": 0}, "samples"),
    ({"context": "高血压", "samples": 5}, "samples"), ({"context": "高血压", "samples": True}, "samples"),
    ({"maxlength": 5}, "'context' must be a string"), ({"context": ""}, "must not be empty")])
def test_bad_generate_input(client, payload, message):
    res = client.post("/generate", json=payload)
    assert res.status_code == 400 and message in res.get_json()["error"]


def test_large_body_refused_before_parsing(client):
    res = client.post("/api/predict", data=b"{" + b" " * 10000 + b"}", content_type="application/json")
    assert res.status_code == 413 and "error" in res.get_json()


def test_non_utf8_body_and_wrong_method(client):
    res = client.post("/api/predict", data="{\"question\": \"高血压\"}".encode("gbk"), content_type="application/json")
    assert res.status_code == 400 and "JSON" in res.get_json()["error"]
    assert client.get("/api/predict").status_code == 405
    assert "error" in client.get("/nope").get_json()


class BreaksMidStream(Predictor):
    def stream_answer(self, question, history):
        yield "高"
        raise RuntimeError("decoding failed")


def test_stream_failure_ends_with_an_error_event(bot, web_config):
    client = create_app(web_config, predictor=BreaksMidStream(bot)).test_client()
    body = client.post("/api/stream", json={"question": "高血压挂什么科？"}).get_data(as_text=True)
    events = [json.loads(line[len("data: "):]) for line in body.split("\n\n") if line]
    assert events[0] == {"piece": "高"} and "error" in events[-1] and not any("done" in e for e in events)
