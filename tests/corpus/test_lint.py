"""The guideline lint: every rule passes a document that follows it and flags one that does not; findings are
located in the source a writer edits; the allowlist suppresses reviewed exceptions and reports stale ones."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from eventgold.cli import build_app
from eventgold.corpus.allowlist import BUNDLED_ALLOWLIST, AllowEntry, apply_allowlist, read_allowlist
from eventgold.corpus.authoring import annotation_line, build_document, compose_annotation, expand_annotation, read_text
from eventgold.corpus.lint import NOT_CHECKED, RULE_IDS, RULES, Finding, explain, guideline_text, lint_document, rule
from eventgold.corpus.lintrun import format_text, lint_sources
from eventgold.schema import DataError, Document, UsageError, parse_document, write_documents

ROOT = Path(__file__).resolve().parents[2]
AUTHORING = ROOT / "corpus" / "authoring"
runner = CliRunner()
app = build_app()


def make(text: str, published: str = "2024-05-14", **annotation: Any) -> Document:
    """A gold document from the authoring short forms: mentions are the strings they cover."""
    raw, problems = expand_annotation(text, {"id": "t1", "published": published}, annotation)
    assert not problems, problems
    return parse_document(raw, "gold")


def day(value: str, precision: str = "day") -> dict[str, str]:
    return {"start": value, "end": value, "precision": precision}


# For every rule: a document that follows it and one that breaks it (invented text).
CASES: dict[str, tuple[Document, Document]] = {}


def case(rule_id: str, text: str, good: dict[str, Any], bad: dict[str, Any], published: str = "2024-05-14") -> None:
    CASES[rule_id] = (make(text, published, **good), make(text, published, **bad))


_bomb = {"id": "e1", "type": "remote_explosive", "triggers": ["blast"]}
case("R1", "Gunmen attacked a police post in Chimtal district on Monday.",
     {"locations": [{"id": "l1", "name": "Chimtal", "precision": "district", "mentions": ["Chimtal"]}]},
     {"locations": [{"id": "l1", "name": "Chimtal", "precision": "district", "mentions": ["Chimtal district"]}]})
_r2_casualty = {"id": "c1", "event": "e1", "outcome": "killed", "count": {"at_least": 13},
                "victim": {"actor": "a1", "category": "civilian"}}
case("R2", "The blast killed at least 13 residents.",
     {"actors": [{"id": "a1", "name": "residents", "type": "civilians", "mentions": ["13 residents"]}],
      "events": [_bomb], "casualties": [{**_r2_casualty, "mentions": ["at least 13 residents"]}]},
     {"actors": [{"id": "a1", "name": "residents", "type": "civilians", "mentions": ["residents"]}],
      "events": [_bomb], "casualties": [{**_r2_casualty, "mentions": ["13 residents"]}]})
case("R4", "A drone attack hit the market.",
     {"events": [{"id": "e1", "type": "air_drone_strike", "triggers": ["attack"]}]},
     {"events": [{"id": "e1", "type": "air_drone_strike", "triggers": ["drone attack"]}]})
case("R10", "Gunmen raided the village on the evening of 12 May.",
     {"times": [{"id": "t1", "value": day("2024-05-12"), "relative": True, "mentions": ["12 May"]}]},
     {"times": [{"id": "t1", "value": day("2024-05-12"), "relative": True, "mentions": ["evening of 12 May"]}]})
case("R11", "Further protests are likely in the coming weeks.",
     {"times": [{"id": "t1", "value": {"start": "2024-05-15", "end": "2024-06-11", "precision": "week"},
                 "relative": True, "mentions": ["in the coming weeks"]}]},
     {"times": [{"id": "t1", "value": {"start": "2024-05-14", "end": "2024-06-11", "precision": "week"},
                 "relative": True, "mentions": ["in the coming weeks"]}]})
_r12_event = {"id": "e1", "type": "attack", "triggers": ["attacked"], "time": "t1"}
case("R12", "Gunmen attacked a bus on 20 May, the ministry said in its annual review.",
     {"events": [_r12_event], "times": [{"id": "t1", "value": day("2023-05-20"), "relative": True,
                                         "mentions": ["20 May"]}]},
     {"events": [_r12_event], "times": [{"id": "t1", "value": day("2024-05-20"), "relative": True,
                                         "mentions": ["20 May"]}]})
case("R15", "Fighters of Al-Shabaab, which the militants call Harakat al-Shabaab, ambushed a convoy.",
     {"actors": [{"id": "a1", "name": "Harakat al-Shabaab", "aliases": ["Al-Shabaab"], "type": "non_state_armed_group",
                  "mentions": ["Al-Shabaab", "militants"]}]},
     {"actors": [{"id": "a1", "name": "Harakat al-Shabaab al-Mujahideen", "aliases": ["the militants"],
                  "type": "non_state_armed_group", "mentions": ["Al-Shabaab", "militants"]}]})
case("R17", "A roadside bomb hit a truck on the Afgoye road.",
     {"locations": [{"id": "l1", "name": "Afgoye road", "precision": "near", "mentions": ["Afgoye road"]}]},
     {"locations": [{"id": "l1", "name": "Afgoye road", "precision": "exact", "mentions": ["Afgoye road"]}]})
_r19_actors = [{"id": "a1", "name": "teachers", "type": "protesters", "mentions": ["teachers"]},
               {"id": "a2", "name": "police", "type": "police", "mentions": ["Police"]}]
case("R19", "Police dispersed teachers who marched on the ministry.",
     {"actors": _r19_actors, "events": [{"id": "e1", "type": "protest_with_intervention", "triggers": ["marched"],
                                         "arguments": {"participant": ["a1"], "authority": ["a2"]}}]},
     {"actors": _r19_actors, "events": [{"id": "e1", "type": "protest_with_intervention", "triggers": ["marched"],
                                         "arguments": {"participant": ["a1", "a2"]}}]})
case("R20", "A man threw a grenade into the bar.",
     {"weapons": [{"id": "w1", "name": "grenade", "category": "explosive", "quantity": 1, "mentions": ["grenade"]}]},
     {"weapons": [{"id": "w1", "name": "grenade", "category": "explosive", "mentions": ["grenade"]}]})
_r21 = {"events": [{"id": "e1", "type": "attack", "triggers": ["raid"], "time": "t1"},
                   {"id": "e2", "type": "attack", "triggers": ["attack"], "time": "t2"}],
        "times": [{"id": "t1", "value": day("2024-05-12"), "relative": True, "mentions": ["12 May"]},
                  {"id": "t2", "value": day("2024-03-02"), "relative": True, "mentions": ["2 March"]}]}
case("R21", "The raid on 12 May resembled an attack on 2 March.",
     {**_r21, "links": [{"type": "related", "source": "e1", "target": "e2"}]},
     {**_r21, "links": [{"type": "related", "source": "e2", "target": "e1"}]})
case("G3", "The group said it would strike again and warned civilians to leave.",
     {"events": [{"id": "e1", "type": "statement", "triggers": ["warned"]}]},
     {"events": [{"id": "e1", "type": "statement", "triggers": ["said"]}]})
case("G4", "Troops launched Operation Desert Strike on Monday.",
     {"events": [{"id": "e1", "type": "deployment", "triggers": ["launched"]}]},
     {"events": [{"id": "e1", "type": "deployment", "triggers": ["Strike"]}]})
_g7 = {"id": "e1", "type": "shelling_missile_attack", "triggers": ["attacks"], "time": "t1"}
_g7_time = [{"id": "t1", "value": {"start": "2024-03-01", "end": "2024-05-14", "precision": "month"},
             "relative": True, "mentions": ["since March"]}]
case("G7", "Militants have carried out more than 40 rocket attacks since March.",
     {"times": _g7_time, "events": [{**_g7, "series": {"count": {"at_least": 41}, "time": "t1",
                                                       "mentions": ["more than 40"]}}]},
     {"times": _g7_time, "events": [_g7]})
_g12_actor = [{"id": "a1", "name": "Al-Shabaab", "type": "non_state_armed_group", "mentions": ["Al-Shabaab"]}]
case("G12", "Al-Shabaab claimed the bombing at the checkpoint.",
     {"actors": _g12_actor, "events": [{"id": "e1", "type": "remote_explosive", "triggers": ["bombing"],
                                        "arguments": {"attacker": [{"entity": "a1", "certainty": "claimed",
                                                                    "asserted_by": "a1"}]}}]},
     {"actors": _g12_actor, "events": [{"id": "e1", "type": "remote_explosive", "triggers": ["bombing"],
                                        "arguments": {"attacker": ["a1"]}}]})
_g14_location = [{"id": "l1", "name": "Gao", "precision": "exact", "mentions": ["Gao"]}]
case("G14", "Gunmen attacked a convoy 20 km south of Gao.",
     {"locations": _g14_location, "events": [{"id": "e1", "type": "attack", "triggers": ["attacked"], "arguments": {
         "place": [{"entity": "l1", "spatial": {"relation": "south", "distance_km": 20}}]}}]},
     {"locations": _g14_location, "events": [{"id": "e1", "type": "attack", "triggers": ["attacked"],
                                              "arguments": {"place": ["l1"]}}]})
_g16_actors = [{"id": "a1", "name": "militia", "type": "non_state_armed_group", "mentions": ["militia"]},
               {"id": "a2", "name": "Iran", "type": "government", "country": "IR", "mentions": ["Iran"]}]
case("G16", "An Iran-backed militia fired rockets at the base.",
     {"actors": _g16_actors, "actor_links": [{"type": "backed_by", "source": "a1", "target": "a2",
                                              "mentions": ["Iran-backed"]}]},
     {"actors": _g16_actors})
_g18_casualty = {"id": "c1", "event": "e1", "outcome": "killed", "count": 4, "mentions": ["four people"]}
case("G18", "The blast killed four people.",
     {"events": [_bomb], "actors": [{"id": "a1", "name": "people killed", "type": "civilians",
                                     "mentions": ["four people"]}],
      "casualties": [{**_g18_casualty, "victim": {"actor": "a1", "category": "civilian"}}]},
     {"events": [_bomb], "casualties": [_g18_casualty]})
_g19_casualty = {"id": "c1", "event": "e1", "count": 12, "mentions": ["12 casualties"],
                 "victim": {"actor": "a1", "category": "unknown"}}
_g19_actor = [{"id": "a1", "name": "casualties", "type": "unknown", "mentions": ["12 casualties"]}]
case("G19", "The blast caused 12 casualties.",
     {"events": [_bomb], "actors": _g19_actor, "casualties": [{**_g19_casualty, "outcome": "killed_or_injured"}]},
     {"events": [_bomb], "actors": _g19_actor, "casualties": [{**_g19_casualty, "outcome": "injured"}]})
_g20_total = {"id": "c1", "event": "e1", "outcome": "injured", "count": 3, "mentions": ["three people"],
              "victim": {"actor": "a1", "category": "civilian"}}
_g20_actor = [{"id": "a1", "name": "people injured", "type": "civilians", "mentions": ["three people"]}]
case("G20", "The blast injured three people, one of them seriously.",
     {"events": [_bomb], "actors": _g20_actor,
      "casualties": [_g20_total, {"id": "c2", "event": "e1", "outcome": "injured", "count": 1, "part_of": "c1",
                                  "severity": "serious", "mentions": ["one of them seriously"]}]},
     {"events": [_bomb], "actors": _g20_actor, "casualties": [_g20_total]})
_g24_dateline = {"mention": "GAO, May 13 (Sahel Press) -", "place": "Gao", "date": "2024-05-13", "agency": "Sahel Press"}
_g24_time = {"id": "t1", "value": day("2024-05-12"), "relative": True, "mentions": ["on Sunday"]}
case("G24", "GAO, May 13 (Sahel Press) - Gunmen raided a market on Sunday.",
     {"dateline": _g24_dateline, "times": [{**_g24_time, "anchor": "dateline"}]},
     {"dateline": _g24_dateline, "times": [_g24_time]})
_g25_time = {"id": "t1", "value": {"start": "2024-02-14", "end": "2024-05-14", "precision": "month"}, "relative": True,
             "mentions": ["in recent months"]}
case("G25", "Kidnappings on the road have become more frequent in recent months.",
     {"times": [{**_g25_time, "approximate": True}]},
     {"times": [_g25_time]})
case("G26", "GAO, May 13 (Sahel Press) - Gunmen raided a market on Sunday.",
     {"dateline": _g24_dateline, "times": [{**_g24_time, "anchor": "dateline"}]},
     {"dateline": _g24_dateline, "times": [{"id": "t2", "value": day("2024-05-13"), "mentions": ["May 13"]},
                                           {**_g24_time, "anchor": "dateline"}]})

_g27_bombing = {"id": "e1", "type": "remote_explosive", "triggers": ["bombing"], "incident_id": "inc-001"}
_g27_claim = {"id": "e2", "type": "statement", "modality": "negated", "triggers": ["claimed"]}
_g27_link = [{"type": "response_to", "source": "e2", "target": "e1"}]
case("G27", "No group has claimed the bombing of the bus station.",
     {"events": [_g27_bombing, {**_g27_claim, "incident_id": "inc-001"}], "links": _g27_link},
     {"events": [_g27_bombing, _g27_claim], "links": _g27_link})


def test_every_rule_has_a_passing_and_a_failing_example() -> None:
    assert sorted(CASES) == sorted(RULE_IDS)


@pytest.mark.parametrize("rule_id", RULE_IDS)
def test_rule_passes_good_and_flags_bad(rule_id: str) -> None:
    good, bad = CASES[rule_id]
    assert lint_document(good) == []
    findings = lint_document(bad)
    assert findings and {f.rule for f in findings} == {rule_id}, [str(f) for f in findings]
    for f in findings:
        assert f.doc_id == "t1" and f.path and f.message
        if f.span is not None:
            assert f.text == bad.text[f.span[0]:f.span[1]]


def test_finding_message_is_located_and_says_the_fix() -> None:
    (finding,) = lint_document(CASES["R4"][1])
    assert str(finding.located(file="gold.jsonl", line=3)) == (
        "gold.jsonl:3: document 't1': events[0].triggers[0]: chars 2-14 'drone attack': R4 trigger includes the "
        "means 'drone'. Mark the head word ('attack'); the means is the instrument")


def test_r2_names_both_halves() -> None:
    messages = sorted(f.message for f in lint_document(CASES["R2"][1]))
    assert messages == ["casualty evidence leaves out the qualifier 'at least'",
                        "victim mention leaves out its number '13'"]


@pytest.mark.parametrize("text, mention", [
    ("Kharkiv oblast was shelled.", "Kharkiv oblast"),
    ("They crossed into the district of Soran.", "district of Soran"),
])
def test_r1_level_words(text: str, mention: str) -> None:
    doc = make(text, locations=[{"id": "l1", "name": "x", "precision": "region", "mentions": [mention]}])
    assert [f.rule for f in lint_document(doc)] == ["R1"]


@pytest.mark.parametrize("text, mention", [
    ("Troops deployed across Borno State.", "Borno State"),         # a capitalised level is part of the name
    ("Curfews spread across the Anglophone regions.", "Anglophone regions"),  # a plural is a description
    ("Jets struck Syrian territory.", "Syrian territory"),          # 'territory' after an adjective is no level
])
def test_r1_leaves_names_and_descriptions_alone(text: str, mention: str) -> None:
    doc = make(text, locations=[{"id": "l1", "name": "x", "precision": "region", "mentions": [mention]}])
    assert lint_document(doc) == []


def test_r11_since_for_a_series_runs_to_publication() -> None:
    good, _ = CASES["G7"]
    bad = good.model_copy(deep=True)
    bad.times[0].value.end = bad.times[0].value.end.replace(day=1)
    (finding,) = lint_document(bad)
    assert finding.rule == "R11" and finding.text == "since March"
    assert finding.message == "'since March' spans a series but ends 2024-05-01, not at publication (2024-05-14)"


def test_g27_leaves_hypothetical_responses_without_an_id() -> None:
    doc = make("Officials said bars will close after the bombing.",
               events=[_g27_bombing, {"id": "e2", "type": "security_measure", "modality": "hypothetical",
                                      "triggers": ["close"], "incident_id": "inc-001"}])
    assert [f.message for f in lint_document(doc)] == ["hypothetical event 'e2' carries incident_id 'inc-001'"]


def test_g14_ignores_a_cue_about_another_place() -> None:
    doc = make("Rockets were fired from a truck parked 15 km east of the base.",
               locations=[{"id": "l1", "name": "base", "precision": "exact", "mentions": ["base"]}],
               events=[{"id": "e1", "type": "shelling_missile_attack", "triggers": ["fired"],
                        "arguments": {"target": ["l1"], "place": ["l1"]}}])
    assert lint_document(doc) == []


def test_g7_skips_a_trigger_shared_by_several_events() -> None:
    doc = make("Two bombings hit the market; the two bombings killed nobody.",
               events=[{"id": "e1", "type": "remote_explosive", "triggers": ["bombings#1"]},
                       {"id": "e2", "type": "remote_explosive", "triggers": ["bombings#1"]}])
    assert lint_document(doc) == []


def test_r21_needs_both_times_and_actual_events() -> None:
    good, bad = CASES["R21"]
    hypothetical = bad.model_copy(deep=True)
    hypothetical.events[1].modality = hypothetical.events[1].modality.HYPOTHETICAL
    assert lint_document(hypothetical) == []


# --- explain -----------------------------------------------------------------------------------------------------

def _guideline_ids() -> list[str]:
    """Every rule id of the guidelines' revision tables ('| R1 | 1 | ...', '| G12, G13 | 8 | ...')."""
    text = (ROOT / "docs" / "guidelines.md").read_text(encoding="utf-8")
    ids = {i for cell in re.findall(r"^\| ((?:[RG]\d+(?:, )?)+) \|", text, re.M) for i in cell.split(", ")}
    return sorted(ids, key=lambda i: (i[0], int(i[1:])))


