"""The double-annotation study of the bundled corpus: selection, building, figures for the card.

    python scripts/agreement.py select              # print the seeded selection of documents
    python scripts/agreement.py snapshot-a          # write corpus/agreement/annotator_a.jsonl from the first annotation
    python scripts/agreement.py build-b DIR...      # build corpus/agreement/annotator_b.jsonl from authoring folders
    python scripts/agreement.py apply               # merge with corpus/agreement/decisions.yaml, update the gold sources
    python scripts/agreement.py card                # regenerate the agreement section of corpus/README.md
    python scripts/agreement.py select-v2           # the corpus 0.2.0 study: seeded selection per genre
    python scripts/agreement.py build-v2 DIR...     # corpus/agreement/v2/: annotator A (the gold) and B (from DIRs)
    python scripts/agreement.py card-v2             # regenerate the 0.2.0 agreement section of corpus/README.md

Selection rule: the 64 reports come in 8 blocks of 8 ids (eg-001..eg-008, ...), one block per writer batch and
region group; in each block the two ids with the smallest SHA-256 of "eventgold-agreement-v1:<id>" are taken,
16 documents (25%), spread over regions and therefore over event types and splits.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
AGREEMENT = ROOT / "corpus" / "agreement"
SEED = "eventgold-agreement-v1"
BEGIN, END = "<!-- agreement:begin -->", "<!-- agreement:end -->"


def select(ids: list[str], per_block: int = 2, block: int = 8) -> list[str]:
    chosen: list[str] = []
    for i in range(0, len(ids), block):
        part = sorted(ids[i:i + block], key=lambda d: hashlib.sha256(f"{SEED}:{d}".encode()).hexdigest())
        chosen += sorted(part[:per_block])
    return chosen


SEED_V2 = "eventgold-agreement-v2"
SHARE_V2 = 0.26


def select_v2() -> dict[str, list[str]]:
    """Corpus 0.2.0 study: per genre, the ceil(26%) new documents (eg-101 to eg-410) with the smallest seeded hash.

    Together with the 16 documents of the 0.1.0 study this double-annotates more than 25% of the corpus, every genre.
    """
    import math

    import yaml

    reports = ROOT / "corpus" / "authoring" / "reports"
    by_genre: dict[str, list[str]] = {}
    for meta_path in sorted(reports.glob("eg-*.meta.yaml")):
        doc_id = meta_path.name.removesuffix(".meta.yaml")
        if not "eg-101" <= doc_id <= "eg-410":  # the documents written before the study began
            continue
        genre = (yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}).get("genre", "(none)")
        by_genre.setdefault(genre, []).append(doc_id)
    out = {}
    for genre, ids in sorted(by_genre.items()):
        ranked = sorted(ids, key=lambda d: hashlib.sha256(f"{SEED_V2}:{d}".encode()).hexdigest())
        out[genre] = sorted(ranked[:math.ceil(SHARE_V2 * len(ids))])
    return out


V2 = AGREEMENT / "v2"
BEGIN_V2, END_V2 = "<!-- agreement-v2:begin -->", "<!-- agreement-v2:end -->"
#: The study's targets (issue 12): (level, metric name) or attribute name -> minimum.
TARGETS_V2: list[tuple[str, str, str, float]] = [
    ("events", "identification", "event F1", 0.90),
    ("arguments", "classification", "Arg-C F1", 0.80),
    ("casualties", "tuple", "casualty (event, outcome, victim) F1", 0.80),
    ("actors", "identity", "actor identity F1", 0.80),
    ("time", "exact", "time exact F1", 0.85),
]


def build_v2(dirs: list[str]) -> None:
    """Write the study's two annotations: A = the gold of the selected documents, B = the independent annotation."""
    from eventgold.corpus import SPLITS, read_split
    from eventgold.corpus.authoring import build_all
    from eventgold.schema import write_documents

    chosen = {i for ids in select_v2().values() for i in ids}
    b = sorted((d for folder in dirs for d in build_all(folder)), key=lambda d: d.id)
    stray = sorted({d.id for d in b} - chosen)
    if stray:
        raise SystemExit(f"annotator B has documents outside the selection: {stray}")
    gold = {d.id: d for split in SPLITS for d in read_split(split)}
    V2.mkdir(exist_ok=True)
    write_documents(V2 / "annotator_a.jsonl", [gold[d.id] for d in b])
    write_documents(V2 / "annotator_b.jsonl", b)
    print(f"{len(b)} of {len(chosen)} selected documents double-annotated")


