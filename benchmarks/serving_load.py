"""Load on the web app under waitress on loopback: 1 client, then 8 concurrent clients.

    python -m benchmarks.serving_load [--name=value ...]   (prints one JSON line)

benchmark.py runs this in a fresh process: a process whose main thread already ran torch ops
has a second OpenMP team idle, and the server's decoding thread would then run slower than it
does in a real server (see flask_predict.BatchingPredictor).
"""
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Client:
    """One user: a keep-alive HTTP/1.1 connection (as a browser keeps one), reopened after an error."""

    def __init__(self, port, timeout=300):
        self.port, self.timeout, self.conn = port, timeout, None

    def post(self, path, payload):
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            self.conn.request("POST", path, body=json.dumps(payload).encode("utf-8"),
                              headers={"Content-Type": "application/json"})
            response = self.conn.getresponse()
            return response.status, response.read()
        except (OSError, http.client.HTTPException):
            self.close()
            raise

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def post(port, path, payload):
    """One request on its own connection: (status, body)."""
    client = Client(port)
    try:
        return client.post(path, payload)
    finally:
        client.close()


def load(port, questions, clients, total):
    """Closed loop: `clients` users each send their next request when the last one returns."""
    users, opened = threading.local(), []

    def one(i):
        if not hasattr(users, "client"):
            users.client = Client(port)
            opened.append(users.client)
        start = time.perf_counter()
        try:
            status, _ = users.client.post("/api/predict", {"question": questions[i % len(questions)], "history": []})
        except (OSError, http.client.HTTPException):
            status = 0
        return time.perf_counter() - start, status

    start = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        results = list(pool.map(one, range(total)))
    wall = time.perf_counter() - start
    for client in opened:
        client.close()
    latencies = [t for t, _ in results]
    return {"requests": total, "clients": clients, "seconds": round(wall, 2),
            "requests_per_s": round(total / wall, 2), "p50_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
            "errors": sum(status != 200 for _, status in results)}


def start_server(app, threads):
    from waitress import create_server
    server = create_server(app, host="127.0.0.1", port=0, threads=threads)
    threading.Thread(target=server.run, daemon=True).start()
    return server


def median_run(runs):
    """The run with the median requests/s (its latencies come with it)."""
    return sorted(runs, key=lambda r: r["requests_per_s"])[len(runs) // 2]


def serve_and_load(bot, config, questions):
    """Requests/s and latency of 1 client and of 8, alternating bench_repeats times against one
    server holding `bot`; the median run of each is reported."""
    from app import create_app
    from flask_predict import BatchingPredictor
    predictor = BatchingPredictor(bot, max_batch=config.max_batch)
    app = create_app(config, predictor=predictor)
    server = start_server(app, config.threads)
    port = server.effective_port
    try:
        load(port, questions, 1, 2)  # warm-up
        runs = {1: [], 8: []}
        for _ in range(max(1, config.bench_repeats)):
            for clients in runs:
                runs[clients].append(load(port, questions, clients, config.bench_requests))
    finally:
        server.close()
        predictor.close()
    one, eight = median_run(runs[1]), median_run(runs[8])
    return {"clients_1": one, "clients_8": eight, "repeats": config.bench_repeats,
            "requests_per_s_runs": {f"clients_{c}": [r["requests_per_s"] for r in rs] for c, rs in runs.items()},
            "concurrency_speedup": round(eight["requests_per_s"] / one["requests_per_s"], 2),
            "server": f"waitress {config.threads} threads, batched decoding (max_batch={config.max_batch})"}


def measure_in_subprocess(config) -> dict:
    """serve_and_load in a fresh Python process with the same settings; returns its report."""
    from benchmarks.common import config_args
    done = subprocess.run([sys.executable, "-m", "benchmarks.serving_load", *config_args(config)], cwd=ROOT,
                          capture_output=True, text=True, timeout=3600)
    if done.returncode:
        raise RuntimeError(f"serving benchmark failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv=None):
    from benchmarks.common import QUESTIONS, load_bot, rss_mb
    from functions_tools import setup_threads
    from parameter_config import cli_config
    config = cli_config(sys.argv[1:] if argv is None else argv)
    setup_threads(config.num_threads)
    bot = load_bot(config)
    rss_mb()
    report = serve_and_load(bot, config, QUESTIONS)
    print(json.dumps({**report, **rss_mb()}, ensure_ascii=False))


if __name__ == "__main__":
    main()
