"""Push tasks to a running Label Studio server and pull annotations back, through label-studio-sdk.

The API token comes from ``LABEL_STUDIO_API_KEY``: a legacy token (sent as
``Authorization: Token ...``) or a personal access token (a JWT refresh token
the SDK trades for short-lived access tokens). It is handed to the SDK and
never printed, logged or written anywhere.

Projects are found by exact title. Pushing is rerunnable: tasks whose document
id is already in the project are skipped, so a second push adds nothing.
Pushing is also safe against another push to the same project at the same
time (a server-side check before and after each batch). Pulling reads the
tasks with their annotations and full predictions through the task API, so it
leaves no export file on the server.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from eventgold.schema import EventgoldError, UsageError, atomic_write, write_documents

from .config import labeling_config
from .export import Selection, iter_documents
from .readers import read_sources
from .scheme import DATA_ID
from .summary import Summary, check_on_error
from .tasks import iter_tasks, read_predictions

API_KEY_ENV = "LABEL_STUDIO_API_KEY"

TOKEN_HELP = (
    "In Label Studio open Account & Settings and copy the Personal Access Token (or the Legacy Token, "
    f"if the organization allows legacy tokens), then run: export {API_KEY_ENV}=<token>"
)

Task = dict[str, Any]


class StudioApiError(EventgoldError):
    """Label Studio answered a request with an error that is not about the token."""


def api_key_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The token in ``LABEL_STUDIO_API_KEY``; a :class:`UsageError` saying how to get one when it is unset."""
    value = (os.environ if environ is None else environ).get(API_KEY_ENV, "").strip()
    if not value:
        raise UsageError(f"{API_KEY_ENV} is not set, so eventgold cannot log in to Label Studio. {TOKEN_HELP}")
    return value


def _token_rejected(url: str, exc: ApiError) -> UsageError:
    detail = exc.body.get("detail") if isinstance(exc.body, dict) else None
    why = f": {detail}" if isinstance(detail, str) and detail else ""
    return UsageError(
        f"Label Studio at {url} rejected the API token in {API_KEY_ENV} (HTTP {exc.status_code}{why}). "
        f"The token may be mistyped, revoked, expired or from another server. {TOKEN_HELP}"
    )


@contextmanager
def talking_to(url: str) -> Iterator[None]:
    """Turn the SDK's and httpx's exceptions into eventgold errors that say what to do."""
    try:
        yield
    except ApiError as exc:
        if exc.status_code == 401:
            raise _token_rejected(url, exc) from None
        if exc.status_code == 403:
            raise UsageError(
                f"Label Studio at {url} refused the request (HTTP 403: {_detail(exc.body)}): the user whose token is "
                f"in {API_KEY_ENV} may not do this. Use the token of a member with more rights (the project's owner)"
            ) from None
        if exc.status_code == 404 and not isinstance(exc.body, dict):
            raise UsageError(
                f"{url} answered HTTP 404 ({_detail(exc.body)}) where Label Studio's API should be. Check --url: it is "
                "the server's address, without a path (e.g. http://127.0.0.1:8080)"
            ) from None
        raise StudioApiError(f"Label Studio at {url} answered HTTP {exc.status_code}: {_detail(exc.body)}") from None
    except httpx.TransportError as exc:
        raise UsageError(
            f"cannot reach Label Studio at {url} ({exc.__class__.__name__}: {exc}). "
            "Check --url and that the server is running (eventgold annotate serve starts one)"
        ) from None


_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)


def _detail(body: Any) -> str:
    """The useful part of an error body: the server's detail and its validation errors, if any.

    A web page (a proxy's or a web server's error page) is shown by its title, never whole.

    >>> _detail("<!DOCTYPE html><html><head><title>Page not found at /x/api/</title></head>" + "<p>x</p>" * 9999)
    "a web page titled 'Page not found at /x/api/' (80,066 characters)"
    """
    if not isinstance(body, dict):
        text = str(body if body is not None else "")
        title = _TITLE.search(text[:20_000])
        if title is not None or text.lstrip()[:1] == "<":
            name = " ".join(title.group(1).split())[:200] if title is not None else ""
            return (f"a web page titled {name!r}" if name else "a web page") + f" ({len(text):,} characters)"
        return text if len(text) <= 500 else f"{text[:500]}... ({len(text):,} characters)"
    detail = str(body.get("detail") or "")
    errors = body.get("validation_errors")
    if errors:
        detail = f"{detail} {json.dumps(errors, ensure_ascii=False)[:2000]}".strip()
    return detail or json.dumps(body, ensure_ascii=False)[:2000]


