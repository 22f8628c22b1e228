"""Stage 3: masked-language-model pretraining of mini-bert-zh-en (resumable).

Usage: /usr/bin/python3 models/factory/pretrain.py [--steps N] [--eval-only]
Checkpoints to work/pretrain/ckpt.pt every few minutes; rerunning resumes from it.
Writes work/pretrain/model.pt (weights), config.json and metrics.json (held-out masked-token
accuracy and perplexity per domain/language).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import common
import corpus
from bert import BertConfig, BertForMaskedLM, count_params
from wordpiece import WordPieceTokenizer

# ---- hyper-parameters (the whole recipe lives here) ----
HP = dict(
    steps=800,             # optimizer steps (≈ 60 min on one core of a shared 2-core machine)
    batch=32,              # sequences per step (phase 1)
    seq_len=128,           # phase 1 sequence length
    phase2_frac=0.1,       # last 10% of steps at seq_len 256, batch 32 (trains positions 128..255)
    lr=1e-3, warmup_frac=0.06, weight_decay=0.01, betas=(0.9, 0.98), clip=1.0,
    mask_prob=0.15,
    mix={"en-general": 0.35, "en-biomed": 0.40, "zh": 0.25},
    pair_prob=0.5,         # half the sequences are two segments (type ids 0/1) split at a line boundary
    ckpt_every_s=300,
    # phase B ("continue"): a second warm-up + cosine cycle on the phase-1 weights with a fresh optimizer,
    # run after the NER and embedding models were fine-tuned from the phase-1 weights (time-sharing the CPU)
    continue_steps=500, continue_lr=5e-4, continue_warmup=30,
)


class Sampler:
    def __init__(self, streams: dict[str, dict[str, np.ndarray]], tok: WordPieceTokenizer, seed: int):
        self.s = streams
        self.tok = tok
        self.rng = np.random.default_rng(seed)
        self.names = list(HP["mix"].keys())
        self.p = np.array([HP["mix"][n] for n in self.names])

    def sequence(self, seq_len: int) -> tuple[list[int], list[int]]:
        name = self.names[self.rng.choice(len(self.names), p=self.p)]
        ids, starts = self.s[name]["ids"], self.s[name]["starts"]
        li = int(self.rng.integers(0, len(starts)))
        body = seq_len - 3
        st = int(starts[li])
        chunk = ids[st: st + body].astype(np.int64).tolist()
        if self.rng.random() < HP["pair_prob"] and li + 1 < len(starts):
            # segment boundary at the first line start after 30% of the chunk
            cand = starts[li + 1: li + 64]
            cut = next((int(c) - st for c in cand if 0.3 * len(chunk) <= int(c) - st < len(chunk)), None)
            if cut is not None:
                a, b = chunk[:cut], chunk[cut:]
                ids_ = [self.tok.cls] + a + [self.tok.sep] + b + [self.tok.sep]
                return ids_, [0] * (len(a) + 2) + [1] * (len(b) + 1)
        ids_ = [self.tok.cls] + chunk[: body + 1] + [self.tok.sep]
        return ids_, [0] * len(ids_)


def mask_tokens(ids: torch.Tensor, special: torch.Tensor, vocab: int, mask_id: int, rng: torch.Generator):
    probs = torch.full(ids.shape, HP["mask_prob"])
    probs[special] = 0.0
    m = torch.bernoulli(probs, generator=rng).bool()
    labels = ids[m]
    inp = ids.clone()
    r = torch.rand(ids.shape, generator=rng)
    inp[m & (r < 0.8)] = mask_id
    rand_ids = torch.randint(5, vocab, ids.shape, generator=rng)
    sel = m & (r >= 0.8) & (r < 0.9)
    inp[sel] = rand_ids[sel]
    return inp, m, labels


def collate(seqs, pad_id: int):
    T = max(len(s) for s, _ in seqs)
    ids = torch.full((len(seqs), T), pad_id, dtype=torch.long)
    types = torch.zeros((len(seqs), T), dtype=torch.long)
    att = torch.zeros((len(seqs), T), dtype=torch.long)
    for i, (s, t) in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        types[i, : len(t)] = torch.tensor(t)
        att[i, : len(s)] = 1
    return ids, types, att


def lr_at(step: int, total: int) -> float:
    warm = max(1, int(HP["warmup_frac"] * total))
    if step < warm:
        return HP["lr"] * (step + 1) / warm
    prog = (step - warm) / max(1, total - warm)
    return HP["lr"] * 0.5 * (1 + math.cos(math.pi * min(1.0, prog)))


@torch.no_grad()
def evaluate(model: BertForMaskedLM, streams, tok: WordPieceTokenizer, seq_len: int = 128) -> dict:
    model.eval()
    rng = torch.Generator().manual_seed(99)
    out = {}
    special = {tok.cls, tok.sep, tok.pad}
    for name, s in streams.items():
        ids, starts = s["held_ids"], s["held_starts"]
        seqs = []
        for k in range(len(starts)):
            end = starts[k + 1] if k + 1 < len(starts) else len(ids)
            piece = ids[starts[k]: min(end, starts[k] + seq_len - 2)].astype(np.int64).tolist()
            seqs.append(([tok.cls] + piece + [tok.sep], [0] * (len(piece) + 2)))
        correct = total = 0
        nll = 0.0
        for i in range(0, len(seqs), 64):
            ids_t, types, att = collate(seqs[i: i + 64], tok.pad)
            sp = (att == 0) | torch.isin(ids_t, torch.tensor(sorted(special)))
            inp, m, labels = mask_tokens(ids_t, sp, len(tok.vocab), tok.mask, rng)
            logits, _, _ = model(inp, att, types, positions=m)
            nll += F.cross_entropy(logits, labels, reduction="sum").item()
            correct += (logits.argmax(-1) == labels).sum().item()
            total += labels.numel()
        out[name] = {"masked_tokens": total, "accuracy": correct / max(1, total),
                     "perplexity": math.exp(nll / max(1, total))}
    model.train()
    return out


def continue_phase(model, tok, streams, threads: int) -> None:
    """Phase B: fresh AdamW, warm-up then cosine over HP['continue_steps'] steps; resumable via ckpt_b.pt."""
    out = os.path.dirname(common.work("pretrain", "x"))
    p1 = os.path.join(out, "model_phase1.pt")
    import shutil

    if not os.path.exists(p1):
        shutil.copy(os.path.join(out, "model.pt"), p1)
    if not os.path.exists(os.path.join(out, "metrics_phase1.json")):
        shutil.copy(os.path.join(out, "metrics.json"), os.path.join(out, "metrics_phase1.json"))
    model.load_state_dict(torch.load(p1))
    total, peak, warm = HP["continue_steps"], HP["continue_lr"], HP["continue_warmup"]
    opt = torch.optim.AdamW([p for p in model.parameters()], lr=peak, betas=HP["betas"], weight_decay=HP["weight_decay"])
    sampler = Sampler(streams, tok, seed=common.SEED + 1)
    rng = torch.Generator().manual_seed(common.SEED + 1)
    ck_path = os.path.join(out, "ckpt_b.pt")
    step = 0
    if os.path.exists(ck_path):
        ck = torch.load(ck_path)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"]); step = ck["step"]
        sampler.rng = np.random.default_rng(ck["np_seed"]); rng.manual_seed(ck["torch_seed"])
        common.log(f"phase B resumed at step {step}")
    special_ids = torch.tensor([tok.cls, tok.sep, tok.pad])
    prog = common.Progress(total, "pretrain-B", every=30, start=step)
    last, t0, seen, ema = time.time(), time.time(), 0, None
    model.train()
    while step < total:
        lr = peak * (step + 1) / warm if step < warm else peak * 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, total - warm)))
        for g in opt.param_groups:
            g["lr"] = lr
        L, B = HP["seq_len"], HP["batch"]
        ids, types, att = collate([sampler.sequence(L) for _ in range(B)], tok.pad)
        sp = (att == 0) | torch.isin(ids, special_ids)
        inp, m, labels = mask_tokens(ids, sp, len(tok.vocab), tok.mask, rng)
        logits, _, _ = model(inp, att, types, positions=m)
        loss = F.cross_entropy(logits, labels)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), HP["clip"])
        opt.step()
        step += 1
        seen += int(att.sum())
        ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
        prog.update(step, loss=ema, lr=lr, tok_s=seen / max(time.time() - t0, 1e-9))
        if time.time() - last > HP["ckpt_every_s"] or step == total:
            torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                        "np_seed": int(sampler.rng.integers(1 << 62)),
                        "torch_seed": int(torch.randint(1 << 62, (1,), generator=rng))}, ck_path + ".tmp")
            os.replace(ck_path + ".tmp", ck_path)
            last = time.time()
    metrics = evaluate(model, streams, tok)
    common.log(json.dumps(metrics, indent=2))
    torch.save(model.state_dict(), os.path.join(out, "model.pt"))
    phase1 = json.load(open(os.path.join(out, "metrics_phase1.json")))
    with open(os.path.join(out, "metrics.json"), "w") as fh:
        json.dump({"steps": phase1["steps"] + total, "phase1_steps": phase1["steps"], "continue_steps": total,
                   "hyperparameters": HP, "heldout": metrics, "heldout_phase1": phase1["heldout"],
                   "parameters": count_params(model), "threads": threads}, fh, indent=2)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=HP["steps"])
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--int8", action="store_true", help="with --eval-only: evaluate the int8 emulation")
    ap.add_argument("--max-minutes", type=float, default=None, help="stop (checkpointed) after this long")
    ap.add_argument("--continue", dest="cont", action="store_true",
                    help="phase B: continue from work/pretrain/model_phase1.pt for HP['continue_steps'] steps")
    args = ap.parse_args()
    threads = common.set_threads()
    common.seed_everything()
    tok_dir = os.path.dirname(common.work("tokenizer", "tokenizer.json"))
    tok = WordPieceTokenizer.load(tok_dir)
    streams = corpus.build(tok_dir)
    cfg = BertConfig(vocab_size=len(tok.vocab))
    model = BertForMaskedLM(cfg)
    common.log(f"mini-bert-zh-en: {count_params(model)/1e6:.2f}M parameters, threads={threads}")
    no_decay = [p for n, p in model.named_parameters() if p.ndim < 2]
    decay = [p for n, p in model.named_parameters() if p.ndim >= 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": HP["weight_decay"]},
                             {"params": no_decay, "weight_decay": 0.0}], lr=HP["lr"], betas=HP["betas"])
    ckpt_path = common.work("pretrain", "ckpt.pt")
    step = 0
    sampler = Sampler(streams, tok, seed=common.SEED)
    rng = torch.Generator().manual_seed(common.SEED)
    if os.path.exists(ckpt_path):
        ck = torch.load(ckpt_path)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["opt"])
        step = ck["step"]
        sampler.rng = np.random.default_rng(ck["np_seed"])
        rng.manual_seed(ck["torch_seed"])
        common.log(f"resumed from step {step}")
    total = args.steps
    special_ids = torch.tensor([tok.cls, tok.sep, tok.pad])
    if args.cont:
        continue_phase(model, tok, streams, threads)
        return

    def save_ckpt():
        tmp = ckpt_path + ".tmp"
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                    "np_seed": int(sampler.rng.integers(1 << 62)), "torch_seed": int(torch.randint(1 << 62, (1,), generator=rng))}, tmp)
        os.replace(tmp, ckpt_path)

    if not args.eval_only:
        prog = common.Progress(total, "pretrain", every=30, start=step)
        t_start, last_ck = time.time(), time.time()
        tokens_seen = 0
        model.train()
        ema = None
        while step < total:
            phase2 = step >= int((1 - HP["phase2_frac"]) * total)
            L = 256 if phase2 else HP["seq_len"]
            B = HP["batch"] // 2 if phase2 else HP["batch"]
            ids, types, att = collate([sampler.sequence(L) for _ in range(B)], tok.pad)
            sp = (att == 0) | torch.isin(ids, special_ids)
            inp, m, labels = mask_tokens(ids, sp, len(tok.vocab), tok.mask, rng)
            for g in opt.param_groups:
                g["lr"] = lr_at(step, total)
            logits, _, _ = model(inp, att, types, positions=m)
            loss = F.cross_entropy(logits, labels)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), HP["clip"])
            opt.step()
            step += 1
            tokens_seen += int(att.sum())
            ema = loss.item() if ema is None else 0.98 * ema + 0.02 * loss.item()
            el = time.time() - t_start
            prog.update(step, loss=ema, acc=(logits.argmax(-1) == labels).float().mean().item(),
                        lr=lr_at(step, total), tok_s=tokens_seen / max(el, 1e-9))
            if time.time() - last_ck > HP["ckpt_every_s"]:
                save_ckpt()
                last_ck = time.time()
            if args.max_minutes and el > args.max_minutes * 60:
                save_ckpt()
                common.log(f"stopping after {el/60:.1f} min at step {step} (checkpoint saved)")
                return
        save_ckpt()
    out = os.path.dirname(ckpt_path)
    if args.eval_only and args.int8:
        from fakequant import emulate_int8

        model.load_state_dict(torch.load(os.path.join(out, "model.pt")))
        metrics = evaluate(emulate_int8(model), streams, tok)
        common.log(json.dumps(metrics, indent=2))
        with open(os.path.join(out, "metrics_int8.json"), "w") as fh:
            json.dump({"heldout": metrics}, fh, indent=2)
        return
    metrics = evaluate(model, streams, tok)
    common.log(json.dumps(metrics, indent=2))
    torch.save(model.state_dict(), os.path.join(out, "model.pt"))
    torch.save(model.state_dict(), os.path.join(out, "model_phase1.pt"))  # what NER and the embedder start from
    with open(os.path.join(out, "config.json"), "w") as fh:
        json.dump(cfg.to_hf(), fh, indent=2)
    with open(os.path.join(out, "metrics.json"), "w") as fh:
        json.dump({"steps": step, "hyperparameters": {k: v for k, v in HP.items()}, "heldout": metrics,
                   "parameters": count_params(model), "threads": threads}, fh, indent=2)


if __name__ == "__main__":
    main()
