"""Running systems: resolving --system, stripping gold, and the --command JSONL protocol with its failures."""

from __future__ import annotations

import datetime as dt
import json
import sys
import textwrap
from pathlib import Path

import pytest

from eventgold.eval.baseline import Baseline
from eventgold.eval.systems import (
    ANSWER_METADATA_KEYS,
    resolve_system,
    run_command,
    run_system,
    strip_document,
)
from eventgold.schema import DataError, Document, Event, EventType, Mention, UsageError

from .baseline_documents import DOCUMENTS, KADUNA, KOLBIO

PY = sys.executable


def _script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return f"{PY} {path}"


ECHO = """
    import json, sys
    for line in sys.stdin:
        doc = json.loads(line)
        print(json.dumps(doc), flush=True)
"""


# --------------------------------------------------------------------------- stripping


def test_strip_keeps_only_what_a_system_may_see() -> None:
    stripped = strip_document(KOLBIO)
    assert stripped.model_dump(exclude_defaults=True) == {
        "id": "t-kolbio", "published": dt.date(2022, 11, 3), "metadata": {"country": "SO"}, "text": KOLBIO.text,
    }
    assert "event_types" in ANSWER_METADATA_KEYS and "event_types" in KOLBIO.metadata


def test_python_system_never_sees_annotations() -> None:
    seen: list[Document] = []

    def spy(doc: Document) -> Document:
        seen.append(doc)
        return doc.model_copy()

    preds = list(run_system(spy, DOCUMENTS))
    assert [p.id for p in preds] == [d.id for d in DOCUMENTS]
    for doc in seen:
        assert not (doc.events or doc.actors or doc.locations or doc.times or doc.weapons or doc.casualties)
        assert "event_types" not in doc.metadata


def test_command_never_sees_annotations(tmp_path: Path) -> None:
    log = tmp_path / "seen.jsonl"
    cmd = _script(tmp_path, "spy.py", f"""
        import json, sys
        with open({str(log)!r}, "w") as seen:
            for line in sys.stdin:
                seen.write(line)
                print(line.strip(), flush=True)
    """)
    list(run_command(cmd, DOCUMENTS))
    keys = [set(json.loads(line)) for line in log.read_text().splitlines()]
    assert keys == [{"id", "published", "source", "language", "metadata", "text"}] * len(DOCUMENTS)


# --------------------------------------------------------------------------- resolving --system


def test_builtin_baseline_needs_training_documents() -> None:
    with pytest.raises(UsageError) as err:
        resolve_system("baseline")
    assert str(err.value) == ("system 'baseline' learns from training documents and none were given. "
                              "Pass training= (the CLI passes the bundled train split)")


def test_builtin_baseline_learns_from_exactly_the_documents_given() -> None:
    calls: list[int] = []

    def training() -> list[Document]:
        calls.append(1)
        return [KADUNA]

    system = resolve_system("baseline", training=training)
    assert isinstance(system, Baseline)
    assert calls == [1]
    # proper names only: "Armed men", "Gangs" and "Police" start sentences and are descriptions
    assert sorted(system.actors) == ["Nigeria Police Force", "U.S. Embassy"]
    assert sorted(system.locations) == ["Abuja-Kaduna highway", "Kaduna"]
    assert system.locations["Abuja-Kaduna highway"].precision.value == "region"


def test_unknown_system_name() -> None:
    with pytest.raises(UsageError) as err:
        resolve_system("gpt")
    assert str(err.value) == ("unknown system 'gpt'. Use a built-in name (baseline, keywords), 'package.module:attr' "
                              "or 'path/to/file.py:attr'")


def test_module_attr_function_class_and_factory(tmp_path: Path) -> None:
    path = tmp_path / "mysys.py"
    path.write_text(textwrap.dedent("""
        from eventgold.schema import Document, Event, Mention

        def tag_first_word(doc: Document) -> Document:
            word = doc.text.split()[0]
            return doc.model_copy(update={"events": [Event(id="e1", type="attack", triggers=[Mention(text=word)])]})

        class Counter:
            def __init__(self):
                self.n = 0
            def __call__(self, doc):
                self.n += 1
                return doc.model_copy()

        def make():
            return tag_first_word

        def trained(training):
            size = len(training)
            return lambda doc: doc.model_copy(update={"metadata": {"train_size": size}})

        NOT_CALLABLE = 3
    """), encoding="utf-8")
    fn = resolve_system(f"{path}:tag_first_word")
    assert [e.triggers[0].text for e in fn(strip_document(KOLBIO)).events] == ["Between"]
    assert callable(resolve_system(f"{path}:Counter"))
    assert resolve_system(f"{path}:make") is not None
    trained = resolve_system(f"{path}:trained", training=lambda: DOCUMENTS)
    assert trained(strip_document(KOLBIO)).metadata == {"train_size": 4}
    with pytest.raises(UsageError, match=r"is a int, not a callable"):
        resolve_system(f"{path}:NOT_CALLABLE")
    with pytest.raises(UsageError, match=r"has no attribute 'missing'"):
        resolve_system(f"{path}:missing")
    with pytest.raises(UsageError, match=r"cannot import 'no_such_pkg_xyz'"):
        resolve_system("no_such_pkg_xyz:system")