def _headline(report, level: str, name: str) -> tuple[float, float | None, float | None]:  # type: ignore[no-untyped-def]
    row = next(r for r in report.scores.rows if r.level == level and r.name == name and r.label == "*")
    return row.f1, row.f1_low, row.f1_high


def agreement_v2_section() -> str:
    """Agreement of the 0.2.0 study before adjudication: per level against the targets, then per genre."""
    import os
    import tempfile

    from eventgold.eval import Settings, agreement
    from eventgold.schema import read_documents, write_documents

    here = os.getcwd()
    os.chdir(ROOT)
    try:
        whole = agreement("corpus/agreement/v2/annotator_a.jsonl", "corpus/agreement/v2/annotator_b.jsonl",
                          settings=Settings(seed=0))
        a = list(read_documents("corpus/agreement/v2/annotator_a.jsonl"))
        b = {d.id: d for d in read_documents("corpus/agreement/v2/annotator_b.jsonl")}
        genres = sorted({str(d.metadata.get("genre")) for d in a})
        per_genre = {}
        with tempfile.TemporaryDirectory() as tmp:
            for genre in genres:
                docs = [d for d in a if str(d.metadata.get("genre")) == genre]
                write_documents(f"{tmp}/a.jsonl", docs)
                write_documents(f"{tmp}/b.jsonl", [b[d.id] for d in docs])
                per_genre[genre] = (len(docs), agreement(f"{tmp}/a.jsonl", f"{tmp}/b.jsonl", settings=Settings(seed=0)))
    finally:
        os.chdir(here)

    def cell(value: float, low: float | None, high: float | None) -> str:
        return f"{value:.3f}" + ("" if low is None else f" [{low:.3f}, {high:.3f}]")

    modality = next(x for x in whole.attributes if x.name == "modality")
    lines = [f"{len(a)} documents, annotator A = the gold after the second-annotator review, annotator B = an "
             "independent annotation from the text and the guidelines only; before adjudication; 95% document-"
             "bootstrap intervals, seed 0.", "",
             "| measure | agreement | target | met |", "|---|---:|---:|---|"]
    for level, name, title, target in TARGETS_V2:
        value, low, high = _headline(whole, level, name)
        lines.append(f"| {title} | {cell(value, low, high)} | {target:.2f} | {'yes' if value >= target else '**no**'} |")
    kappa = modality.kappa
    lines.append(f"| modality Cohen's kappa | {'n/a' if kappa is None else f'{kappa:.3f}'} | 0.85 | "
                 f"{'yes' if kappa is not None and kappa >= 0.85 else '**no**'} |")
    lines += ["", "Per genre (F1 with intervals):", "",
              "| genre | documents | " + " | ".join(t for _, _, t, _ in TARGETS_V2) + " |",
              "|---|---:|" + "---:|" * len(TARGETS_V2)]
    for genre, (n, report) in per_genre.items():
        lines.append(f"| `{genre}` | {n} | " + " | ".join(cell(*_headline(report, lv, nm)) for lv, nm, _, _ in TARGETS_V2)
                     + " |")
    return "\n".join(lines)


def refresh_card_v2(card: Path = ROOT / "corpus" / "README.md") -> bool:
    text = card.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN_V2)
    _, _, tail = rest.partition(END_V2)
    new = f"{head}{BEGIN_V2}\n{agreement_v2_section().strip()}\n{END_V2}{tail}"
    changed = new != text
    if changed:
        card.write_text(new, encoding="utf-8")
    return changed


def study_ids() -> list[str]:
    """The 64 reports of corpus version 0.1.0 that the study sampled (eg-001 ... eg-064)."""
    return sorted(p.stem for p in (ROOT / "corpus" / "authoring" / "reports").glob("eg-0[0-6][0-9].txt")
                  if p.stem <= "eg-064")


def snapshot_a() -> None:
    from eventgold.corpus.authoring import build_document
    from eventgold.schema import write_documents

    write_documents(AGREEMENT / "annotator_a.jsonl", [build_document(ROOT / "corpus" / "authoring", i) for i in select(study_ids())])


