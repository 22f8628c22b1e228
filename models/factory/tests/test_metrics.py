import math
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import conlleval  # noqa: E402
import metrics  # noqa: E402


class MetricsTest(unittest.TestCase):
    def test_spearman_perfect_and_reversed(self):
        self.assertAlmostEqual(metrics.spearman([1, 2, 3, 4], [10, 20, 30, 40]), 1.0)
        self.assertAlmostEqual(metrics.spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1.0)

    def test_spearman_ties_hand_computed(self):
        # ranks a = [1, 2.5, 2.5, 4], b = [1, 2, 3, 4]; Pearson of ranks = 0.9486832980505138
        self.assertAlmostEqual(metrics.spearman([1, 2, 2, 3], [1, 2, 3, 4]), 0.9486832980505138)

    def test_ndcg_hand_computed(self):
        # relevant d1 at rank 2, d2 at rank 4: DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3)
        want = (1 / math.log2(3) + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
        self.assertAlmostEqual(metrics.ndcg_at_k(["x", "d1", "y", "d2"], {"d1": 1, "d2": 1}, 10), want)
        self.assertEqual(metrics.ndcg_at_k(["x"], {}, 10), 0.0)

    def test_recall_and_mrr(self):
        self.assertEqual(metrics.recall_at_k(["a", "b", "c"], {"c": 1, "z": 1}, 2), 0.0)
        self.assertEqual(metrics.recall_at_k(["a", "b", "c"], {"c": 1, "z": 1}, 3), 0.5)
        self.assertAlmostEqual(metrics.mrr(["a", "b", "c"], {"c": 1}), 1 / 3)


class ConllevalTest(unittest.TestCase):
    def test_spans_i_after_o_starts_chunk(self):
        self.assertEqual(conlleval.spans(["O", "I-Disease", "I-Disease", "O", "B-Chemical"]),
                         {(1, 3, "Disease"), (4, 5, "Chemical")})

    def test_type_change_splits(self):
        self.assertEqual(conlleval.spans(["B-Disease", "I-Chemical"]), {(0, 1, "Disease"), (1, 2, "Chemical")})

    def test_prf_hand_counts(self):
        gold = [["B-Disease", "I-Disease", "O", "B-Chemical"], ["B-Disease", "O"]]
        pred = [["B-Disease", "I-Disease", "O", "O"], ["B-Disease", "B-Disease"]]
        r = conlleval.prf(gold, pred)
        # Disease: gold 2, predicted 3, tp 2; Chemical: gold 1, predicted 0
        self.assertEqual((r["Disease"]["tp"], r["Disease"]["predicted"], r["Disease"]["gold"]), (2, 3, 2))
        self.assertAlmostEqual(r["Disease"]["f1"], 2 * (2 / 3) * 1 / (2 / 3 + 1))
        self.assertEqual(r["Chemical"]["f1"], 0.0)
        self.assertAlmostEqual(r["overall"]["precision"], 2 / 3)
        self.assertAlmostEqual(r["overall"]["recall"], 2 / 3)


if __name__ == "__main__":
    unittest.main()
