import os
import sys
import tempfile
import unittest

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import onnx_ref  # noqa: E402
from bert import BertConfig, BertForMaskedLM, BertForTokenClassification  # noqa: E402
from export import FeatureGraph, LogitsGraph, add_lstm_lengths, export_graph  # noqa: E402
from quantize import quantize_model  # noqa: E402


def tiny_cfg(pre_layernorm: bool = False):
    return BertConfig(vocab_size=300, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                      intermediate_size=64, max_position_embeddings=64, pre_layernorm=pre_layernorm)


def feeds(T=7):
    rng = np.random.default_rng(0)
    ids = rng.integers(5, 300, size=(2, T)).astype(np.int64)
    att = np.ones((2, T), dtype=np.int64)
    att[1, -2:] = 0
    types = np.zeros((2, T), dtype=np.int64)
    types[:, 4:] = 1
    return {"input_ids": ids, "attention_mask": att, "token_type_ids": types}


class ExportTest(unittest.TestCase):
    def test_feature_graph_round_trip_matches_torch(self):
        for pre_ln in (False, True):
            with self.subTest(pre_layernorm=pre_ln):
                self._round_trip(pre_ln)

    def test_bilstm_tagger_export_ignores_padding_like_training(self):
        """The NER head (encoder → BiLSTM → linear): torch packs padded rows; the exported graph gets
        sequence_lens from attention_mask, so a padded row's logits equal the unpadded sentence's."""
        torch.manual_seed(0)
        m = BertForTokenClassification(tiny_cfg(True), 5, lstm_hidden=6).eval()
        f = feeds()
        f["token_type_ids"][:] = 0
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "ner.onnx")
            export_graph(LogitsGraph(m, "ner"), ["logits"], p)
            self.assertEqual(add_lstm_lengths(p), 1)
            model = onnx.load(p)
            lstm = next(n for n in model.graph.node if n.op_type == "LSTM")
            self.assertEqual(lstm.input[4], "lstm_sequence_lens")
            got = onnx_ref.run(model, f)["logits"]
            with torch.no_grad():
                want = m(*[torch.tensor(f[k]) for k in ("input_ids", "attention_mask", "token_type_ids")])[0].numpy()
                # row 1 alone, without its two padding positions
                alone = m(*[torch.tensor(f[k][1:2, :5]) for k in ("input_ids", "attention_mask", "token_type_ids")])[0].numpy()
            self.assertLess(np.abs(got[0] - want[0]).max(), 1e-5)
            self.assertLess(np.abs(got[1, :5] - want[1, :5]).max(), 1e-5)
            self.assertLess(np.abs(got[1, :5] - alone[0]).max(), 1e-5)
            # without the lengths the reverse direction would start on the padding: the row would differ
            del lstm.input[4:]
            unpacked = onnx_ref.run(model, f)["logits"]
            self.assertGreater(np.abs(unpacked[1, :5] - alone[0]).max(), 1e-4)
            qm = quantize_model(onnx.load(p))
            self.assertIn("MatMulInteger", {n.op_type for n in qm.graph.node})
            gq = onnx_ref.run(qm, f)["logits"]
            self.assertLess(np.abs(gq[0] - want[0]).max(), 0.1 * np.abs(want).max() + 1e-3)

    def test_pre_layernorm_changes_the_network(self):
        torch.manual_seed(0)
        a = BertForMaskedLM(tiny_cfg(False)).eval()
        with torch.no_grad():  # same (non-trivial) weights in both; only the LayerNorm placement differs
            for p in a.parameters():
                p.normal_(0.0, 0.3)
        b = BertForMaskedLM(tiny_cfg(True)).eval()
        missing, unexpected = b.load_state_dict(a.state_dict(), strict=False)
        self.assertEqual(unexpected, [])
        self.assertTrue(all(k.startswith("bert.final_LayerNorm") for k in missing))
        self.assertIsNotNone(b.bert.final_LayerNorm)
        self.assertIsNone(a.bert.final_LayerNorm)
        f = {k: torch.tensor(v) for k, v in feeds().items()}
        with torch.no_grad():
            ha, _ = a.bert(f["input_ids"], f["attention_mask"], f["token_type_ids"])
            hb, _ = b.bert(f["input_ids"], f["attention_mask"], f["token_type_ids"])
        self.assertGreater((ha - hb).abs().max().item(), 0.1)

    def _round_trip(self, pre_ln: bool):
        torch.manual_seed(0)
        m = BertForMaskedLM(tiny_cfg(pre_ln)).eval()
        names = ["last_hidden_state", "attentions.0", "attentions.1"]
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "model.onnx")
            export_graph(FeatureGraph(m.bert), names, p)
            model = onnx.load(p)
            onnx.checker.check_model(model)
            self.assertEqual([o.name for o in model.graph.output], names)
            f = feeds()
            got = onnx_ref.run(model, f)
            with torch.no_grad():
                want = FeatureGraph(m.bert)(*[torch.tensor(f[k]) for k in ("input_ids", "attention_mask", "token_type_ids")])
            for n, w in zip(names, want):
                self.assertLess(np.abs(got[n] - w.numpy()).max(), 1e-5, n)
            # attentions are probabilities: rows sum to one, masked keys get ~0
            a = got["attentions.0"]
            self.assertEqual(a.shape, (2, 2, 7, 7))
            np.testing.assert_allclose(a.sum(-1), 1.0, atol=1e-5)
            self.assertLess(a[1, :, :, -2:].max(), 1e-3)

    def test_quantized_mlm_close_to_fp32_and_small(self):
        torch.manual_seed(1)
        m = BertForMaskedLM(tiny_cfg()).eval()
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "mlm.onnx")
            export_graph(LogitsGraph(m, "mlm"), ["logits"], p)
            fp = onnx.load(p)
            q = quantize_model(onnx.load(p), min_gather_elems=1000)
            ops = {n.op_type for n in q.graph.node}
            self.assertIn("MatMulInteger", ops)
            self.assertIn("DynamicQuantizeLinear", ops)
            inits = {i.name for i in q.graph.initializer}
            weight_matmuls = [n for n in q.graph.node if n.op_type == "MatMul" and n.input[1] in inits]
            self.assertEqual(weight_matmuls, [])  # only activation×activation MatMuls (QK^T, PV) stay fp32
            f = feeds()
            a, b = onnx_ref.run(fp, f)["logits"], onnx_ref.run(q, f)["logits"]
            self.assertLess(np.abs(a - b).max() / np.abs(a).max(), 0.08)
            self.assertGreater((a.argmax(-1) == b.argmax(-1)).mean(), 0.8)
            self.assertLess(len(q.SerializeToString()), 0.5 * len(fp.SerializeToString()))


