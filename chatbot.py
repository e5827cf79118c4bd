"""A loaded checkpoint that answers questions: the text-level side of the generation core.

History is a flat list of utterances [q1, a1, q2, a2, ...] (the tutorial's form), always
re-encoded here from text; token ids never come from a client.
"""
import functools
import logging
import os
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Optional, Sequence, Union

import torch
from transformers import GPT2LMHeadModel

from checkpoint import CONFIG_FILE
from data_preprocess.dialogue import encode_dialogue, encode_text
from data_preprocess.vocab import load_tokenizer
from functions_tools import inference_dtype, kv_cache_dtype, pick_device
from generation import MIN_REPLY_TOKENS, PieceDecoder, decode, fit_prompt, tokens_to_text
from kgqa.answer import Plan, cased_runs, checked_reply, fixed_phrases
from kgqa.planner import AnswerPlanner
from kv_cache import PrefixCache
from sampling import Sampler, SamplingSettings
from packed_gpt2 import PackedGPT2
from parameter_config import ParameterConfig, load_saved
from quantize import check_mode

logger = logging.getLogger(__name__)
# Settings that describe how a checkpoint was trained; chat must use the checkpoint's values.
FORMAT_FIELDS = ("grounded", "max_answer_items", "max_knowledge_chars")
FREE_TEXT_NO_REPEAT = 3  # a plain model's free text never repeats a trigram (unless no_repeat_ngram_size says)


class ModelNotFound(FileNotFoundError):
    pass


@dataclass
class Answer:
    """A reply and where it came from: the entity and relations used ({} when none)."""
    text: str
    source: Dict = field(default_factory=dict)
    model_written: bool = True  # False: the model's words failed the check and the graph's reply replaced them


def _in_case(run: str, cased: Dict[str, str]) -> str:
    """A streamed run of Latin letters (after any leading space) in the graph's case."""
    word = run.lstrip(" ")
    return run[:len(run) - len(word)] + cased.get(word, word)


