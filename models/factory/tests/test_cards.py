import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import cards  # noqa: E402
import pretrain  # noqa: E402


class PretrainingRoundsTest(unittest.TestCase):
    def test_follows_init_links_back_to_the_base_run(self):
        self.assertEqual(cards.pretraining_rounds("pretrain-bio"), ["pretrain-bio"])
        self.assertEqual(cards.pretraining_rounds("pretrain-bio2"), ["pretrain-bio", "pretrain-bio2"])
        self.assertEqual(cards.pretraining_rounds("pretrain-bio3"), ["pretrain-bio", "pretrain-bio2", "pretrain-bio3"])

    def test_base_run_and_unknown_dirs_have_no_rounds(self):
        self.assertEqual(cards.pretraining_rounds("pretrain"), [])
        self.assertEqual(cards.pretraining_rounds("no-such-run"), [])

    def test_every_profile_init_is_another_profiles_dir(self):
        dirs = {p["dir"] for p in pretrain.PROFILES.values()}
        for name, prof in pretrain.PROFILES.items():
            self.assertTrue(prof["init"] is None or prof["init"] in dirs, name)


if __name__ == "__main__":
    unittest.main()
