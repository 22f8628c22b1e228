import itertools
import math
import os
import random
import sys
import unittest

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import ner  # noqa: E402

L = ner.LABELS  # O, B-Disease, I-Disease, B-Chemical, I-Chemical


def consistent(path):
    prev = "O"
    for k in path:
        lab = L[k]
        if lab.startswith("I-") and (prev == "O" or prev[2:] != lab[2:]):
            return False
        prev = lab
    return True


class BioViterbiTest(unittest.TestCase):
    def test_hand_computed(self):
        # per-word argmax: B-Disease, I-Disease, I-Disease — consistent already, so Viterbi keeps it:
        # B I I = .45·.50·.60 = .135 beats O B I = .40·.40·.60 = .096 and every other allowed path
        p = torch.tensor([[0.40, 0.45, 0.05, 0.05, 0.05],
                          [0.05, 0.40, 0.50, 0.00, 0.05],
                          [0.20, 0.10, 0.60, 0.05, 0.05]])
        self.assertEqual(ner.bio_viterbi(p.clamp_min(1e-9).log()), [1, 2, 2])
        # per-word argmax O, I-Disease is not BIO: O B = .50·.30 = .15 loses to B I = .30·.55 = .165
        r = torch.tensor([[0.50, 0.30, 0.10, 0.05, 0.05], [0.05, 0.30, 0.55, 0.05, 0.05]])
        self.assertEqual(ner.bio_viterbi(r.log()), [1, 2])
        # a lone I-Chemical at the start becomes the best allowed alternative (here B-Chemical)
        q = torch.tensor([[0.1, 0.05, 0.05, 0.3, 0.5]])
        self.assertEqual(ner.bio_viterbi(q.log()), [3])

    def test_equals_brute_force(self):
        random.seed(0)
        torch.manual_seed(0)
        for _ in range(60):
            n = random.randint(1, 5)
            lp = torch.log_softmax(torch.randn(n, len(L)) * 3, -1)
            best = max((s for s in itertools.product(range(len(L)), repeat=n) if consistent(s)),
                       key=lambda s: sum(lp[i, s[i]].item() for i in range(n)))
            self.assertEqual(ner.bio_viterbi(lp), list(best))

    def test_empty_and_mask(self):
        self.assertEqual(ner.bio_viterbi(torch.zeros((0, len(L)))), [])
        m = ner.transition_mask()
        self.assertEqual(m.shape, (len(L) + 1, len(L)))
        self.assertTrue(math.isinf(m[0, 2]) and m[1, 2] == 0 and math.isinf(m[3, 2]) and math.isinf(m[len(L), 4]))


class TestAbbreviations(unittest.TestCase):
    def test_a_definition_after_an_entity_tags_later_mentions(self):
        w = "Stevens - Johnson syndrome ( SJS ) is rare ; SJS and TEN ; sjs".split()
        t = ["B-Disease", "I-Disease", "I-Disease", "I-Disease", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O", "O"]
        got = ner.propagate_abbreviations(w, t, 100)
        want = list(t)
        want[5] = want[10] = "B-Disease"  # the defined SF and its later mention; "sjs" differs in case
        self.assertEqual(got, want)
        self.assertEqual(t[5], "O")  # the input is not changed

    def test_a_definition_after_o_untags_and_scope_limits(self):
        w = "the gene ( VHL ) . VHL x VHL".split()
        t = ["O", "O", "O", "O", "O", "O", "B-Disease", "O", "B-Disease"]
        self.assertEqual(ner.propagate_abbreviations(w, t, 5), ["O"] * 6 + ["O", "O", "B-Disease"])  # 8 - 2 > 5
        self.assertEqual(ner.propagate_abbreviations(w, t, 6), ["O"] * 9)

    def test_part_of_a_longer_entity_or_not_an_abbreviation_is_left(self):
        # "( APC )" inside an entity defines nothing; a mention that starts or continues a longer entity stays
        w = "adenomatous polyposis coli ( APC ) tumour ; APC gene ; cancer ( x1 ) x1 ; cancer ( CA ) CA cells".split()
        t = ["B-Disease", "I-Disease", "I-Disease", "I-Disease", "I-Disease", "I-Disease", "I-Disease", "O",
             "O", "O", "O", "B-Disease", "O", "O", "O", "O", "O",
             "B-Disease", "O", "O", "O", "B-Disease", "I-Disease"]
        self.assertEqual(ner.propagate_abbreviations(w, t, 100), t[:19] + ["B-Disease"] + t[20:])
        # "x1" has no capital; the "CA" after ")" starts a two-word entity and stays

    def test_a_later_definition_replaces_an_earlier_one(self):
        w = "aspirin ( AS ) AS ; the ( AS ) AS".split()
        t = ["B-Chemical", "O", "O", "O", "O", "O", "O", "O", "O", "O", "B-Chemical"]
        self.assertEqual(ner.propagate_abbreviations(w, t, 100),
                         ["B-Chemical", "O", "B-Chemical", "O", "B-Chemical", "O", "O", "O", "O", "O", "O"])


class TestModelSelection(unittest.TestCase):
    def h(self, epoch, ncbi, bc5cdr):
        return {"epoch": epoch, "devel_ncbi_f1": ncbi, "devel_bc5cdr_f1": bc5cdr}

    def test_the_best_mean_devel_f1_wins(self):
        # means 0.70, 0.765, 0.76: epoch 2, though epoch 3 has the best NCBI F1 and epoch 1 the best BC5CDR F1
        hist = [self.h(1, 0.60, 0.80), self.h(2, 0.75, 0.78), self.h(3, 0.77, 0.75)]
        self.assertEqual(ner.chosen_epoch(hist), 2)
        self.assertAlmostEqual(ner.devel_score(0.75, 0.78), 0.765)

    def test_the_first_of_equals_is_the_kept_one(self):
        # the training loop keeps new weights only on a strictly better score
        hist = [self.h(1, 0.5, 0.5), self.h(2, 0.75, 0.25), self.h(3, 0.25, 0.75), self.h(4, 0.4, 0.4)]
        self.assertEqual(ner.chosen_epoch(hist), 1)


if __name__ == "__main__":
    unittest.main()
