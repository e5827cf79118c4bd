"""One configuration object shared by every stage (corpus, preprocess, train, chat, web, eval).

Every script builds it with `parse_args(sys.argv[1:])`, so any field can be overridden as
`--name=value`; unknown names and values of the wrong type are rejected with a message.
"""
import dataclasses
import difflib
import json
import os
from dataclasses import dataclass, field
from typing import Optional

ROOT = os.path.dirname(os.path.abspath(__file__))


def _f(default, help_text):
    """A dataclass field with a one-line help text (shown by --help)."""
    return field(default=default, metadata={"help": help_text})


@dataclass
class ParameterConfig:
    # ---- corpus (data_preprocess/build_corpus.py) ----
    seed: int = _f(42, "random seed for corpus building, data order, init and sampling")
    max_answer_items: int = _f(5, "cap on items per relation in an answer and its knowledge segment")
    questions_per_entity: float = _f(1.5, "questions asked per graph entity in the corpus (diseases twice this)")
    valid_entity_ratio: float = _f(0.05, "share of entities held out entirely for the validation corpus")
    max_knowledge_chars: int = _f(150, "character budget of the knowledge segment (later items and relations dropped)")
    # ---- data files ----
    train_path: str = _f("data/medical_train.txt", "training corpus: blank-line text, instruction JSONL or dialogue CSV")
    valid_path: str = _f("data/medical_valid.txt", "validation corpus, any of those formats ('' = none)")
    valid_ratio: float = _f(0.0, "hold out this share of train_path's dialogues for validation instead of valid_path")
    keep_department: bool = _f(False, "CSV dialogues: the question starts with 【department】 (chat must then ask so too)")
    train_pkl: str = _f("data/medical_train.pkl", "tokenised training dialogues (List[List[int]])")
    valid_pkl: str = _f("data/medical_valid.pkl", "tokenised validation dialogues")
    vocab_path: str = _f("vocab/vocab.txt", "BertTokenizerFast vocab; built from train_path when missing")
    vocab_size: int = _f(6000, "vocab size to build (padded with [unusedN] so it is exact)")
    vocab_from_graph: bool = _f(True, "grounded vocab also covers every name and fact of the graph (any segment encodes)")
    grounded: bool = _f(True, "dialogues carry a knowledge segment: [CLS]knowledge[SEP]q[SEP]a[SEP]")
    max_len: int = _f(512, "longest token sequence kept by preprocessing (longer ones are truncated)")
    # ---- model ----
    model_config: str = _f("", "GPT-2 config json; empty = config/config.json on CUDA, config/config_cpu.json on CPU")
    pretrained_model: str = _f("", "fine-tune this checkpoint (its weights and tokenizer; reads train_path)")
    lora_r: int = _f(0, "LoRA rank on attention and MLP projections (0 = full fine-tuning); saved merged")
    lora_alpha: int = _f(16, "LoRA scaling numerator (updates scaled by lora_alpha / lora_r)")
    lora_dropout: float = _f(0.05, "dropout on the LoRA input")
    # ---- training (train.py) ----
    save_model_path: str = _f("save_model", "where checkpoints and min_loss_model/ are written")
    epochs: int = _f(10, "passes over the training data")
    max_steps: int = _f(0, "stop after this many optimizer steps (0 = run all epochs)")
    batch_size: int = _f(16, "dialogues per micro-batch")
    gradient_accumulation_steps: int = _f(1, "micro-batches per optimizer step")
    lr: float = _f(1e-3, "peak learning rate of AdamW")
    weight_decay: float = _f(0.01, "AdamW weight decay")
    warmup_steps: int = _f(200, "linear warmup steps before linear decay")
    max_grad_norm: float = _f(1.0, "gradient clipping at the optimizer step")
    answer_only_loss: bool = _f(True, "compute loss on answer tokens only (question/knowledge labels = -100)")
    length_grouped: bool = _f(True, "group dialogues of similar length into batches to avoid padding")
    log_every_steps: int = _f(20, "optimizer steps between train-loss points on the curve")
    eval_every_steps: int = _f(0, "also validate every N optimizer steps (0 = once per epoch)")
    save_every_steps: int = _f(500, "optimizer steps between periodic checkpoints")
    keep_checkpoints: int = _f(2, "how many periodic checkpoints to keep")
    resume: bool = _f(False, "continue from the latest checkpoint in save_model_path")
    num_workers: int = _f(0, "DataLoader worker processes")
    num_threads: int = _f(0, "torch CPU threads (0 = all cores)")
    # ---- chat / generation ----
    model_path: str = _f("save_model/min_loss_model", "checkpoint used by chat, web app, evaluation, benchmark")
    device: str = _f("", "cpu, cuda or empty for automatic")
    inference_dtype: str = _f("auto", "weights for chat and decoding: float32, bfloat16, float16, auto (bf16/fp16 on CUDA, float32 on CPU)")
    kv_cache_dtype: str = _f("auto", "decoding keys/values: float32, bfloat16, auto (bfloat16 on CPUs with AMX, else the model's)")
    quantize: str = _f("auto", "decoding weights: none (the model's float), int8 (CPU: int8 linear layers and LM head), auto (int8 on x86 CPUs)")
    speculative_tokens: int = _f(8, "a reply decoding alone checks up to N tokens guessed from its prompt per pass (0 = off)")
    max_history_len: int = _f(0, "earlier turns fed to the model (grounded chat hands them to the planner either way)")
    max_new_tokens: int = _f(200, "longest reply in tokens")
    temperature: float = _f(0.7, "sampling temperature")
    top_k: int = _f(8, "keep the k most likely tokens (1 = greedy)")
    top_p: float = _f(0.9, "nucleus sampling threshold")
    repetition_penalty: float = _f(1.0, "penalty for tokens already in the reply (1.0 = off)")
    no_repeat_ngram_size: int = _f(0, "never repeat an n-gram of the reply (0 = off)")
    show_source: bool = _f(True, "interact.py prints each answer's source (entity, relations) under it")
    save_samples_path: str = _f("sample/samples.txt", "where interact.py appends conversations ('' = do not save)")
    # ---- evaluation (evaluate.py) ----
    eval_cases_per_kind: int = _f(200, "corpus-style questions about held-out entities scored by item F1")
    eval_cases_file: str = _f("data/patient_dev.jsonl", "patient questions with labels (never trained on), used when present")
    eval_batch_size: int = _f(16, "questions decoded together in one batched pass")
    eval_max_dialogues: int = _f(500, "free-text validation dialogues whose last reply is generated and scored (0 = all)")
    # ---- benchmark (benchmark.py) ----
    bench_repeats: int = _f(3, "timed repetitions per measurement (medians are reported)")
    bench_train_steps: int = _f(40, "optimizer steps timed per training loop")
    bench_requests: int = _f(128, "requests per serving measurement")
    # ---- web (app.py) ----
    host: str = _f("127.0.0.1", "address the web server listens on")
    port: int = _f(5000, "port the web server listens on")
    threads: int = _f(8, "waitress worker threads")
    max_batch: int = _f(8, "concurrent chat requests decoded together in one batched forward pass")
    prefix_cache_mb: int = _f(64, "memory for knowledge segments' keys/values kept for the next question (0 = off)")
    max_question_chars: int = _f(200, "longest accepted question")
    max_history_turns: int = _f(20, "most history turns accepted from a client")
    max_body_bytes: int = _f(65536, "largest accepted request body (larger ones get 413 before parsing)")
    rate_limit_per_minute: int = _f(0, "most POST requests per client address per minute (0 = no limit)")
    max_samples: int = _f(8, "most candidates /generate returns")
    max_generate_length: int = _f(300, "largest maxlength /generate accepts")

    def to_dict(self):
        return dataclasses.asdict(self)

    def save(self, path):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, ensure_ascii=False, indent=2)

    def path(self, relative):
        """Resolve a data path relative to the project root (absolute paths pass through)."""
        return relative if os.path.isabs(relative) else os.path.join(ROOT, relative)


