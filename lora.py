"""LoRA fine-tuning with peft: low-rank adapters on GPT-2's attention and MLP projections.

The base model's weights stay frozen; only the adapters (A: r x in, B: out x r, B starting at
zero, so training starts from the base model exactly) are trained. Checkpoints hold the model
with the adapters **merged** in (W + B A * alpha / r), a plain GPT2LMHeadModel that chat, the
web app and `from_pretrained` load as any other, plus the adapter itself in `adapter/`, which
--resume loads back onto the base (--pretrained_model) to continue.
"""
import copy
import os
import warnings

from transformers import GPT2LMHeadModel

# c_attn: the fused q/k/v projection; c_proj: attention's output and the MLP's output
# projection (peft matches both by name); c_fc: the MLP's input projection.
TARGET_MODULES = ["c_attn", "c_proj", "c_fc"]


def add_lora(model: GPT2LMHeadModel, config, adapter_dir: str = ""):
    """Wrap `model` (adapters are injected into its modules in place) and freeze everything else;
    with adapter_dir, load a saved adapter's weights (resume)."""
    from peft import LoraConfig, get_peft_model, set_peft_model_state_dict
    from safetensors.torch import load_file

    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=TARGET_MODULES, fan_in_fan_out=True,  # GPT-2's Conv1D stores (in, out)
                      task_type="CAUSAL_LM")
    with warnings.catch_warnings():  # peft asks transformers 5 for a renamed attribute; nothing to act on
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing", category=FutureWarning)
        wrapped = get_peft_model(model, lora)
    if adapter_dir:
        weights = load_file(os.path.join(adapter_dir, "adapter_model.safetensors"), device=str(model.device))
        set_peft_model_state_dict(wrapped, weights)
    return wrapped


def merged_copy(wrapped) -> GPT2LMHeadModel:
    """A plain GPT2LMHeadModel with the adapters folded into its weights; training goes on
    with `wrapped` untouched."""
    return copy.deepcopy(wrapped).merge_and_unload()