def test_python_system_errors_are_located() -> None:
    def wrong_text(doc: Document) -> Document:
        upper = doc.text.upper()
        return doc.model_copy(update={"text": upper, "events": [
            Event(id="e1", type=EventType.RIOT, triggers=[Mention(start=0, end=7, text=upper[:7])])]})

    with pytest.raises(DataError) as err:
        list(run_system(wrong_text, [KOLBIO], name="system upper"))
    assert str(err.value) == (
        "system upper: document 't-kolbio': text: prediction text differs from the input text, and its mentions have "
        "offsets. Copy the input text unchanged (offsets index into it), leave the text out (the harness adds it), "
        "or give span-free mentions")

    def bad_offsets(doc: Document) -> Document:
        return doc.model_copy(update={"events": [Event(id="e1", type=EventType.RIOT,
                                                      triggers=[Mention(start=0, end=7, text="Between!")])]})

    with pytest.raises(DataError) as err:
        list(run_system(bad_offsets, [KOLBIO], name="system off"))
    assert str(err.value) == (
        "system off: document 't-kolbio': events[0].triggers[0]: chars 0-7: stored text 'Between!' does not match "
        "text[0:7] = 'Between'. Fix the offsets or the stored text; offsets are Python string indices, end exclusive")

    def crash(doc: Document) -> Document:
        raise KeyError("model")

    with pytest.raises(DataError) as err:
        list(run_system(crash, [KOLBIO], name="system crash"))
    assert str(err.value) == ("system crash: document 't-kolbio': system failed: KeyError: 'model'. "
                              "Fix the system (run it on this document alone to debug)")


def test_num_proc_gives_the_same_predictions_in_order() -> None:
    system = resolve_system("baseline", training=lambda: [KADUNA])
    one = list(run_system(system, DOCUMENTS))
    two = list(run_system(system, DOCUMENTS, num_proc=2))
    assert one == two


# --------------------------------------------------------------------------- the --command protocol


def test_command_round_trip_and_progress(tmp_path: Path) -> None:
    seen: list[int] = []
    preds = list(run_command(_script(tmp_path, "echo.py", ECHO), DOCUMENTS, on_progress=seen.append))
    assert [p.id for p in preds] == [d.id for d in DOCUMENTS]
    assert seen == [1, 2, 3, 4]
    assert all(p.text == d.text and not p.events for p, d in zip(preds, DOCUMENTS, strict=True))


def test_command_may_answer_in_any_order_and_span_free(tmp_path: Path) -> None:
    cmd = _script(tmp_path, "reverse.py", """
        import json, sys
        docs = [json.loads(line) for line in sys.stdin]
        for doc in reversed(docs):
            doc["events"] = [{"id": "e1", "type": "protest", "triggers": [{"text": "protest"}]}]
            print(json.dumps(doc))
    """)
    preds = list(run_command(cmd, DOCUMENTS))
    assert [p.id for p in preds] == [d.id for d in reversed(DOCUMENTS)]
    assert preds[0].events[0].triggers[0].start is None


def test_command_with_shards(tmp_path: Path) -> None:
    preds = list(run_command(_script(tmp_path, "echo.py", ECHO), DOCUMENTS, num_proc=3))
    assert [p.id for p in preds] == [d.id for d in DOCUMENTS]


def _fails(tmp_path: Path, body: str, docs: list[Document] = DOCUMENTS) -> str:
    cmd = _script(tmp_path, "sys.py", body)
    with pytest.raises(DataError) as err:
        list(run_command(cmd, docs))
    return str(err.value).replace(cmd, "CMD")


def test_command_invalid_prediction_is_located(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import json, sys
        for n, line in enumerate(sys.stdin):
            doc = json.loads(line)
            if n == 1:
                doc["events"] = [{"id": "e1", "type": "airstrike"}]
            print(json.dumps(doc), flush=True)
    """)
    assert message.startswith("stdout of 'CMD':2: document 't-kolbio': events[0].type: 'airstrike' is not allowed "
                              "here; expected one of 28 values (closest: 'air_drone_strike', ")
    assert message.endswith("Use one of the listed values (eventgold schema prints them all)")


def test_command_bad_json(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import sys
        sys.stdin.readline()
        print("loading model...")
    """)
    assert message == ("stdout of 'CMD':1: invalid JSON: Expecting value at column 1. The command must print one "
                       "JSON document per line and nothing else on stdout (send logs to stderr)")


