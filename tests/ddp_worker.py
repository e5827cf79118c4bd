"""Run under torchrun by test_distributed.py: train, then record this rank's final weights."""
import hashlib
import json
import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import torch  # noqa: E402

import distributed  # noqa: E402
from parameter_config import cli_config  # noqa: E402
from trainer import Trainer  # noqa: E402

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    out_dir, argv = sys.argv[1], sys.argv[2:]
    config = cli_config(argv)
    torch.set_num_threads(1)
    distributed.setup()
    trainer = Trainer(config, argv)
    state = trainer.run()
    digest = hashlib.sha256()
    for name, tensor in sorted(trainer.model.state_dict().items()):
        digest.update(name.encode() + tensor.detach().cpu().numpy().tobytes())
    with open(os.path.join(out_dir, f"rank{distributed.rank()}.json"), "w") as f:
        json.dump({"sha256": digest.hexdigest(), "step": state["step"], "world": distributed.world_size(),
                   "batches_per_epoch": len(trainer.train_loader)}, f)
    distributed.cleanup()
