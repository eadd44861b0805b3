"""Measure `python -m sq build` on the real mirror: wall time and peak memory, median of N runs.

Usage: python bench/build_benchmark.py [--runs 3]
Each run builds into a fresh temporary folder (`--force`), in its own process, so peak memory is
that process's own high-water mark (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.map_benchmark import machine  # noqa: E402  (one description of the machine)


def one_run() -> tuple[float, float]:
    """Build once into a temporary store; return (seconds, peak MB of the build process)."""
    with tempfile.TemporaryDirectory() as store:
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "sq", "build", "--force", "--store", store],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def main() -> None:
    """Run the benchmark and print a markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = [one_run() for _ in range(args.runs)]
    seconds = statistics.median(r[0] for r in results)
    peak = max(r[1] for r in results)
    print(f"Machine: {machine()}")
    print("| runs | median wall time (s) | min–max (s) | peak memory (MB) |")
    print("|---|---|---|---|")
    print(
        f"| {args.runs} | {seconds:.1f} | {min(r[0] for r in results):.1f}–"
        f"{max(r[0] for r in results):.1f} | {peak:.0f} |"
    )


if __name__ == "__main__":
    main()