class ChatBot:
    def __init__(self, model, tokenizer, config: ParameterConfig, planner: Optional[AnswerPlanner] = None,
                 name: str = ""):
        self.model, self.tokenizer, self.config, self.planner = model.eval(), tokenizer, config, planner
        self.name = name or "model"
        weight = next(model.parameters())
        self.device = weight.device
        kv_dtype = kv_cache_dtype(config.kv_cache_dtype, self.device, weight.dtype)
        quantize = check_mode(config.quantize, self.device, weight.dtype)
        self.engine = PackedGPT2(self.model, kv_dtype, quantize)  # the decoding forward pass over the model's weights
        self.n_positions = model.config.n_positions
        vocab = tokenizer.get_vocab()
        self.banned_ids = sorted({tokenizer.unk_token_id, tokenizer.pad_token_id, tokenizer.cls_token_id,
                                  tokenizer.mask_token_id} | {i for t, i in vocab.items() if t.startswith("[unused")})
        self.vocab_size = model.config.vocab_size
        self.id_to_token = tokenizer.convert_ids_to_tokens(list(range(len(tokenizer))))
        # Every question about an entity brings back its knowledge segment, and tokenizing its
        # ~250 characters is most of a prompt's cost (0.26 of 0.37 ms): keep the ids.
        self.knowledge_ids = functools.lru_cache(maxsize=4096)(lambda text: tuple(encode_text(tokenizer, text)))
        size = config.prefix_cache_mb << 20
        self.prefixes = PrefixCache(size, tokenizer.sep_token_id) if size > 0 else None
        # what replies say besides the graph's items (抱歉，知识库中没有…): prompt lookup guesses
        # from these too, so a decline, which copies nothing from its prompt, speculates as well
        self.phrase_ids = [i for phrase in dict.fromkeys(fixed_phrases())
                           for i in encode_text(tokenizer, phrase) + [tokenizer.sep_token_id]]

    @classmethod
    def load(cls, config: ParameterConfig, planner: Optional[AnswerPlanner] = None) -> "ChatBot":
        """Load config.model_path; its saved settings decide the prompt format."""
        path = config.path(config.model_path)
        if not os.path.isfile(os.path.join(path, "config.json")):
            raise ModelNotFound(
                f"no trained model at {path}. Train one with: python data_preprocess/build_corpus.py && "
                "python data_preprocess/preprocess.py && python train.py  (or pass --model_path=...)")
        saved_path = os.path.join(path, CONFIG_FILE)
        if os.path.exists(saved_path):
            saved = load_saved(saved_path)
            config = type(config)(**{**config.to_dict(), **{k: getattr(saved, k) for k in FORMAT_FIELDS}})
        device = pick_device(config.device)
        model = GPT2LMHeadModel.from_pretrained(path).to(device, inference_dtype(config.inference_dtype, device))
        tokenizer = load_tokenizer(path)
        if model.config.vocab_size != len(tokenizer):
            raise ModelNotFound(f"{path}: the model has vocab_size {model.config.vocab_size} but its tokenizer has "
                                f"{len(tokenizer)} tokens; re-save the checkpoint with the tokenizer it was trained with")
        if config.grounded and planner is None:
            from kgqa.graph import MedicalKG
            planner = AnswerPlanner(MedicalKG.load(), config.max_answer_items, config.max_knowledge_chars)
        return cls(model, tokenizer, config, planner if config.grounded else None,
                   name=os.path.basename(os.path.normpath(path)))

    # ---- prompts ----
    def encode(self, utterances: Sequence[str], knowledge: Optional[str]) -> List[int]:
        return encode_dialogue(self.tokenizer, utterances, knowledge, self.knowledge_ids)

    def plan(self, question: str, history: Sequence[str]) -> Optional[Plan]:
        """What this turn is about and the knowledge segment for it (None in plain mode)."""
        return self.planner.plan(question, history[0::2]) if self.planner else None

    def build_prompt(self, question: str, history: Sequence[str], max_new_tokens: int,
                     plan: Optional[Plan] = None) -> List[int]:
        turns = [history[i:i + 2] for i in range(0, len(history) - 1, 2)]
        turns = turns[-self.config.max_history_len:] if self.config.max_history_len > 0 else []
        budget = self.n_positions - self.reply_budget(max_new_tokens)
        plan = plan or self.plan(question, history)
        asked = self.planner.asked_part(question) if self.planner else question  # a post's question, not its story
        return fit_prompt(self.encode, turns, asked, plan.segment if plan else None, budget)

    def finish(self, reply: str, plan: Optional[Plan]) -> Answer:
        """The model's reply checked against its plan's segment (nothing to check in plain mode)."""
        if plan is None:
            return Answer(reply)
        text, kept = checked_reply(reply, plan.segment)
        if plan.kind == "not_found":  # the plain not-found reply, naming what was not found if known
            text = plan.reply
        return Answer(text, plan.source, kept)

    def fixed_reply(self, plan: Optional[Plan]) -> List[Union[str, Answer]]:
        """What a stream shows for an emergency (the 120 line, first and whole), small talk or a name
        the graph lacks (fixed wording the answer shows whatever the model writes): never model words
        the check would take back (a story unlike training may derail the model; found asking in the
        terminal: 宝宝才4个月…能给她用小儿伪麻美芬滴剂吗 streamed garbled words, and 你是谁 the wording
        the model was trained on before the reply said what the bot can do). Empty otherwise."""
        if plan is None or plan.kind not in ("emergency", "not_found", "chat"):
            return []
        return [plan.reply, self.finish(plan.reply, plan)]

    def token_budget(self, prompt_length: int, max_new_tokens: int) -> int:
        """New tokens a reply to a prompt of this length may take: prompt + reply fit n_positions."""
        return min(max_new_tokens, self.n_positions - prompt_length)

    def reply_budget(self, max_new_tokens: int) -> int:
        return max(MIN_REPLY_TOKENS, min(max_new_tokens, self.n_positions // 2))

    # ---- generation ----
    def settings(self, **overrides) -> SamplingSettings:
        return SamplingSettings.from_config(self.config, **overrides)

    def sampler(self, settings: SamplingSettings, seed: Optional[int]) -> Sampler:
        return Sampler(settings, self.banned_ids, self.vocab_size, self.device, seed)

    def stream_ids(self, prompts: List[List[int]], settings: SamplingSettings, seed=None,
                   ignore_stop=False, copies=1) -> Iterator[torch.Tensor]:
        budget = self.token_budget(max(len(p) for p in prompts), settings.max_new_tokens)
        return decode(self.engine, prompts, self.sampler(settings, seed), budget, self.tokenizer.sep_token_id,
                      self.tokenizer.pad_token_id, ignore_stop, copies, self.prefixes, self.config.speculative_tokens,
                      self.phrase_ids)

    def stream(self, question: str, history: Sequence[str] = (), seed: Optional[int] = None,
               plan: Optional[Plan] = None, **overrides) -> Iterator[str]:
        """Yield the model's reply piece by piece (one token each) as it is generated."""
        settings = self.settings(**overrides)
        prompt = self.build_prompt(question, history, settings.max_new_tokens, plan)
        pieces = PieceDecoder(self.id_to_token)
        for token in self.stream_ids([prompt], settings, seed):
            token_id = int(token[0])
            if token_id == self.tokenizer.sep_token_id:
                return
            yield pieces(token_id)

    def stream_answer(self, question: str, history: Sequence[str] = ()) -> Iterator[Union[str, Answer]]:
        """The model's reply piece by piece, then the checked Answer (text and source) last; for an
        emergency, small talk or a name the graph lacks, the fixed reply at once.
        A run of Latin letters is held until complete and shown in the graph's case (维U, TSH),
        as the checked answer will show it."""
        plan = self.plan(question, history)
        fixed = self.fixed_reply(plan)
        if fixed:
            yield from fixed
            return
        cased, reply, held = cased_runs(plan.segment) if plan else {}, "", ""
        for piece in self.stream(question, history, plan=plan):
            reply += piece
            word = piece.lstrip(" ")
            latin = word.isascii() and word.isalpha()
            if held and (not latin or word != piece):  # the run ends: another piece, or a new word
                yield _in_case(held, cased)
                held = ""
            if latin:
                held += piece
            else:
                yield piece
        if held:
            yield _in_case(held, cased)
        yield self.finish(reply, plan)

    def answer(self, question: str, history: Sequence[str] = (), seed: Optional[int] = None, **overrides) -> Answer:
        plan = self.plan(question, history)
        return self.finish("".join(self.stream(question, history, seed, plan, **overrides)), plan)

    def reply(self, question: str, history: Sequence[str] = (), seed: Optional[int] = None, **overrides) -> str:
        return self.answer(question, history, seed, **overrides).text

    def candidates(self, prompts: List[List[int]], samples: int, seed: Optional[int] = None,
                   **overrides) -> List[str]:
        """N replies per prompt in one batched pass (one shared prefill per prompt); each stops
        at its own [SEP]."""
        settings = self.settings(**overrides)
        columns = [t.tolist() for t in self.stream_ids(prompts, settings, seed, copies=samples)]
        return [self.ids_to_text([col[row] for col in columns]) for row in range(len(prompts) * samples)]

    def ids_to_text(self, ids: Sequence[int]) -> str:
        sep = self.tokenizer.sep_token_id
        ids = list(ids)
        ids = ids[:ids.index(sep)] if sep in ids else ids
        return tokens_to_text([self.id_to_token[i] for i in ids if i != self.tokenizer.pad_token_id])

    def continue_text(self, context: str, max_new_tokens: int, samples: int, seed: Optional[int] = None) -> List[str]:
        """Continuation candidates of free text (the GPT2-Chinese `generate` API). A grounded model
        never learned free text, and free text would be facts it invents: it continues the text by
        answering it from the graph (高血压 -> 的常见症状：…), checked like any reply. A plain model
        continues the text itself, never repeating a trigram."""
        if self.planner is not None:
            plan = self.plan(context, [])
            prompt = self.build_prompt(context, [], self.config.max_new_tokens, plan)
            replies = self.candidates([prompt], samples, seed)
            return [_continuation(context, self.finish(r, plan).text)[:max_new_tokens] for r in replies]
        ids = [self.tokenizer.cls_token_id] + self.tokenizer.encode(context, add_special_tokens=False)
        ids = ids[:1] + ids[1:][-(self.n_positions - self.reply_budget(max_new_tokens) - 1):]
        return self.candidates([ids], samples, seed, max_new_tokens=max_new_tokens,
                               no_repeat_ngram_size=self.config.no_repeat_ngram_size or FREE_TEXT_NO_REPEAT)


def _continuation(context: str, text: str) -> str:
    """The text after the context when it starts with it (高血压 + 高血压的常见症状… -> 的常见症状…)."""
    stripped = context.strip().rstrip("？?。！!，,")
    return text[len(stripped):] if stripped and text.lower().startswith(stripped.lower()) else text
