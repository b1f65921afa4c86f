"""Issue 16: hostile inputs that crashed a command, lost data or passed validation; each case is the exact input.

Every command must end in success or a located message with exit code 1 (data) or 2 (usage), never a
traceback. Cases are numbered as in the issue; the server cases (2, 7, 8) are in
``tests/annotate/test_server_hardening.py``.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from eventgold.annotate import jsonstream
from eventgold.annotate.tasks import to_task
from eventgold.cli import build_app
from eventgold.eval.scoring import PredictionIndex
from eventgold.schema import DataError, Document, read_documents, write_documents
from tests.annotate.stored import stored_export
from tests.schema.malformed_cases import BASE

runner = CliRunner()
app = build_app()


def run(*args: str | Path, stdin: str | None = None) -> Result:
    """Run ``eventgold ARGS``; fail the test on a traceback (an exception that is not a clean exit)."""
    result = runner.invoke(app, [str(a) for a in args], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"eventgold {' '.join(map(str, args))} crashed") from result.exception
    return result


def doc(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(BASE)
    out.update(changes)
    return out


def line(raw: dict[str, Any]) -> str:
    return json.dumps(raw, ensure_ascii=True)  # \\u escapes stay escapes, as a hostile file has them


def write(path: Path, *lines: str) -> Path:
    path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    return path


def export_of(*docs: dict[str, Any]) -> list[dict[str, Any]]:
    return stored_export([to_task(Document.model_validate(d), gold=True) for d in docs])


# --- 1. a document that validates must write ------------------------------------------------------------------

SURROGATE_SOURCE = line(doc(source="x\udfff"))
SURROGATE_METADATA = line(doc(metadata={"region": "\udfffnorth"}))


@pytest.mark.parametrize(("text", "where"), [
    (SURROGATE_SOURCE, "document 'd1': source: lone surrogate \\udfff at character 1 of the string"),
    (SURROGATE_METADATA, "document 'd1': metadata.region: lone surrogate \\udfff at character 0 of the string"),
])
def test_1_lone_surrogate_fails_validate_and_every_writer_with_a_message(tmp_path: Path, text: str,
                                                                        where: str) -> None:
    assert "\\udfff" in text
    gold = write(tmp_path / "gold.jsonl", text)
    expected = f"error: {gold}:1: {where}: not Unicode text, so it cannot be written as UTF-8"
    for args in (["validate", gold],
                 ["annotate", "to-ls", gold, "-o", tmp_path / "tasks.json"],
                 ["annotate", "push", gold, "--url", "http://127.0.0.1:9", "--project", "p16"],
                 ["extract", "--system", "keywords", gold, "-o", tmp_path / "pred.jsonl"],
                 ["corpus", "split", gold, "--out", tmp_path / "corpus"]):
        result = run(*args)
        assert result.exit_code == 1, (args, result.output)
        assert result.stderr.startswith(expected), (args, result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gold.jsonl"]  # no empty corpus folder, no output


def test_1_writing_a_document_with_a_lone_surrogate_is_a_data_error(tmp_path: Path) -> None:
    bad = Document.model_validate(doc(source="x\udfff"))
    out = tmp_path / "out.jsonl"
    with pytest.raises(DataError, match="document 'd1': lone surrogate \\\\udfff in the document"):
        write_documents(out, [bad])
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_1_a_lone_surrogate_in_an_export_is_a_located_task_problem(tmp_path: Path) -> None:
    tasks = export_of(doc(id="d1"), doc(id="d2"))
    tasks[0]["data"]["doc_source"] = "x\udfff"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks, ensure_ascii=True), encoding="utf-8")
    result = run("annotate", "from-ls", path, "-o", tmp_path / "gold.jsonl")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:1: tasks[0].data.doc_source: lone surrogate \\udfff")
    skipped = run("annotate", "from-ls", path, "-o", tmp_path / "gold.jsonl", "--on-error", "skip")
    assert skipped.exit_code == 0 and [d.id for d in read_documents(tmp_path / "gold.jsonl")] == ["d2"]


# --- 3. validate streams ------------------------------------------------------------------------------------


def test_3_validate_does_not_hold_the_file(tmp_path: Path) -> None:
    """Peak memory of `eventgold validate` on 16 MB stays near the interpreter's own, not a multiple of the file."""
    path = tmp_path / "big.jsonl"
    text = line(doc())
    with open(path, "w", encoding="utf-8") as f:
        for i in range(16_000_000 // len(text)):
            f.write(text.replace('"id": "d1"', f'"id": "d{i}"', 1) + "\n")
    size = path.stat().st_size
    probe = ("import resource, sys\n"
             "from eventgold.cli import main\n"
             "sys.argv = ['eventgold', 'validate', sys.argv[1]]\n"
             "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
             "print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)\n")
    base = subprocess.run([sys.executable, "-c", probe, str(write(tmp_path / "one.jsonl", text))],
                          capture_output=True, text=True, check=True).stdout.split()
    done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, check=True)
    code, peak = done.stdout.split()
    assert code in ("0", "None"), done.stderr
    assert "ok: " in done.stderr
    grown = int(peak) - int(base[1])
    assert grown < size // 2, f"validate grew by {grown / 2**20:.0f} MiB on a {size / 2**20:.0f} MiB file"


