"""Flask web chat.

    python app.py [--host=127.0.0.1 --port=5000 --model_path=...]

Served by waitress (a production WSGI server). Endpoints: GET / (the page), GET /health,
POST /api/predict, POST /api/stream (server-sent events), POST /generate.
"""
import json
import logging
import re
import sys
import threading
import time
import unicodedata
from collections import defaultdict, deque
from typing import List, Optional, Tuple

from flask import (
    Flask,
    Response,
    jsonify,
    render_template,
    request,
    stream_with_context,
)
from werkzeug.exceptions import HTTPException

from parameter_config import ParameterConfig, cli_config

logger = logging.getLogger(__name__)
MAX_HISTORY_ENTRY_CHARS = 2000  # a history entry may be a long answer, but not a book
MARKUP = re.compile(r"<\s*[a-zA-Z/!?]")  # questions are plain text; tags are refused, never rendered


class ApiError(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message, self.status = message, status


def json_body(allowed) -> dict:
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        raise ApiError("request body must be a JSON object (Content-Type: application/json, UTF-8)")
    unknown = sorted(set(payload) - set(allowed))
    if unknown:
        raise ApiError(f"unknown field(s) {', '.join(map(repr, unknown))}; expected {', '.join(allowed)}")
    return payload


def check_text(value, name: str, max_chars: int) -> str:
    if not isinstance(value, str):
        raise ApiError(f"'{name}' must be a string")
    if not value.strip():
        raise ApiError(f"'{name}' must not be empty")
    if len(value) > max_chars:
        raise ApiError(f"'{name}' is longer than {max_chars} characters")
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
        raise ApiError(f"'{name}' contains control characters")
    if MARKUP.search(value):
        raise ApiError(f"'{name}' must be plain text, not HTML markup")
    return value.strip()


def check_history(value, config: ParameterConfig) -> List[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ApiError("'history' must be a list of strings [question, answer, question, answer, ...]")
    if len(value) > 2 * config.max_history_turns:
        raise ApiError(f"'history' holds more than {config.max_history_turns} turns")
    if len(value) % 2:
        raise ApiError("'history' must alternate question and answer (even length)")
    return [check_text(v, f"history[{i}]", MAX_HISTORY_ENTRY_CHARS) for i, v in enumerate(value)]


def check_int(payload: dict, name: str, default: int, low: int, high: int) -> int:
    value = payload.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ApiError(f"'{name}' must be an integer from {low} to {high}")
    return value


def chat_request(config: ParameterConfig) -> Tuple[str, List[str]]:
    payload = json_body(("question", "history"))
    if "question" not in payload:
        raise ApiError("missing 'question'")
    return check_text(payload["question"], "question", config.max_question_chars), \
        check_history(payload.get("history"), config)


def sse(event: dict) -> str:
    return f"data: {json.dumps(event, ensure_ascii=False)}\n\n"


def register_routes(app: Flask, predictor, config: ParameterConfig) -> None:
    @app.get("/")
    def index():
        return render_template("index.html", max_question_chars=config.max_question_chars)

    @app.get("/health")
    def health():
        return jsonify(predictor.health())

    @app.post("/api/predict")
    def predict():
        question, history = chat_request(config)
        answer = predictor.answer(question, history)
        return jsonify({"question": question, "answer": answer.text, "history": history + [question, answer.text],
                        "source": answer.source})

    @app.post("/api/stream")
    def stream():
        question, history = chat_request(config)

        def events():
            try:
                for item in predictor.stream_answer(question, history):
                    if isinstance(item, str):
                        yield sse({"piece": item})
                    else:
                        answer = item
            except Exception:  # headers are sent: the error travels as the last event
                logger.exception("streaming a reply failed")
                yield sse({"error": "生成回复时出错，请重试"})
                return
            # the checked answer: the page shows it in place of the streamed pieces if they differ
            yield sse({"done": True, "question": question, "answer": answer.text,
                       "history": history + [question, answer.text], "source": answer.source})

        return Response(stream_with_context(events()), mimetype="text/event-stream",
                        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @app.post("/generate")
    def generate():
        payload = json_body(("context", "maxlength", "samples"))
        context = check_text(payload.get("context"), "context", config.max_question_chars)
        maxlength = check_int(payload, "maxlength", min(50, config.max_generate_length), 1, config.max_generate_length)
        samples = check_int(payload, "samples", 1, 1, config.max_samples)
        result, seconds = predictor.generate(context, maxlength, samples)
        return jsonify({"result": result, "time": round(seconds, 4)})


class RateLimiter:
    """Sliding one-minute window of POST requests per client address."""

    def __init__(self, per_minute: int):
        self.per_minute = per_minute
        self.seen = defaultdict(deque)
        self.lock = threading.Lock()

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self.lock:
            window = self.seen[client]
            while window and now - window[0] > 60:
                window.popleft()
            if len(window) >= self.per_minute:
                return False
            window.append(now)
            return True


def register_rate_limit(app: Flask, per_minute: int) -> None:
    if per_minute <= 0:
        return
    limiter = RateLimiter(per_minute)

    @app.before_request
    def limit():
        if request.method == "POST" and not limiter.allow(request.remote_addr or "?"):
            raise ApiError(f"too many requests: at most {per_minute} per minute", 429)


def register_errors(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def api_error(error: ApiError):
        return jsonify({"error": error.message}), error.status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return jsonify({"error": error.description or error.name}), error.code


def create_app(config: Optional[ParameterConfig] = None, predictor=None) -> Flask:
    """App factory; loads the model of config.model_path once unless a predictor is given."""
    config = config or ParameterConfig()
    if predictor is None:
        from chatbot import ChatBot
        from flask_predict import BatchingPredictor
        predictor = BatchingPredictor(ChatBot.load(config), max_batch=config.max_batch)
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = config.max_body_bytes  # larger bodies get 413 before parsing
    app.json.ensure_ascii = False
    register_rate_limit(app, config.rate_limit_per_minute)
    register_routes(app, predictor, config)
    register_errors(app)
    return app


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    config = cli_config(sys.argv[1:] if argv is None else argv)
    from chatbot import ModelNotFound
    try:
        app = create_app(config)
    except (ModelNotFound, ValueError) as e:  # no model, or a setting it cannot run with
        raise SystemExit(f"error: {e}") from None
    from waitress import serve
    logger.info("serving on http://%s:%d", config.host, config.port)
    serve(app, host=config.host, port=config.port, threads=config.threads)


if __name__ == "__main__":
    main()
