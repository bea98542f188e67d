#!/usr/bin/env python3
"""Times docker-doctor against its peer linters, whole processes, by hand.

The peers (dockerfilelint, dockerfile-utils through dockerfile-utils-lint.js,
dclint) are installed from bench/peers/package-lock.json with `npm ci`. Every
tool gets the same files of ../shared/corpus on its command line and writes a
JSON report to /dev/null; runs are interleaved (one run of every case per
round) so that a change in the machine's load falls on all tools alike, and
the table shows medians. Peak RSS comes from wait4()'s rusage of each run.

    bench/peers/compare.py                 # 5 rounds, build/docker-doctor
    bench/peers/compare.py --rounds 9 --dd build-rel/docker-doctor

Not run by CI: it needs the npm registry once, and it takes a few minutes.
docs/performance.md holds a table it printed and how to read it.
"""

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODULES = os.path.join(HERE, "node_modules")

# The walk of src/cli/discover.cc, restated: the same names and skipped
# directories, so that the peers get exactly what `docker-doctor DIR` lints.
SKIPPED_DIRS = {
    ".git", ".hg", ".svn", ".bzr", "node_modules", "bower_components", ".venv", "venv",
    "__pypackages__", "__pycache__", "site-packages", "vendor", ".tox", ".nox", ".mypy_cache",
    ".pytest_cache", ".ruff_cache", ".cache", ".gradle", ".terraform", ".next", ".nuxt",
    ".svelte-kit", ".turbo", "dist", "target",
}

# argv above this many bytes is split into several invocations, the same
# split for every tool (Linux allows 2 MiB for argv and environment).
ARGV_LIMIT = 1 << 20


def is_dockerfile_name(name):
    if name.endswith(".dockerignore"):
        return False
    return (name in ("Dockerfile", "Containerfile")
            or (name.startswith("Dockerfile.") and len(name) > 11)
            or (name.startswith("Containerfile.") and len(name) > 14)
            or (name.endswith(".Dockerfile") and len(name) > 11)
            or (name.endswith(".dockerfile") and len(name) > 11))


def is_compose_name(name):
    if is_dockerfile_name(name) or not name.endswith((".yml", ".yaml")):
        return False
    return name.startswith("compose.") or name.startswith("docker-compose.")


def corpus_files(corpus):
    """The corpus's Dockerfiles and compose files, sorted. Only non-empty
    regular files: dockerfilelint stops the whole run at an empty file, and
    a symbolic link would be linted twice by some tools and once by others."""
    dockerfiles, compose = [], []
    for dirpath, dirnames, filenames in os.walk(corpus):
        dirnames[:] = sorted(d for d in dirnames
                             if d not in SKIPPED_DIRS and not os.path.islink(os.path.join(dirpath, d)))
        for name in filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path) or not os.path.isfile(path) or os.path.getsize(path) == 0:
                continue
            if is_dockerfile_name(name):
                dockerfiles.append(path)
            elif is_compose_name(name):
                compose.append(path)
    return sorted(dockerfiles), sorted(compose)


def total_bytes(files):
    return sum(os.path.getsize(f) for f in files)


def chunks(files):
    out, cur, size = [], [], 0
    for f in files:
        if cur and size + len(f) + 1 > ARGV_LIMIT:
            out.append(cur)
            cur, size = [], 0
        cur.append(f)
        size += len(f) + 1
    if cur:
        out.append(cur)
    return out


def small_file(files, target=1024):
    """The file whose size is nearest `target` bytes (ties: first by name):
    a typical small input for the start-up latency case."""
    return min(files, key=lambda f: (abs(os.path.getsize(f) - target), f))


class Tool:
    def __init__(self, name, argv, kinds):
        self.name, self.argv, self.kinds = name, argv, kinds

    def commands(self, files):
        return [self.argv + chunk for chunk in chunks(files)]


def run_once(commands, capture=False):
    """Runs the commands one after the other; returns wall seconds, CPU
    seconds, peak RSS in KiB (the largest of the processes) and, with
    `capture`, the exit statuses and outputs."""
    wall = cpu = 0.0
    peak = 0
    outputs = []
    for argv in commands:
        if capture:
            # Checked, not timed. Into files, not pipes: node drops what is
            # still queued for a pipe when a tool calls process.exit().
            with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
                status = subprocess.run(argv, stdout=out, stderr=err, stdin=subprocess.DEVNULL).returncode
                out.seek(0)
                err.seek(0)
                outputs.append((status, out.read(), err.read()))
            continue
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall += time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss)  # KiB on Linux
    return wall, cpu, peak, outputs