def test_every_guideline_rule_is_checked_or_says_why_not() -> None:
    assert set(RULE_IDS) | set(NOT_CHECKED) == set(_guideline_ids())
    assert not set(RULE_IDS) & set(NOT_CHECKED)


@pytest.mark.parametrize("rule_id", _guideline_ids())
def test_explain_works_for_every_rule_id(rule_id: str) -> None:
    result = runner.invoke(app, ["corpus", "lint", "--explain", rule_id.lower()])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{rule_id}: ")
    assert guideline_text(rule_id) is not None
    assert guideline_text(rule_id) in result.stdout  # the guideline's own words, quoted
    if rule_id in RULE_IDS:
        assert "The lint flags: " in result.stdout
    else:
        assert "not checked by the lint" in result.stdout


def test_explain_unknown_rule_is_a_usage_error() -> None:
    result = runner.invoke(app, ["corpus", "lint", "--explain", "R99"])
    assert result.exit_code == 2
    assert "unknown rule 'R99'; the lint checks R1, R2, R4" in result.stderr
    with pytest.raises(UsageError):
        rule("G99")


def test_explain_reads_the_rule_table() -> None:
    assert explain("R4").splitlines()[:2] == [
        "R4: triggers are head words, without the means or the object",
        "Guidelines: docs/guidelines.md, section 2 Events, rule (R4)."]


