"""Dataset, collate function and the (length-grouped, resumable) batch order."""
import os
import pickle
import random
from typing import Iterator, List, Sequence

import torch
from torch.utils.data import DataLoader, Dataset, Sampler

import distributed
from data_preprocess.dialogue import answer_labels

PAD_ID = 0  # [PAD]; the vocab builder guarantees it is id 0
IGNORE_INDEX = -100  # label value CrossEntropyLoss skips
GROUP_SPAN = 64  # batches per length-sorted chunk: similar lengths, still random across chunks


def load_token_lists(path: str) -> List[List[int]]:
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} not found; run `python data_preprocess/preprocess.py` first")
    with open(path, "rb") as f:
        return pickle.load(f)


class DialogueDataset(Dataset):
    """Token lists -> (input_ids, labels); labels keep answers only when answer_only is on."""

    def __init__(self, token_lists: Sequence[List[int]], sep_id: int, grounded: bool,
                 answer_only: bool = True, max_len: int = 1024):
        self.items = [ids[:max_len] for ids in token_lists]
        self.sep_id, self.grounded, self.answer_only = sep_id, grounded, answer_only

    def __len__(self):
        return len(self.items)

    def __getitem__(self, index):
        ids = self.items[index]
        labels = answer_labels(ids, self.sep_id, self.grounded) if self.answer_only else list(ids)
        return torch.tensor(ids, dtype=torch.long), torch.tensor(labels, dtype=torch.long)

    def lengths(self) -> List[int]:
        return [len(ids) for ids in self.items]


def collate(batch):
    """Right-pad inputs with [PAD]=0 and labels with -100."""
    inputs = torch.nn.utils.rnn.pad_sequence([x for x, _ in batch], batch_first=True, padding_value=PAD_ID)
    labels = torch.nn.utils.rnn.pad_sequence([y for _, y in batch], batch_first=True, padding_value=IGNORE_INDEX)
    return inputs, labels


class BatchOrder(Sampler):
    """Batches of indices for one epoch, reproducible from (seed, epoch) so a resumed run
    can skip the batches it already trained on. Under torchrun every rank draws the same order
    and takes its own shard (a DistributedSampler with per-epoch seeding).

    With grouping, indices are shuffled, cut into chunks of GROUP_SPAN batches, sorted by
    length inside each chunk, batched, and the batches shuffled: little padding, random order.
    """

    def __init__(self, lengths: Sequence[int], batch_size: int, grouped: bool, seed: int):
        self.lengths, self.batch_size, self.grouped, self.seed = list(lengths), batch_size, grouped, seed
        self.epoch, self.skip = 0, 0

    def set_epoch(self, epoch: int, skip_batches: int = 0):
        self.epoch, self.skip = epoch, skip_batches

    def batches(self) -> List[List[int]]:
        rng = random.Random(self.seed * 1000003 + self.epoch)
        order = list(range(len(self.lengths)))
        rng.shuffle(order)
        if self.grouped:
            span = self.batch_size * GROUP_SPAN
            order = [i for s in range(0, len(order), span)
                     for i in sorted(order[s:s + span], key=self.lengths.__getitem__)]
        batches = [order[s:s + self.batch_size] for s in range(0, len(order), self.batch_size)]
        if self.grouped:
            rng.shuffle(batches)
        return distributed.shard(batches)

    def __iter__(self) -> Iterator[List[int]]:
        return iter(self.batches()[self.skip:])

    def __len__(self):
        n = -(-len(self.lengths) // self.batch_size)
        n = n // distributed.world_size() if distributed.world_size() > 1 else n
        return max(0, n - self.skip)


def make_loader(dataset: DialogueDataset, batch_size: int, grouped: bool, seed: int, num_workers: int = 0):
    order = BatchOrder(dataset.lengths(), batch_size, grouped, seed)
    return DataLoader(dataset, batch_sampler=order, collate_fn=collate, num_workers=num_workers)