def test_command_unknown_id(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import json, sys
        doc = json.loads(sys.stdin.readline())
        doc["id"] = "someone-else"
        print(json.dumps(doc))
    """)
    assert message == ("stdout of 'CMD':1: document 'someone-else': prediction for a document id that is not in "
                       "the input. Return the id of the input document unchanged")


def test_command_duplicate_answer(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import sys
        line = sys.stdin.readline()
        print(line.strip())
        print(line.strip())
    """)
    assert message == ("stdout of 'CMD':2: document 't-dikwa': second prediction for the same document (first on "
                       "line 1). Write exactly one prediction per input document")


def test_command_missing_answers(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import sys
        lines = sys.stdin.readlines()
        print(lines[0].strip())
    """)
    assert message == ("stdout of 'CMD': command 'CMD' wrote no prediction for 3 of 4 input documents: "
                       "'t-kolbio', 't-kaduna', 't-bardarash'. Write one prediction per input document, even an "
                       "empty one (no events)")


def test_command_changed_text(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import json, sys
        for line in sys.stdin:
            doc = json.loads(line)
            doc["text"] = doc["text"].strip() + " "
            doc["events"] = [{"id": "e1", "type": "riot", "triggers": [{"start": 0, "end": 3, "text": doc["text"][:3]}]}]
            print(json.dumps(doc))
    """)
    assert message == ("stdout of 'CMD':1: document 't-dikwa': text: prediction text differs from the input text, "
                       "and its mentions have offsets. Copy the input text unchanged (offsets index into it), leave "
                       "the text out (the harness adds it), or give span-free mentions")


def test_the_harness_adds_id_date_and_text_to_a_span_free_answer(tmp_path: Path) -> None:
    """An LLM-style system answers with events only (no id, no date, no text, or a paraphrase): it is completed."""
    cmd = _script(tmp_path, "llm.py", """
        import json, sys
        for n, line in enumerate(sys.stdin):
            doc = json.loads(line)
            answer = {"events": [{"id": "e1", "type": "riot", "triggers": [{"text": "clashes"}]}]}
            if n == 1:
                answer.update(id=doc["id"], text="A summary of the report.")
            print(json.dumps(answer), flush=True)
    """)
    preds = list(run_command(cmd, DOCUMENTS[:3]))
    assert [p.id for p in preds] == [d.id for d in DOCUMENTS[:3]]
    assert [(p.text, p.published) for p in preds] == [(d.text, d.published) for d in DOCUMENTS[:3]]
    assert all(p.events[0].triggers[0].start is None for p in preds)


def test_python_system_span_free_answer_gets_the_input_text() -> None:
    def summarizer(doc: Document) -> Document:
        return Document(id=doc.id, published=doc.published, text="Summary.", events=[
            Event(id="e1", type=EventType.RIOT, triggers=[Mention(text="riot")])])

    [pred] = run_system(summarizer, [KOLBIO])
    assert pred.text == KOLBIO.text


def test_command_stderr_is_passed_through_when_it_succeeds(tmp_path: Path) -> None:
    cmd = _script(tmp_path, "talk.py", """
        import json, sys
        for line in sys.stdin:
            doc = json.loads(line)
            print(f"thinking about {doc['id']}", file=sys.stderr, flush=True)
            print(json.dumps(doc), flush=True)
    """)
    heard: list[str] = []
    preds = list(run_command(cmd, DOCUMENTS[:2], stderr=heard.append))
    assert len(preds) == 2
    assert heard == [f"thinking about {d.id}" for d in DOCUMENTS[:2]]


def test_command_exit_status_and_stderr_tail(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import sys
        sys.stdin.read()
        for i in range(30):
            print(f"log line {i}", file=sys.stderr)
        print("error: model 'x' not found", file=sys.stderr)
        sys.exit(3)
    """)
    tail = "\n".join([f"log line {i}" for i in range(11, 30)] + ["error: model 'x' not found"])
    assert message == f"stdout of 'CMD': command 'CMD' failed with exit status 3. Last lines of its stderr:\n{tail}"


def test_command_that_stops_reading_early(tmp_path: Path) -> None:
    message = _fails(tmp_path, """
        import sys
        sys.exit(0)
    """, docs=DOCUMENTS * 1)
    assert message.startswith("stdout of 'CMD': command 'CMD' wrote no prediction for 4 of 4 input documents")


def test_command_not_found_and_empty() -> None:
    with pytest.raises(UsageError) as err:
        list(run_command("no-such-program-xyz --flag", DOCUMENTS))
    assert str(err.value) == ("cannot run 'no-such-program-xyz --flag': 'no-such-program-xyz' not found. "
                              "Check the program name and PATH")
    with pytest.raises(UsageError) as err:
        list(run_command("  ", DOCUMENTS))
    assert str(err.value) == "command is empty. Give the program to run, e.g. 'python my_system.py'"


def test_command_input_error_stops_the_command(tmp_path: Path) -> None:
    def broken_input() -> object:
        yield DOCUMENTS[0]
        raise DataError([])

    cmd = _script(tmp_path, "echo.py", ECHO)
    with pytest.raises(DataError):
        list(run_command(cmd, broken_input()))  # type: ignore[arg-type]
