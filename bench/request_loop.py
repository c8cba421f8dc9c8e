#!/usr/bin/env python3
"""Per-request cost of one request sent over and over on one keep-alive connection, against one or more servers.

For small queries the benchmark's latency is mostly fixed per-request cost; this loop separates it into what the
server spends (its CPU per request, from /proc) and what the client spends, with the median wall time.

usage: bench/request_loop.py [--requests N] [--rounds R] PORT:PID:TARGET[ HEADER Name: value] ...
  TARGET is a path with query string, e.g. '/query?db=bench&q=SHOW+TAG+VALUES+FROM+cpu+WITH+KEY+%3D+host'
  (quote the argument; urllib.parse.quote_plus makes one), optionally followed by one request header, e.g.
  ' HEADER Accept-Encoding: gzip'. Servers are measured in turn, R rounds; each line also gives the answer's size.
"""
import argparse
import http.client
import os
import time


def process_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(port, pid, target, requests):
    headers = {}
    if " HEADER " in target:
        target, header = target.split(" HEADER ", 1)
        name, value = header.split(": ", 1)
        headers[name] = value
    connection = http.client.HTTPConnection("127.0.0.1", port)
    latencies = []
    server_before, client_before = process_cpu_seconds(pid), time.process_time()
    for _ in range(requests):
        started = time.perf_counter()
        connection.request("GET", target, headers=headers)
        size = len(connection.getresponse().read())
        latencies.append(time.perf_counter() - started)
    server_cpu, client_cpu = process_cpu_seconds(pid) - server_before, time.process_time() - client_before
    connection.close()
    latencies.sort()
    return latencies[len(latencies) // 2], server_cpu / requests, client_cpu / requests, size


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("servers", nargs="+", help="PORT:PID:TARGET")
    args = parser.parse_args()
    servers = [(int(port), int(pid), target) for port, pid, target in (s.split(":", 2) for s in args.servers)]
    for _ in range(args.rounds):
        for port, pid, target in servers:
            median, server, client, size = measure(port, pid, target, args.requests)
            print(f"{port} {target[-48:]:48s} median {median * 1e6:6.0f} µs  server CPU {server * 1e6:5.0f} µs"
                  f"  client CPU {client * 1e6:5.0f} µs per request, {size} bytes")


if __name__ == "__main__":
    main()
