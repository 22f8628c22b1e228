"""Stage 2: tokenize the pretraining corpus into per-domain token streams (cached in work/corpus/).

Domains and held-out evaluation slices (fixed by code, not by hand):
- en-general: Project Gutenberg paragraphs (header/footer stripped; the shuffled tail of 3,000 paragraphs
  is held out), WordNet glosses, SNLI premises/hypotheses, Tatoeba English (training part).
- en-biomed: MedQuAD answers (last 400 held out), PubMedQA abstracts, SciFact abstracts, NCBI-disease and
  BC5CDR *train* sentences.
- zh: CMRC 2018 contexts, UD Chinese GSDSimp, the Debian handbook (zh-CN), CC-CEDICT entries, Tatoeba
  Chinese (training part); every 50th line held out.
"""
from __future__ import annotations

import os

import numpy as np

import common
from wordpiece import WordPieceTokenizer

GUTENBERG_CHARS = 30_000_000


def _snli_sentences() -> list[str]:
    out = []
    for split in ("dev", "test"):
        for side in ("s1", "s2"):
            with open(common.data("pairs", "snli", f"{side}.{split}"), encoding="utf-8") as fh:
                out += [l.strip() for l in fh if l.strip()]
    return sorted(set(out))


def domain_texts() -> dict[str, tuple[list[str], list[str]]]:
    """{domain: (train_lines, heldout_lines)}"""
    paras = common.gutenberg_paragraphs()
    held_g, train_g = paras[-3000:][:600], []
    n = 0
    for p in paras[:-3000]:
        if n > GUTENBERG_CHARS:
            break
        train_g.append(p)
        n += len(p)
    tat_train, _ = common.tatoeba_split()
    general = train_g + [f"{lem.replace('_', ' ')}: {gl}" for _, _, lem, gl in common.wordnet_rows()]
    general += _snli_sentences() + [e for e, _ in tat_train]

    mq = common.medquad_rows()
    biomed = [r["question"] + " " + " ".join(r["answer"].split()) for r in mq[:-400]]
    held_b = [" ".join(r["answer"].split()) for r in mq[-400:]][:600]
    for v in common.pubmedqa_rows().values():
        biomed.append(v["QUESTION"] + " " + " ".join(v["CONTEXTS"]))
    biomed += [d.get("title", "") + ". " + d.get("text", "") for d in common.scifact_corpus()]
    for corpus in ("NCBI-disease-IOB", "BC5CDR-IOB"):
        biomed += [" ".join(t) for t, _ in common.ner_split(corpus, "train")]

    zh_all = common.chinese_texts() + [z for _, z in tat_train]
    zh_train = [t for i, t in enumerate(zh_all) if i % 50 != 0]
    zh_held = [t for i, t in enumerate(zh_all) if i % 50 == 0 and len(t) >= 12][:600]
    return {"en-general": (general, held_g), "en-biomed": (biomed, held_b), "zh": (zh_train, zh_held)}


def tokenize_lines(tok: WordPieceTokenizer, lines: list[str], name: str) -> tuple[np.ndarray, np.ndarray]:
    ids: list[int] = []
    starts: list[int] = []
    prog = common.Progress(len(lines), f"tokenize {name}", every=20)
    for i, line in enumerate(lines):
        t = tok.encode_plain(line)
        if not t:
            continue
        starts.append(len(ids))
        ids.extend(t)
        prog.update(i + 1)
    return np.asarray(ids, dtype=np.uint16), np.asarray(starts, dtype=np.int64)


def build(tok_dir: str) -> dict[str, dict[str, np.ndarray]]:
    out_dir = os.path.dirname(common.work("corpus", "x"))
    tok = WordPieceTokenizer.load(tok_dir)
    doms = None
    result: dict[str, dict[str, np.ndarray]] = {}
    for name in ("en-general", "en-biomed", "zh"):
        path = os.path.join(out_dir, f"{name}.npz")
        if not os.path.exists(path):
            if doms is None:
                doms = domain_texts()
            train, held = doms[name]
            ids, starts = tokenize_lines(tok, train, name)
            hids, hstarts = tokenize_lines(tok, held, name + " (held out)")
            np.savez(path + ".tmp.npz", ids=ids, starts=starts, held_ids=hids, held_starts=hstarts)
            os.replace(path + ".tmp.npz", path)
            common.log(f"{name}: {len(ids)/1e6:.2f}M train tokens, {len(hids)} held-out tokens")
        z = np.load(path)
        result[name] = {k: z[k] for k in z.files}
    return result


if __name__ == "__main__":
    build(os.path.dirname(common.work("tokenizer", "tokenizer.json")))