def build_b(dirs: list[str]) -> None:
    from eventgold.corpus.authoring import build_all
    from eventgold.schema import write_documents

    docs = sorted((d for folder in dirs for d in build_all(folder)), key=lambda d: d.id)
    if [d.id for d in docs] != select(study_ids()):
        raise SystemExit(f"annotator B covers {[d.id for d in docs]}, expected {select(study_ids())}")
    write_documents(AGREEMENT / "annotator_b.jsonl", docs)


def apply() -> None:
    """Adjudicate A and B with the recorded decisions and write the result back into the gold's sources."""
    import yaml

    from eventgold.corpus.authoring import to_authoring
    from eventgold.eval.adjudication import adjudicate, read_decisions
    from eventgold.schema import read_documents, write_documents

    decided = read_decisions((AGREEMENT / "decisions.yaml").read_text(encoding="utf-8"))
    merged, _, totals = adjudicate(read_documents(AGREEMENT / "annotator_a.jsonl"),
                                   read_documents(AGREEMENT / "annotator_b.jsonl"), decided)
    if totals["undecided"]:
        raise SystemExit(f"{totals['undecided']} disagreements are still undecided in corpus/agreement/decisions.yaml")
    write_documents(AGREEMENT / "adjudicated.jsonl", merged)
    reports = ROOT / "corpus" / "authoring" / "reports"
    for doc in merged:
        meta = yaml.safe_load((reports / f"{doc.id}.meta.yaml").read_text(encoding="utf-8"))
        ann = to_authoring(doc, meta)
        path = ROOT / "corpus" / "authoring" / "annotations" / f"{doc.id}.yaml"
        header = "# Adjudicated: merged from two independent annotations (see corpus/agreement/).\n"
        path.write_text(header + yaml.safe_dump(ann, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
    print(totals)


def agreement_section() -> str:
    """The agreement figures for the card, computed from the two files (before adjudication)."""
    import os

    from eventgold.eval import Settings, agreement, render

    here = os.getcwd()
    os.chdir(ROOT)  # relative paths in the report, so the card reads the same on every machine
    try:
        report = agreement("corpus/agreement/annotator_a.jsonl", "corpus/agreement/annotator_b.jsonl",
                           settings=Settings(seed=0))
    finally:
        os.chdir(here)
    body = render(report, "markdown")
    # the run's versions and date change every run; the card keeps the rest of 'About this report'
    body = "\n".join(line for line in body.split("\n") if not line.startswith("eventgold ") or " · schema " not in line)
    body = body.replace("\n\n\n", "\n\n")
    decisions = AGREEMENT / "decisions.yaml"
    extra = ""
    if decisions.exists():
        from eventgold.eval.adjudication import read_decisions

        decided = read_decisions(decisions.read_text(encoding="utf-8"))
        took_b = sum(1 for d in decided.values() if d.choice == "b")
        extra = (f"\n\nAdjudication: {len(decided)} disagreements decided; {took_b} of them changed the gold "
                 f"(B's version taken), {len(decided) - took_b} kept the first annotation. "
                 "Every decision, with its note, is in `corpus/agreement/decisions.yaml`.")
    return body.replace("\n# ", "\n#### ").replace("\n## ", "\n#### ").lstrip("# ").split("\n", 1)[1] + extra


def refresh_card(card: Path = ROOT / "corpus" / "README.md") -> bool:
    text = card.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    new = f"{head}{BEGIN}\n{agreement_section().strip()}\n{END}{tail}"
    changed = new != text
    if changed:
        card.write_text(new, encoding="utf-8")
    return changed


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "select":
        print(json.dumps(select(study_ids())))
    elif command == "snapshot-a":
        snapshot_a()
    elif command == "build-b":
        build_b(sys.argv[2:])
    elif command == "apply":
        apply()
    elif command == "card":
        refresh_card()
    elif command == "select-v2":
        print(json.dumps(select_v2(), indent=1))
    elif command == "build-v2":
        build_v2(sys.argv[2:])
    elif command == "card-v2":
        refresh_card_v2()
    else:
        print(__doc__, file=sys.stderr)
        raise SystemExit(2)
