"""--name=value overrides."""
import subprocess
import sys

import pytest
import torch

from functions_tools import inference_dtype, kv_cache_dtype
from parameter_config import ConfigError, parse_args


def test_overrides_are_typed():
    config = parse_args(["--lr=0.01", "--epochs=3", "--grounded=false", "--resume", "--train_path=x.txt"])
    assert (config.lr, config.epochs, config.grounded, config.resume, config.train_path) == (0.01, 3, False, True, "x.txt")


@pytest.mark.parametrize("arg, message", [("--epochz=3", "did you mean --epochs"), ("--epochs=three", "expects int"),
                                          ("--grounded=maybe", "true/false"), ("--lr", "needs a value"),
                                          ("epochs=3", "--name=value")])
def test_bad_overrides_are_rejected(arg, message):
    with pytest.raises(ConfigError, match=message):
        parse_args([arg])


def test_scripts_reject_unknown_settings_without_traceback():
    for script in ["train.py", "interact.py", "app.py", "data_preprocess/build_corpus.py"]:
        result = subprocess.run([sys.executable, script, "--no_such_setting=1"], capture_output=True, text=True)
        assert result.returncode != 0 and "unknown setting --no_such_setting" in result.stderr
        assert "Traceback" not in result.stderr


def test_kv_cache_dtype_choices():
    cpu = torch.device("cpu")
    assert kv_cache_dtype("float32", cpu, torch.float32) == torch.float32
    assert kv_cache_dtype("bfloat16", cpu, torch.float32) == torch.bfloat16
    assert kv_cache_dtype("auto", cpu, torch.float32) == (torch.bfloat16 if torch.cpu._is_amx_tile_supported() else torch.float32)
    assert kv_cache_dtype("auto", torch.device("cuda"), torch.float16) == torch.float16
    with pytest.raises(SystemExit, match="must be auto, float32 or bfloat16"):
        kv_cache_dtype("fp8", cpu, torch.float32)


def test_inference_dtype_choices():
    cpu = torch.device("cpu")
    assert inference_dtype("auto", cpu) == torch.float32
    assert inference_dtype("bfloat16", cpu) == torch.bfloat16
    assert inference_dtype("float16", cpu) == torch.float16
    with pytest.raises(SystemExit, match="must be auto, float32, bfloat16 or float16"):
        inference_dtype("int4", cpu)