def connect(url: str, *, api_key: str | None = None, timeout: float = 120.0) -> LabelStudio:
    """A client for the server at ``url``, with the token checked by one request.

    ``api_key`` defaults to ``LABEL_STUDIO_API_KEY``. A missing or rejected token
    raises :class:`UsageError` naming the variable and how to get a token.
    """
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"--url must start with http:// or https://, got {url!r}")
    key = api_key if api_key is not None else api_key_from_env()
    with talking_to(url):
        client = LabelStudio(base_url=url.rstrip("/"), api_key=key, timeout=timeout)
        client.users.whoami()
    return client


@dataclass(frozen=True)
class ProjectRef:
    """A project on the server and what :func:`ensure_project` did to it."""

    id: int
    title: str
    created: bool = False
    config_updated: bool = False


def _titled(client: LabelStudio, title: str) -> list[Any]:
    """The projects titled exactly ``title``, oldest (lowest id) first."""
    found: list[Any] = []
    project: Any
    for project in client.projects.list(title=title):
        if project.title == title and project.id is not None:
            found.append(project)
    return sorted(found, key=lambda p: int(p.id))


def _duplicate_titles(title: str, ids: list[int]) -> UsageError:
    return UsageError(
        f"{len(ids)} projects are titled {title!r} (ids {', '.join(map(str, sorted(ids)))}). "
        "Rename all but one in Label Studio, or pass a unique --project"
    )


def find_project(client: LabelStudio, title: str) -> int | None:
    """The id of the project titled exactly ``title``, or None; two such projects are an error."""
    matches = [int(p.id) for p in _titled(client, title)]
    if len(matches) > 1:
        raise _duplicate_titles(title, matches)
    return matches[0] if matches else None


#: A project created this soon after an older one of the same title, and still empty, is a concurrent push's twin.
_TWIN_WINDOW = dt.timedelta(minutes=10)


def _settle(client: LabelStudio, title: str) -> int | None:
    """The oldest project titled ``title`` (None if there is none), after removing twins a concurrent push made.

    Pushes that run at the same time may each create the project. Label Studio
    numbers projects in the order they are stored, so every push that looks
    after creating its own sees the oldest and works in it; the younger, still
    empty twins are deleted (by whoever sees them; a project id is never
    reused). Two same-titled projects that are not such twins are an error.
    """
    same = _titled(client, title)
    if not same:
        return None
    oldest, *others = same
    twins = [p for p in others if not (p.task_number or 0) and p.created_at is not None
             and oldest.created_at is not None and p.created_at - oldest.created_at < _TWIN_WINDOW]
    if len(twins) != len(others):
        raise _duplicate_titles(title, [int(p.id) for p in same])
    for twin in twins:
        _delete_quietly(lambda i: client.projects.delete(id=i), int(twin.id))
    return int(oldest.id)


def ensure_project(client: LabelStudio, title: str, label_config: str) -> ProjectRef:
    """Create the project titled ``title``, or bring its labeling config up to date.

    Safe against a concurrent push creating the same project (see
    :func:`_settle`). Label Studio refuses a config that drops a label already
    used in annotations; that refusal comes back as :class:`StudioApiError`.
    """
    if len(title) < 3:
        raise UsageError(f"project title {title!r} is too short: Label Studio needs at least 3 characters")
    project_id = _settle(client, title)
    created_id: int | None = None
    if project_id is None:
        try:
            # not retried by the SDK: Label Studio may answer 500 after storing the project, and a retry makes another
            created = client.projects.create(title=title, label_config=label_config,
                                             request_options={"max_retries": 0})
            created_id = created.id
        except ApiError as exc:
            if (exc.status_code or 0) < 500:
                raise
        project_id = _settle(client, title)
        if project_id is None:
            raise StudioApiError(f"Label Studio did not create project {title!r}; run push again")
    current = client.projects.get(id=project_id)
    if (current.label_config or "").strip() == label_config.strip():
        return ProjectRef(id=project_id, title=title, created=project_id == created_id)
    try:
        client.projects.update(id=project_id, label_config=label_config)
    except ApiError as exc:
        if exc.status_code == 400:
            raise StudioApiError(
                f"Label Studio refused the new labeling config for project {title!r}: {_detail(exc.body)}. "
                "A config may not drop a label or control that existing annotations use"
            ) from None
        raise
    return ProjectRef(id=project_id, title=title, created=project_id == created_id, config_updated=created_id is None)


