#!/usr/bin/env python3
"""The benchmarks' second server: not the project's own, written apart from BenchServer.java, in another language.

Python's ThreadingHTTPServer, HTTP/1.1 keep-alive, TCP_NODELAY. Answers POST .../batches/{id}/cancel with Together's
documented batch (status CANCELLED); under /slow/ after 20 ms. Under /limited/ a token bucket (200 requests a second,
bursts of 20; --rate and --burst change them) admits cancels and refuses the rest 429 with Retry-After: 1;
/limited-headers/ adds x-ratelimit-limit, -remaining and -reset. After the mode, a segment bucket-NAME names a bucket
of its own, and a segment together, cerebras or archetype names the provider, whose batches are then listed and
cancelled as it does it: Together GET /v1/batches (an array) and POST /v1/batches/{id}/cancel; Cerebras
GET /v1/batches?limit&after (object, data, has_more) and DELETE /v1/batches/{id} (cancelling); Archetype
GET /v0.5/batch/jobs?offset&limit (total, offset, limit, jobs) and POST /v0.5/batch/jobs/{id}/cancel. Lists are
answered after the latency and never refused. GET /reset?jobs=N makes N active batches for each provider; GET /stats
answers "admitted refused" over every bucket and starts counting again with full buckets.
Prints "PORT n", then serves until its standard input closes.
"""
import argparse
import http.server
import json
import socket
import sys
import threading
import time
import urllib.parse

BATCH = json.dumps({
    "id": "01234567-8901-2345-6789-012345678901", "user_id": "user_789xyz012",
    "input_file_id": "file-input123abc456def", "file_size_bytes": 1048576, "status": "CANCELLED",
    "job_deadline": "2024-01-15T15:30:00Z", "created_at": "2024-01-15T14:30:00Z",
    "endpoint": "/v1/chat/completions", "progress": 75,
    "model_id": "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "output_file_id": "file-output789xyz012ghi",
    "error_file_id": "file-errors456def789jkl", "completed_at": "2024-01-15T15:45:30Z"}).encode()
REFUSAL = b'{"error":{"message":"rate limit exceeded","type":"rate_limit"}}'
NOT_FOUND = b'{"error":{"message":"not found"}}'
PROVIDERS = ("together", "cerebras", "archetype")
ACTIVE = {"together": "IN_PROGRESS", "cerebras": "in_progress", "archetype": "RUNNING"}
CANCELLED = {"together": "CANCELLED", "cerebras": "cancelling", "archetype": "CANCELLED"}
PREFIX = {"together": "batch_ks_", "cerebras": "batch_ks_", "archetype": "job_ks_"}
CREATED = "2026-01-15T14:30:00Z"


def body(provider, job_id, status):
    """One batch as the provider's documents show it."""
    if provider == "together":
        return {"id": job_id, "user_id": "user_bench", "input_file_id": "file-" + job_id, "file_size_bytes": 1048576,
                "status": status, "created_at": CREATED, "endpoint": "/v1/chat/completions", "progress": 75.0,
                "model_id": "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo"}
    if provider == "cerebras":
        return {"id": job_id, "object": "batch", "endpoint": "/v1/chat/completions", "errors": None,
                "input_file_id": "file-" + job_id, "completion_window": "24h", "status": status,
                "created_at": 1768487400, "cancelling_at": 1768487500 if status.startswith("cancel") else None,
                "cancelled_at": None, "request_counts": {"total": 100, "completed": 75, "failed": 0},
                "metadata": None}
    return {"id": job_id, "org_id": "org_bench", "name": "bench " + job_id, "pipeline_type": "batch",
            "pipeline_key": "machine-state-classification", "pipeline_version": "1.2.0", "status": status,
            "parameters": {}, "retry_count": 0, "preemption_count": 0, "queue_position": None, "queue_depth": None,
            "created_at": CREATED, "updated_at": CREATED}


class Jobs:
    """One provider's batches, in the order they were made."""

    def __init__(self, provider):
        self.provider, self.lock, self.status = provider, threading.Lock(), {}

    def reset(self, n):
        with self.lock:
            self.status = {f"{PREFIX[self.provider]}{i:05d}": ACTIVE[self.provider] for i in range(n)}

    def page(self, start, limit):
        with self.lock:
            items = list(self.status.items())
        return len(items), [body(self.provider, i, s) for i, s in items[start:start + limit]]

    def index_after(self, job_id):
        with self.lock:
            ids = list(self.status)
        return ids.index(job_id) + 1 if job_id in ids else len(ids)

    def cancel(self, job_id):
        with self.lock:
            if job_id not in self.status:
                return None
            if self.status[job_id] == ACTIVE[self.provider]:
                self.status[job_id] = CANCELLED[self.provider]
            status = self.status[job_id]
        if self.provider == "archetype":
            return {"id": job_id, "status": status, "cancelled_at": CREATED}
        return body(self.provider, job_id, status)


