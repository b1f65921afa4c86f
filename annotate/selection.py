"""Which annotation of an exported task becomes the document: by annotator, ground truth, or a model's prediction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventgold.schema import Profile, UsageError

from .located import Skip, Where


@dataclass(frozen=True)
class Selection:
    """Which annotation of a task becomes the document.

    ``annotator`` is a user id (digits) or an email; ``ground_truth`` takes the
    annotation marked as ground truth; both together take that annotator's
    ground-truth annotation. ``prediction`` takes the prediction of that
    ``model_version`` instead of an annotation. With none of them a task must
    have exactly one annotation. A cancelled (skipped) annotation is chosen
    only when it is the only candidate (and is then an error): beside a
    submitted annotation it is not a second choice.
    """

    annotator: str | None = None
    ground_truth: bool = False
    prediction: str | None = None

    def __post_init__(self) -> None:
        if self.prediction is not None and (self.annotator is not None or self.ground_truth):
            raise UsageError("--prediction reads a model's prediction; it cannot be combined with --annotator or "
                             "--ground-truth")


def task_label(task: Any, index: int | None) -> str:
    tid = task.get("id") if isinstance(task, dict) else None
    if isinstance(tid, int | str) and not isinstance(tid, bool):
        return f"task {tid}"
    return f"tasks[{index}]" if index is not None else "task"


def _user(completed_by: Any) -> tuple[int | None, str | None]:
    """(id, email) of an annotation's ``completed_by`` (an int, or an object in some exports)."""
    if isinstance(completed_by, int) and not isinstance(completed_by, bool):
        return completed_by, None
    if isinstance(completed_by, dict):
        uid = completed_by.get("id")
        email = completed_by.get("email")
        return (uid if isinstance(uid, int) else None), (email.lower() if isinstance(email, str) else None)
    return None, None


def _by(annotation: dict[str, Any], annotator: str) -> bool:
    uid, email = _user(annotation.get("completed_by"))
    if annotator.isdigit():
        return uid == int(annotator)
    return email == annotator.lower()


def _who(annotation: dict[str, Any]) -> str:
    uid, email = _user(annotation.get("completed_by"))
    return email or (f"annotator {uid}" if uid is not None else "an unknown annotator")


def select_result(task: dict[str, Any], select: Selection, where: Where) -> tuple[Any, Profile]:
    """The result list the selection picks, and the profile to check it under."""
    def skip(reason: str, message: str, hint: str) -> Skip:
        return Skip(reason, [where.problem(message, hint)])

    if select.prediction is not None:
        preds = task.get("predictions") or []
        if not isinstance(preds, list):
            raise skip("malformed predictions", "predictions is not a list", "Re-export the project")
        if any(not isinstance(p, dict) for p in preds):
            raise skip("predictions exported as ids", "predictions are exported as ids only",
                       "Export a snapshot with full predictions (eventgold annotate pull does)")
        found = [p for p in preds if p.get("model_version") == select.prediction]
        if len(found) != 1:
            versions = sorted({str(p.get("model_version")) for p in preds})
            if not found:
                raise skip("no prediction of the model", f"no prediction from model {select.prediction!r} (found: "
                           f"{', '.join(versions) or 'none'})", "Check --prediction against the model versions")
            raise skip("several predictions of the model", f"{len(found)} predictions from model "
                       f"{select.prediction!r}", "Delete the extra predictions in Label Studio")
        pred = found[0]
        where.source = f"prediction {pred.get('id', '?')} ({select.prediction})"
        return pred.get("result"), Profile.PREDICTION

    anns = task.get("annotations") or []
    if not isinstance(anns, list) or any(not isinstance(a, dict) for a in anns):
        raise skip("malformed annotations", "annotations is not a list of objects",
                   "Export the project in Label Studio's JSON format")
    cands = anns
    wanted = []
    if select.ground_truth:
        cands = [a for a in cands if a.get("ground_truth") is True]
        wanted.append("ground-truth")
    if select.annotator is not None:
        cands = [a for a in cands if _by(a, select.annotator)]
    if not cands:
        if select.annotator is not None:
            who = ", ".join(sorted({_who(a).removeprefix("annotator ") for a in anns})) or "none"
            hint = "Choose one of the annotators listed, or pass --on-error skip to leave such tasks out"
            if "@" in select.annotator and all(_user(a.get("completed_by"))[1] is None for a in anns) and anns:
                hint = "This export names annotators by user id; pass --annotator with the id"
            wanted_s = " ".join(wanted + ["annotation"])
            raise skip("no annotation by the annotator", f"no {wanted_s} by annotator {select.annotator} "
                       f"(annotators here: {who})", hint)
        if select.ground_truth:
            raise skip("no ground-truth annotation", f"none of the {len(anns)} annotations is marked as ground truth",
                       "Mark one annotation as ground truth in Label Studio, or choose --annotator")
        raise skip("task without annotation", "task has no annotation",
                   "Annotate the task, or pass --on-error skip to leave unannotated tasks out")
    submitted = [a for a in cands if a.get("was_cancelled") is not True]
    if len(submitted) > 1:
        ids = ", ".join(f"{a.get('id', '?')} by {_who(a)}" + (" (cancelled)" if a.get("was_cancelled") is True else "")
                        for a in cands)
        hint = ("Keep one annotation per annotator, or mark one as ground truth" if select.annotator is not None
                else "Choose one with --annotator ID|EMAIL or --ground-truth")
        raise skip("several annotations", f"{len(submitted)} annotations to choose from ({ids})", hint)
    if not submitted:
        ann = cands[0]
        where.source = f"annotation {ann.get('id', '?')}"
        if len(cands) > 1:
            ids = ", ".join(f"{a.get('id', '?')} by {_who(a)}" for a in cands)
            raise skip("cancelled annotation", f"all {len(cands)} annotations were cancelled (skipped): {ids}",
                       "Leave cancelled annotations out with --on-error skip, or annotate the task")
        raise skip("cancelled annotation", f"annotation was cancelled (skipped) by {_who(ann)}",
                   "Leave cancelled annotations out with --on-error skip, or annotate the task")
    ann = submitted[0]  # a cancelled annotation beside it is a skip, not a second candidate
    where.source = f"annotation {ann.get('id', '?')}"
    return ann.get("result"), Profile.GOLD
