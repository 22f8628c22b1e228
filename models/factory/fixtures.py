"""Writes tiny random-weight BERT test fixtures (not trained; for tests only) to tests/fixtures/models/:

- tiny-bert/         feature extraction with attentions.* outputs (fp32 + int8)
- tiny-bert-noattn/  the SAME weights exported without attentions (for graph-surgery tests)
- tiny-bert-ner/     token classification (logits), labels O/B-Disease/I-Disease/B-Chemical/I-Chemical
Each uses the real mini-bert-zh-en tokenizer when it exists (else a 300-token toy vocabulary is refused).
Usage: /usr/bin/python3 models/factory/fixtures.py
"""
from __future__ import annotations

import json
import os

import torch

import common
from bert import BertConfig, BertForMaskedLM, BertForTokenClassification
from export import FeatureGraph, LogitsGraph, export_graph, quantize_into, reference, write_common
from wordpiece import WordPieceTokenizer

REPO = os.path.dirname(common.MODELS_DIR)
OUT = os.path.join(REPO, "tests", "fixtures", "models")


def main() -> None:
    tok = WordPieceTokenizer.load(os.path.dirname(common.work("tokenizer", "tokenizer.json")))
    torch.manual_seed(0)
    cfg = BertConfig(vocab_size=len(tok.vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                     intermediate_size=64, max_position_embeddings=128)
    m = BertForMaskedLM(cfg).eval()
    base = cfg.to_hf()
    names = ["last_hidden_state", "attentions.0", "attentions.1"]
    for fid, with_att in (("tiny-bert", True), ("tiny-bert-noattn", False)):
        folder = os.path.join(OUT, fid)
        conf = dict(base, architectures=["BertModel"], note="random weights: a test fixture, not a trained model")
        write_common(folder, tok, conf)
        p = os.path.join(folder, "onnx", "model.onnx")
        export_graph(FeatureGraph(m.bert, with_attentions=with_att), names if with_att else ["last_hidden_state"], p)
        quantize_into(p, os.path.join(folder, "onnx", "model_quantized.onnx"))
        os.remove(os.path.join(folder, "vocab.txt"))
    reference("tiny-bert", {"fp32": os.path.join(OUT, "tiny-bert", "onnx", "model.onnx")}, tok,
              ["The animal didn't cross the street.", "注意力", ("A pair", "of sentences")], names,
              lambda *x: FeatureGraph(m.bert)(*x))
    torch.manual_seed(1)
    ner = BertForTokenClassification(cfg, 5).eval()
    labels = ["O", "B-Disease", "I-Disease", "B-Chemical", "I-Chemical"]
    folder = os.path.join(OUT, "tiny-bert-ner")
    conf = dict(base, architectures=["BertForTokenClassification"], id2label={str(i): l for i, l in enumerate(labels)},
                label2id={l: i for i, l in enumerate(labels)}, note="random weights: a test fixture, not a trained model")
    write_common(folder, tok, conf)
    export_graph(LogitsGraph(ner, "ner"), ["logits"], os.path.join(folder, "onnx", "model.onnx"))
    os.remove(os.path.join(folder, "vocab.txt"))
    for f in sorted(os.listdir(OUT)):
        print(f)


if __name__ == "__main__":
    main()
