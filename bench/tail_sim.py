#!/usr/bin/env python3
"""What a change of per-path cost would do to the load test's p99 (docs/bench/profile_tail.md).

A closed loop of CLIENTS clients (wrk's connections) sends requests drawn uniformly from the
paths to a server of CORES cores that shares them equally among its running threads (Linux's
fair scheduler, processor sharing). A request costs its path's CPU time; a split path runs the
`share` of it that is its ranking as two threads of half that (plus `overhead`), as a match
divided over two databases would.

Input: one line per path, "<ms> <path>", the mean handler time of each path at one connection
(coop-searchd's request log; one connection, so the time is the path's CPU time), e.g.
  grep -a '^GET' LOG | awk '{s[$2]+=$(NF-1); c[$2]++} END {for (p in s) print s[p]/c[p], p}'
Every request also pays EXTRA ms outside the handler (HTTP and the kernel: coop-searchd's CPU
per request minus the handler's mean, from /proc/PID/stat over the same run).

  bench/tail_sim.py COSTS [--extra 0.1] [--cores 2] [--clients 8]
"""
import argparse
import random


def simulate(costs, split=(), share=0.8, overhead=0.05, cores=2, clients=8, n=60000, seed=1):
    """Returns (requests/s, p50 ms, p99 ms) of the closed loop."""
    rng = random.Random(seed)

    def job():
        i = rng.randrange(len(costs))
        c = costs[i]
        if i not in split:
            return [[c]]
        half = c * share / 2 * (1 + overhead)
        return [[c * (1 - share) / 2], [half, half], [c * (1 - share) / 2]]

    t, latencies, state = 0.0, [], []
    for _ in range(clients):
        phases = job()
        state.append({"start": 0.0, "phases": phases, "left": list(phases[0])})
    while len(latencies) < n:
        threads = sum(len(s["left"]) for s in state)
        rate = min(1.0, cores / threads)
        dt = min(w for s in state for w in s["left"]) / rate
        t += dt
        for s in state:
            s["left"] = [w - dt * rate for w in s["left"] if w - dt * rate > 1e-12]
            while not s["left"]:
                s["phases"] = s["phases"][1:]
                if s["phases"]:
                    s["left"] = list(s["phases"][0])
                else:
                    latencies.append(t - s["start"])
                    s["start"], s["phases"] = t, job()
                    s["left"] = list(s["phases"][0])
    latencies.sort()
    return len(latencies) / t * 1000, latencies[len(latencies) // 2], latencies[
        int(len(latencies) * 0.99)]


def simulate_slots(costs, slots=2, cores=2, clients=8, n=60000, seed=1):
    """The same closed loop with at most `slots` requests computing at once and the others
    waiting in arrival order (coop-searchd's search slots, docs/RELIABILITY.md; no grace, no
    wake-up cost). Returns (requests/s, p50 ms, p99 ms)."""
    rng = random.Random(seed)
    t, latencies, line, running = 0.0, [], [], []
    for _ in range(clients):
        line.append([0.0, costs[rng.randrange(len(costs))]])
    while len(latencies) < n:
        while line and len(running) < slots:
            running.append(line.pop(0))
        rate = min(1.0, cores / len(running))
        dt = min(r[1] for r in running) / rate
        t += dt
        left = []
        for r in running:
            r[1] -= dt * rate
            if r[1] > 1e-12:
                left.append(r)
            else:
                latencies.append(t - r[0])
                line.append([t, costs[rng.randrange(len(costs))]])
        running = left
    latencies.sort()
    return len(latencies) / t * 1000, latencies[len(latencies) // 2], latencies[
        int(len(latencies) * 0.99)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("costs")
    ap.add_argument("--extra", type=float, default=0.1)
    ap.add_argument("--cores", type=int, default=2)
    ap.add_argument("--clients", type=int, default=8)
    a = ap.parse_args()
    base = [float(line.split()[0]) + a.extra for line in open(a.costs) if line.strip()]
    costliest = sorted(range(len(base)), key=lambda i: -base[i])
    opts = {"cores": a.cores, "clients": a.clients}
    print("as measured:        q/s %.0f  p50 %.2f  p99 %.2f" % simulate(base, **opts))
    for k in (3, 5, 8):
        r = simulate(base, split=set(costliest[:k]), **opts)
        print("ranking of the %d costliest split in two: q/s %.0f  p50 %.2f  p99 %.2f" % (k, *r))
    for f in (0.8, 0.7, 0.6):
        r = simulate([c * f for c in base], **opts)
        print("every path at %.0f%%: q/s %.0f  p50 %.2f  p99 %.2f" % (f * 100, *r))
    halved = list(base)
    for i in costliest[:5]:
        halved[i] /= 2
    print("the 5 costliest at 50%%: q/s %.0f  p50 %.2f  p99 %.2f" % simulate(halved, **opts))
    for k in (2, 3, 4):
        r = simulate_slots(base, slots=k, **opts)
        print("%d search slots, in arrival order: q/s %.0f  p50 %.2f  p99 %.2f" % (k, *r))


if __name__ == "__main__":
    main()
