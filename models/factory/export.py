"""Stage 6: export trained models to models/<id>/ in the Hugging Face / transformers.js layout.

Usage: /usr/bin/python3 models/factory/export.py [mini-bert-zh-en|mini-bert-med-ner|mini-embed-zh-en ...]
Each folder gets config.json, tokenizer.json, tokenizer_config.json, vocab.txt, onnx/model.onnx (fp32,
where shipped) and onnx/model_quantized.onnx (int8); reference inputs and outputs are written to
tests/fixtures/models/<id>/reference.json for the transformers.js parity test.
"""
from __future__ import annotations

import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch

import common
import onnx_ref
from bert import BertConfig, BertEncoder, BertForMaskedLM, BertForTokenClassification
from quantize import quantize_model
from wordpiece import WordPieceTokenizer

REPO = os.path.dirname(common.MODELS_DIR)
OPSET = 17


class FeatureGraph(torch.nn.Module):
    """last_hidden_state + attentions.0 … attentions.{L-1} ([batch, heads, seq, seq], after softmax)."""

    def __init__(self, bert: BertEncoder, with_attentions: bool = True):
        super().__init__()
        self.bert, self.with_attentions = bert, with_attentions

    def forward(self, input_ids, attention_mask, token_type_ids):
        h, atts = self.bert(input_ids, attention_mask, token_type_ids)
        return (h, *atts) if self.with_attentions else h


class LogitsGraph(torch.nn.Module):
    def __init__(self, model, kind: str):
        super().__init__()
        self.model, self.kind = model, kind

    def forward(self, input_ids, attention_mask, token_type_ids):
        out = self.model(input_ids, attention_mask, token_type_ids)
        return out[0]


def export_graph(module: torch.nn.Module, out_names: list[str], path: str) -> None:
    module.eval()
    ex = (torch.tensor([[2, 10, 11, 12, 3]]), torch.ones(1, 5, dtype=torch.long), torch.zeros(1, 5, dtype=torch.long))
    dyn = {n: {0: "batch_size", 1: "sequence_length"} for n in ("input_ids", "attention_mask", "token_type_ids")}
    for n in out_names:
        dyn[n] = {0: "batch_size", 1: "sequence_length"} if not n.startswith("attentions") else \
            {0: "batch_size", 2: "sequence_length", 3: "sequence_length"}
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(module, ex, path, input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=out_names, dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True)
    m = onnx.load(path)
    onnx.checker.check_model(m)


def add_lstm_lengths(path: str) -> int:
    """Gives every LSTM node of the graph at `path` its rows' lengths (`sequence_lens` = Σ attention_mask,
    int32), so a padded row's tags equal the unpadded sentence's (the reverse direction starts at the row's
    last token, not at its padding), as in training (packed sequences). Returns the number of LSTM nodes."""
    m = onnx.load(path)
    lstms = [n for n in m.graph.node if n.op_type == "LSTM"]
    if not lstms:
        return 0
    g = m.graph
    axes = onnx.helper.make_tensor("lstm_len_axes", onnx.TensorProto.INT64, [1], [1])
    g.initializer.append(axes)
    new = [onnx.helper.make_node("ReduceSum", ["attention_mask", "lstm_len_axes"], ["lstm_len_i64"], keepdims=0),
           onnx.helper.make_node("Cast", ["lstm_len_i64"], ["lstm_sequence_lens"], to=onnx.TensorProto.INT32)]
    for n in lstms:
        ins = list(n.input) + [""] * max(0, 5 - len(n.input))
        ins[4] = "lstm_sequence_lens"
        del n.input[:]
        n.input.extend(ins)
    nodes = new + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    onnx.checker.check_model(m)
    onnx.save(m, path)
    return len(lstms)


def load_cfg() -> BertConfig:
    pre = os.path.dirname(common.work("pretrain", "model.pt"))
    d = json.load(open(os.path.join(pre, "config.json")))
    return BertConfig(**{k: v for k, v in d.items() if k in BertConfig.__dataclass_fields__})


def write_common(folder: str, tok: WordPieceTokenizer, config: dict) -> None:
    os.makedirs(os.path.join(folder, "onnx"), exist_ok=True)
    tok.save(folder, model_max_length=config["max_position_embeddings"])
    os.remove(os.path.join(folder, "vocab.txt"))  # transformers.js reads tokenizer.json only
    with open(os.path.join(folder, "config.json"), "w") as fh:
        json.dump(config, fh, indent=2, ensure_ascii=False)