# --- 4. the scorer's id index does not pad every id to the longest --------------------------------------------


def test_4_one_long_id_does_not_widen_the_prediction_index(tmp_path: Path) -> None:
    preds = [line({"id": f"d{i}", "published": "2024-01-01", "text": "Calm."}) for i in range(2_000)]
    preds.append(line({"id": "x" * 100_000, "published": "2024-01-01", "text": "Calm."}))
    path = write(tmp_path / "pred.jsonl", *preds)
    index = PredictionIndex(path)
    assert index._keys.dtype.itemsize <= 32  # was 100,001 bytes for every one of the 2,001 ids
    assert index.doc_id(index.position("x" * 100_000)) == "x" * 100_000
    assert index.position("d17") >= 0 and index.position("d2000") == -1
    gold = write(tmp_path / "gold.jsonl", line(doc(id="d5")))
    result = run("eval", "score", path, "--gold", gold, "--resamples", "10")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:1: document 'd0': prediction for a document that is not in the gold ")


def test_4_a_repeated_long_id_is_reported_with_its_lines(tmp_path: Path) -> None:
    long = "y" * 50_000
    path = write(tmp_path / "pred.jsonl", *[line({"id": i, "published": "2024-01-01", "text": "Calm."})
                                            for i in ("a", long, "b", long)])
    with pytest.raises(DataError) as info:
        PredictionIndex(path)
    assert str(info.value).startswith(f"{path}:4: document '{long}': duplicate prediction for this document "
                                      "(first on line 2)")


# --- 5. tracebacks instead of messages --------------------------------------------------------------------------


def _nested(depth: int) -> str:
    return line(doc(metadata={"x": 0})).replace('"x": 0', '"x": ' + "[" * depth + "]" * depth)


