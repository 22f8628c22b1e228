"""Stage 5: train mini-embed-zh-en, a sentence embedder (mean pooling, L2-normalised), from mini-bert-zh-en.

Usage: /usr/bin/python3 models/factory/embed.py [--steps N] [--eval-only]
Phase A: contrastive training with in-batch negatives (InfoNCE, scale 20; SNLI contradictions as hard
negatives) on WordNet lemma↔gloss, MedQuAD question↔answer, PubMedQA question↔abstract, SciFact
training claim↔cited abstract (the TRAIN half of the claims only), SNLI entailment, Tatoeba en↔zh
(the 1,000 held-out pairs excluded). Each batch comes from one source.
Unlabelled retrieval-corpus pairs (no judgments involved): a SciFact / PubMedQA abstract sentence ↔ the
rest of its abstract (inverse cloze task), and a SciFact title ↔ its abstract text.
Phase B: CoSENT on STS-B train (the dev split is only evaluated).
Reports STS-B dev Spearman, SciFact nDCG@10 / recall@100 on the held-out training claims, Tatoeba
en→zh accuracy@1 on the 1,000 held-out pairs.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import time

import numpy as np
import torch
import torch.nn.functional as F

import common
import metrics
from bert import BertConfig, BertEncoder, mean_pool
from wordpiece import WordPieceTokenizer

HP = dict(steps=1000, batch=32, max_len=64, doc_max_len=160, lr=3e-4, warmup=60, scale=20.0,
          sts_epochs=1, sts_batch=32, sts_lr=5e-5, cosent_scale=20.0, eval_doc_len=192,
          sources={"tatoeba": 0.17, "snli": 0.12, "wordnet": 0.10, "medquad": 0.15, "pubmedqa": 0.05,
                   "scifact": 0.15, "abstract_ict": 0.18, "abstract_title": 0.08})


def scifact_claim_split() -> tuple[set[str], set[str]]:
    """Deterministic halves of the 809 training-judgment claims: (train, held_out)."""
    q = sorted(common.scifact_qrels_train().keys(), key=lambda x: int(x))
    rng = random.Random(common.SEED)
    rng.shuffle(q)
    half = len(q) // 2
    return set(q[:half]), set(q[half:])


def load_pairs() -> dict[str, list[tuple]]:
    rng = random.Random(common.SEED)
    wn = common.wordnet_rows()
    rng.shuffle(wn)
    wordnet = [(lem.split(",")[0].replace("_", " "), gloss) for _, _, lem, gloss in wn[:60000]]
    medquad = [(r["question"], " ".join(r["answer"].split())) for r in common.medquad_rows()[:-400]]
    pubmedqa = [(v["QUESTION"], " ".join(v["CONTEXTS"])) for v in common.pubmedqa_rows().values()]
    docs = {str(d["_id"]): (d.get("title", "") + ". " + d.get("text", "")) for d in common.scifact_corpus()}
    queries = common.scifact_queries()
    train_q, _ = scifact_claim_split()
    qrels = common.scifact_qrels_train()
    scifact = [(queries[q], docs[d]) for q in sorted(train_q) for d in qrels[q] if d in docs and q in queries]
    snli = []
    for split in ("dev", "test"):
        s1 = open(common.data("pairs", "snli", f"s1.{split}"), encoding="utf-8").read().splitlines()
        s2 = open(common.data("pairs", "snli", f"s2.{split}"), encoding="utf-8").read().splitlines()
        lab = open(common.data("pairs", "snli", f"labels.{split}"), encoding="utf-8").read().splitlines()
        by_p: dict[str, dict[str, str]] = {}
        for a, b, l in zip(s1, s2, lab):
            by_p.setdefault(a, {})[l.strip()] = b
        for p, d in by_p.items():
            if "entailment" in d:
                snli.append((p, d["entailment"], d.get("contradiction")))
    tat_train, _ = common.tatoeba_split()
    return {"abstract_ict": ict_pairs(), "abstract_title": [(d["title"], d["text"]) for d in common.scifact_corpus()
                                                            if d.get("title") and d.get("text")],
            "wordnet": wordnet, "medquad": medquad, "pubmedqa": pubmedqa, "scifact": scifact,
            "snli": snli, "tatoeba": tat_train}


_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(])")


def ict_pairs() -> list[tuple[str, str]]:
    """Inverse cloze task on the unlabelled abstracts: one sentence (seeded choice) ↔ the abstract without it."""
    rng = random.Random(common.SEED + 7)
    texts = [d.get("text", "") for d in common.scifact_corpus()]
    texts += [" ".join(v["CONTEXTS"]) for v in common.pubmedqa_rows().values()]
    out = []
    for t in texts:
        sents = [x for x in _SENT.split(t.strip()) if x]
        if len(sents) < 3:
            continue
        k = rng.randrange(len(sents))
        if len(sents[k]) < 30:
            continue
        out.append((sents[k], " ".join(sents[:k] + sents[k + 1:])))
    return out


class Embedder(torch.nn.Module):
    def __init__(self, cfg: BertConfig):
        super().__init__()
        self.bert = BertEncoder(cfg)

    def forward(self, ids, att):
        h, _ = self.bert(ids, att, torch.zeros_like(ids))
        return F.normalize(mean_pool(h, att), dim=-1)


def batch_ids(tok: WordPieceTokenizer, texts: list[str], max_len: int):
    enc = [tok.encode(t, max_len=max_len)[0] for t in texts]
    T = max(len(e) for e in enc)
    ids = torch.full((len(enc), T), tok.pad, dtype=torch.long)
    att = torch.zeros((len(enc), T), dtype=torch.long)
    for i, e in enumerate(enc):
        ids[i, : len(e)] = torch.tensor(e)
        att[i, : len(e)] = 1
    return ids, att


@torch.no_grad()
def embed_texts(model, tok, texts: list[str], max_len: int, bs: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), model.bert.config.hidden_size), dtype=np.float32)
    for i in range(0, len(order), bs):
        idx = order[i: i + bs]
        ids, att = batch_ids(tok, [texts[j] for j in idx], max_len)
        out[idx] = model(ids, att).numpy()
    model.train()
    return out


def read_sts(split: str) -> list[tuple[str, str, float]]:
    rows = []
    with open(common.data("pairs", "stsbenchmark", f"sts-{split}.csv"), encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) >= 7:
                rows.append((p[5], p[6], float(p[4])))
    return rows


def evaluate(model, tok) -> dict:
    t0 = time.time()
    sts = common.limit(read_sts("dev"))
    a = embed_texts(model, tok, [r[0] for r in sts], 128)
    b = embed_texts(model, tok, [r[1] for r in sts], 128)
    sts_sp = metrics.spearman((a * b).sum(1), [r[2] for r in sts])
    _, held = common.tatoeba_split()
    held = common.limit(held)
    en = embed_texts(model, tok, [e for e, _ in held], 128)
    zh = embed_texts(model, tok, [z for _, z in held], 128)
    acc = float((np.argmax(en @ zh.T, 1) == np.arange(len(held))).mean())
    corpus = common.limit(common.scifact_corpus())
    ids = [str(d["_id"]) for d in corpus]
    dv = embed_texts(model, tok, [d.get("title", "") + ". " + d.get("text", "") for d in corpus], HP["eval_doc_len"])
    queries = common.scifact_queries()
    qrels = common.scifact_qrels_train()
    train_q, held_q = scifact_claim_split()
    res = {}
    for name, qs in (("heldout_claims", held_q), ("all_training_claims", set(qrels))):
        qs = sorted(q for q in qs if q in queries)
        qv = embed_texts(model, tok, [queries[q] for q in qs], 128)
        scores = qv @ dv.T
        nd, r100, r10, mr = [], [], [], []
        for i, q in enumerate(qs):
            ranked = [ids[j] for j in np.argsort(-scores[i])[:100]]
            nd.append(metrics.ndcg_at_k(ranked, qrels[q], 10))
            r10.append(metrics.recall_at_k(ranked, qrels[q], 10))
            r100.append(metrics.recall_at_k(ranked, qrels[q], 100))
            mr.append(metrics.mrr(ranked, qrels[q]))
        res[name] = {"queries": len(qs), "ndcg@10": float(np.mean(nd)), "recall@10": float(np.mean(r10)),
                     "recall@100": float(np.mean(r100)), "mrr": float(np.mean(mr))}
    return {"stsb_dev_spearman": sts_sp, "tatoeba_en_zh_acc@1": acc, "tatoeba_pairs": len(held),
            "scifact": res, "eval_minutes": (time.time() - t0) / 60}


def info_nce(q, d, scale, hard=None):
    if hard is not None:
        d_all = torch.cat([d, hard], 0)
    else:
        d_all = d
    logits = scale * q @ d_all.T
    target = torch.arange(len(q))
    loss = F.cross_entropy(logits, target)
    loss_rev = F.cross_entropy(scale * d @ q.T, target)
    return (loss + loss_rev) / 2


def cosent(a, b, labels, scale):
    cos = (a * b).sum(-1) * scale
    diff = cos[None, :] - cos[:, None]          # diff[i, j] = cos_j - cos_i
    mask = labels[:, None] > labels[None, :]    # pairs where i should score above j
    diff = diff[mask]
    return torch.logsumexp(torch.cat([torch.zeros(1), diff]), 0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=HP["steps"])
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--int8", action="store_true", help="with --eval-only: evaluate the int8 emulation")
    args = ap.parse_args()
    threads = common.set_threads()
    common.seed_everything()
    pre = os.path.dirname(common.work("pretrain", "model.pt"))
    tok = WordPieceTokenizer.load(os.path.dirname(common.work("tokenizer", "tokenizer.json")))
    cfg = BertConfig(**{k: v for k, v in json.load(open(os.path.join(pre, "config.json"))).items()
                        if k in BertConfig.__dataclass_fields__})
    model = Embedder(cfg)
    out_dir = os.path.dirname(common.work("embed", "x"))
    final = os.path.join(out_dir, "model.pt")
    ckpt = os.path.join(out_dir, "ckpt.pt")
    if args.eval_only:
        model.load_state_dict(torch.load(final))
        if args.int8:
            from fakequant import emulate_int8

            res = evaluate(emulate_int8(model), tok)
            common.log(json.dumps(res, indent=2))
            with open(os.path.join(out_dir, "metrics_int8.json"), "w") as fh:
                json.dump(res, fh, indent=2)
            return
    else:
        sd = torch.load(os.path.join(pre, "model.pt"))
        model.bert.load_state_dict({k[5:]: v for k, v in sd.items() if k.startswith("bert.")})
        pairs = load_pairs()
        common.log("pairs: " + ", ".join(f"{k}={len(v)}" for k, v in pairs.items()) + f"; threads {threads}")
        opt = torch.optim.AdamW(model.parameters(), lr=HP["lr"], weight_decay=0.01)
        total = args.steps
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: (s + 1) / HP["warmup"] if s < HP["warmup"] else max(0.0, (total - s) / (total - HP["warmup"])))
        step, phase = 0, "A"
        rng = random.Random(common.SEED)
        if os.path.exists(ckpt):
            ck = torch.load(ckpt)
            model.load_state_dict(ck["model"]); step, phase = ck["step"], ck["phase"]
            if phase == "A":
                opt.load_state_dict(ck["opt"]); sched.load_state_dict(ck["sched"])
            rng.setstate(ck["rng"])
            common.log(f"resumed at phase {phase} step {step}")
        names = list(HP["sources"])
        weights = [HP["sources"][n] for n in names]
        prog = common.Progress(total, "embed-A", every=30, start=step)
        last = time.time()
        while phase == "A" and step < total:
            src = rng.choices(names, weights)[0]
            group = rng.sample(pairs[src], HP["batch"])
            qlen = HP["max_len"]
            dlen = HP["doc_max_len"] if src in ("medquad", "pubmedqa", "scifact", "abstract_ict", "abstract_title") else HP["max_len"]
            qi, qa = batch_ids(tok, [g[0] for g in group], qlen)
            di, da = batch_ids(tok, [g[1] for g in group], dlen)
            q, d = model(qi, qa), model(di, da)
            hard = None
            if src == "snli":
                negs = [g[2] for g in group if g[2]]
                if negs:
                    hi, ha = batch_ids(tok, negs, qlen)
                    hard = model(hi, ha)
            loss = info_nce(q, d, HP["scale"], hard)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step(); sched.step()
            step += 1
            prog.update(step, loss=loss.item())
            if time.time() - last > 300:
                torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                            "step": step, "phase": "A", "rng": rng.getstate()}, ckpt + ".tmp")
                os.replace(ckpt + ".tmp", ckpt)
                last = time.time()
        if phase == "A":
            phase = "B"
            torch.save({"model": model.state_dict(), "step": step, "phase": "B", "rng": rng.getstate()}, ckpt + ".tmp")
            os.replace(ckpt + ".tmp", ckpt)
            common.log("phase A done")
        sts = read_sts("train")
        opt = torch.optim.AdamW(model.parameters(), lr=HP["sts_lr"], weight_decay=0.01)
        for ep in range(HP["sts_epochs"]):
            rng.shuffle(sts)
            for i in range(0, len(sts), HP["sts_batch"]):
                g = sts[i: i + HP["sts_batch"]]
                ai, aa = batch_ids(tok, [x[0] for x in g], 128)
                bi, ba = batch_ids(tok, [x[1] for x in g], 128)
                loss = cosent(model(ai, aa), model(bi, ba), torch.tensor([x[2] for x in g]), HP["cosent_scale"])
                opt.zero_grad(set_to_none=True)
                loss.backward()
                opt.step()
            common.log(f"STS-B train epoch {ep+1} done")
        torch.save(model.state_dict(), final)
    res = evaluate(model, tok)
    res["hyperparameters"] = HP
    common.log(json.dumps(res, indent=2))
    with open(os.path.join(out_dir, "metrics.json"), "w") as fh:
        json.dump(res, fh, indent=2)


if __name__ == "__main__":
    main()