def reference(folder_id: str, graphs: dict[str, str], tok: WordPieceTokenizer, texts: list, outputs: list[str],
              torch_fn) -> dict:
    """Runs each graph (fp32 via torch, int8 via the numpy ONNX interpreter) on the texts."""
    ref = {"model": folder_id, "cases": []}
    for t in texts:
        a, b = (t if isinstance(t, (list, tuple)) else (t, None))
        ids, types = tok.encode(a, b)
        feeds = {"input_ids": np.array([ids], dtype=np.int64), "attention_mask": np.ones((1, len(ids)), dtype=np.int64),
                 "token_type_ids": np.array([types], dtype=np.int64)}
        case = {"text": a, "text_pair": b, "input_ids": ids, "token_type_ids": types, "expected": {}}
        with torch.no_grad():
            tout = torch_fn(*[torch.tensor(feeds[k]) for k in ("input_ids", "attention_mask", "token_type_ids")])
        case["expected"]["fp32"] = {n: _pack(v.numpy()) for n, v in zip(outputs, tout)}
        for dtype, path in graphs.items():
            if dtype == "fp32":
                m = onnx.load(path)
                got = onnx_ref.run(m, feeds)
                diff = max(float(np.abs(got[n] - tout[i].numpy()).max()) for i, n in enumerate(outputs))
                case.setdefault("onnx_vs_torch_maxdiff", {})["fp32"] = diff
            else:
                m = onnx.load(path)
                got = onnx_ref.run(m, feeds)
                case["expected"]["q8"] = {n: _pack(got[n]) for n in outputs}
                case.setdefault("int8_vs_fp32_maxdiff", {})["q8"] = max(
                    float(np.abs(got[n] - tout[i].numpy()).max()) for i, n in enumerate(outputs))
        ref["cases"].append(case)
    out = os.path.join(REPO, "tests", "fixtures", "models", folder_id, "reference.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        json.dump(ref, fh, ensure_ascii=False)
    return ref


def _pack(a: np.ndarray, limit: int = 4096) -> dict:
    """Shape plus a sample of values (first `limit` of the flattened tensor) and summary stats."""
    flat = a.astype(np.float64).ravel()
    return {"dims": list(a.shape), "values": [round(float(v), 7) for v in flat[:limit]], "sum": float(flat.sum()),
            "absmax": float(np.abs(flat).max())}


REF_TEXTS = [
    "The animal didn't cross the street because it was too tired.",
    "大模型通过自注意力机制理解上下文。",
    "Cisplatin-induced nephrotoxicity was observed in patients with ovarian cancer.",
    ("How are you today?", "I am fine, thank you."),
]


def quantize_into(fp32_path: str, q_path: str) -> None:
    m = onnx.load(fp32_path)
    quantize_model(m)
    onnx.save(m, q_path)


def export_mini_bert(tok: WordPieceTokenizer) -> dict:
    cfg = load_cfg()
    mlm = BertForMaskedLM(cfg)
    mlm.load_state_dict(torch.load(common.work("pretrain", "model.pt")))
    mlm.eval()
    folder = os.path.join(common.MODELS_DIR, "mini-bert-zh-en")
    conf = cfg.to_hf()
    conf.update({"architectures": ["BertForMaskedLM"], "output_attentions_names": [f"attentions.{i}" for i in range(cfg.num_hidden_layers)],
                 "transformers.js_config": {"dtype": "q8"}})
    write_common(folder, tok, conf)
    outs = ["last_hidden_state"] + [f"attentions.{i}" for i in range(cfg.num_hidden_layers)]
    # fp32 stays in work/: at 28 MB it is over the repository's 15 MB per-file limit; only int8 graphs are
    # shipped, and the parity fixtures still record the fp32 outputs
    fp = common.work("export", "mini-bert-zh-en.model.onnx")
    export_graph(FeatureGraph(mlm.bert), outs, fp)
    quantize_into(fp, os.path.join(folder, "onnx", "model_quantized.onnx"))
    # fill-mask graph: logits (separate file name, loaded with model_file_name "model_mlm")
    work_mlm = common.work("export", "model_mlm.onnx")
    export_graph(LogitsGraph(mlm, "mlm"), ["logits"], work_mlm)
    quantize_into(work_mlm, os.path.join(folder, "onnx", "model_mlm_quantized.onnx"))
    return reference("mini-bert-zh-en", {"fp32": fp, "q8": os.path.join(folder, "onnx", "model_quantized.onnx")},
                     tok, REF_TEXTS, outs, lambda *x: FeatureGraph(mlm.bert)(*x))


NER_TEXTS = [
    "Cisplatin-induced nephrotoxicity was observed in patients with ovarian cancer.",
    "Mutations in the BRCA1 gene increase the risk of breast cancer.",
    "Naloxone reverses the hypotensive effect of clonidine.",
]
EMBED_TEXTS = ["A man is playing a guitar.", "一个男人在弹吉他。", "What are the symptoms of diabetes?"]


def export_ner(tok: WordPieceTokenizer) -> dict:
    from ner import LABELS

    cfg = load_cfg()
    from ner import HP as NER_HP, SHIPPED

    m = BertForTokenClassification(cfg, len(LABELS), lstm_hidden=NER_HP["lstm_hidden"])
    m.load_state_dict(torch.load(common.work(SHIPPED, "model.pt")))
    m.eval()
    folder = os.path.join(common.MODELS_DIR, "mini-bert-med-ner")
    conf = cfg.to_hf()
    if NER_HP["lstm_hidden"]:
        # not read by any loader (the ONNX graph is the model); says what the graph holds beyond BERT
        conf["token_classifier_head"] = {"type": "bidirectional LSTM + linear", "lstm_hidden_per_direction": NER_HP["lstm_hidden"]}
    conf.update({"architectures": ["BertForTokenClassification"], "id2label": {str(i): l for i, l in enumerate(LABELS)},
                 "label2id": {l: i for i, l in enumerate(LABELS)}, "transformers.js_config": {"dtype": "q8"}})
    write_common(folder, tok, conf)
    fp = common.work("export", "ner_model.onnx")
    export_graph(LogitsGraph(m, "ner"), ["logits"], fp)
    add_lstm_lengths(fp)
    q = os.path.join(folder, "onnx", "model_quantized.onnx")
    quantize_into(fp, q)
    return reference("mini-bert-med-ner", {"fp32": fp, "q8": q}, tok, NER_TEXTS, ["logits"],
                     lambda *x: (m(*x)[0],))


def export_embed(tok: WordPieceTokenizer) -> dict:
    from embed import Embedder

    cfg = load_cfg()
    m = Embedder(cfg)
    m.load_state_dict(torch.load(common.work("embed", "model.pt")))
    m.eval()
    folder = os.path.join(common.MODELS_DIR, "mini-embed-zh-en")
    conf = cfg.to_hf()
    conf.update({"architectures": ["BertModel"], "pooling": "mean", "normalize": True, "embedding_size": cfg.hidden_size,
                 "transformers.js_config": {"dtype": "q8"}})
    write_common(folder, tok, conf)
    from embed import scifact_claim_split

    _, held = scifact_claim_split()
    with open(os.path.join(folder, "scifact-heldout-claims.json"), "w") as fh:
        json.dump(sorted(held, key=int), fh)
    fp = common.work("export", "embed_model.onnx")
    export_graph(FeatureGraph(m.bert, with_attentions=False), ["last_hidden_state"], fp)
    q = os.path.join(folder, "onnx", "model_quantized.onnx")
    quantize_into(fp, q)
    return reference("mini-embed-zh-en", {"fp32": fp, "q8": q}, tok, EMBED_TEXTS, ["last_hidden_state"],
                     lambda *x: (m.bert(*x)[0],))


if __name__ == "__main__":
    tok = WordPieceTokenizer.load(os.path.dirname(common.work("tokenizer", "tokenizer.json")))
    which = sys.argv[1:] or ["mini-bert-zh-en", "mini-bert-med-ner", "mini-embed-zh-en"]
    fns = {"mini-bert-zh-en": export_mini_bert, "mini-bert-med-ner": export_ner, "mini-embed-zh-en": export_embed}
    summary = {}
    for w in which:
        r = fns[w](tok)
        summary[w] = [{k: c.get(k) for k in ("onnx_vs_torch_maxdiff", "int8_vs_fp32_maxdiff")} for c in r["cases"]]
        print(w, json.dumps(summary[w]), flush=True)
    out = common.work("export", "summary.json")
    prev = json.load(open(out)) if os.path.exists(out) else {}
    prev.update(summary)
    json.dump(prev, open(out, "w"), indent=2)