@pytest.mark.parametrize("depth", [500, 1_000, 100_000])
def test_5_deep_nesting_is_a_short_message_in_validate_score_and_from_ls(tmp_path: Path, depth: int) -> None:
    gold = write(tmp_path / "gold.jsonl", _nested(depth))
    where = "document 'd1': metadata: " if depth < 1_000 else ""
    expected = f"error: {gold}:1: {where}arrays and objects are nested more than 64 levels deep. Flatten the value"
    for args in (["validate", gold], ["eval", "score", gold, "--gold", gold, "--resamples", "10"]):
        result = run(*args)
        assert result.exit_code == 1 and result.stderr.startswith(expected), result.stderr
        assert len(result.stderr) < 300
    tasks = export_of(doc())
    tasks[0]["data"]["metadata"] = {"x": 0}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks).replace('"x": 0', '"x": ' + "[" * depth + "]" * depth), encoding="utf-8")
    result = run("annotate", "from-ls", path, "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1, result.output
    assert "arrays and objects are nested more than 64 levels deep" in result.stderr and len(result.stderr) < 400


def test_5_an_integer_of_5000_digits_is_a_message(tmp_path: Path) -> None:
    text = line(doc(metadata={"x": 0})).replace('"x": 0', '"x": ' + "7" * 5_000)
    gold = write(tmp_path / "gold.jsonl", text)
    expected = (f"error: {gold}:1: metadata.x: integer 777777777777... (5000 digits) is out of range (at most "
                "9,007,199,254,740,991 in magnitude)")
    for args in (["validate", gold], ["eval", "score", gold, "--gold", gold, "--resamples", "10"]):
        result = run(*args)
        assert result.exit_code == 1 and result.stderr.startswith(expected), result.stderr


def test_5_seed_minus_one_is_a_usage_error(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", line(doc()))
    result = run("eval", "score", gold, "--gold", gold, "--seed", "-1")
    assert result.exit_code == 2
    assert result.stderr == "error: --seed must be a whole number of at least 0, not -1\n"


def test_5_output_that_is_a_folder_or_under_a_file_is_a_usage_error(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", line(doc()))
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    for out, why in ((tmp_path / "folder", "is a folder. Give a file name"),
                     (tmp_path / "file" / "pred.jsonl", "cannot write here (a part of the path is a file")):
        for args in (["extract", "--system", "keywords", gold, "-o", out],
                     ["eval", "score", gold, "--gold", gold, "--resamples", "10", "-o", out],
                     ["annotate", "to-ls", gold, "-o", out]):
            result = run(*args)
            assert result.exit_code == 2, (args, result.output)
            assert result.stderr.startswith(f"error: {out}: {why}"), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "folder", "gold.jsonl"]
    assert list((tmp_path / "folder").iterdir()) == []


def test_5_output_under_a_missing_folder_is_written(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", line(doc()))
    out = tmp_path / "new" / "deeper" / "pred.jsonl"
    result = run("extract", "--system", "keywords", gold, "-o", out)
    assert result.exit_code == 0 and out.is_file()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_5_output_without_permission_is_a_usage_error(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    gold = write(tmp_path / "gold.jsonl", line(doc()))
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run("extract", "--system", "keywords", gold, "-o", locked / "pred.jsonl")
    assert result.exit_code == 2 and "cannot write here (permission denied)" in result.stderr


# --- 6. from-ls reads past its 4 MiB read boundary ---------------------------------------------------------------


def test_6_data_after_a_closing_bracket_on_the_read_boundary_is_an_error(tmp_path: Path) -> None:
    tasks = export_of(*(doc(id=f"d{i}") for i in range(6)))
    array = json.dumps(tasks)
    pad = jsonstream._CHUNK - len(array)
    assert pad > 0
    text = " " * pad + array  # the closing ']' is the 4,194,304th character
    assert len(text) == jsonstream._CHUNK and text[-1] == "]"
    path = tmp_path / "export.json"
    path.write_text(text + "\n" + json.dumps(export_of(doc(id="d9"))), encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    result = run("annotate", "from-ls", path, "-o", out)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {path}:2: text after the end of the array")
    assert not out.exists()


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
def test_6_whitespace_then_data_after_the_array_at_any_chunk_size(tmp_path: Path, chunk: int,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "_CHUNK", chunk)
    path = tmp_path / "export.json"
    path.write_text('[{"id": 1}]' + " \n\t " * 7 + "[2]", encoding="utf-8")
    with pytest.raises(DataError, match="text after the end of the array"):
        list(jsonstream.iter_export(path))
    path.write_text('[{"id": 1}]' + " \n\t " * 7, encoding="utf-8")
    assert list(jsonstream.iter_export(path)) == [{"id": 1}]


# --- 9. non-UTF-8 bytes are located by line and file offset ------------------------------------------------------


def test_9_a_bad_byte_on_line_3000_is_located(tmp_path: Path) -> None:
    good = line(doc()).encode()
    lines = [good.replace(b'"id": "d1"', f'"id": "d{i}"'.encode(), 1) for i in range(1, 3001)]
    lines[-1] = lines[-1].replace(b"Test desk", b"Test\xe9desk")
    path = tmp_path / "gold.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    offset = sum(len(x) + 1 for x in lines[:-1]) + lines[-1].index(b"\xe9")
    column = lines[-1].index(b"\xe9") + 1
    expected = (f"error: {path}:3000: not UTF-8 text: invalid continuation byte at byte {column} of the line "
                f"(byte offset {offset} in the file). Save the file as UTF-8\n")
    result = run("validate", path)
    assert result.exit_code == 1 and result.stderr == expected
    result = run("eval", "score", path, "--gold", path, "--resamples", "10")
    assert result.exit_code == 1 and result.stderr == expected


def test_9_a_bad_byte_in_an_export_is_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonstream, "_CHUNK", 1000)
    body = json.dumps(export_of(*(doc(id=f"d{i}") for i in range(4))), indent=1).encode()
    at = body.rindex(b"Test desk")
    path = tmp_path / "export.json"
    path.write_bytes(body[:at] + b"\xff" + body[at + 1:])
    result = run("annotate", "from-ls", path, "-o", tmp_path / "gold.jsonl")
    assert result.exit_code == 1
    lineno = body[:at].count(b"\n") + 1
    assert result.stderr.startswith(f"error: {path}:{lineno}: not UTF-8 text: invalid start byte at byte offset "
                                    f"{at} in the file")


# --- 10. validate refuses what the format forbids --------------------------------------------------------------

P = "error: {}:1: document 'd1': "


def _mention_start(value: Any) -> dict[str, Any]:
    raw = doc()
    raw["events"][0]["triggers"][0]["start"] = value
    return raw


@pytest.mark.parametrize(("text", "message"), [
    (line(_mention_start("8")), P + "events[0].triggers[0].start: Input should be a valid integer, not the string "
     "\"8\". Write a JSON integer such as 8 (not \"8\", 8.0 or true)"),
    (line(_mention_start(True)).replace('"start": true', '"start": true'),
     P + "events[0].triggers[0].start: Input should be a valid integer, not true. Write a JSON integer such as 8"),
    (line(_mention_start(8.0)), P + "events[0].triggers[0].start: Input should be a valid integer, not 8.0. "),
    (line(doc(synthetic="yes")), P + "synthetic: Input should be a valid boolean, not the string \"yes\". "
     "Write true or false"),
    (line(doc()).replace('"id": "d1"', '"id": "d1", "id": "d0"', 1),
     "error: {}:1: document 'd0': duplicate key 'id' (JSON keeps the last value, so 'd1' would silently become "
     "'d0'). Keep one of them"),
    (line(doc(metadata={"x": float("nan")})),
     P + "metadata.x: NaN is not a JSON number. Write null for a missing value, or the number as a string"),
    (line(doc(metadata={"x": float("inf")})), P + "metadata.x: Infinity is not a JSON number."),
    (line(doc(metadata={"x": 1.5})).replace("1.5", "1e400"), P + "metadata.x: number 1e400 is too large"),
    (line(doc()).replace('"low": 3', '"low": ' + str(10**40)),
     P + "casualties[0].count.low: integer 100000000000... (41 digits) is out of range (at most "
     "9,007,199,254,740,991 in magnitude)"),
    (line(doc(metadata={"tweet": 2**53})), P + "metadata.tweet: integer 9007199254740992 is out of range"),
])
def test_10_validate_refuses_what_json_loads_lets_through(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path / "gold.jsonl", text)
    result = run("validate", path)
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(message.format(path)), result.stderr


def test_10_the_largest_integer_is_accepted_and_round_trips(tmp_path: Path) -> None:
    path = write(tmp_path / "gold.jsonl", line(doc(metadata={"big": 2**53 - 1, "small": -(2**53 - 1)})))
    assert run("validate", path).exit_code == 0
    out = tmp_path / "out.jsonl"
    write_documents(out, read_documents(path))
    assert json.loads(out.read_text(encoding="utf-8"))["metadata"] == {"big": 2**53 - 1, "small": -(2**53 - 1)}


def _events(n: int) -> list[dict[str, Any]]:
    return [{"id": f"e{i}", "type": "shelling_missile_attack", "triggers": [{"start": 8, "end": 11, "text": "hit"}]}
            for i in range(1, n + 1)]


@pytest.mark.parametrize(("links", "closing"), [
    ([("e1", "e2"), ("e2", "e1")], "links[1]: part_of link 'e2' -> 'e1' closes a cycle of events"),
    ([("e1", "e2"), ("e2", "e3"), ("e3", "e1")], "links[2]: part_of link 'e3' -> 'e1' closes a cycle of events"),
])
def test_10_part_of_cycles_among_events_are_rejected(tmp_path: Path, links: list[tuple[str, str]],
                                                     closing: str) -> None:
    raw = doc(events=_events(3), casualties=[],
              links=[{"type": "part_of", "source": a, "target": b} for a, b in links])
    path = write(tmp_path / "gold.jsonl", line(raw))
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}:1: document 'd1': {closing}. An event is part of a larger one, never "
                             "of itself or of its own parts; remove or reverse one link\n")


def test_10_a_part_of_tree_is_accepted(tmp_path: Path) -> None:
    raw = doc(events=_events(3), casualties=[],
              links=[{"type": "part_of", "source": a, "target": b} for a, b in [("e1", "e3"), ("e2", "e3")]])
    assert run("validate", write(tmp_path / "gold.jsonl", line(raw))).exit_code == 0


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_10_an_empty_file_is_a_data_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text(content, encoding="utf-8")
    result = run("validate", path)
    assert result.exit_code == 1
    assert result.stderr == (f"error: {path}: empty: no documents. A JSONL file holds one document per line; check "
                             "that this is the file you meant\n")


# --- 11. from-ls details -------------------------------------------------------------------------------------------


def test_11_a_cancelled_annotation_beside_a_submitted_one_is_not_a_second_candidate(tmp_path: Path) -> None:
    tasks = export_of(doc())
    cancelled = copy.deepcopy(tasks[0]["annotations"][0])
    cancelled.update(id=777, was_cancelled=True, result=[])
    tasks[0]["annotations"].insert(0, cancelled)
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    for extra in ([], ["--annotator", "1"], ["--annotator", "1", "--on-error", "skip"]):
        result = run("annotate", "from-ls", path, "-o", out, *extra)
        assert result.exit_code == 0, result.output
        assert result.stderr == "wrote 1 document\n"
        assert [d.id for d in read_documents(out)] == ["d1"]
    second = copy.deepcopy(tasks[0]["annotations"][1])
    second.update(id=778)
    tasks[0]["annotations"].append(second)
    path.write_text(json.dumps(tasks), encoding="utf-8")
    result = run("annotate", "from-ls", path, "-o", out, "--annotator", "1")
    assert result.exit_code == 1
    assert "2 annotations to choose from (777 by annotator 1 (cancelled), 101 by annotator 1, 778 by annotator 1)" \
        in result.stderr


def test_11_only_cancelled_annotations_are_named(tmp_path: Path) -> None:
    tasks = export_of(doc())
    ann = tasks[0]["annotations"][0]
    ann["was_cancelled"] = True
    tasks[0]["annotations"].append({**ann, "id": 555})
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    result = run("annotate", "from-ls", path, "-o", tmp_path / "gold.jsonl")
    assert result.exit_code == 1
    assert "all 2 annotations were cancelled (skipped): 101 by annotator 1, 555 by annotator 1" in result.stderr


def test_11_from_ls_reads_stdin(tmp_path: Path) -> None:
    out = tmp_path / "gold.jsonl"
    result = run("annotate", "from-ls", "-", "-o", out, stdin=json.dumps(export_of(doc())))
    assert result.exit_code == 0, result.output
    assert [d.id for d in read_documents(out)] == ["d1"]


def test_11_an_empty_result_is_written_with_a_note(tmp_path: Path) -> None:
    tasks = export_of(doc(), doc(id="d2"))
    tasks[1]["annotations"][0]["result"] = []
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks), encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    result = run("annotate", "from-ls", path, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "wrote 2 documents\n"
        "note: annotations with an empty result, written as documents without annotations: 1\n"
        f"          e.g. {path}: document 'd2': task 2, annotation 102: the result is empty: nothing was annotated "
        "in this task. If the report has nothing to annotate this is right; otherwise annotate it\n")
    assert [d.events for d in read_documents(out)][1] == []


@pytest.mark.parametrize(("metadata", "message"), [
    ({"x": float("nan")}, "document 'd1': NaN or an infinite number in the document: it is not JSON"),
    ({"x": 10**20}, "document 'd1': metadata.x: integer 100000000000000000000 is out of range"),
])
def test_10_what_cannot_be_read_back_is_not_written(tmp_path: Path, metadata: dict[str, Any], message: str) -> None:
    """A document built in Python may hold NaN or a huge integer; the writer refuses it instead of writing bare NaN."""
    built = Document.model_validate(doc(metadata=metadata))
    out = tmp_path / "out.jsonl"
    with pytest.raises(DataError) as info:
        write_documents(out, [built])
    assert str(info.value).startswith(f"{out}: {message}")
    assert list(tmp_path.iterdir()) == []


def test_5_a_command_that_writes_bytes_that_are_not_utf8_is_a_message(tmp_path: Path) -> None:
    gold = write(tmp_path / "gold.jsonl", line(doc()))
    script = tmp_path / "bad.py"
    script.write_text("import sys\nfor _ in sys.stdin:\n    sys.stdout.buffer.write(b'\\xff{}\\n')\n", encoding="utf-8")
    command = f"{sys.executable} {script}"
    result = run("extract", "--command", command, gold, "-o", tmp_path / "pred.jsonl")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: stdout of {command!r}:1: not UTF-8 text: byte 1 of the line is not UTF-8")