def show_model(client: LabelStudio, project_id: int, model_version: str) -> None:
    """Make the project show ``model_version``'s predictions to annotators (it must have predictions there)."""
    if client.projects.get(id=project_id).model_version != model_version:
        client.projects.update(id=project_id, model_version=model_version)


def project_tasks(client: LabelStudio, project_id: int, *, predictions: bool = True,
                  query: str | None = None) -> Iterator[Task]:
    """The project's tasks as plain dicts with ``id``, ``data`` and ``predictions`` (full objects).

    With ``predictions=False`` the server sends task data only (much less for
    large projects) and ``predictions`` is empty. ``query`` is a data manager
    filter (JSON), as :func:`tasks_with_documents` builds.
    """
    task: Any
    for task in client.tasks.list(project=project_id, fields="all" if predictions else "task_only", page_size=100,
                                  query=query):
        yield {
            "id": task.id,
            "data": dict(task.data or {}),
            "predictions": [p if isinstance(p, dict) else p.dict() for p in (task.predictions or [])],
            "total_annotations": getattr(task, "total_annotations", None) or 0,
            "cancelled_annotations": getattr(task, "cancelled_annotations", None) or 0,
        }


@dataclass(frozen=True)
class PushReport:
    """What a push did: tasks imported, tasks skipped because their document was there, predictions added."""

    project: ProjectRef
    imported: int
    skipped: int
    predictions_added: int

    @property
    def total(self) -> int:
        return self.imported + self.skipped


#: Document ids per task-filter request (the filter travels in the URL's query string).
_FILTER_IDS = 50


def tasks_with_documents(client: LabelStudio, project_id: int, doc_ids: Sequence[str], *,
                         predictions: bool = False) -> dict[str, list[Task]]:
    """The project's tasks whose document id is one of ``doc_ids``, by document id, in task id order.

    Asks the server (a data manager filter on ``data.doc_id``), so the answer includes what another
    run imported a moment ago.
    """
    found: dict[str, list[Task]] = {}
    wanted = set(doc_ids)
    unique = sorted(wanted)
    for start in range(0, len(unique), _FILTER_IDS):
        items = [{"filter": f"filter:tasks:data.{DATA_ID}", "operator": "equal", "type": "String", "value": doc_id}
                 for doc_id in unique[start:start + _FILTER_IDS]]
        query = json.dumps({"filters": {"conjunction": "or", "items": items}})
        for task in project_tasks(client, project_id, predictions=predictions, query=query):
            doc_id = task_document_id(task)
            if doc_id in wanted:  # the filter's matching is the server's; the id must be exactly ours
                found.setdefault(doc_id, []).append(task)
    for tasks in found.values():
        tasks.sort(key=lambda t: int(t["id"]))
    return found


def _delete_quietly(delete: Callable[[int], Any], item_id: int) -> None:
    """Delete a task or prediction; one that is gone already (another run deleted it) is fine."""
    try:
        delete(item_id)
    except ApiError as exc:
        if exc.status_code != 404:
            raise


