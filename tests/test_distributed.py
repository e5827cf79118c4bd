"""torchrun with 2 CPU processes (gloo): identical weights on both ranks, checkpoints written once."""
import json
import os
import subprocess
import sys

from conftest import overfit_dialogues, prepare, workspace_config

from checkpoint import list_checkpoints


def test_two_process_gloo_training(tmp_path, tiny_kg):
    config = workspace_config(tmp_path, epochs=2, batch_size=4, gradient_accumulation_steps=2,
                              save_every_steps=2, keep_checkpoints=10, num_threads=1)
    dialogues = overfit_dialogues(tiny_kg, config) * 8  # 40 dialogues = 10 batches = 5 per rank
    prepare(config, dialogues, dialogues[:5])
    args = [f"--{k}={v}" for k, v in config.to_dict().items()]
    result = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--nproc_per_node=2",
                             "--rdzv_backend=c10d", "--rdzv_endpoint=127.0.0.1:0",
                             "tests/ddp_worker.py", str(tmp_path), *args],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    ranks = [json.load(open(tmp_path / f"rank{r}.json")) for r in (0, 1)]
    assert ranks[0]["world"] == 2 and ranks[0]["batches_per_epoch"] == 5
    assert ranks[0]["sha256"] == ranks[1]["sha256"]  # DDP kept the replicas identical
    assert ranks[0]["step"] == ranks[1]["step"] == 6  # ceil(5 micro-batches / 2) per epoch, 2 epochs
    steps = [int(p.rsplit("-", 1)[1]) for p in list_checkpoints(config.save_model_path)]
    assert steps == [2, 3, 4, 6]  # every 2 steps and at each epoch end (step 3)
    assert not [n for n in os.listdir(config.save_model_path) if n.startswith(".tmp-")]
    assert result.stderr.count("validation: loss") == 2  # only rank 0 logs: one line per epoch
