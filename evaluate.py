"""Measure a checkpoint: perplexity, patient questions, and held-out entities.

    python evaluate.py [--model_path=save_model/min_loss_model --eval_cases_file=data/patient_dev.jsonl]

1. Patient questions (`eval_cases_file`, written the way patients write, never trained on), each
   labelled with what a right reply is; scored as correct / wrong / honest decline / empty
   (eval_metrics). Three rows per decoding: the pipeline's own reply (the plan, no model), the
   model's words as generated, and the answer shown to users (the model's words checked against
   the plan's segment).
2. Held-out entities: corpus-style questions about entities no training dialogue mentioned;
   item F1 of the model's reply against the reply its segment stands for.
3. Perplexity on the validation pickle.
Earlier turns of multi-turn cases are answered by the bot itself. Markdown on stderr, JSON on stdout.
A plain-mode checkpoint (fine-tuned on your own dialogues) is measured on --valid_path's free-text
replies instead: perplexity, BLEU-4, ROUGE-1/2/L, distinct-1/2 (freetext_eval.py).
"""
import json
import logging
import os
import sys
from typing import Dict, List, Tuple

from tqdm import tqdm

from chatbot import Answer, ChatBot, ModelNotFound
from checkpoint import CONFIG_FILE
from data_preprocess.dialogue import CorpusError
from eval_metrics import LabelScorer, case_scores, distinct_n, f1_summary, patient_summary
from freetext_eval import freetext_report, markdown_rows
from parameter_config import ParameterConfig, cli_config, load_saved

logger = logging.getLogger(__name__)


def training_config(bot: ChatBot, config: ParameterConfig) -> ParameterConfig:
    """The config the checkpoint was trained with: its seed and ratio decide the held-out entities."""
    path = os.path.join(config.path(config.model_path), CONFIG_FILE)
    return load_saved(path) if os.path.exists(path) else bot.config


def heldout_cases(bot: ChatBot, config: ParameterConfig, n: int) -> List[dict]:
    """Corpus-style questions about the validation entities, with the reply each segment stands for."""
    from data_preprocess.build_corpus import CorpusBuilder, split_entities
    _, valid_entities = split_entities(bot.planner.kg, config)
    dialogues = CorpusBuilder(bot.planner.kg, config, bot.planner).build(valid_entities[:n], config.seed + 1)
    return [{"turns": [t if i % 2 == 0 else None for i, t in enumerate(d.utterances[:-1])], "gold": d.utterances[-1]}
            for d in dialogues[:n]]


def file_cases(path: str) -> List[dict]:
    """Labelled patient questions: {"turns": [q1, q2...], "label": {...}} per line."""
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:  # questions only: the bot answers the earlier ones itself
        if all(t is not None for t in row["turns"]):
            row["turns"] = [x for q in row["turns"] for x in (q, None)][:-1]
    return rows


def answer_all(bot: ChatBot, cases: List[dict], batch_size: int, greedy: bool, seed: int) -> List[Tuple[str, Answer]]:
    """(the model's words, the checked answer) for every case's last question."""
    overrides = {"top_k": 1} if greedy else {}
    histories = [[] for _ in cases]
    results: List[Tuple[str, Answer]] = [("", Answer(""))] * len(cases)
    depth = max((len(c["turns"]) for c in cases), default=0)
    for turn in range(0, depth, 2):
        todo = [i for i, c in enumerate(cases) if len(c["turns"]) > turn]
        for start in tqdm(range(0, len(todo), batch_size), desc=f"{'greedy' if greedy else 'sampled'} turn {turn // 2 + 1}",
                          leave=False):
            batch = todo[start:start + batch_size]
            questions = [cases[i]["turns"][turn] for i in batch]
            plans = [bot.plan(q, histories[i]) for q, i in zip(questions, batch)]
            prompts = [bot.build_prompt(q, histories[i], bot.config.max_new_tokens, p)
                       for q, i, p in zip(questions, batch, plans)]
            raw = bot.candidates(prompts, samples=1, seed=seed + start, **overrides)
            for i, q, plan, words in zip(batch, questions, plans, raw):
                answer = bot.finish(words, plan)
                given = cases[i]["turns"][turn + 1] if turn + 1 < len(cases[i]["turns"]) else None
                histories[i] += [q, given or answer.text]
                results[i] = (words, answer)
    return results


