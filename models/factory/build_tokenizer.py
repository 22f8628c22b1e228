"""Stage 1: train the zh/en WordPiece tokenizer and write held-out parity sentences.

Usage: /usr/bin/python3 models/factory/build_tokenizer.py [--vocab 16000]
Writes work/tokenizer/{tokenizer.json,tokenizer_config.json,vocab.txt} and
tests/fixtures/models/tokenizer-parity.json (1,000 held-out sentences per language with their ids).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re

import common
from wordpiece import train_wordpiece, WordPieceTokenizer

VOCAB_SIZE = 16000
TOKENIZER_DIR = "tokenizer"
REPO = os.path.dirname(common.MODELS_DIR)
PARITY_FIXTURE = os.path.join(REPO, "tests", "fixtures", "models", "tokenizer-parity.json")


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'])", text) if 20 <= len(s.strip()) <= 300]


def heldout_sentences() -> tuple[list[str], list[str], set[str]]:
    """1,000 English and 1,000 Chinese sentences never shown to the tokenizer trainer."""
    _, tat_held = common.tatoeba_split()
    en = [e for e, _ in tat_held[:500]]
    zh = [z for _, z in tat_held[:1000]]
    paras = common.gutenberg_paragraphs()
    rng = random.Random(7)
    tail = paras[-3000:]  # the shuffled tail is never used for tokenizer training or pretraining
    cand = [s for p in tail for s in split_sentences(p)]
    rng.shuffle(cand)
    en += cand[:300]
    med = [r["answer"] for r in common.medquad_rows()[-400:]]
    cand = [s for a in med for s in split_sentences(" ".join(a.split()))]
    rng.shuffle(cand)
    en += cand[:200]
    return en, zh, set(tail)


def training_texts(exclude_paras: set[str]) -> list[str]:
    texts: list[str] = []
    paras = [p for p in common.gutenberg_paragraphs(max_chars=9_000_000) if p not in exclude_paras]
    texts += paras
    texts += [f"{lem.replace('_', ' ')}: {gloss}" for _, _, lem, gloss in common.wordnet_rows()]
    texts += [r["question"] + " " + r["answer"] for r in common.medquad_rows()[:-400]]
    for v in common.pubmedqa_rows().values():
        texts.append(v["QUESTION"] + " " + " ".join(v["CONTEXTS"]) + " " + v.get("LONG_ANSWER", ""))
    texts += [d.get("title", "") + " " + d.get("text", "") for d in common.scifact_corpus()]
    for corpus in ("NCBI-disease-IOB", "BC5CDR-IOB"):
        texts += [" ".join(toks) for toks, _ in common.ner_split(corpus, "train")]
    zh = common.chinese_texts()
    tat_train, _ = common.tatoeba_split()
    texts += zh + [z for _, z in tat_train] + [e for e, _ in tat_train]
    # Chinese is a small share of the raw text: repeat it so common characters clear the alphabet bar
    texts += zh
    return texts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--vocab", type=int, default=VOCAB_SIZE)
    args = ap.parse_args()
    out = common.work(TOKENIZER_DIR, "tokenizer.json")
    if os.path.exists(out) and os.path.exists(PARITY_FIXTURE):
        common.log(f"tokenizer exists at {out}; delete it to retrain")
        return
    en, zh, excl = heldout_sentences()
    texts = training_texts(excl)
    common.log(f"training WordPiece on {len(texts)} texts, {sum(map(len, texts))/1e6:.1f}M chars")
    prog = common.Progress(args.vocab, "tokenizer", every=10)
    tok = train_wordpiece(texts, args.vocab, progress=lambda n: prog.update(n))
    tok.save(os.path.dirname(out), model_max_length=256)
    n_cjk = sum(1 for t in tok.vocab if len(t) == 1 and 0x4E00 <= ord(t) <= 0x9FFF)
    common.log(f"vocab {len(tok.vocab)} ({n_cjk} CJK characters)")
    fixture = {
        "note": "Held-out sentences (never seen by the tokenizer trainer) with the ids the Python tokenizer gives.",
        "en": [{"text": s, "ids": tok.encode(s)[0]} for s in en],
        "zh": [{"text": s, "ids": tok.encode(s)[0]} for s in zh],
    }
    unk = tok.unk
    for lang in ("en", "zh"):
        ids = [i for r in fixture[lang] for i in r["ids"]]
        common.log(f"{lang}: {len(fixture[lang])} sentences, {len(ids)} tokens, unk rate {ids.count(unk)/len(ids):.4f}")
    os.makedirs(os.path.dirname(PARITY_FIXTURE), exist_ok=True)
    with open(PARITY_FIXTURE, "w", encoding="utf-8") as fh:
        json.dump(fixture, fh, ensure_ascii=False)


if __name__ == "__main__":
    main()
