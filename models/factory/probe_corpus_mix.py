"""Probe (not part of the build): does adding BC5CDR's devel split to the training data change NCBI-disease *devel* F1?

Usage: FACTORY_THREADS=2 /usr/bin/python3 models/factory/probe_corpus_mix.py [--epochs N]

Why: until v6 the shipped NER model was trained on train + devel of both corpora, and in v5 and v6 that scored
about 2.5 F1 lower on NCBI test than the train-only run. This asks the question on devel instead: the
same recipe and seed as `ner.py` (same encoder, hyper-parameters and 8-epoch schedule), but trained on
both train splits + BC5CDR devel (NCBI devel stays held out); NCBI devel F1 after each epoch from 3 on, to compare
with ner.py's history in work/ner/metrics.json. Writes nothing but its log.
"""
import argparse
import json, os, random, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import torch
import common, ner
from bert import BertConfig, BertForTokenClassification
from wordpiece import WordPieceTokenizer
ap = argparse.ArgumentParser()
ap.add_argument("--epochs", type=int, default=6, help="stop after this many of the schedule's 8 epochs")
args = ap.parse_args()
common.set_threads(); common.seed_everything()
HP = ner.HP
tok = WordPieceTokenizer.load(os.path.dirname(common.work("tokenizer", "tokenizer.json")))
pre = os.path.dirname(common.work(HP["encoder"], "model.pt"))
cfg = BertConfig(**{k: v for k, v in json.load(open(os.path.join(pre, "config.json"))).items() if k in BertConfig.__dataclass_fields__})
model = BertForTokenClassification(cfg, len(ner.LABELS), HP["dropout"], HP["lstm_hidden"])
sd = torch.load(os.path.join(pre, "model.pt"))
model.bert.load_state_dict({k[5:]: v for k, v in sd.items() if k.startswith("bert.")})
items = []
for key, corpus in ner.CORPORA.items():
    data = common.ner_split(corpus, "train") + (common.ner_split(corpus, "devel") if key == "bc5cdr" else [])
    for words, tags in data:
        ids, _, labels = ner.encode(tok, words, tags)
        items.append({"ids": ids, "labels": labels, "src": key})
print("items", len(items), flush=True)
opt = torch.optim.AdamW(model.parameters(), lr=HP["lr"], weight_decay=HP["weight_decay"])
spe = (len(items) + HP["batch"] - 1) // HP["batch"]; total = spe * HP["epochs"]; warm = int(HP["warmup_frac"] * total)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: (s + 1) / max(1, warm) if s < warm else max(0.0, (total - s) / max(1, total - warm)))
rng = random.Random(common.SEED)
t0 = time.time()
for epoch in range(args.epochs):
    model.train()
    for group in ner.batches(items, HP["batch"], True, rng, HP["bucket"]):
        ids, att, lab, nc = ner.collate(tok, group, HP["max_len"])
        logits, _ = model(ids, att, torch.zeros_like(ids))
        loss = ner.partial_label_loss(logits, lab, nc)
        opt.zero_grad(set_to_none=True); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0); opt.step(); sched.step()
    print(f"epoch {epoch+1} trained, {(time.time()-t0)/60:.1f} min", flush=True)
    if epoch + 1 >= 3:
        with_abbr, without = ner.evaluate(model, tok, "devel", (HP["abbrev_scope"], 0), corpora=("ncbi",))
        print(f"epoch {epoch+1}: NCBI devel F1 {with_abbr['ncbi']['overall']['f1']:.4f} "
              f"(without abbreviations {without['ncbi']['overall']['f1']:.4f})", flush=True)
