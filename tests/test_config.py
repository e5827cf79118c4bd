"""--name=value overrides."""
import subprocess
import sys

import pytest

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
