"""Padding, answer-only label masking and length-grouped batch order."""
import torch

from data_preprocess.dataset import BatchOrder, DialogueDataset, collate

CLS, SEP = 2, 3


def test_answer_only_labels_grounded_and_plain():
    ids = [CLS, 10, 11, SEP, 20, SEP, 30, 31, SEP, 40, SEP, 50, SEP]  # K, q1, a1, q2, a2
    _, labels = DialogueDataset([ids], SEP, grounded=True)[0]
    assert labels.tolist() == [-100] * 11 + [50, SEP]  # the segment K belongs to the last question only
    _, labels = DialogueDataset([ids], SEP, grounded=False)[0]
    assert labels.tolist() == [-100, -100, -100, -100, 20, SEP, -100, -100, -100, 40, SEP, -100, -100]
    _, labels = DialogueDataset([ids], SEP, grounded=True, answer_only=False)[0]
    assert labels.tolist() == ids


def test_collate_pads_inputs_with_zero_and_labels_with_ignore():
    data = DialogueDataset([[CLS, 5, SEP, 6, SEP], [CLS, 7, SEP, 8, 9, 9, SEP]], SEP, grounded=False)
    inputs, labels = collate([data[0], data[1]])
    assert inputs.shape == (2, 7) and inputs[0, 5:].tolist() == [0, 0]
    assert labels[0, 5:].tolist() == [-100, -100] and labels.dtype == torch.long


def test_length_grouping_cuts_padding_and_is_reproducible():
    import random
    rng = random.Random(0)
    lengths = [rng.randint(5, 300) for _ in range(2000)]

    def padding(order):
        return sum(max(lengths[i] for i in b) * len(b) - sum(lengths[i] for i in b) for b in order.batches())

    grouped, plain = BatchOrder(lengths, 16, True, 1), BatchOrder(lengths, 16, False, 1)
    assert padding(grouped) < 0.2 * padding(plain)
    assert sorted(i for b in grouped.batches() for i in b) == list(range(2000))
    again = BatchOrder(lengths, 16, True, 1)
    again.set_epoch(0, skip_batches=5)
    assert list(again) == grouped.batches()[5:]
    grouped.set_epoch(1)
    assert grouped.batches() != again.batches()