# --- sources, allowlist, command -------------------------------------------------------------------------------------

def _write(tmp_path: Path, docs: list[Document]) -> Path:
    path = tmp_path / "gold.jsonl"
    write_documents(path, docs)
    return path


def test_jsonl_findings_carry_file_and_line(tmp_path: Path) -> None:
    good, bad = CASES["R4"]
    path = _write(tmp_path, [good.model_copy(update={"id": "ok"}), bad])
    report = lint_sources([path])
    assert report.documents == ["ok", "t1"] and not report.ok
    (finding,) = report.findings
    assert (finding.file, finding.line, finding.rule) == (str(path), 2, "R4")
    assert report.counts()["R4"] == {"findings": 1, "allowlisted": 0}
    assert set(report.counts()) == set(RULE_IDS)


def test_a_corpus_folder_lints_every_split(tmp_path: Path) -> None:
    from eventgold.corpus.splits import make_corpus_folder

    make_corpus_folder([CASES["R4"][1], CASES["G3"][1].model_copy(update={"id": "t2"})], tmp_path / "c", card=False)
    report = lint_sources([tmp_path / "c"])
    assert sorted(report.documents) == ["t1", "t2"] and sorted(f.rule for f in report.findings) == ["G3", "R4"]


def test_invalid_lines_are_reported_not_skipped(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"schema_version": "2.0", "id": "x", "text": "t"}\n', encoding="utf-8")
    report = lint_sources([path])
    assert not report.ok and report.documents == []
    assert any("published" in str(p) and f"{path}:1" in str(p) for p in report.problems)


