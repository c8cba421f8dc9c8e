#!/usr/bin/env python3
"""Peak memory of queries over many points, each on a fresh server: a raw SELECT chunked (streamed) and whole, and a
GROUP BY time aggregate that block statistics cannot answer (read a few buckets of rows at a time).

usage: bench/chunked_memory.py [BINARY] [POINTS]     (default .build/release/sundial, 600000)
Prints the server's peak RSS (VmHWM) before and after each query and how much was sent."""

import shutil
import subprocess
import sys
import tempfile
import time

import requests

BINARY = sys.argv[1] if len(sys.argv) > 1 else ".build/release/sundial"
POINTS = int(sys.argv[2]) if len(sys.argv) > 2 else 600_000
STORE = "http://127.0.0.1:18586"


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(next(line for line in status if line.startswith("VmHWM")).split()[1]) // 1024


def measure(query, chunked):
    data = tempfile.mkdtemp(prefix="sundial-chunked-")
    server = subprocess.Popen([BINARY, "serve", "--data-dir", data, "--store-bind-address", "127.0.0.1:18586",
                               "--tasks-bind-address", "127.0.0.1:19592", "--control-bind-address", "127.0.0.1:18588",
                               "--log-level", "error"])
    try:
        for _ in range(200):
            try:
                requests.get(STORE + "/ping", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        requests.post(STORE + "/query", params={"q": "CREATE DATABASE db"}).raise_for_status()
        for start in range(0, POINTS, 50_000):
            body = "\n".join(f"cpu,host=h{i % 4} v={i}.5,w={i * 2}i {i}" for i in range(start, min(start + 50_000, POINTS)))
            requests.post(STORE + "/write", params={"db": "db", "precision": "s"}, data=body).raise_for_status()
        before = peak_rss_mb(server.pid)
        params = {"db": "db", "q": query}
        if chunked:
            params.update(chunked="true", chunk_size="10000")
        started, sent = time.time(), 0
        with requests.get(STORE + "/query", params=params, stream=True) as answer:
            for block in answer.iter_content(1 << 16):
                sent += len(block)
        print(f"{query} (chunked={str(chunked).lower()}): peak RSS {before} MB before the query, {peak_rss_mb(server.pid)} MB after; "
              f"{sent / 1e6:.1f} MB sent in {time.time() - started:.1f} s")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data, ignore_errors=True)


measure("SELECT v, w FROM cpu", chunked=True)
measure("SELECT v, w FROM cpu", chunked=False)
measure("SELECT percentile(v, 90), median(w) FROM cpu GROUP BY time(1h)", chunked=False)
