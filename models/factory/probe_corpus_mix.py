"""Probe (not part of the build): does adding BC5CDR's devel split to the training data change NCBI-disease *devel* F1?

Usage: FACTORY_THREADS=2 /usr/bin/python3 models/factory/probe_corpus_mix.py [--epochs N]

Why: until v6 the shipped NER model was trained on train + devel of both corpora, and in v5 and v6 that scored
about 2.5 F1 lower on NCBI test than the train-only run. This asks the question on devel instead: the
same recipe and seed as `ner.py` (same encoder, hyper-parameters and 8-epoch schedule), but trained on
both train splits + BC5CDR devel (NCBI devel stays held out); NCBI devel F1 after each epoch from 3 on, to compare
with ner.py's history in work/ner/metrics.json. Writes nothing but its log.
"""
import argparse
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402
import ner  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--epochs", type=int, default=6, help="stop after this many of the schedule's 8 epochs")
args = ap.parse_args()
common.set_threads(); common.seed_everything()
HP = ner.HP
tok = ner.load_tokenizer()
model = ner.new_model()
ner.load_encoder(model)
items = ner.training_items(tok, {key: common.ner_split(corpus, "train") + (common.ner_split(corpus, "devel") if key == "bc5cdr" else [])
                                 for key, corpus in ner.CORPORA.items()})
print("items", len(items), flush=True)
steps_per_epoch = (len(items) + HP["batch"] - 1) // HP["batch"]
opt, sched = ner.optimizer(model, steps_per_epoch * HP["epochs"])  # the full 8-epoch schedule, as ner.py's run
rng = random.Random(common.SEED)
t0 = time.time()
for epoch in range(args.epochs):
    for _ in ner.train_epoch(model, tok, items, opt, sched, rng):
        pass
    print(f"epoch {epoch+1} trained, {(time.time()-t0)/60:.1f} min", flush=True)
    if epoch + 1 >= 3:
        with_abbr, without = ner.evaluate(model, tok, "devel", (HP["abbrev_scope"], 0), corpora=("ncbi",))
        print(f"epoch {epoch+1}: NCBI devel F1 {with_abbr['ncbi']['overall']['f1']:.4f} "
              f"(without abbreviations {without['ncbi']['overall']['f1']:.4f})", flush=True)
