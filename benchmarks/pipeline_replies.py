"""Score the pipeline's replies on patient sets and list what a change moved.

    python benchmarks/pipeline_replies.py data/patient_dev*.jsonl --dump=/tmp/before.tsv
    (change kgqa/…)
    python benchmarks/pipeline_replies.py data/patient_dev*.jsonl --dump=/tmp/after.tsv --compare=/tmp/before.tsv

The pipeline row of evaluate.py (the plan's reply, no model: seconds instead of minutes per set),
one line per set, and optionally every reply to a TSV (set:id, outcome, kind/type, the turns, the
reply) and the replies that differ from an earlier dump. A development aid, not a measurement:
evaluate.py's figures are the ones the README reports.
"""
import argparse
import csv
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from eval_metrics import LabelScorer, patient_summary  # noqa: E402
from evaluate import file_cases  # noqa: E402
from kgqa.graph import MedicalKG  # noqa: E402
from kgqa.planner import AnswerPlanner  # noqa: E402


def set_name(path: str) -> str:
    match = re.search(r"patient_(\w+)\.jsonl$", path)
    return match.group(1) if match else os.path.basename(path)


def pipeline_rows(planner: AnswerPlanner, scorer: LabelScorer, path: str):
    """(key, outcome, kind/type, questions, reply) per case, and the set's summary."""
    rows, outcomes, labels = [], [], []
    for number, case in enumerate(file_cases(path)):
        questions = [t for t in case["turns"] if t is not None]
        history = [x for q in questions[:-1] for x in (q, planner.plan(q, []).reply)]
        reply = planner.plan(questions[-1], history[0::2]).reply
        label = case["label"]
        outcome = scorer.outcome(reply, label)
        outcomes.append(outcome)
        labels.append(label)
        rows.append((f"{set_name(path)}:{case.get('id', number)}", outcome,
                     f"{label['kind']}/{label.get('type', '')}", " | ".join(questions), reply))
    return rows, patient_summary(outcomes, labels)


def compare(old_path: str, rows) -> int:
    with open(old_path, encoding="utf-8") as f:
        old = {r[0]: r for r in csv.reader(f, delimiter="\t")}
    changed = 0
    for row in rows:
        before = old.get(row[0])
        if before is None or before[4] != row[4]:
            changed += 1
            print(f"\n{row[0]} {row[2]}  {row[3]}\n  was ({before[1] if before else 'new'}): "
                  f"{before[4] if before else ''}\n  now ({row[1]}): {row[4]}")
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    parser.add_argument("--dump", help="write every reply to this TSV")
    parser.add_argument("--compare", help="print the replies that differ from this earlier dump")
    args = parser.parse_args(argv)
    kg = MedicalKG.load()
    planner = AnswerPlanner(kg)
    scorer = LabelScorer(kg, lambda term: [w for m in planner.linker.symptoms(term) for w in m.candidates])
    everything = []
    for path in sorted(args.files, key=lambda p: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", p)]):
        rows, m = pipeline_rows(planner, scorer, path)
        everything += rows
        print(f"{set_name(path):>10} n={m['n']:3d} correct {m['correct_of_answerable']:.3f} wrong {m['wrong_of_all']:.3f} "
              f"declines {m['honest_decline_of_unanswerable']:.3f} empty {m['empty']} emergency {m['emergency_ok']:.3f}")
    if args.dump:
        with open(args.dump, "w", encoding="utf-8", newline="") as f:
            csv.writer(f, delimiter="\t").writerows(everything)
    if args.compare:
        print(f"\n{compare(args.compare, everything)} replies changed")


if __name__ == "__main__":
    main()
