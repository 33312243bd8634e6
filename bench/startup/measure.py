#!/usr/bin/env python3
"""Cold starts of published functions hosts: process start to the first answered GET /api/health, and (in a
separate start) to the first completed POST /api/checkout, then the resident set once idle.

Every start gets a fresh copy of the seeded SQLite database and a free loopback port. Builds are interleaved
round by round, so a change in the shared machine's load touches all of them alike. Prints a Markdown table
of medians and writes every sample as JSON.

  measure.py --out results.json --runs N --seed seed.db --sku SKU NAME=PUBLISH_DIR [NAME=PUBLISH_DIR ...]

The environment of this script (payment provider settings, admin key) is passed on to the hosts.
"""
import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

BINARY = "Jamcart.Functions"
IDLE_SECONDS = 2.0
POLL_SECONDS = 0.001
GIVE_UP_SECONDS = 30.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def checkout_body(sku):
    return json.dumps({
        "items": [{"sku": sku, "quantity": 1}],
        "email": "buyer@example.com",
        "shipping": {"name": "Kim Minji", "line1": "12 Sejong-daero", "city": "Seoul", "postalCode": "04524", "country": "KR"},
    })


def connect(port, started, process):
    """A connection to the host as soon as it accepts one (polled every millisecond)."""
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=GIVE_UP_SECONDS)
        except (ConnectionRefusedError, ConnectionResetError):
            if process.poll() is not None:
                raise RuntimeError(f"the host exited with {process.returncode}")
            if time.perf_counter() - started > GIVE_UP_SECONDS:
                raise RuntimeError("the host did not listen in time")
            time.sleep(POLL_SECONDS)


def request(sock, method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", timeout=GIVE_UP_SECONDS)
    connection.sock = sock
    headers = {"Content-Type": "application/json"} if body is not None else {}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def cpu_ms(pid):
    """CPU time the process has used so far, over all its threads: less sensitive to other load than wall time."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as schedstat:
                total += int(schedstat.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that ended meanwhile
    return total / 1e6


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def one_start(publish_dir, seed, mode, sku):
    """Milliseconds from the process's start to the first answer, the CPU milliseconds it used until then, and
    the RSS in MiB once idle after it."""
    with tempfile.TemporaryDirectory(prefix="jamcart-startup-") as data:
        database = os.path.join(data, "store.db")
        shutil.copyfile(seed, database)
        port = free_port()
        env = dict(os.environ)
        env["ASPNETCORE_URLS"] = f"http://127.0.0.1:{port}"
        env["JAMCART_DATABASE"] = f"Data Source={database}"
        started = time.perf_counter()
        # Started from its own folder, where its appsettings.json is, as a deployment runs it.
        process = subprocess.Popen([os.path.join(publish_dir, BINARY)], cwd=publish_dir, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if mode == "health":
                # Not listening yet, or listening: either way the next poll finds out.
                while True:
                    sock = connect(port, started, process)
                    try:
                        status = request(sock, "GET", "/api/health")
                    except (ConnectionResetError, http.client.RemoteDisconnected):
                        continue
                    break
                expected = 200
            else:
                status = request(connect(port, started, process), "POST", "/api/checkout", checkout_body(sku))
                expected = 201
            elapsed_ms = (time.perf_counter() - started) * 1000
            used_ms = cpu_ms(process.pid)
            if status != expected:
                raise RuntimeError(f"{mode}: HTTP {status}, expected {expected}")
            time.sleep(IDLE_SECONDS)
            return elapsed_ms, used_ms, rss_mib(process.pid)
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def publish_size_mib(publish_dir):
    """What a deployment copies: every file but debug symbols and XML documentation."""
    total = 0
    for root, _, files in os.walk(publish_dir):
        for name in files:
            if not name.endswith((".pdb", ".dbg", ".xml")):
                total += os.path.getsize(os.path.join(root, name))
    return total / (1024 * 1024)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed", required=True)
    parser.add_argument("--sku", required=True)
    parser.add_argument("builds", nargs="+", help="NAME=PUBLISH_DIR")
    args = parser.parse_args()
    builds = [tuple(item.split("=", 1)) for item in args.builds]

    samples = {name: {key: [] for key in ("health_ms", "health_cpu_ms", "checkout_ms", "checkout_cpu_ms", "rss_after_health_mib", "rss_after_checkout_mib")}
               for name, _ in builds}
    for name, publish_dir in builds:
        one_start(publish_dir, args.seed, "checkout", args.sku)  # warm-up: page cache, the sandbox's connection pool
    for run in range(args.runs):
        for name, publish_dir in builds:
            for mode in ("health", "checkout"):
                ms, cpu, rss = one_start(publish_dir, args.seed, mode, args.sku)
                samples[name][f"{mode}_ms"].append(ms)
                samples[name][f"{mode}_cpu_ms"].append(cpu)
                samples[name][f"rss_after_{mode}_mib"].append(rss)
        print(f"run {run + 1}/{args.runs}: " + ", ".join(
            f"{name} {samples[name]['health_ms'][-1]:.0f}/{samples[name]['checkout_ms'][-1]:.0f} ms" for name, _ in builds), file=sys.stderr, flush=True)

    for name, publish_dir in builds:
        samples[name]["publish_mib"] = publish_size_mib(publish_dir)
    with open(args.out, "w") as out:
        json.dump(samples, out, indent=2)

    def spread(values):
        return f"{statistics.median(values):.0f} ({min(values):.0f}–{max(values):.0f})"

    print()
    print("| build | publish size | first `GET /api/health` | its CPU | first `POST /api/checkout` | its CPU | RSS idle after start | RSS idle after checkout |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, _ in builds:
        s = samples[name]
        print(f"| {name} | {s['publish_mib']:.1f} MiB | {spread(s['health_ms'])} ms | {statistics.median(s['health_cpu_ms']):.0f} ms "
              f"| {spread(s['checkout_ms'])} ms | {statistics.median(s['checkout_cpu_ms']):.0f} ms "
              f"| {statistics.median(s['rss_after_health_mib']):.0f} MiB | {statistics.median(s['rss_after_checkout_mib']):.0f} MiB |")
    print()
    print(f"Medians of {args.runs} starts each (min–max in brackets). Times run from the process's start to the answer;")
    print("CPU is what the host used until then, over all its threads.")


if __name__ == "__main__":
    main()