def patient_report(bot: ChatBot, cases: List[dict], config: ParameterConfig) -> Dict:
    linker = bot.planner.linker
    scorer = LabelScorer(bot.planner.kg, lambda term: [w for m in linker.symptoms(term) for w in m.candidates])
    labels = [c["label"] for c in cases]
    plans = []
    for case in cases:
        questions = [t for t in case["turns"] if t is not None]
        history = [x for q in questions[:-1] for x in (q, bot.planner.plan(q, []).reply)]
        plans.append(bot.plan(questions[-1], history))
    report = {"pipeline": patient_summary([scorer.outcome(p.reply, l) for p, l in zip(plans, labels)], labels)}
    for mode in ("greedy", "sampled"):
        results = answer_all(bot, cases, config.eval_batch_size, mode == "greedy", config.seed)
        report[f"{mode} model words"] = patient_summary([scorer.outcome(w, l) for (w, _), l in zip(results, labels)], labels)
        report[f"{mode} answer shown"] = patient_summary([scorer.outcome(a.text, l) for (_, a), l in zip(results, labels)], labels)
        report[f"{mode} answer shown"]["model_words_kept"] = sum(a.model_written for _, a in results) / len(results)
        if mode == "greedy":
            report["examples"] = [{"q": c["turns"][-1], "label": c["label"]["kind"], "reply": a.text,
                                   "outcome": scorer.outcome(a.text, c["label"]), "source": a.source}
                                  for c, (_, a) in zip(cases, results)]
    return report


def evaluate(config: ParameterConfig, bot: ChatBot = None) -> Dict:
    bot = bot or ChatBot.load(config)
    if bot.planner is None:  # plain mode: free-text replies, no graph to score against
        return {"model": config.model_path, **freetext_report(bot, config)}
    report = {"model": config.model_path, "perplexity": validation_metrics(bot, config)}
    if bot.planner is None:
        return report
    patients = file_cases(config.path(config.eval_cases_file)) if config.eval_cases_file else []
    if patients:
        report["patients"] = patient_report(bot, patients, config)
    heldout = heldout_cases(bot, training_config(bot, config), config.eval_cases_per_kind)
    if heldout:
        for mode in ("greedy", "sampled"):
            results = answer_all(bot, heldout, config.eval_batch_size, mode == "greedy", config.seed)
            words = [w for w, _ in results]
            report[f"heldout {mode}"] = dict(f1_summary([case_scores(w, c["gold"]) for w, c in zip(words, heldout)]),
                                             distinct_2=distinct_n(words, 2))
    return report


def validation_metrics(bot: ChatBot, config: ParameterConfig) -> Dict:
    from data_preprocess.dataset import DialogueDataset, load_token_lists, make_loader
    from trainer import validate
    path = config.path(config.valid_pkl)
    if not os.path.exists(path):
        return {"skipped": f"{config.valid_pkl} not found (run data_preprocess/preprocess.py)"}
    data = DialogueDataset(load_token_lists(path), bot.tokenizer.sep_token_id, bot.config.grounded,
                           True, bot.n_positions)
    return validate(bot.model, make_loader(data, config.eval_batch_size, True, config.seed), bot.device)


def markdown(report: Dict) -> str:
    rows = []
    patients = report.get("patients")
    if patients:
        rows += ["| patient questions | n | correct, of answerable | wrong, of all | honest declines, of unanswerable "
                 "| empty | small talk ok | emergency ok |", "|---|---|---|---|---|---|---|---|"]
        for name, m in patients.items():
            if name != "examples":
                rows.append(f"| {name} | {m['n']} | {m['correct_of_answerable']:.3f} | {m['wrong_of_all']:.3f} | "
                            f"{m['honest_decline_of_unanswerable']:.3f} | {m['empty']} | {m['chat_ok']:.3f} | "
                            f"{m['emergency_ok']:.3f} |")
    heldout = [(k, v) for k, v in report.items() if k.startswith("heldout")]
    if heldout:
        rows += ["", "| held-out entities | n | precision | recall | F1 | exact |", "|---|---|---|---|---|---|"]
        rows += [f"| {k} | {m['n']} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['exact']:.3f} |"
                 for k, m in heldout]
    rows += markdown_rows(report)
    ppl = report["perplexity"]
    if "loss" in ppl:
        rows.append(f"\nvalidation: loss {ppl['loss']:.4f}, perplexity {ppl['perplexity']:.3f}, "
                    f"token accuracy {ppl['accuracy']:.4f}")
    return "\n".join(rows)


def main(argv=None):
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    config = cli_config(sys.argv[1:] if argv is None else argv)
    try:
        report = evaluate(config)
    except (ModelNotFound, CorpusError) as e:
        raise SystemExit(f"error: {e}") from None
    print(markdown(report), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
