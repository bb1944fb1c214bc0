"""Checks the hit@k scoring of scripts/eval/topics.py on a toy taxonomy, and
that every mapping of scripts/eval/topic_sets.py names a real taxonomy path.

Run: python3 -m unittest discover -s scripts/eval -p 'test_*.py'
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import topic_sets  # noqa: E402
import topics  # noqa: E402

# 1 Sports > 10 Hiking > 100 Gear; 1 > 11 Sailing; 2 Travel > 20 Flights.
TOY = topics.Taxonomy([
    {"id": "1", "parent_id": "", "name": "Sports"},
    {"id": "10", "parent_id": "1", "name": "Hiking"},
    {"id": "100", "parent_id": "10", "name": "Gear"},
    {"id": "11", "parent_id": "1", "name": "Sailing"},
    {"id": "2", "parent_id": "", "name": "Travel"},
    {"id": "20", "parent_id": "2", "name": "Flights"},
])


def predictions(*pairs):
    return [{"id": node, "score": score} for node, score in pairs]


class HitAtK(unittest.TestCase):
    def test_paths_depths_and_ancestors(self):
        self.assertEqual(TOY.by_path["Sports > Hiking > Gear"], 100)
        self.assertEqual(TOY.depth(100), 3)
        self.assertEqual(TOY.ancestor(100, 1), 1)
        self.assertEqual(TOY.ancestor(100, 2), 10)
        self.assertIsNone(TOY.ancestor(10, 3))

    def test_ranks_by_score_not_by_printed_order(self):
        self.assertEqual(topics.rank(predictions((2, 0.2), (11, 0.9), (1, 0.5))), [11, 1, 2])
        self.assertEqual(topics.rank(predictions((2, 0.5), (1, 0.5))), [2, 1])  # ties keep the order

    def test_a_deeper_prediction_counts_at_every_depth_above_it(self):
        ranked = [100]
        for depth in (1, 2, 3):
            self.assertTrue(topics.hit_at(TOY, ranked, [100], depth, 1))

    def test_a_shallower_prediction_does_not_count_deeper(self):
        ranked = [1, 10]
        self.assertTrue(topics.hit_at(TOY, ranked, [100], 1, 1))
        self.assertFalse(topics.hit_at(TOY, ranked, [100], 2, 1))  # the root says nothing at tier 2
        self.assertTrue(topics.hit_at(TOY, ranked, [100], 2, 3))
        self.assertFalse(topics.hit_at(TOY, ranked, [100], 3, 3))

    def test_a_label_known_only_at_the_root_scores_only_the_root(self):
        self.assertTrue(topics.hit_at(TOY, [11], [1], 1, 1))
        self.assertIsNone(topics.hit_at(TOY, [11], [1], 2, 1))
        self.assertIsNone(topics.hit_at(TOY, [11], [1], 3, 3))

    def test_a_sibling_is_a_hit_at_the_root_only(self):
        self.assertTrue(topics.hit_at(TOY, [11], [100], 1, 1))
        self.assertFalse(topics.hit_at(TOY, [11], [100], 2, 3))

    def test_hit_at_3_looks_at_the_three_best_only(self):
        ranked = topics.rank(predictions((1, 0.9), (11, 0.8), (2, 0.7), (10, 0.6)))
        self.assertFalse(topics.hit_at(TOY, ranked, [10], 2, 3))  # Hiking is fourth
        self.assertTrue(topics.hit_at(TOY, ranked, [20], 1, 3))  # Travel is third
        self.assertFalse(topics.hit_at(TOY, ranked, [20], 1, 1))

    def test_any_of_several_labels_and_no_prediction(self):
        self.assertFalse(topics.hit_at(TOY, [2], [10, 20], 2, 1))  # the Travel root says nothing at tier 2
        self.assertTrue(topics.hit_at(TOY, [20], [10, 20], 2, 1))
        self.assertFalse(topics.hit_at(TOY, [], [10], 1, 3))

    def test_tally_denominators_per_depth(self):
        tally = topics.Tally()
        tally.add(TOY, [100], [100], flagged=False)  # hit at every depth
        tally.add(TOY, [11], [10], flagged=False)  # root hit, tier 2 miss, no tier 3 label
        tally.add(TOY, [], [2], flagged=True)  # root miss, root-only label
        self.assertEqual(tally.scored, {1: 3, 2: 2, 3: 1})
        self.assertAlmostEqual(tally.rate(1, 1), 2 / 3)
        self.assertAlmostEqual(tally.rate(2, 3), 1 / 2)
        self.assertAlmostEqual(tally.rate(3, 1), 1.0)
        self.assertEqual((tally.no_topic, tally.flagged), (1, 1))


class Mappings(unittest.TestCase):
    def test_every_mapped_path_is_in_the_taxonomy(self):
        known = topic_sets.taxonomy()
        tables = [topic_sets.CLINC, topic_sets.HWU] + list(topic_sets.REAL.values())
        for table in tables:
            for label in table.values():
                for path in topic_sets.as_list(label):
                    self.assertIn(path, known)

    def test_the_toy_and_the_real_taxonomy_agree_on_depth(self):
        taxonomy = topics.Taxonomy.load()
        node = taxonomy.by_path["Sports > Hiking & trekking > Hiking & trekking gear"]
        self.assertEqual(taxonomy.depth(node), 3)
        self.assertEqual(taxonomy.ancestor(node, 1), taxonomy.by_path["Sports"])


if __name__ == "__main__":
    unittest.main()