def reported_files(tool, outputs):
    """How many files a tool's JSON report covers and how many it failed on
    (the drivers record a file whose checks threw), to catch a peer that
    stopped early; None when its report does not list every file."""
    n = failed = 0
    for status, stdout, _ in outputs:
        try:
            report = json.loads(stdout.decode("utf-8", "replace"))
        except ValueError:
            return -1, 0
        if tool in ("dockerfilelint", "dockerfile-utils"):
            n += len(report.get("files", [])) + len(report.get("errors", []))
            failed += len(report.get("errors", []))
        elif tool == "dclint":
            n += len(report)
        else:
            return None, 0
    return n, failed


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = os.getloadavg()
    return (f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
            f"load average {load[0]:.1f} at the start")


def version_of(argv):
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=60).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "?"


def package_version(name):
    try:
        with open(os.path.join(MODULES, name, "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def install(node, npm):
    lock = os.path.join(HERE, "package-lock.json")
    stamp = os.path.join(MODULES, ".package-lock.json")
    if os.path.exists(stamp) and os.path.getmtime(stamp) >= os.path.getmtime(lock):
        return
    print("installing the peer linters: npm ci in bench/peers", file=sys.stderr)
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)


def fmt_ratio(r):
    # One decimal below 10: "0.9x" must not print as "1x".
    return f"{r:.1f}x" if r < 10 else f"{r:.0f}x"


def fmt_ms(s):
    return f"{s * 1000:.1f} ms" if s < 10 else f"{s:.2f} s"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dd", default=os.path.join(ROOT, "build", "docker-doctor"),
                    help="the docker-doctor binary (default: build/docker-doctor)")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--rounds", type=int, default=5, help="interleaved runs of every case (default 5)")
    ap.add_argument("--node", default=shutil.which("node") or "node")
    ap.add_argument("--npm", default=shutil.which("npm") or "npm")
    ap.add_argument("--no-install", action="store_true", help="use bench/peers/node_modules as it is")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        sys.exit(f"no corpus at {args.corpus}: it is the shared data beside the repository")
    if not os.access(args.dd, os.X_OK):
        sys.exit(f"no docker-doctor binary at {args.dd}: build it first (README), or pass --dd")
    if not args.no_install:
        install(args.node, args.npm)

    node = args.node
    dd = Tool("docker-doctor", [args.dd, "--format", "json", "--fail-on", "none"], {"docker", "compose"})
    dd1 = Tool("docker-doctor --jobs 1", dd.argv + ["--jobs", "1"], {"docker", "compose"})
    peers = [
        Tool("dockerfilelint", [node, os.path.join(HERE, "dockerfilelint-lint.js")], {"docker"}),
        Tool("dockerfile-utils", [node, os.path.join(HERE, "dockerfile-utils-lint.js")], {"docker"}),
        Tool("dclint", [node, os.path.join(MODULES, "dclint", "bin", "dclint.cjs"), "-f", "json"], {"compose"}),
    ]

    dockerfiles, compose = corpus_files(os.path.abspath(args.corpus))
    everything = sorted(dockerfiles + compose)
    sets = {
        "docker": ("the corpus's Dockerfiles", dockerfiles),
        "compose": ("the corpus's compose files", compose),
    }
    # Every case: (section, label, tool, files).
    cases = []
    for kind in ("docker", "compose"):
        one = [small_file(sets[kind][1])]
        for tool in [dd] + [p for p in peers if kind in p.kinds]:
            cases.append(("single " + kind, os.path.relpath(one[0], args.corpus), tool, one))
    for kind in ("docker", "compose"):
        for tool in [dd, dd1] + [p for p in peers if kind in p.kinds]:
            cases.append(("all " + kind, sets[kind][0], tool, sets[kind][1]))
    # Scaling: every 4th file, every 2nd, all (both kinds), as one run each.
    for share, step in (("1/4", 4), ("1/2", 2), ("all", 1)):
        files = everything[::step]
        for tool in (dd, dd1):
            cases.append(("scaling", share, tool, files))

    # A first, untimed run of every case: warms the page cache and checks
    # that each tool read every file it was given.
    problems, notes = [], []
    for section, label, tool, files in cases:
        if section.startswith("single"):
            continue
        _, _, _, outputs = run_once(tool.commands(files), capture=True)
        n, failed = reported_files(tool.name, outputs)
        if n is not None and n != len(files):
            problems.append(f"{tool.name} reported {n} of the {len(files)} files of '{label}'")
        if failed:
            notes.append(f"{tool.name}: its checks threw on {failed} of the {len(files)} files of '{label}' "
                         "(recorded, the run went on)")
        if any(o[0] < 0 for o in outputs):
            problems.append(f"{tool.name} was killed by a signal on '{label}'")

    samples = {i: [] for i in range(len(cases))}
    for _ in range(args.rounds):
        for i, (_, _, tool, files) in enumerate(cases):
            samples[i].append(run_once(tool.commands(files))[:3])

    def med(i):
        s = samples[i]
        return (statistics.median(x[0] for x in s), statistics.median(x[1] for x in s), max(x[2] for x in s))

    results = {(c[0], c[2].name): (med(i), c) for i, c in enumerate(cases)
               if c[0] != "scaling"}
    scaling = [(c[1], c[2].name, med(i), len(c[3]), total_bytes(c[3])) for i, c in enumerate(cases)
               if c[0] == "scaling"]

    out = []
    out.append(f"date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")
    out.append(f"machine: {machine()}")
    out.append(f"docker-doctor: {version_of([args.dd, '--version'])} ({args.dd}); node {version_of([node, '--version'])}; "
               + ", ".join(f"{p} {package_version(p)}" for p in ("dockerfilelint", "dockerfile-utils", "dclint")))
    out.append(f"corpus: {len(dockerfiles)} Dockerfiles ({total_bytes(dockerfiles) / 1e6:.2f} MB), "
               f"{len(compose)} compose files ({total_bytes(compose) / 1e6:.2f} MB); "
               f"{args.rounds} interleaved rounds, medians; docker-doctor --jobs defaults to {os.cpu_count()}")
    out.append("")
    out.append("| case | tool | wall (median) | CPU (median) | peak RSS | docker-doctor's speed-up |")
    out.append("|---|---|---|---|---|---|")
    for kind in ("docker", "compose"):
        for section in ("single " + kind, "all " + kind):
            base = results[(section, dd.name)][0]
            for (sec, name), ((wall, cpu, rss), case) in results.items():
                if sec != section:
                    continue
                label = f"{section}: {case[1]} ({len(case[3])} files, {total_bytes(case[3]) / 1e3:.0f} kB)"
                ratio = "" if name.startswith("docker-doctor") else fmt_ratio(wall / base[0])
                out.append(f"| {label} | {name} | {fmt_ms(wall)} | {fmt_ms(cpu)} | {rss / 1024:.1f} MiB | {ratio} |")
    out.append("")
    out.append("| share of the corpus (both kinds) | tool | files | wall (median) | files/s | MB/s | peak RSS |")
    out.append("|---|---|---|---|---|---|---|")
    for share, name, (wall, _, rss), n, size in scaling:
        out.append(f"| {share} | {name} | {n} | {fmt_ms(wall)} | {n / wall:,.0f} | {size / 1e6 / wall:.1f} | {rss / 1024:.1f} MiB |")

    # The targets, judged from this run.
    out.append("")
    out.append("| target | measured | met |")
    out.append("|---|---|---|")
    for kind in ("docker", "compose"):
        section = "all " + kind
        base = results[(section, dd.name)][0][0]
        fastest = min((v[0][0], n) for (s, n), v in results.items() if s == section and not n.startswith("docker-doctor"))
        ratio = fastest[0] / base
        out.append(f"| >= 30x the fastest peer, {sets[kind][0]} | {fmt_ratio(ratio)} ({fastest[1]}) | {'yes' if ratio >= 30 else 'NO'} |")
    for kind in ("docker", "compose"):
        wall = results[("single " + kind, dd.name)][0][0]
        out.append(f"| single {kind} file < 5 ms | {wall * 1000:.1f} ms | {'yes' if wall < 0.005 else 'NO'} |")
    per = {share: (wall, n) for share, name, (wall, _, _), n, _ in scaling if name == dd.name}
    q, a = per["1/4"], per["all"]
    lin = (a[0] / a[1]) / (q[0] / q[1])  # time per file, all vs a quarter
    out.append(f"| near-linear scaling (time per file, all vs 1/4) | {lin:.2f} | {'yes' if 0.5 <= lin <= 1.25 else 'NO'} |")
    rss = max(rss for _, name, (_, _, rss), _, _ in scaling)
    out.append(f"| peak RSS < 64 MB on the corpus | {rss / 1024:.1f} MiB | {'yes' if rss * 1024 < 64e6 else 'NO'} |")
    if problems or notes:
        out.append("")
        out.extend("note: " + n for n in notes)
        out.extend("warning: " + p for p in problems)
    print("\n".join(out))


if __name__ == "__main__":
    main()
