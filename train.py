"""Train GPT-2 on the tokenised dialogues.

    python train.py [--epochs=3 --batch_size=16 --resume ...]   (python train.py --help lists all)
    torchrun --nproc_per_node=K train.py [...]                  (K processes, DistributedDataParallel)

CPU: plain fp32 with the small config/config_cpu.json. CUDA: config/config.json under
torch.amp autocast. Checkpoints are written atomically; --resume continues from the latest.
"""
import logging
import sys

import distributed
from functions_tools import setup_threads
from parameter_config import ParameterConfig, cli_config
from trainer import Trainer
from training_setup import TrainingError


def train(config: ParameterConfig, argv=()) -> dict:
    setup_threads(config.num_threads)
    distributed.setup()
    try:
        return Trainer(config, argv).run()
    finally:
        distributed.cleanup()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    config = cli_config(argv)
    try:
        train(config, argv)
    except (TrainingError, FileNotFoundError) as e:
        raise SystemExit(f"error: {e}") from None
    except KeyboardInterrupt:
        raise SystemExit("stopped; run again with --resume to continue") from None


if __name__ == "__main__":
    main()
