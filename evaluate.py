"""Measure a checkpoint: perplexity on the validation pickle and answer accuracy through the chat path.

    python evaluate.py [--model_path=save_model/min_loss_model --eval_cases_per_kind=100]

Questions are built from the knowledge graph about the validation entities (never trained on in
grounded mode), in four kinds: seed phrasing, natural phrasing (half of them phrasings training
never used), a follow-up turn that refers back by pronoun, and diseases absent from the graph.
Each is answered with the default sampling settings (fixed seed) and greedily. Markdown table on
stderr, JSON on stdout.
"""
import json
import logging
import os
import random
import sys
from typing import Dict, List

from tqdm import tqdm

from chatbot import ChatBot, ModelNotFound
from checkpoint import CONFIG_FILE
from data_preprocess.build_corpus import (
    entity_facts,
    fake_disease_names,
    split_entities,
)
from data_preprocess.knowledge import (
    ITEM_SEP,
    clean_items,
    load_templates,
    not_found_reply,
)
from eval_metrics import case_scores, summarize
from parameter_config import ParameterConfig, cli_config, load_saved

logger = logging.getLogger(__name__)
GOLD_CAP = 1000  # gold = every object of the relation in the graph, not just the ones shown


def training_config(bot: ChatBot, config: ParameterConfig) -> ParameterConfig:
    """The config the checkpoint was trained with: its seed and ratio decide the held-out entities."""
    path = os.path.join(config.path(config.model_path), CONFIG_FILE)
    return load_saved(path) if os.path.exists(path) else bot.config


def graph_cases(bot: ChatBot, config: ParameterConfig, n: int) -> List[dict]:
    """{kind, turns, gold} cases about the entities held out of training (config = the training
    config); turns end with the question to score, earlier turns' answers are filled in by the
    model itself at evaluation time (None here)."""
    kg, rng, templates = bot.kg, random.Random(config.seed + 1), load_templates()
    train_entities, valid_entities = split_entities(kg, config)
    entities = valid_entities or train_entities
    cases = {"seed": [], "natural": [], "followup": []}
    for entity in rng.sample(entities, len(entities)):
        _, facts = entity_facts(kg, entity, config)
        facts = [f for f in facts if f.intent is not None]
        if len(facts) < 2:
            continue
        a, b = rng.sample(facts, 2)
        gold = clean_items(kg.graph[entity][a.relation], GOLD_CAP)
        cases["seed"].append({"turns": [templates["seed"].format(e=entity, r=a.relation)], "gold": gold})
        pool = a.intent.eval_only if rng.random() < 0.5 else a.intent.natural
        unseen = pool is a.intent.eval_only
        cases["natural"].append({"turns": [rng.choice(pool).format(e=entity)], "gold": gold, "unseen_phrasing": unseen})
        cases["followup"].append({"turns": [rng.choice(a.intent.natural).format(e=entity), None,
                                            rng.choice(b.intent.followup)],
                                  "gold": clean_items(kg.graph[entity][b.relation], GOLD_CAP)})
        if min(len(v) for v in cases.values()) >= n:
            break
    phrasings = templates["not_found_questions"]
    cases["not_found"] = [{"turns": [rng.choice(phrasings).format(e=name)], "gold": [not_found_reply()]}
                          for name in fake_disease_names(kg, n, rng)]
    return [dict(case, kind=kind) for kind, items in cases.items() for case in items[:n]]


def file_cases(path: str) -> List[dict]:
    if not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [dict(json.loads(line), kind="file") for line in f if line.strip()]


def answer_all(bot: ChatBot, cases: List[dict], batch_size: int, greedy: bool, seed: int) -> List[str]:
    """Answer every case's last question; earlier open turns are answered by the model first."""
    overrides = {"top_k": 1} if greedy else {}
    histories = [[] for _ in cases]
    replies = [""] * len(cases)
    depth = max(len(c["turns"]) for c in cases)
    for turn in range(0, depth, 2):
        todo = [i for i, c in enumerate(cases) if len(c["turns"]) > turn]
        for start in tqdm(range(0, len(todo), batch_size), desc=f"{'greedy' if greedy else 'sampled'} turn {turn // 2 + 1}",
                          leave=False):
            batch = todo[start:start + batch_size]
            prompts = [bot.build_prompt(cases[i]["turns"][turn], histories[i], bot.config.max_new_tokens) for i in batch]
            answers = bot.candidates(prompts, samples=1, seed=seed + start, **overrides)
            for i, answer in zip(batch, answers):
                given = cases[i]["turns"][turn + 1] if turn + 1 < len(cases[i]["turns"]) else None
                histories[i] += [cases[i]["turns"][turn], given or answer]
                replies[i] = answer
    return replies


def evaluate(config: ParameterConfig, bot: ChatBot = None) -> Dict:
    bot = bot or ChatBot.load(config)
    cases = (graph_cases(bot, training_config(bot, config), config.eval_cases_per_kind) if bot.kg else []) + \
        (file_cases(config.path(config.eval_cases_file)) if config.eval_cases_file else [])
    report = {"model": config.model_path, "cases": len(cases), "perplexity": validation_metrics(bot, config)}
    for mode in ("sampled", "greedy"):
        replies = answer_all(bot, cases, config.eval_batch_size, mode == "greedy", config.seed)
        scores = [dict(case_scores(r, c["gold"], bot.config.max_answer_items), kind=c["kind"],
                       unseen_phrasing=c.get("unseen_phrasing", False)) for r, c in zip(replies, cases)]
        report[mode] = summarize(scores, replies)
        report[mode]["examples"] = [{"q": c["turns"][-1], "reply": r, "gold": ITEM_SEP.join(c["gold"][:5])}
                                    for c, r in list(zip(cases, replies))[::max(1, len(cases) // 8)]]
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
    rows = ["| decoding | kind | n | precision | recall | F1 | exact |", "|---|---|---|---|---|---|---|"]
    for mode in ("sampled", "greedy"):
        for kind, m in report[mode]["by_kind"].items():
            rows.append(f"| {mode} | {kind} | {m['n']} | {m['precision']:.3f} | {m['recall']:.3f} | "
                        f"{m['f1']:.3f} | {m['exact']:.3f} |")
        m = report[mode]
        rows.append(f"| {mode} | repetition rate {m['repetition_rate']:.3f}, distinct-1 {m['distinct_1']:.3f}, "
                    f"distinct-2 {m['distinct_2']:.3f} | | | | | |")
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
    except ModelNotFound as e:
        raise SystemExit(f"error: {e}") from None
    print(markdown(report), file=sys.stderr)
    print(json.dumps(report, ensure_ascii=False))


if __name__ == "__main__":
    main()