def route(path):
    """(mode, bucket, provider or None, the rest's segments, the query)"""
    url = urllib.parse.urlsplit(path)
    parts = url.path.split("/")[1:]
    mode, rest = (parts[0], parts[1:]) if parts else ("", [])
    bucket = ""
    if rest and rest[0].startswith("bucket-"):
        bucket, rest = rest[0], rest[1:]
    provider = None
    if rest and rest[0] in PROVIDERS:
        provider, rest = rest[0], rest[1:]
    return mode, bucket, provider, rest, urllib.parse.parse_qs(url.query)


class Bucket:
    def __init__(self, rate, burst):
        self.rate, self.burst = rate, burst
        self.tokens, self.last = burst, time.monotonic()
        self.admitted = self.refused = 0
        self.lock = threading.Lock()

    def _refill(self):
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now

    def take(self):
        """(admitted, tokens left, seconds until full)"""
        with self.lock:
            self._refill()
            if self.tokens >= 1:
                self.tokens -= 1
                self.admitted += 1
                ok = True
            else:
                self.refused += 1
                ok = False
            return ok, self.tokens, (self.burst - self.tokens) / self.rate

    def stats_and_reset(self):
        with self.lock:
            s = (self.admitted, self.refused)
            self.admitted = self.refused = 0
            self.tokens, self.last = self.burst, time.monotonic()
            return s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--burst", type=float, default=20)
    parser.add_argument("--latency-ms", type=float, default=20)
    args = parser.parse_args()
    buckets, buckets_lock = {}, threading.Lock()
    jobs = {p: Jobs(p) for p in PROVIDERS}

    def bucket(name):
        with buckets_lock:
            if name not in buckets:
                buckets[name] = Bucket(args.rate, args.burst)
            return buckets[name]

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self):
            super().setup()
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *a):
            pass

        def answer(self, code, body, headers=()):
            self.send_response(code)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            for k, v in headers:
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            mode, _, provider, rest, query = route(self.path)
            if self.path == "/stats":
                with buckets_lock:
                    every = list(buckets.values())
                admitted = refused = 0
                for b in every:
                    a, r = b.stats_and_reset()
                    admitted += a
                    refused += r
                self.answer(200, f"{admitted} {refused}".encode())
            elif mode == "reset":
                n = int(query.get("jobs", ["0"])[0])
                for j in jobs.values():
                    j.reset(n)
                self.answer(200, b"{}")
            elif provider is not None and rest[-1:] in (["batches"], ["jobs"]):
                self.list(mode, provider, query)
            else:
                self.answer(404, NOT_FOUND)

        def list(self, mode, provider, query):
            if mode in ("slow", "limited", "limited-headers"):
                time.sleep(args.latency_ms / 1000)
            if provider == "together":
                self.answer(200, json.dumps(jobs[provider].page(0, 1 << 30)[1]).encode())
            elif provider == "cerebras":
                limit = int(query.get("limit", ["20"])[0])
                after = query.get("after", [None])[0]
                start = jobs[provider].index_after(after) if after else 0
                total, data = jobs[provider].page(start, limit)
                self.answer(200, json.dumps({"object": "list", "data": data,
                                             "has_more": start + limit < total}).encode())
            else:
                offset = int(query.get("offset", ["0"])[0])
                limit = int(query.get("limit", ["100"])[0])
                total, page = jobs[provider].page(offset, limit)
                self.answer(200, json.dumps({"total": total, "offset": offset, "limit": limit,
                                             "jobs": page}).encode())

        def do_DELETE(self):  # Cerebras cancels with DELETE /v1/batches/{id}
            self.cancel(True)

        def do_POST(self):
            self.cancel(False)

        def cancel(self, delete):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            mode, name, provider, rest, _ = route(self.path)
            if not delete and not self.path.endswith("/cancel"):
                self.answer(404, NOT_FOUND)
                return
            headers = [("x-request-id", "bench-py")]
            ok = True
            if mode.startswith("limited"):
                ok, left, to_full = bucket(name).take()
                if mode == "limited-headers":
                    headers += [("x-ratelimit-limit", str(int(args.rate))),
                                ("x-ratelimit-remaining", str(int(max(0, left)))),
                                ("x-ratelimit-reset", f"{to_full:.3f}")]
            if mode in ("slow", "limited", "limited-headers"):
                time.sleep(args.latency_ms / 1000)
            if not ok:
                self.answer(429, REFUSAL, headers + [("Retry-After", "1")])
            elif provider is None:
                self.answer(200, BATCH, headers)
            else:
                job_id = rest[-2] if rest[-1:] == ["cancel"] else rest[-1]
                answer = jobs[provider].cancel(job_id)
                if answer is None:
                    self.answer(404, NOT_FOUND, headers)
                else:
                    self.answer(200, json.dumps(answer).encode(), headers)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
