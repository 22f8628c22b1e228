"""Entity-level precision / recall / F1 with exact span match (conlleval semantics).

A chunk starts at B-X, or at I-X when the previous tag is O or of another type (conlleval's
rule); it continues while tags are I-X of the same type.
"""
from __future__ import annotations


def spans(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, typ = set(), None, None
    for i, t in enumerate(list(tags) + ["O"]):
        prefix, _, ttype = t.partition("-")
        begins = prefix == "B" or (prefix == "I" and (typ is None or ttype != typ))
        if start is not None and (prefix == "O" or begins):
            out.add((start, i, typ))
            start, typ = None, None
        if begins:
            start, typ = i, ttype
    return out


def prf(gold_seqs: list[list[str]], pred_seqs: list[list[str]], types: list[str] | None = None) -> dict:
    counts: dict[str, list[int]] = {}
    for g, p in zip(gold_seqs, pred_seqs):
        gs, ps = spans(g), spans(p)
        for typ in {s[2] for s in gs | ps}:
            c = counts.setdefault(typ, [0, 0, 0])  # tp, n_pred, n_gold
            gt = {s for s in gs if s[2] == typ}
            pt = {s for s in ps if s[2] == typ}
            c[0] += len(gt & pt)
            c[1] += len(pt)
            c[2] += len(gt)
    if types is not None:
        counts = {t: counts.get(t, [0, 0, 0]) for t in types}

    def score(tp: int, npred: int, ngold: int) -> dict:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": p, "recall": r, "f1": f, "tp": tp, "predicted": npred, "gold": ngold}

    res = {t: score(*c) for t, c in sorted(counts.items())}
    tot = [sum(c[i] for c in counts.values()) for i in range(3)]
    res["overall"] = score(*tot)
    return res
