"""Dataset cards: a skeleton for a user's corpus folder, and the statistics table for any card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventgold.schema import read_documents

from .folder import SPLITS
from .stats import STATISTICS, corpus_stats


def stats_table(root: str | Path) -> str:
    """A Markdown table of every statistic per split and in total."""
    root = Path(root)
    per_split = {s: corpus_stats(read_documents(root / f"{s}.jsonl")) for s in SPLITS}
    lines = ["| statistic | " + " | ".join(SPLITS) + " | total | minimum |", "|---|" + "---:|" * (len(SPLITS) + 2)]
    for stat in STATISTICS:
        values = [per_split[s][stat.name] for s in SPLITS]
        minimum = "" if stat.minimum is None else str(stat.minimum)
        lines.append(f"| {stat.name} | " + " | ".join(map(str, values)) + f" | {sum(values)} | {minimum} |")
    return "\n".join(lines)


def card_skeleton(root: str | Path, manifest: dict[str, Any]) -> str:
    """A dataset card to fill in, with the YAML header Hugging Face expects and the counts filled in."""
    sizes = {s: manifest["splits"][s]["documents"] for s in SPLITS}
    total = sum(sizes.values())
    size_cat = "n<1K" if total < 1000 else "1K<n<10K" if total < 10_000 else "10K<n<100K"
    header = "\n".join([
        "---",
        "license: other  # TODO: choose a license",
        "language: [en]",
        "task_categories: [token-classification]",
        "task_ids: [named-entity-recognition]",
        f"size_categories: [{size_cat}]",
        f"pretty_name: {manifest['name']}",
        "configs:",
        "  - config_name: default",
        "    data_files:",
        *[f"      - split: {s}\n        path: {s}.jsonl" for s in SPLITS],
        "---",
    ])
    return f"""{header}

# {manifest['name']} (version {manifest['version']})

TODO: one paragraph on what this corpus is and who it is for.

## Composition

{stats_table(root)}

## Splits

{', '.join(f'{s}: {n} documents' for s, n in sizes.items())}; rule: {manifest['split_method']['rule']}.

## How it was written and annotated

TODO: sources, annotators, guidelines version, agreement figures.

## Known limitations

TODO.
"""


BEGIN, END = "<!-- stats:begin -->", "<!-- stats:end -->"


def refresh_card(card: str | Path, root: str | Path) -> bool:
    """Rewrite the statistics table between the markers of a card; return True when it changed."""
    card = Path(card)
    text = card.read_text(encoding="utf-8")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    new = f"{head}{BEGIN}\n{stats_table(root)}\n{END}{tail}"
    if new != text:
        card.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    import sys

    refresh_card(sys.argv[1], sys.argv[2])
