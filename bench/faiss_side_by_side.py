#!/usr/bin/python3
"""Kyodaku's Hamming index and FAISS on the same codes, in one run (bench/faiss.sh runs this).

Data and FAISS measurements come from the shared FAISS benchmark tool (../shared/tools/faiss/
bench.py: gen_db, gen_neardup_queries, ground_truth, run_cfg, in_child), so the FAISS figures are
exactly what that tool measures: IndexBinaryFlat (brute force, also the ground truth) and
IndexBinaryMultiHash 16 tables x 16 bits, nflip 1 (Meta HMA's PDQ configuration), batched range
search at radius 32 (FAISS keeps distances strictly below it: Hamming <= 31).

Our side runs in a JVM (org.kyodaku.benchmarks.index.HammingSideBySide) on the same files: build
time, file bytes per code, warm 1- and 2-thread queries/s, recall against its own brute-force
scan; and its answers are compared here with FAISS Flat's, query by query.

Usage: bench_py --n N --nq Q --tool DIR --java "java -cp JAR" [--seed S] [--work DIR] [--nq-flat F]
"""
import argparse, json, os, subprocess, sys, time

import numpy as np


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--nq", type=int, default=1000, help="queries per set (random, near-duplicate)")
    ap.add_argument("--nq-flat", type=int, default=0, help="queries FAISS Flat times (default: the tool's rule)")
    ap.add_argument("--nq-single", type=int, default=20, help="queries FAISS times one per call")
    ap.add_argument("--brute", type=int, default=200, help="queries our brute-force scan checks")
    ap.add_argument("--seed", type=int, default=12345)
    ap.add_argument("--tool", required=True, help="the shared FAISS tool directory (bench.py)")
    ap.add_argument("--java", required=True, help="command prefix that runs a class of benchmarks.jar")
    ap.add_argument("--work", default="/tmp/kyodaku-faiss-bench")
    ap.add_argument("--configs", default="flat,mh:16:16:1")
    args = ap.parse_args()
    if args.nq_flat <= 0:
        args.nq_flat = max(50, min(args.nq, int(2e9 // args.n)))
    sys.path.insert(0, args.tool)
    import bench as tool  # the shared tool; importing it runs nothing
    import faiss

    os.makedirs(args.work, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    t = time.perf_counter()
    db = tool.gen_db(args.n, "uniform", rng)
    qrand = rng.integers(0, 256, size=(args.nq, tool.CODE_BYTES), dtype=np.uint8)
    qdup, _, _ = tool.gen_neardup_queries(db, args.nq, rng)
    queries = {"neardup": qdup, "random": qrand}
    for name, arr in [("db", db), ("neardup", qdup), ("random", qrand)]:
        np.ascontiguousarray(arr).tofile(os.path.join(args.work, name + ".bin"))
    meta = {"n": args.n, "nq": args.nq, "nq_flat": args.nq_flat, "seed": args.seed,
            "faiss": faiss.__version__, "gen_s": round(time.perf_counter() - t, 1)}
    print(json.dumps(meta), flush=True)

    truth = tool.in_child(lambda: tool.ground_truth(db, queries))
    print("ground truth (FAISS Flat): neardup %d matches, random %d" % (
        sum(map(len, truth["neardup"])), sum(map(len, truth["random"]))), flush=True)

    results = {}
    for c in args.configs.split(","):
        cfg = tool.parse_cfg(c)
        res = tool.in_child(lambda: tool.run_cfg(cfg, db, queries, args, truth))
        print(json.dumps(res), flush=True)
        results[cfg["name"]] = res

    cmd = args.java.split() + ["org.kyodaku.benchmarks.index.HammingSideBySide", args.work,
                               str(tool.MATCH_MAX), str(args.brute), "neardup", "random"]
    t = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit("java side failed:\n" + proc.stderr)
    ours = json.loads(proc.stdout.strip().splitlines()[-1])
    ours["jvm_max_rss_MB"] = round(int(proc.stderr.strip().splitlines()[-1]) / 1024, 1)
    ours["wall_s"] = round(time.perf_counter() - t, 1)
    print(json.dumps(ours), flush=True)

    # Our answers against FAISS Flat's (exact), query by query, on every query of both sets.
    for name in queries:
        with open(os.path.join(args.work, "java.%s.txt" % name)) as f:
            got = [set(map(int, line.split())) for line in f]
        want = truth[name]
        ours[name + "_equal_to_faiss_flat"] = all(g == w for g, w in zip(got, want)) and len(got) == len(want)
        ntrue = sum(map(len, want))
        ours[name + "_recall_vs_faiss_flat"] = round(sum(len(g & w) for g, w in zip(got, want)) / ntrue, 4) if ntrue else None

    print("our answers equal FAISS Flat's on every query: neardup %s, random %s" % (
        ours["neardup_equal_to_faiss_flat"], ours["random_equal_to_faiss_flat"]))
    mh = results.get("MultiHash nhash=16 b=16 nflip=1", {})
    flat = results.get("Flat", {})
    print("\n| N = %d, radius 31, %d queries per set | build s | bytes/code | neardup q/s 1 thr | 2 thr | random q/s 1 thr | 2 thr | recall (neardup, random) |" % (args.n, args.nq))
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for label, r in [("FAISS IndexBinaryFlat", flat), ("FAISS IndexBinaryMultiHash 16x16 nflip 1", mh)]:
        if r:
            print("| %s | %s | %s | %s | %s | %s | %s | %s, %s |" % (
                label, r.get("build_s_2threads"), r.get("bytes_per_code_rss"),
                r.get("neardup_t1_range_batch_qps"), r.get("neardup_t2_range_batch_qps"),
                r.get("random_t1_range_batch_qps"), r.get("random_t2_range_batch_qps"),
                r.get("neardup_range_recall"), r.get("random_range_recall")))
    print("| Kyodaku segment (%s tables, memory-mapped) | %s | %s | %s | %s | %s | %s | %s, %s (brute force: %s, %s) |" % (
        ours["tables"], ours["build_s"], ours["file_bytes_per_code"],
        ours["neardup_t1_qps"], ours["neardup_t2_qps"], ours["random_t1_qps"], ours["random_t2_qps"],
        ours["neardup_recall_vs_faiss_flat"], ours["random_recall_vs_faiss_flat"],
        ours["neardup_recall_vs_brute"], ours["random_recall_vs_brute"]))
    for s in ("neardup", "random"):
        if ours.get(s + "_brute_batch_t1_qps"):
            print("our brute force (Java, 1 thread), %s: %s q/s one query at a time, %s q/s batched; segment / batched: %.1fx" % (
                s, ours[s + "_brute_t1_qps"], ours[s + "_brute_batch_t1_qps"],
                ours[s + "_t1_qps"] / ours[s + "_brute_batch_t1_qps"]))
    if mh:
        for s in ("neardup", "random"):
            for nt in (1, 2):
                base = mh.get("%s_t%d_range_batch_qps" % (s, nt))
                if base:
                    print("ratio to FAISS MultiHash, %s, %d thread(s): %.1fx" % (s, nt, ours["%s_t%d_qps" % (s, nt)] / base))
    with open(os.path.join(args.work, "results_n%d.json" % args.n), "w") as f:
        json.dump({"meta": meta, "faiss": results, "kyodaku": ours}, f, indent=1)
    print("wrote", os.path.join(args.work, "results_n%d.json" % args.n))
    ok = all(ours[s + "_equal_to_faiss_flat"] for s in queries)
    sys.exit(0 if ok else 2)


if __name__ == "__main__":
    main()
