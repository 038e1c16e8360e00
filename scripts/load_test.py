#!/usr/bin/env python3
"""Load and slow-client test of `factsite serve` (bounded; stdlib only).

Starts `BIN serve --root ROOT --port PORT`, then:
  1. CLIENTS concurrent clients fetch the site's largest pages for SECONDS; the server's peak
     and settled resident memory (VmRSS) are read from /proc;
  2. SLOW connections send half a request header and stall; an ordinary request must still be
     answered within a few seconds, and the stalled sockets must be closed by the server;
  3. many event streams register made-up `?page=` values; they must not count as open pages.
Prints the figures and exits 1 if a limit is broken.

    python3 scripts/load_test.py BIN ROOT [--clients 500] [--seconds 10] [--slow 300]
"""
import argparse
import asyncio
import os
import re
import signal
import subprocess
import sys
import time


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        m = re.search(r"VmRSS:\s+(\d+) kB", f.read())
    return int(m.group(1)) / 1024 if m else 0.0


async def get(port, path, timeout=10.0):
    r, w = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), timeout)
    try:
        w.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
        await w.drain()
        data = await asyncio.wait_for(r.read(), timeout)
        return int(data.split(b" ", 2)[1]) if data else 0
    finally:
        w.close()


async def hammer(port, paths, seconds):
    stop = time.monotonic() + seconds
    done = errors = 0
    i = 0
    while time.monotonic() < stop:
        try:
            await get(port, paths[i % len(paths)])
            done += 1
        except Exception:
            errors += 1
        i += 1
    return done, errors


async def load(args, pid, port, paths):
    peak = rss_mb(pid)
    task = asyncio.gather(*(hammer(port, paths[i:] + paths[:i], args.seconds) for i in range(args.clients)))
    while not task.done():
        peak = max(peak, rss_mb(pid))
        await asyncio.sleep(0.1)
    results = task.result()
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    await asyncio.sleep(3)
    return peak, rss_mb(pid), done, errors


async def slow(args, port):
    socks = []
    for _ in range(args.slow):
        try:
            r, w = await asyncio.open_connection("127.0.0.1", port)
            w.write(b"GET / HTTP/1.1\r\nHost: local")  # never finished
            await w.drain()
            socks.append((r, w))
        except OSError:
            break
    await asyncio.sleep(0.5)
    t = time.monotonic()
    try:
        status = await get(port, "/", timeout=args.header_timeout + 10)
    except Exception as e:
        status = f"failed: {e!r}"
    answered = time.monotonic() - t
    await asyncio.sleep(args.header_timeout + 2)
    closed = 0
    for r, w in socks:
        try:
            data = await asyncio.wait_for(r.read(1), 0.05)
            closed += data == b"" or data.startswith(b"H")
        except asyncio.TimeoutError:
            pass
        except OSError:
            closed += 1
        w.close()
    return len(socks), status, answered, closed


async def bogus_pages(port, n):
    socks = []
    for i in range(n):
        r, w = await asyncio.open_connection("127.0.0.1", port)
        w.write(f"GET /__factsite/events?page=bogus/{i}/index.html HTTP/1.1\r\nHost: l\r\n\r\n".encode())
        await w.drain()
        socks.append(w)
    return socks


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bin")
    ap.add_argument("root")
    ap.add_argument("--clients", type=int, default=500)
    ap.add_argument("--seconds", type=float, default=10)
    ap.add_argument("--slow", type=int, default=300)
    ap.add_argument("--port", type=int, default=18731)
    ap.add_argument("--header-timeout", type=float, default=5)
    ap.add_argument("--max-rss", type=float, default=200)
    args = ap.parse_args()
    proc = subprocess.Popen(
        [args.bin, "serve", "--root", args.root, "--port", str(args.port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        served = None
        for line in proc.stdout:
            m = re.search(r"serving (\S+)", line)
            served = m.group(1) if m else served
            if "factsite serve:" in line:
                break
        time.sleep(0.5)
        site = sorted(
            ((os.path.getsize(os.path.join(d, f)), os.path.relpath(os.path.join(d, f), served))
             for d, _, fs in os.walk(served) for f in fs if f.endswith(".html")),
            reverse=True)
        paths = ["/" + p for _, p in site[:20]] or ["/"]
        base = rss_mb(proc.pid)
        peak, settled, done, errors = asyncio.run(load(args, proc.pid, args.port, paths))
        print(f"load: {args.clients} clients x {args.seconds:.0f} s on the 20 largest pages: "
              f"{done} responses, {errors} errors; RSS idle {base:.0f} MB, peak {peak:.0f} MB, "
              f"3 s after {settled:.0f} MB")
        n, status, answered, closed = asyncio.run(slow(args, args.port))
        print(f"slow: {n} stalled connections; an ordinary request got {status} in {answered:.1f} s; "
              f"{closed} of {n} stalled sockets closed by the server after the header timeout")
        ok = peak <= args.max_rss and settled <= args.max_rss and status == 200 and closed == n
        print("ok" if ok else "FAIL")
        sys.exit(0 if ok else 1)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


if __name__ == "__main__":
    main()
