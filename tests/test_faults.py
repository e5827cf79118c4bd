"""Training survives SIGKILL and refuses to start on problems it can name."""
import os
import signal
import subprocess
import sys
import time

import pytest
from conftest import overfit_dialogues, prepare, workspace_config

from checkpoint import latest_checkpoint, list_checkpoints, load_state
from trainer import Trainer
from training_setup import TrainingError


def as_args(config):
    return [f"--{k}={v}" for k, v in config.to_dict().items()]


def test_sigkill_then_resume(tmp_path, tiny_kg):
    config = workspace_config(tmp_path, epochs=3, save_every_steps=4, keep_checkpoints=3, log_every_steps=1,
                              batch_size=4, num_threads=1)
    dialogues = overfit_dialogues(tiny_kg, config) * 12  # 60 dialogues -> 15 steps per epoch
    prepare(config, dialogues, dialogues[:5])
    proc = subprocess.Popen([sys.executable, "train.py", *as_args(config)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while not list_checkpoints(config.save_model_path) and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    time.sleep(0.3)  # somewhere mid-epoch, possibly mid-write
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed_at = latest_checkpoint(config.save_model_path)
    assert killed_at is not None
    step_before = load_state(killed_at)["progress"]["step"]
    result = subprocess.run([sys.executable, "train.py", *as_args(config), "--resume"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    assert f"resumed from {killed_at}" in result.stderr
    final = load_state(latest_checkpoint(config.save_model_path))["progress"]
    assert final["step"] == 45 and final["step"] > step_before
    steps = [p["step"] for p in final["history"]["train"]]
    assert steps == sorted(set(steps)) and steps[-1] == 45
    assert max(b - a for a, b in zip([0] + steps, steps)) <= config.save_every_steps
    assert not [n for n in os.listdir(config.save_model_path) if n.startswith((".tmp-", ".old-"))]


def test_unwritable_save_dir_fails_before_training(tmp_path, trained):
    config, _ = trained
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(TrainingError, match="cannot write checkpoints"):
        Trainer(workspace_config(tmp_path, **{**_paths(config), "save_model_path": str(blocker / "save")}))


def _paths(config):
    keys = ("train_pkl", "valid_pkl", "vocab_path", "model_config")
    return {k: getattr(config, k) for k in keys}


def test_vocab_mismatch_names_both_files(tmp_path, trained):
    config, _ = trained
    import json
    bad = tmp_path / "bad.json"
    data = json.load(open(config.model_config))
    data["vocab_size"] += 1
    bad.write_text(json.dumps(data))
    with pytest.raises(TrainingError) as info:
        Trainer(workspace_config(tmp_path, **{**_paths(config), "model_config": str(bad)}))
    assert "bad.json" in str(info.value) and "vocab.txt" in str(info.value)


def test_missing_files_name_the_fix(tmp_path, trained):
    config, _ = trained
    with pytest.raises(FileNotFoundError, match="preprocess.py"):
        Trainer(workspace_config(tmp_path, **{**_paths(config), "train_pkl": str(tmp_path / "none.pkl")}))
    with pytest.raises(FileNotFoundError, match="preprocess.py"):
        Trainer(workspace_config(tmp_path, **{**_paths(config), "vocab_path": str(tmp_path / "none.txt")}))


def test_checkpoint_from_another_config(tmp_path, trained):
    config, _ = trained
    import json
    other = tmp_path / "other.json"
    data = json.load(open(config.model_config))
    data["n_layer"] = 3
    other.write_text(json.dumps(data))
    resume = workspace_config(tmp_path, **{**_paths(config), "model_config": str(other),
                                           "save_model_path": config.save_model_path, "resume": True})
    with pytest.raises(TrainingError, match="another model config") as info:
        Trainer(resume)
    assert "n_layer 2 vs 3" in str(info.value) and "other.json" in str(info.value)
