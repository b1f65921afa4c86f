"""Dataset cards: a skeleton for a user's corpus folder, and the statistics table for any card."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from eventgold.schema import read_documents

from .density import DENSITIES, densities, group_key
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


def genre_table(root: str | Path, key: str = "genre") -> str:
    """A Markdown table of the reading densities per genre (and in total), with hard negatives and split sizes."""
    root = Path(root)
    docs = {s: list(read_documents(root / f"{s}.jsonl")) for s in SPLITS}
    everything = [d for s in SPLITS for d in docs[s]]
    groups = densities(everything, by=key)
    split_counts = {s: densities(docs[s], by=key) for s in SPLITS}
    hard = {name: sum(bool(d.metadata.get("hard_negative")) for d in everything if group_key(d, key) == name)
            for name in groups}
    hard["all"] = sum(hard.values())
    heads = [d.short for d in DENSITIES]
    lines = [f"| {key} | " + " | ".join(heads) + " | hard negatives | " + " / ".join(SPLITS) + " |",
             "|---|" + "---:|" * (len(heads) + 2)]
    for name, values in groups.items():
        cells = ["–" if values[d.name] is None else
                 (f"{values[d.name]:.0f}" if d.name in ("documents", "mean_words") else f"{values[d.name]:.2f}")
                 for d in DENSITIES]
        sizes = " / ".join(str(split_counts[s].get(name, {}).get("documents", 0)) for s in SPLITS)
        label = f"**{name}**" if name == "all" else f"`{name}`"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {hard.get(name, 0)} | {sizes} |")
    return "\n".join(lines)


def example_block(root: str | Path, genre: str = "event_note") -> str:
    """The shortest document of ``genre`` in dev, as its text and its annotation in the authoring form."""
    import yaml

    from .authoring import to_authoring

    docs = [d for d in read_documents(Path(root) / "dev.jsonl") if d.metadata.get("genre") == genre]
    if not docs:
        return f"(no {genre} document in dev)"
    doc = min(docs, key=lambda d: (len(d.text), d.id))
    annotation = yaml.safe_dump(to_authoring(doc, dict(doc.metadata)), allow_unicode=True, sort_keys=False, width=110)
    return f"`{doc.id}` ({doc.published}, {genre}):\n\n```text\n{doc.text.strip()}\n```\n\n```yaml\n{annotation}```"


#: Generated blocks of a card: marker name -> function of the corpus folder.
BLOCKS = {"stats": stats_table, "genres": genre_table, "example": example_block}


def refresh_card(card: str | Path, root: str | Path) -> bool:
    """Rewrite every generated block (between ``<!-- NAME:begin -->`` and ``<!-- NAME:end -->``); True when changed."""
    card = Path(card)
    text = card.read_text(encoding="utf-8")
    new = text
    for name, make in BLOCKS.items():
        begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
        if begin not in new:
            continue
        head, _, rest = new.partition(begin)
        _, _, tail = rest.partition(end)
        new = f"{head}{begin}\n{make(root)}\n{end}{tail}"
    if new != text:
        card.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    import sys

    refresh_card(sys.argv[1], sys.argv[2])
