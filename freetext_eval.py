"""Free-text replies measured as the dialogue-generation literature does, for plain-mode
checkpoints (fine-tuned on your own dialogues): perplexity of the validation replies, then each
validation dialogue's last reply generated from its question (and earlier turns, as chat feeds
them) and compared with the real one.

Metrics, all at the character level (the vocab is one token per Chinese character; text is
lower-cased, as the vocab is, and whitespace dropped):
- bleu4: sacrebleu's corpus BLEU-4 with tokenize="char" (0-100);
- rouge1 / rouge2 / rougeL: rouge-chinese F1 on space-joined characters, averaged over replies
  (0-100; an empty reply scores 0);
- distinct1 / distinct2: distinct character uni/bigrams over all replies (0-1);
- mean_length: mean reply length in characters (the references' mean beside it).
Published figures for the public dialogue set (ChatGLM-6B) use jieba words and sentence-level
BLEU, so they are a point of reference, not a like-for-like comparison.
"""
import dataclasses
import logging
from statistics import mean
from typing import Dict, List, Sequence

from tqdm import tqdm

from data_preprocess.dialogue import CorpusError
from eval_metrics import distinct_n

logger = logging.getLogger(__name__)
SHOWN_EXAMPLES = 5


def characters(text: str) -> List[str]:
    return [c for c in text.lower() if not c.isspace()]


def freetext_scores(replies: Sequence[str], references: Sequence[str]) -> Dict:
    """BLEU-4, ROUGE-1/2/L, distinct-1/2 and lengths of replies against references."""
    import sacrebleu
    from rouge_chinese import Rouge

    hyps, refs = ["".join(characters(t)) for t in replies], ["".join(characters(t)) for t in references]
    rouge, totals = Rouge(), {"rouge-1": [], "rouge-2": [], "rouge-l": []}
    for hyp, ref in zip(hyps, refs):
        scores = rouge.get_scores(" ".join(hyp), " ".join(ref))[0] if hyp and ref else {}
        for key in totals:
            totals[key].append(scores[key]["f"] if scores else 0.0)
    average = lambda xs: 100 * mean(xs) if xs else 0.0  # noqa: E731
    return {"n": len(hyps),
            "bleu4": sacrebleu.corpus_bleu(hyps, [refs], tokenize="char").score,
            "rouge1": average(totals["rouge-1"]), "rouge2": average(totals["rouge-2"]),
            "rougeL": average(totals["rouge-l"]),
            "distinct1": distinct_n(hyps, 1), "distinct2": distinct_n(hyps, 2),
            "mean_length": mean(len(h) for h in hyps) if hyps else 0.0,
            "reference_length": mean(len(r) for r in refs) if refs else 0.0,
            "empty": sum(not h for h in hyps)}


def generate_replies(bot, dialogues, batch_size: int, greedy: bool, seed: int) -> List[str]:
    """Each dialogue's last reply, written from its question and earlier turns."""
    overrides = {"top_k": 1} if greedy else {}
    replies = []
    for start in tqdm(range(0, len(dialogues), batch_size), desc="greedy" if greedy else "sampled", leave=False):
        batch = dialogues[start:start + batch_size]
        prompts = [bot.build_prompt(d.utterances[-2], d.utterances[:-2], bot.config.max_new_tokens) for d in batch]
        replies += bot.candidates(prompts, samples=1, seed=seed + start, **overrides)
    return replies


def freetext_report(bot, config) -> Dict:
    """Perplexity over every validation dialogue; replies scored on the first eval_max_dialogues."""
    from data_preprocess.dataset import DialogueDataset, make_loader
    from data_preprocess.preprocess import load_corpora, tokenize_corpora
    from trainer import validate

    try:
        dialogues = load_corpora(dataclasses.replace(config, grounded=False), names=("valid",)).get("valid")
    except CorpusError as e:  # e.g. the default valid_path, the knowledge-graph corpus
        raise CorpusError(f"{e}. A plain-mode model is measured on free-text dialogues: pass --valid_path=FILE") from None
    if not dialogues:
        raise CorpusError(f"no validation dialogues at {config.valid_path!r}: pass --valid_path=FILE "
                                "(or the --train_path and --valid_ratio the model was trained with)")
    max_len = min(config.max_len, bot.n_positions)
    token_lists = tokenize_corpora(bot.tokenizer, {"valid": dialogues}, max_len)[0]["valid"]
    data = DialogueDataset(token_lists, bot.tokenizer.sep_token_id, False, True, max_len)
    loader = make_loader(data, config.eval_batch_size, True, config.seed)
    report = {"perplexity": validate(bot.model, loader, bot.device)}
    cases = [d for d in dialogues if len(d.utterances) >= 2]
    cases = cases[:config.eval_max_dialogues] if config.eval_max_dialogues > 0 else cases
    references = [d.utterances[-1] for d in cases]
    for mode in ("greedy", "sampled"):
        replies = generate_replies(bot, cases, config.eval_batch_size, mode == "greedy", config.seed)
        report[f"freetext {mode}"] = freetext_scores(replies, references)
        if mode == "greedy":
            report["freetext examples"] = [{"q": d.utterances[-2], "reference": ref, "reply": reply}
                                           for d, ref, reply in zip(cases, references, replies)][:SHOWN_EXAMPLES]
    return report


def markdown_rows(report: Dict) -> List[str]:
    rows = [(k, m) for k, m in report.items() if k.startswith("freetext") and k != "freetext examples"]
    if not rows:
        return []
    lines = ["| free-text replies | n | BLEU-4 | ROUGE-1 | ROUGE-2 | ROUGE-L | distinct-1 | distinct-2 | mean length "
             "(reference) |", "|---|---|---|---|---|---|---|---|---|"]
    lines += [f"| {k} | {m['n']} | {m['bleu4']:.2f} | {m['rouge1']:.2f} | {m['rouge2']:.2f} | {m['rougeL']:.2f} | "
              f"{m['distinct1']:.3f} | {m['distinct2']:.3f} | {m['mean_length']:.1f} ({m['reference_length']:.1f}) |"
              for k, m in rows]
    return lines
