"""Push tasks to a running Label Studio server and pull annotations back, through label-studio-sdk.

The API token comes from ``LABEL_STUDIO_API_KEY``: a legacy token (sent as
``Authorization: Token ...``) or a personal access token (a JWT refresh token
the SDK trades for short-lived access tokens). It is handed to the SDK and
never printed, logged or written anywhere.

Projects are found by exact title. Pushing is rerunnable: tasks whose document
id is already in the project are skipped, so a second push adds nothing.
Pulling reads a snapshot export with full predictions (the plain export gives
prediction ids only) and deletes the snapshot afterwards.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
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
        raise StudioApiError(f"Label Studio at {url} answered HTTP {exc.status_code}: {_detail(exc.body)}") from None
    except httpx.TransportError as exc:
        raise UsageError(
            f"cannot reach Label Studio at {url} ({exc.__class__.__name__}: {exc}). "
            "Check --url and that the server is running (eventgold annotate serve starts one)"
        ) from None


def _detail(body: Any) -> str:
    """The useful part of an error body: the server's detail and its validation errors, if any."""
    if not isinstance(body, dict):
        return str(body)
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


def find_project(client: LabelStudio, title: str) -> int | None:
    """The id of the project titled exactly ``title``, or None; two such projects are an error."""
    matches: list[int] = []
    project: Any
    for project in client.projects.list(title=title):
        if project.title == title and project.id is not None:
            matches.append(project.id)
    if len(matches) > 1:
        raise UsageError(
            f"{len(matches)} projects are titled {title!r} (ids {', '.join(map(str, sorted(matches)))}). "
            "Rename all but one in Label Studio, or pass a unique --project"
        )
    return matches[0] if matches else None


def ensure_project(client: LabelStudio, title: str, label_config: str) -> ProjectRef:
    """Create the project titled ``title``, or bring its labeling config up to date.

    Label Studio refuses a config that drops a label already used in
    annotations; that refusal comes back as :class:`StudioApiError`.
    """
    if len(title) < 3:
        raise UsageError(f"project title {title!r} is too short: Label Studio needs at least 3 characters")
    project_id = find_project(client, title)
    if project_id is None:
        created = client.projects.create(title=title, label_config=label_config)
        if created.id is None:
            raise StudioApiError(f"Label Studio created project {title!r} but returned no id")
        return ProjectRef(id=created.id, title=title, created=True)
    current = client.projects.get(id=project_id)
    if (current.label_config or "").strip() == label_config.strip():
        return ProjectRef(id=project_id, title=title)
    try:
        client.projects.update(id=project_id, label_config=label_config)
    except ApiError as exc:
        if exc.status_code == 400:
            raise StudioApiError(
                f"Label Studio refused the new labeling config for project {title!r}: {_detail(exc.body)}. "
                "A config may not drop a label or control that existing annotations use"
            ) from None
        raise
    return ProjectRef(id=project_id, title=title, config_updated=True)


def show_model(client: LabelStudio, project_id: int, model_version: str) -> None:
    """Make the project show ``model_version``'s predictions to annotators (it must have predictions there)."""
    if client.projects.get(id=project_id).model_version != model_version:
        client.projects.update(id=project_id, model_version=model_version)


def project_tasks(client: LabelStudio, project_id: int, *, predictions: bool = True) -> Iterator[Task]:
    """The project's tasks as plain dicts with ``id``, ``data`` and ``predictions`` (full objects).

    With ``predictions=False`` the server sends task data only (much less for
    large projects) and ``predictions`` is empty.
    """
    task: Any
    for task in client.tasks.list(project=project_id, fields="all" if predictions else "task_only", page_size=100):
        yield {
            "id": task.id,
            "data": dict(task.data or {}),
            "predictions": [p if isinstance(p, dict) else p.dict() for p in (task.predictions or [])],
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

    For a skipped task, predictions whose ``model_version`` the server's copy
    lacks are added, so a push with a new model's predictions reaches old tasks
    too. With ``model_version`` the project then shows that model's
    predictions. ``on_progress(n)`` is called after each batch with the number
    of tasks handled in it.
    """
    if batch_size < 1:
        raise UsageError(f"--batch-size must be at least 1, got {batch_size}")
    present: dict[str, Task] = {}
    for task in project_tasks(client, project.id, predictions=any(t.get("predictions") for t in tasks)):
        doc_id = document_id(task)
        if doc_id:
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
                    extra_predictions.append({**prediction, "task": present[doc_id]["id"]})
        else:
            new.append(task)
            present[doc_id] = {"id": None, "data": task.get("data", {}), "predictions": []}
    if skipped and on_progress is not None:
        on_progress(skipped)
    imported = 0
    for start in range(0, len(new), batch_size):
        batch = new[start:start + batch_size]
        response = client.projects.import_tasks(id=project.id, request=cast(Any, batch))
        imported += int(response.task_count or 0)
        if on_progress is not None:
            on_progress(len(batch))
    added = 0
    for start in range(0, len(extra_predictions), batch_size):
        chunk = extra_predictions[start:start + batch_size]
        result = client.projects.import_predictions(id=project.id, request=cast(Any, chunk))
        added += int(getattr(result, "created", 0) or 0)
    if model_version is not None:
        show_model(client, project.id, model_version)
    return PushReport(project=project, imported=imported, skipped=skipped, predictions_added=added)


def export_project(client: LabelStudio, project_id: int, *, timeout: float = 600.0) -> list[Task]:
    """Every task of the project with all its annotations and full predictions, via a snapshot export.

    The snapshot includes ordinary, ground-truth and cancelled annotations; it
    is deleted from the server once downloaded. Tasks come sorted by task id.
    """
    stamp = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    snapshot = client.projects.exports.create(
        id=project_id,
        title=f"eventgold pull {stamp}",
        serialization_options={  # type: ignore[arg-type]
            "predictions": {"only_id": False},  # full predictions, not their ids
            "annotations__completed_by": {"only_id": False},  # annotators with their email, for --annotator EMAIL
        },
        annotation_filter_options={"usual": True, "ground_truth": True, "skipped": True},  # type: ignore[arg-type]
    )
    if snapshot.id is None:
        raise StudioApiError(f"Label Studio created an export of project {project_id} but returned no id")
    try:
        deadline = time.monotonic() + timeout
        status = snapshot.status
        while status != "completed":
            if status == "failed":
                raise StudioApiError(f"Label Studio failed to export project {project_id} (snapshot {snapshot.id})")
            if time.monotonic() > deadline:
                raise StudioApiError(
                    f"the export of project {project_id} was not ready after {timeout:.0f} s (status {status!r}); "
                    "run pull again later"
                )
            time.sleep(1.0)
            status = client.projects.exports.get(id=project_id, export_pk=snapshot.id).status
        raw = b"".join(client.projects.exports.download(id=project_id, export_pk=snapshot.id, export_type="JSON"))
    finally:
        try:
            client.projects.exports.delete(id=project_id, export_pk=snapshot.id)
        except (ApiError, httpx.TransportError):
            pass  # the snapshot stays listed on the server; nothing of ours depends on it
    tasks = json.loads(raw)
    if not isinstance(tasks, list):
        raise StudioApiError(f"the export of project {project_id} is not a JSON list of tasks")
    return sorted(tasks, key=lambda task: int(task.get("id", 0)))


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