def _allowlist(tmp_path: Path, entries: list[dict[str, Any]]) -> Path:
    """An allowlist file with one entry per line (flow style), so entry k is on line k + 1."""
    path = tmp_path / "allow.yaml"
    path.write_text("".join(f"- {yaml.safe_dump(e, default_flow_style=True, width=1000, sort_keys=False)}"
                            for e in entries), encoding="utf-8")
    return path


def test_allowlist_suppresses_by_path_span_or_text(tmp_path: Path) -> None:
    gold = _write(tmp_path, [CASES["R4"][1]])
    for where in ({"path": "events[0].triggers[0]"}, {"span": [2, 14]}, {"span": [2, 14], "text": "drone attack"}):
        allow = _allowlist(tmp_path, [{"rule": "R4", "document": "t1", **where, "reason": "invented example"}])
        report = lint_sources([gold], allowlist=allow)
        assert report.ok and len(report.allowed) == 1 and report.allowed[0][1].reason == "invented example"
        assert report.counts()["R4"] == {"findings": 0, "allowlisted": 1}


def test_stale_allowlist_entry_is_reported(tmp_path: Path) -> None:
    gold = _write(tmp_path, [CASES["R4"][0]])
    allow = _allowlist(tmp_path, [{"rule": "R4", "document": "t1", "span": [2, 14], "reason": "fixed since"},
                                  {"rule": "R4", "document": "other", "span": [0, 1], "reason": "not linted"},
                                  {"rule": "G3", "document": "t1", "span": [0, 1], "reason": "rule not run"}])
    report = lint_sources([gold], allowlist=allow, rules=[rule("R4")])
    assert [(e.document, e.line) for e in report.stale] == [("t1", 1)]  # the other two were not linted or run
    assert f"{allow}:1: stale allowlist entry: R4 in t1 at span [2, 14] matches no finding" in format_text(report)


