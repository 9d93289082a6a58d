#!/usr/bin/env python3
"""The benchmarks' second server: not the project's own, written apart from BenchServer.java, in another language.

Python's ThreadingHTTPServer, HTTP/1.1 keep-alive, TCP_NODELAY. Answers POST .../batches/{id}/cancel with Together's
documented batch (status CANCELLED); under /slow/ after 20 ms. Under /limited/ a token bucket (200 requests a second,
bursts of 20; --rate and --burst change them) admits requests and refuses the rest 429 with Retry-After: 1;
/limited-headers/ adds x-ratelimit-limit, -remaining and -reset. Each provider's cancel path is answered
(Together /v1/batches/{id}/cancel, Cerebras /v1/batches/{id}/cancel, Archetype /v0.5/fine-tune/jobs/{id}/cancel), and
a path's first segment after the mode may name a bucket (/limited/bucket-NAME/...): each name its own bucket.
GET /stats answers "admitted refused" over every bucket and starts counting again with full buckets.
Prints "PORT n", then serves until its standard input closes.
"""
import argparse
import http.server
import json
import socket
import sys
import threading
import time

BATCH = json.dumps({
    "id": "01234567-8901-2345-6789-012345678901", "user_id": "user_789xyz012",
    "input_file_id": "file-input123abc456def", "file_size_bytes": 1048576, "status": "CANCELLED",
    "job_deadline": "2024-01-15T15:30:00Z", "created_at": "2024-01-15T14:30:00Z",
    "endpoint": "/v1/chat/completions", "progress": 75,
    "model_id": "meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo", "output_file_id": "file-output789xyz012ghi",
    "error_file_id": "file-errors456def789jkl", "completed_at": "2024-01-15T15:45:30Z"}).encode()
REFUSAL = b'{"error":{"message":"rate limit exceeded","type":"rate_limit"}}'


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
            if self.path == "/stats":
                with buckets_lock:
                    every = list(buckets.values())
                admitted = refused = 0
                for b in every:
                    a, r = b.stats_and_reset()
                    admitted += a
                    refused += r
                self.answer(200, f"{admitted} {refused}".encode())
            else:
                self.answer(404, b'{"error":{"message":"not found"}}')

        def do_DELETE(self):  # Cerebras cancels with DELETE /v1/batches/{id}
            self.cancel(True)

        def do_POST(self):
            self.cancel(False)

        def cancel(self, delete):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            parts = self.path.split("/")
            mode = parts[1] if len(parts) > 1 else ""
            if not delete and not self.path.endswith("/cancel"):
                self.answer(404, b'{"error":{"message":"not found"}}')
                return
            headers = [("x-request-id", "bench-py")]
            ok = True
            if mode.startswith("limited"):
                name = parts[2] if len(parts) > 3 and parts[2].startswith("bucket-") else ""
                ok, left, to_full = bucket(name).take()
                if mode == "limited-headers":
                    headers += [("x-ratelimit-limit", str(int(args.rate))),
                                ("x-ratelimit-remaining", str(int(max(0, left)))),
                                ("x-ratelimit-reset", f"{to_full:.3f}")]
            if mode in ("slow", "limited", "limited-headers"):
                time.sleep(args.latency_ms / 1000)
            if ok:
                self.answer(200, BATCH, headers)
            else:
                self.answer(429, REFUSAL, headers + [("Retry-After", "1")])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.request_queue_size = 1024
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"PORT {server.server_address[1]}", flush=True)
    sys.stdin.read()
    server.shutdown()


if __name__ == "__main__":
    main()