class ConfigError(ValueError):
    """A bad command-line override; the message says what is wrong."""


def _convert(name, raw, kind):
    if kind is bool:
        low = raw.lower()
        if low in ("1", "true", "yes", "on"):
            return True
        if low in ("0", "false", "no", "off"):
            return False
        raise ConfigError(f"--{name} expects true/false, got {raw!r}")
    try:
        return kind(raw)
    except ValueError:
        raise ConfigError(f"--{name} expects {kind.__name__}, got {raw!r}") from None


def help_text(config_cls=ParameterConfig):
    lines = ["Settings (override as --name=value):"]
    for f in dataclasses.fields(config_cls):
        lines.append(f"  --{f.name}={f.default!r:<28} {f.metadata.get('help', '')}")
    return "\n".join(lines)


def parse_args(argv, base: Optional[ParameterConfig] = None) -> ParameterConfig:
    """Apply `--name=value` overrides (a bare `--flag` means true for booleans)."""
    config = base or ParameterConfig()
    fields = {f.name: f for f in dataclasses.fields(config)}
    types = {f.name: type(f.default) for f in fields.values()}
    changes = {}
    for arg in argv:
        if arg in ("-h", "--help"):
            raise SystemExit(help_text())
        if not arg.startswith("--"):
            raise ConfigError(f"unexpected argument {arg!r}; settings are given as --name=value")
        name, has_value, raw = arg[2:].partition("=")
        if name not in fields:
            close = difflib.get_close_matches(name, fields, n=1)
            hint = f" (did you mean --{close[0]}?)" if close else ""
            raise ConfigError(f"unknown setting --{name}{hint}; run with --help to list them")
        if not has_value:
            if types[name] is not bool:
                raise ConfigError(f"--{name} needs a value: --{name}=...")
            raw = "true"
        changes[name] = _convert(name, raw, types[name])
    return dataclasses.replace(config, **changes)


def load_saved(path) -> ParameterConfig:
    """Read a config saved next to a checkpoint, ignoring fields this version no longer has."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    known = {f.name for f in dataclasses.fields(ParameterConfig)}
    return ParameterConfig(**{k: v for k, v in data.items() if k in known})


def cli_config(argv) -> ParameterConfig:
    """parse_args for a script's main(): a bad override exits with the message, not a traceback."""
    try:
        return parse_args(argv)
    except ConfigError as e:
        raise SystemExit(f"error: {e}") from None