def test_bad_allowlist_entries_are_located(tmp_path: Path) -> None:
    allow = _allowlist(tmp_path, [{"rule": "R99", "document": "t1", "path": "x", "reason": "r"},
                                  {"rule": "R4", "document": "t1", "reason": " "},
                                  {"rule": "R4", "document": "t1", "span": [1], "reason": "r", "colour": "red"}])
    with pytest.raises(DataError) as err:
        read_allowlist(allow)
    messages = [str(p) for p in err.value.problems]
    assert any(m.startswith(f"{allow}:1: rule 'R99' is not a rule the lint checks") for m in messages)
    assert any(m.startswith(f"{allow}:2: entry gives no reason") for m in messages)
    assert any(m.startswith(f"{allow}:2: entry gives neither path nor span") for m in messages)
    assert any(m.startswith(f"{allow}:3: unknown field(s) colour") for m in messages)
    assert any(m.startswith(f"{allow}:3: span [1] is not [start, end]") for m in messages)


def test_apply_allowlist_keeps_unmatched_findings() -> None:
    finding = Finding("R4", "d", "events[0].triggers[0]", "m", (0, 3), "abc")
    entry = AllowEntry("R4", "d", "why", span=(0, 4))
    kept, allowed, stale = apply_allowlist([finding], [entry], documents=["d"], rules=["R4"])
    assert kept == [finding] and allowed == [] and stale == [entry]