class QuantizerTinyGraphTest(unittest.TestCase):
    def test_linear_gelu_linear_against_torch(self):
        rng = np.random.default_rng(3)
        w1 = rng.normal(size=(16, 24)).astype(np.float32)
        w2 = rng.normal(size=(24, 8)).astype(np.float32)
        nodes = [helper.make_node("MatMul", ["x", "w1"], ["h"]), helper.make_node("Relu", ["h"], ["r"]),
                 helper.make_node("MatMul", ["r", "w2"], ["y"])]
        g = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("x", TensorProto.FLOAT, [None, 16])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [None, 8])],
                              [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")])
        model = helper.make_model(g, opset_imports=[helper.make_opsetid("", 17)])
        q = quantize_model(model)
        x = rng.normal(size=(5, 16)).astype(np.float32)
        want = (torch.relu(torch.tensor(x) @ torch.tensor(w1)) @ torch.tensor(w2)).numpy()
        got = onnx_ref.run(q, {"x": x})["y"]
        rel = np.abs(got - want).max() / np.abs(want).max()
        self.assertLess(rel, 0.05)
        self.assertGreater(rel, 0.0)  # it really is quantized


if __name__ == "__main__":
    unittest.main()


class FakeQuantTest(unittest.TestCase):
    def test_torch_emulation_matches_quantized_onnx(self):
        from fakequant import emulate_int8
        from bert import BertForTokenClassification

        torch.manual_seed(2)
        cfg = tiny_cfg()
        m = BertForTokenClassification(cfg, 5).eval()
        with tempfile.TemporaryDirectory() as d:
            p = os.path.join(d, "ner.onnx")
            export_graph(LogitsGraph(m, "ner"), ["logits"], p)
            q = quantize_model(onnx.load(p), min_gather_elems=1000)
            f = feeds()
            f = {k: v[:1] for k, v in f.items()}  # batch 1: dynamic ranges then match exactly
            got = onnx_ref.run(q, f)["logits"]
            em = emulate_int8(m, min_gather_elems=1000)
            with torch.no_grad():
                want = em(*[torch.tensor(f[k]) for k in ("input_ids", "attention_mask", "token_type_ids")])[0].numpy()
            self.assertLess(np.abs(got - want).max(), 1e-4)
