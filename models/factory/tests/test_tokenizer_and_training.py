import json
import os
import sys
import tempfile
import unittest

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import pretrain  # noqa: E402
from bert import BertConfig, BertForMaskedLM, BertForTokenClassification  # noqa: E402
from ner import partial_label_loss  # noqa: E402
from wordpiece import WordPieceTokenizer, normalize, pre_tokenize, train_wordpiece  # noqa: E402

TEXTS = [
    "The patient was treated with cisplatin for ovarian cancer.",
    "Cisplatin-induced nephrotoxicity is a known adverse effect.",
    "The animal didn't cross the street because it was too tired.",
    "大模型通过自注意力机制理解上下文。",
    "自注意力让每个词都能看到句子里的其他词。",
] * 20


class TokenizerTest(unittest.TestCase):
    def test_normalizer_and_pretokenizer_follow_bert(self):
        self.assertEqual(normalize("Café\tNaïve 大模型\x00"), "cafe naive  大  模  型 ")
        self.assertEqual(pre_tokenize("don't stop, 大 模"), ["don", "'", "t", "stop", ",", "大", "模"])

    def test_train_small_vocab_and_round_trip(self):
        tok = train_wordpiece(TEXTS, vocab_size=150, min_char_freq=1)
        self.assertLessEqual(len(tok.vocab), 150)
        self.assertEqual(tok.vocab[:5], ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"])
        self.assertIn("##s", tok.vocab)
        ids, types = tok.encode("the patient", "大模型")
        self.assertEqual(ids[0], tok.cls)
        self.assertEqual(types, [0] * (ids.index(tok.sep) + 1) + [1] * (len(ids) - ids.index(tok.sep) - 1))
        self.assertEqual(tok.decode(tok.encode("cisplatin")[0]), "cisplatin")
        # unseen character → the whole word is [UNK]
        self.assertEqual(tok.encode_plain("xyzq"), [tok.unk])
        # deterministic
        self.assertEqual(train_wordpiece(TEXTS, vocab_size=150, min_char_freq=1).vocab, tok.vocab)

    def test_tokenizer_json_round_trip(self):
        tok = train_wordpiece(TEXTS, vocab_size=120, min_char_freq=1)
        with tempfile.TemporaryDirectory() as d:
            tok.save(d, model_max_length=64)
            with open(os.path.join(d, "tokenizer.json")) as fh:
                tj = json.load(fh)
            self.assertEqual(tj["normalizer"]["type"], "BertNormalizer")
            self.assertEqual(tj["pre_tokenizer"]["type"], "BertPreTokenizer")
            self.assertEqual(tj["post_processor"]["type"], "TemplateProcessing")
            self.assertEqual(tj["decoder"]["type"], "WordPiece")
            back = WordPieceTokenizer.load(d)
            self.assertEqual(back.vocab, tok.vocab)
            self.assertEqual(back.encode(TEXTS[0]), tok.encode(TEXTS[0]))


class TrainingTest(unittest.TestCase):
    def test_two_mlm_steps_on_a_tiny_model(self):
        tok = train_wordpiece(TEXTS, vocab_size=120, min_char_freq=1)
        stream = [i for t in TEXTS for i in tok.encode_plain(t)]
        starts, pos = [], 0
        for t in TEXTS:
            starts.append(pos)
            pos += len(tok.encode_plain(t))
        s = {"ids": np.array(stream, dtype=np.uint16), "starts": np.array(starts)}
        streams = {k: s for k in pretrain.HP["mix"]}
        sampler = pretrain.Sampler(streams, tok, seed=0)
        torch.manual_seed(0)
        cfg = BertConfig(vocab_size=len(tok.vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
                         intermediate_size=32, max_position_embeddings=64)
        model = BertForMaskedLM(cfg)
        opt = torch.optim.AdamW(model.parameters(), lr=1e-2)
        before = model.bert.embeddings.word_embeddings.weight.detach().clone()
        rng = torch.Generator().manual_seed(0)
        losses = []
        for _ in range(2):
            ids, types, att = pretrain.collate([sampler.sequence(32) for _ in range(4)], tok.pad)
            self.assertLessEqual(ids.shape[1], 32)
            sp = (att == 0) | torch.isin(ids, torch.tensor([tok.cls, tok.sep, tok.pad]))
            inp, m, labels = pretrain.mask_tokens(ids, sp, len(tok.vocab), tok.mask, rng)
            self.assertFalse(m[sp].any())  # special tokens and padding are never masked
            logits, _, _ = model(inp, att, types, positions=m)
            loss = F.cross_entropy(logits, labels)
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        self.assertTrue(all(np.isfinite(losses)))
        self.assertFalse(torch.equal(before, model.bert.embeddings.word_embeddings.weight))

    def test_partial_label_loss_does_not_punish_chemicals_on_ncbi(self):
        logits = torch.zeros(1, 1, 5)
        logits[0, 0, 3] = 5.0  # confident B-Chemical
        lab = torch.tensor([[0]])  # gold O
        on_ncbi = partial_label_loss(logits, lab, torch.tensor([True]))
        on_bc5 = partial_label_loss(logits, lab, torch.tensor([False]))
        self.assertLess(on_ncbi.item(), 0.05)
        self.assertGreater(on_bc5.item(), 4.0)

    def test_token_classifier_shapes(self):
        cfg = BertConfig(vocab_size=50, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
        m = BertForTokenClassification(cfg, 5)
        out, atts = m(torch.tensor([[2, 7, 8, 3]]), torch.ones(1, 4, dtype=torch.long), torch.zeros(1, 4, dtype=torch.long))
        self.assertEqual(tuple(out.shape), (1, 4, 5))
        self.assertEqual(tuple(atts[0].shape), (1, 2, 4, 4))


if __name__ == "__main__":
    unittest.main()
