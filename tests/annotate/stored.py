"""What Label Studio does to imported tasks, for offline round-trip tests.

Facts from ``shared/reference/label-studio.md`` (checked on Label Studio
1.23.2): tasks and results are stored as given; an export adds task, annotation
and prediction ids, ``completed_by`` as a user id and bookkeeping fields; the
synchronous export lists predictions as ids, a snapshot export in full. When an
annotator saves in the editor, span results get ``origin`` and a ``value.text``
whose newlines are a literal backslash-n, and runs of whitespace may collapse.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any


def stored_export(tasks: list[dict[str, Any]], *, first_id: int = 1, annotator: int = 1,
                  full_predictions: bool = True) -> list[dict[str, Any]]:
    """Tasks as a Label Studio JSON export returns them after importing ``tasks``."""
    out = []
    ann_id = 100
    pred_id = 500
    for n, task in enumerate(json.loads(json.dumps(tasks)), start=first_id):
        annotations = []
        for ann in task.get("annotations", []):
            ann_id += 1
            annotations.append({
                "id": ann_id, "completed_by": annotator, "result": ann["result"],
                "was_cancelled": ann.get("was_cancelled", False), "ground_truth": ann.get("ground_truth", True),
                "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-01T00:00:00.000000Z",
                "draft_created_at": None, "lead_time": None, "prediction": {}, "result_count": len(ann["result"]),
                "unique_id": f"u-{ann_id}", "import_id": None, "last_action": None, "bulk_created": False,
                "task": n, "project": 1, "updated_by": annotator, "parent_prediction": None,
                "parent_annotation": None, "last_created_by": None,
            })
        predictions: list[Any] = []
        for pred in task.get("predictions", []):
            pred_id += 1
            predictions.append({"id": pred_id, **pred, "task": n, "project": 1} if full_predictions else pred_id)
        out.append({
            "id": n, "data": task["data"], "annotations": annotations, "drafts": [], "predictions": predictions,
            "meta": {}, "created_at": "2026-01-01T00:00:00.000000Z", "updated_at": "2026-01-01T00:00:00.000000Z",
            "inner_id": n, "total_annotations": len(annotations), "cancelled_annotations": 0,
            "total_predictions": len(predictions), "comment_count": 0, "unresolved_comment_count": 0,
            "last_comment_updated_at": None, "project": 1, "updated_by": None, "allow_skip": True,
            "comment_authors": [],
        })
    return out


def resaved_in_editor(task: dict[str, Any], *, collapse_whitespace: bool = True) -> dict[str, Any]:
    """The task after an annotator opened and saved each annotation in Label Studio's editor."""
    task = copy.deepcopy(task)
    for ann in task["annotations"]:
        for item in ann["result"]:
            if item.get("type") == "relation":
                continue
            item["origin"] = "manual"
            value = item["value"]
            if item["type"] == "labels":
                text = re.sub(r"[\n\r]", "\\\\n", value["text"])
                value["text"] = re.sub(r"[ \t]+", " ", text) if collapse_whitespace else text
    return task