def push_tasks(
    client: LabelStudio,
    project: ProjectRef,
    tasks: Sequence[Task],
    *,
    document_id: Callable[[Task], str],
    batch_size: int = 100,
    model_version: str | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> PushReport:
    """Import ``tasks`` in batches, skipping those whose document id is already in the project.

    Safe against another push to the same project at the same time: before
    each batch the server is asked which of its documents are there by now,
    and after the import it is asked again; where a document then has more
    than one task, the oldest (lowest id) stays and the run deletes its own
    newer copy. Label Studio stores imports one at a time (SQLite) and numbers
    tasks in that order, so the run whose import lands last always sees the
    other's copy and its own as the newer one: the project ends with one task
    per document, and that run counts the document as skipped.

    For a skipped task, predictions whose ``model_version`` the server's copy
    lacks are added (and rechecked the same way), so a push with a new
    model's predictions reaches old tasks too. With ``model_version`` the
    project then shows that model's predictions. ``on_progress(n)`` is called
    after each batch with the number of tasks handled in it.
    """
    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {batch_size}")
    present: dict[str, Task] = {}
    for task in project_tasks(client, project.id, predictions=any(t.get("predictions") for t in tasks)):
        doc_id = document_id(task)
        if doc_id and doc_id not in present:
            present[doc_id] = task
    new: list[Task] = []
    extra_predictions: list[dict[str, Any]] = []
    skipped = 0
    for task in tasks:
        doc_id = document_id(task)
        if doc_id in present:
            skipped += 1
            have = {p.get("model_version") for p in present[doc_id]["predictions"]}
            for prediction in task.get("predictions", []):
                if prediction.get("model_version") not in have:
                    extra_predictions.append({**prediction, "task": present[doc_id]["id"], "_doc": doc_id})
        else:
            new.append(task)
            present[doc_id] = {"id": None, "data": task.get("data", {}), "predictions": []}
    if skipped and on_progress is not None:
        on_progress(skipped)
    imported = 0
    for start in range(0, len(new), batch_size):
        batch = new[start:start + batch_size]
        landed, lost = _import_batch(client, project.id, batch, document_id)
        imported += landed
        skipped += lost
        if on_progress is not None:
            on_progress(len(batch))
    added = 0
    for start in range(0, len(extra_predictions), batch_size):
        added += _add_predictions(client, project.id, extra_predictions[start:start + batch_size])
    if model_version is not None:
        show_model(client, project.id, model_version)
    return PushReport(project=project, imported=imported, skipped=skipped, predictions_added=added)


def _import_batch(client: LabelStudio, project_id: int, batch: Sequence[Task],
                  document_id: Callable[[Task], str], *, attempts: int = 3) -> tuple[int, int]:
    """Import one batch with the server-side check and recheck; return (tasks that stay, tasks not kept)."""
    ids = [document_id(t) for t in batch]
    there = tasks_with_documents(client, project_id, ids)
    todo = [t for t, doc_id in zip(batch, ids, strict=True) if doc_id not in there]
    landed = 0
    for _ in range(attempts):
        if not todo:
            break
        response = client.projects.import_tasks(id=project_id, request=cast(Any, todo), return_task_ids=True)
        mine = {int(i) for i in (getattr(response, "task_ids", None) or [])}  # an extra field of the SDK model
        if not mine:  # a server that does not return the ids: no recheck possible
            return int(response.task_count or 0), len(batch) - int(response.task_count or 0)
        sent = {document_id(t): t for t in todo}
        again: list[Task] = []
        for doc_id, copies in tasks_with_documents(client, project_id, list(sent), predictions=True).items():
            oldest = copies[0]
            if int(oldest["id"]) in mine and not _complete(oldest, sent[doc_id]):
                # Label Studio stored the task without all it was sent (seen under concurrent writes): again
                _delete_quietly(lambda i: client.tasks.delete(id=str(i)), int(oldest["id"]))
                again.append(sent[doc_id])
                continue
            landed += int(oldest["id"]) in mine
            for extra in copies[1:]:
                # A concurrent push imported the same document. Only a run's own tasks are deleted by it: Label
                # Studio (on SQLite) gives a new task the highest id + 1, so an id deleted twice could by then be
                # another document's new task.
                if int(extra["id"]) in mine:
                    _delete_quietly(lambda i: client.tasks.delete(id=str(i)), int(extra["id"]))
        todo = again
    if todo:
        raise StudioApiError(f"Label Studio kept storing {len(todo)} task(s) without their annotations or predictions "
                             f"(documents {', '.join(sorted(document_id(t) for t in todo)[:5])}); run push again")
    return landed, len(batch) - landed


def _complete(stored: Task, sent: Task) -> bool:
    """Whether the server's task carries as many annotations and predictions as were sent for it."""
    return (int(stored.get("total_annotations", -1)) + int(stored.get("cancelled_annotations", 0))
            == len(sent.get("annotations") or [])
            and len(stored.get("predictions") or []) == len(sent.get("predictions") or []))


def _add_predictions(client: LabelStudio, project_id: int, chunk: list[dict[str, Any]]) -> int:
    """Add predictions to tasks already in the project, with the same check and recheck as tasks."""
    docs = sorted({p["_doc"] for p in chunk})
    before = tasks_with_documents(client, project_id, docs, predictions=True)
    have = {(int(t["id"]), p.get("model_version")) for ts in before.values() for t in ts for p in t["predictions"]}
    todo = [{k: v for k, v in p.items() if k != "_doc"} for p in chunk
            if (int(p["task"]), p.get("model_version")) not in have]
    if not todo:
        return 0
    result = client.projects.import_predictions(id=project_id, request=cast(Any, todo))
    added = int(getattr(result, "created", 0) or 0)
    versions = {p.get("model_version") for p in todo}
    for tasks in tasks_with_documents(client, project_id, docs, predictions=True).values():
        for task in tasks:
            by_version: dict[Any, list[int]] = {}
            for prediction in task["predictions"]:
                if prediction.get("model_version") in versions and prediction.get("id") is not None:
                    by_version.setdefault(prediction.get("model_version"), []).append(int(prediction["id"]))
            for pids in by_version.values():
                for pid in sorted(pids)[1:]:  # a concurrent push added the same model's prediction
                    _delete_quietly(lambda i: client.predictions.delete(id=i), pid)
                    added -= 1
    return max(added, 0)


#: Title prefix of the snapshot exports older eventgold versions made to pull (they are cleaned up).
_OLD_SNAPSHOT_TITLE = "eventgold pull "


def export_project(client: LabelStudio, project_id: int, *, page_size: int = 200) -> list[Task]:
    """Every task of the project with all its annotations and full predictions, read through the task API.

    Nothing is written on the server: an export (snapshot or synchronous)
    leaves its file in Label Studio's export folder, and deleting the export
    removes only its record (Label Studio 1.23 deletes the file behind a
    feature flag that is fixed off). Snapshots that older eventgold versions
    made and an interruption left behind are deleted. Annotations come in the
    export's shape, ordinary, ground-truth and cancelled ones, with
    ``completed_by`` as ``{"id", "email"}``; tasks come sorted by task id.
    """
    _delete_old_snapshots(client, project_id)
    emails = {uid: email for email, uid in annotator_ids(client).items()}
    tasks: list[Task] = []
    task: Any
    for task in client.tasks.list(project=project_id, fields="all", page_size=page_size):
        raw = task.dict() if not isinstance(task, dict) else task
        annotations = []
        for ann in raw.get("annotations") or []:
            ann = dict(ann) if isinstance(ann, dict) else ann.dict()
            ann.pop("created_username", None)
            ann.pop("created_ago", None)
            uid = ann.get("completed_by")
            if isinstance(uid, int) and not isinstance(uid, bool):
                ann["completed_by"] = {"id": uid, "email": emails.get(uid)}
            annotations.append(ann)
        tasks.append({
            "id": raw.get("id"),
            "data": dict(raw.get("data") or {}),
            "annotations": annotations,
            "predictions": [p if isinstance(p, dict) else p.dict() for p in (raw.get("predictions") or [])],
        })
    return sorted(tasks, key=lambda t: int(t.get("id") or 0))


def _delete_old_snapshots(client: LabelStudio, project_id: int) -> None:
    try:
        snapshots = list(client.projects.exports.list(id=project_id))
    except ApiError:
        return  # listing exports may be refused to this user; nothing of ours depends on it
    for snapshot in snapshots:
        title = getattr(snapshot, "title", None) or ""
        if title.startswith(_OLD_SNAPSHOT_TITLE) and snapshot.id is not None:
            try:
                client.projects.exports.delete(id=project_id, export_pk=snapshot.id)
            except (ApiError, httpx.TransportError):
                pass  # another pull may be deleting it too


def annotator_ids(client: LabelStudio) -> dict[str, int]:
    """Email (lower case) to user id for the members of the token owner's organization."""
    return {u.email.lower(): u.id for u in client.users.list() if u.email and u.id is not None}


def task_document_id(task: Task) -> str:
    """The eventgold document id a task carries in its data (empty when it has none)."""
    data = task.get("data") or {}
    value = data.get(DATA_ID) if isinstance(data, dict) else None
    return value if isinstance(value, str) else ""


@dataclass(frozen=True)
class PushOptions:
    """How to turn the input into tasks: as for ``eventgold annotate to-ls``."""

    predictions: Path | None = None
    model_version: str | None = None
    published: dt.date | None = None
    ground_truth: bool = True
    completed_by: int | str | None = None
    on_error: str = "raise"


def build_tasks(input_path: str | Path, options: PushOptions, summary: Summary) -> list[Task]:
    """The tasks for ``input_path`` (reports or gold), with predictions when ``options.predictions`` is set."""
    mode = check_on_error(options.on_error)
    if options.model_version is not None and options.predictions is None:
        raise UsageError("--model-version names the predictions; give --predictions PRED.jsonl too")
    preds = read_predictions(options.predictions) if options.predictions is not None else None
    version = options.model_version or (Path(options.predictions).stem if options.predictions is not None else None)
    return list(iter_tasks(read_sources(input_path, published=options.published), predictions=preds,
                           model_version=version or "eventgold", ground_truth=options.ground_truth,
                           completed_by=options.completed_by, on_error=mode, summary=summary))


def push_tasks_to(
    url: str,
    title: str,
    tasks: Sequence[Task],
    *,
    model_version: str | None = None,
    batch_size: int = 100,
    api_key: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Create or update the project ``title`` on ``url`` with the generated config and import ``tasks`` into it.

    ``on_progress(done, total)`` follows the import. Rerunning adds nothing
    for documents already in the project.
    """
    client = connect(url, api_key=api_key)
    total = len(tasks)
    done = 0

    def advance(n: int) -> None:
        nonlocal done
        done += n
        if on_progress is not None:
            on_progress(done, total)

    with talking_to(url):
        project = ensure_project(client, title, labeling_config())
        if on_progress is not None:
            on_progress(0, total)
        return push_tasks(client, project, tasks, document_id=task_document_id, batch_size=batch_size,
                          model_version=model_version, on_progress=advance)


def push(
    url: str,
    title: str,
    input_path: str | Path,
    *,
    options: PushOptions = PushOptions(),
    batch_size: int = 100,
    api_key: str | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[PushReport, Summary]:
    """``eventgold annotate push``: convert ``input_path`` to tasks and push them (see :func:`push_tasks_to`)."""
    summary = Summary()
    tasks = build_tasks(input_path, options, summary)
    version = None
    if options.predictions is not None:
        version = options.model_version or Path(options.predictions).stem
    report = push_tasks_to(url, title, tasks, model_version=version, batch_size=batch_size, api_key=api_key,
                           on_progress=on_progress)
    return report, summary


@dataclass(frozen=True)
class PullReport:
    """What a pull did: the project, how many tasks the export held, and the conversion summary."""

    project_id: int
    tasks: int
    summary: Summary


def pull(
    url: str,
    title: str,
    output: str | Path,
    *,
    annotator: str | None = None,
    ground_truth: bool = False,
    prediction: str | None = None,
    on_error: str = "raise",
    save_export: str | Path | None = None,
    api_key: str | None = None,
) -> PullReport:
    """``eventgold annotate pull``: export project ``title`` and write its documents to ``output``.

    The choice of annotation per task is :class:`~.export.Selection`'s
    (``annotator`` is a user id or an email). The output is replaced
    atomically and only when every task converted (or, with
    ``on_error="skip"``, was counted as skipped), so an interrupted or failed
    pull leaves the previous file as it was, and a rerun writes the same bytes
    while the project is unchanged. ``save_export`` keeps the raw export too.
    """
    mode = check_on_error(on_error)
    select = Selection(annotator=annotator, ground_truth=ground_truth, prediction=prediction)
    client = connect(url, api_key=api_key)
    with talking_to(url):
        project_id = find_project(client, title)
        if project_id is None:
            titles: list[str] = []
            project: Any
            for project in client.projects.list():
                titles.append(repr(project.title))
            raise UsageError(f"no project titled {title!r} on {url} (projects: {', '.join(sorted(titles)) or 'none'}). "
                             "Check --project, or push tasks first")
        tasks = export_project(client, project_id)
    where = f"project {title!r} (id {project_id}) at {url}"
    if save_export is not None:
        with atomic_write(save_export) as out:
            json.dump(tasks, out, ensure_ascii=False, indent=1)
            out.write("\n")
        where = str(save_export)
    summary = Summary()
    write_documents(output, iter_documents(tasks, select=select, file=where, on_error=mode, summary=summary))
    return PullReport(project_id=project_id, tasks=len(tasks), summary=summary)