def test_bundled_allowlist_is_valid_and_every_entry_still_matches() -> None:
    entries = read_allowlist(BUNDLED_ALLOWLIST)
    docs = {e.document for e in entries}
    report = lint_sources([ROOT / "corpus" / "data" / f"{s}.jsonl" for s in ("train", "dev", "test")],
                          allowlist=BUNDLED_ALLOWLIST)
    assert docs <= set(report.documents)
    assert report.stale == []
    assert len(report.allowed) == len(entries)


def test_command_exit_codes_and_json(tmp_path: Path) -> None:
    good, bad = CASES["G12"]
    ok = runner.invoke(app, ["corpus", "lint", str(_write(tmp_path, [good])), "--no-allowlist"])
    assert ok.exit_code == 0, ok.output
    assert f"1 documents, {len(RULES)} rules: 0 findings, 0 allowlisted" in ok.stdout
    result = runner.invoke(app, ["corpus", "lint", str(_write(tmp_path, [bad])), "--no-allowlist", "--json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["counts"]["G12"] == {"findings": 1, "allowlisted": 0}
    assert data["findings"][0]["path"] == "events[0].arguments[0]"
    selected = runner.invoke(app, ["corpus", "lint", str(tmp_path / "gold.jsonl"), "--select", "R4,G3"])
    assert selected.exit_code == 0 and "2 rules: 0 findings" in selected.stdout
    assert runner.invoke(app, ["corpus", "lint", "--select", "X1"]).exit_code == 2
    assert runner.invoke(app, ["corpus", "lint", "--authoring", str(tmp_path)]).exit_code == 2


# --- the authoring format -------------------------------------------------------------------------------------------

def _authoring_folder(tmp_path: Path) -> Path:
    root = tmp_path / "authoring"
    (root / "reports").mkdir(parents=True)
    (root / "annotations").mkdir()
    (root / "reports" / "t9.txt").write_text("A drone attack hit the market. The attack killed two.\n", encoding="utf-8")
    (root / "reports" / "t9.meta.yaml").write_text("id: t9\npublished: 2024-05-14\n", encoding="utf-8")
    (root / "annotations" / "t9.yaml").write_text(
        "events:\n"
        "- id: e1\n"
        "  type: air_drone_strike\n"
        "  triggers:\n"
        "  - attack#2\n"
        "  - drone attack\n", encoding="utf-8")
    return root


def test_authoring_findings_name_the_annotation_line(tmp_path: Path) -> None:
    root = _authoring_folder(tmp_path)
    report = lint_sources(authoring=root)
    (finding,) = report.findings
    assert finding.path == "events[0].triggers[0]"  # gold lists triggers in text order ...
    assert (finding.file, finding.line) == (str(root / "annotations" / "t9.yaml"), 6)  # ... the YAML does not
    single = lint_sources([root / "annotations" / "t9.yaml"])
    assert [(f.file, f.line) for f in single.findings] == [(finding.file, 6)]
    assert [(f.file, f.line) for f in lint_sources([root]).findings] == [(finding.file, 6)]  # the folder as a FILE


def test_authoring_build_errors_are_reported(tmp_path: Path) -> None:
    root = _authoring_folder(tmp_path)
    (root / "annotations" / "t9.yaml").write_text("events:\n- id: e1\n  type: attack\n  triggers: [raid]\n",
                                                  encoding="utf-8")
    report = lint_sources(authoring=root)
    assert not report.ok and report.documents == []
    assert "'raid' does not occur in the text" in str(report.problems[0])


@pytest.mark.parametrize("doc_id", ["eg-021", "eg-033", "eg-101", "eg-246"])
def test_annotation_lines_point_at_the_mention(doc_id: str) -> None:
    """Every mention finding's YAML line is the line that writes that mention."""
    path = AUTHORING / "annotations" / f"{doc_id}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    node, text = compose_annotation(path), read_text(AUTHORING / "reports" / f"{doc_id}.txt")
    doc = build_document(AUTHORING, doc_id)
    checked = 0
    for field in ("actors", "locations", "times"):
        for i, obj in enumerate(getattr(doc, field)):
            for j, m in enumerate(obj.mentions):
                line = annotation_line(node, text, f"{field}[{i}].mentions[{j}]", (m.start, m.end))
                assert line is not None and m.text in lines[line - 1], (field, i, j, m.text, line)
                checked += 1
    for i, ev in enumerate(doc.events):
        for j, m in enumerate(ev.triggers):
            line = annotation_line(node, text, f"events[{i}].triggers[{j}]", (m.start, m.end))
            assert line is not None and m.text in lines[line - 1]
            checked += 1
    assert checked > 10


def test_every_rule_runs_on_the_bundled_corpus() -> None:
    """The rules run on every bundled document and every finding quotes the text it points at."""
    report = lint_sources(rules=RULES)
    assert len(report.documents) >= 64 and not report.problems
    for f in report.findings:
        assert f.file and f.line and f.rule in RULE_IDS
