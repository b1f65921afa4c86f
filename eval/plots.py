"""Plots for the HTML report, drawn with matplotlib and returned as base64 PNG (no files, no display)."""

from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from .report import Confusion, Row  # noqa: E402


def _png(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def f1_with_intervals(rows: list[Row], title: str) -> str | None:
    """Horizontal bars of F1 per label, with the bootstrap interval as an error bar."""
    rows = [r for r in rows if r.f1 is not None]
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(rows) + 1.2))
    y = np.arange(len(rows))
    values = np.array([r.f1 for r in rows], dtype=float)
    low = np.array([r.f1_low if r.f1_low is not None else r.f1 for r in rows], dtype=float)
    high = np.array([r.f1_high if r.f1_high is not None else r.f1 for r in rows], dtype=float)
    ax.barh(y, values, color="#4C78A8")
    ax.errorbar(values, y, xerr=[np.clip(values - low, 0, None), np.clip(high - values, 0, None)], fmt="none",
                ecolor="black", capsize=3, linewidth=1)
    ax.set_yticks(y, [f"{r.label} (n={r.counts.get('tp', 0) + r.counts.get('fn', 0)})" for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("F1 (bars: bootstrap interval)")
    ax.set_title(title)
    return _png(fig)


def confusion_heatmap(confusion: Confusion) -> str | None:
    """The confusion table as a heat map with the counts written in the cells."""
    if not confusion.matrix:
        return None
    m = np.array(confusion.matrix, dtype=float)
    fig, ax = plt.subplots(figsize=(0.5 * len(confusion.pred_labels) + 2.5, 0.45 * len(confusion.gold_labels) + 1.8))
    ax.imshow(m, cmap="Blues")
    ax.set_xticks(range(len(confusion.pred_labels)), confusion.pred_labels, rotation=60, ha="right")
    ax.set_yticks(range(len(confusion.gold_labels)), confusion.gold_labels)
    ax.set_xlabel("predicted")
    ax.set_ylabel("gold")
    top = m.max() if m.size else 0
    for i in range(m.shape[0]):
        for j in range(m.shape[1]):
            if m[i, j]:
                ax.text(j, i, str(int(m[i, j])), ha="center", va="center",
                        color="white" if m[i, j] > top / 2 else "black", fontsize=8)
    ax.set_title(confusion.title)
    return _png(fig)


def count_errors(histogram: dict[str, int], clip: int) -> str | None:
    """Signed errors (predicted minus gold) of casualty totals, clipped at ±clip."""
    if not histogram:
        return None
    xs = sorted(int(k) for k in histogram)
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.bar(xs, [histogram[str(x)] for x in xs], color=["#54A24B" if x == 0 else "#E45756" for x in xs])
    ax.set_xlabel(f"predicted − gold casualty total (clipped at ±{clip})")
    ax.set_ylabel("event totals")
    ax.set_title("Casualty count errors")
    return _png(fig)
