#!/usr/bin/env python3
"""The 08:00 storm: CONNECTIONS signed-in job seekers on keep-alive
connections ask for a hold at the same moment, on the slots of a newly opened
day (SLOTS_FILE: the day's slot ids; each client takes the next one in turn).
Prints one "name value" line per figure: clients, held, refused (409 with
予約不可), server_errors (5xx), other, p99_ms, max_ms, and with --pid the
server's rss_mb while every connection is still open.

    storm.py BASE_URL TOKENS_FILE SLOTS_FILE [--connections N] [--pid PID]
"""
import argparse
import asyncio
import json
import time
from urllib.parse import urlsplit


async def exchange(reader, writer, method, path, host, token=None, body=b""):
    head = f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n"
    if token:
        head += f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
    writer.write(head.encode() + b"\r\n" + body)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    payload = await reader.readexactly(length) if length else b""
    return int(status_line.split()[1]), payload


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("tokens_file")
    parser.add_argument("slots_file")
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--pid", type=int)
    args = parser.parse_args()
    url = urlsplit(args.base_url)
    host = url.netloc
    tokens = [t for t in open(args.tokens_file).read().split() if t]
    slots = [s for s in open(args.slots_file).read().split() if s]
    if len(tokens) < args.connections:
        raise SystemExit(f"need {args.connections} tokens, have {len(tokens)}")

    connections = []
    for _ in range(args.connections):
        connections.append(await asyncio.open_connection(url.hostname, url.port))
    # Keep-alive: every connection has been used once before the storm.
    await asyncio.gather(*(exchange(r, w, "GET", "/healthz", host) for r, w in connections))

    start = asyncio.Event()
    results = []

    async def client(index, reader, writer):
        body = json.dumps({"slot_id": slots[index % len(slots)]}).encode()
        await start.wait()
        began = time.perf_counter()
        status, payload = await exchange(reader, writer, "POST", "/api/v1/holds", host, tokens[index], body)
        results.append((status, payload, time.perf_counter() - began))

    tasks = [asyncio.create_task(client(i, r, w)) for i, (r, w) in enumerate(connections)]
    await asyncio.sleep(0.2)  # every client waits at the start line
    start.set()
    await asyncio.gather(*tasks)

    if args.pid:
        print(f"rss_mb {rss_mb(args.pid):.1f}")
    latencies = sorted(r[2] for r in results)
    held = sum(1 for s, _, _ in results if s == 201)
    refused = sum(1 for s, p, _ in results if s == 409 and "予約不可" in p.decode("utf-8", "replace"))
    server_errors = sum(1 for s, _, _ in results if s >= 500)
    print(f"clients {len(results)}")
    print(f"held {held}")
    print(f"refused {refused}")
    print(f"server_errors {server_errors}")
    print(f"other {len(results) - held - refused - server_errors}")
    print(f"p99_ms {latencies[int(len(latencies) * 0.99) - 1] * 1000:.1f}")
    print(f"max_ms {latencies[-1] * 1000:.1f}")
    for _, writer in connections:
        writer.close()


asyncio.run(main())
