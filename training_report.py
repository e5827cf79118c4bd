"""What training prints and draws: the start-up summary and the loss-curve PNG."""
import os

import matplotlib

matplotlib.use("Agg")  # no display on servers and CI
import matplotlib.pyplot as plt  # noqa: E402

from functions_tools import amp_dtype, count_parameters  # noqa: E402


def summary_block(trainer) -> str:
    config, model = trainer.config, trainer.model
    precision = amp_dtype(trainer.device) or "float32"
    rows = [
        ("device", f"{trainer.device} ({precision})"),
        ("model", f"{model.config.n_layer} layers, {model.config.n_embd} wide, "
                  f"{count_parameters(model) / 1e6:.2f}M parameters, n_positions {model.config.n_positions}"),
        ("trained", f"{count_parameters(model, trainable_only=True):,} parameters"
                    + (f" (LoRA r={config.lora_r} on {config.pretrained_model})" if config.lora_r else
                       f" (all, from {config.pretrained_model})" if config.pretrained_model else " (all)")),
        ("train examples", len(trainer.data["train"])),
        ("valid examples", len(trainer.data["valid"]) if "valid" in trainer.data else 0),
        ("batch", f"{config.batch_size} x {config.gradient_accumulation_steps} accumulation"),
        ("steps", f"{trainer.steps_per_epoch}/epoch, {trainer.total_steps} total, starting at {trainer.state['step']}"),
        ("loss on", "answer tokens" if config.answer_only_loss else "all tokens"),
        ("grounded", config.grounded),
        ("saving to", trainer.save_dir),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(["=" * 60] + [f"{k:<{width}} : {v}" for k, v in rows] + ["=" * 60])


def plot_loss_curve(history: dict, path: str) -> None:
    """Train loss (smoothed, per logging interval) and validation loss against optimizer steps."""
    fig, ax = plt.subplots(figsize=(7, 4))
    if history["train"]:
        ax.plot([p["step"] for p in history["train"]], [p["loss"] for p in history["train"]], label="train")
    if history["valid"]:
        ax.plot([p["step"] for p in history["valid"]], [p["loss"] for p in history["valid"]], "o-", label="validation")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss")
    ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path + ".tmp.png", dpi=100)
    plt.close(fig)
    os.replace(path + ".tmp.png", path)
