import json
from pathlib import Path

from typer.testing import CliRunner

from eventgold.cli import app
from eventgold.schema.reference import format_reference
from eventgold.schema.vocab import (
    ActorLinkType,
    CasualtyOutcome,
    CasualtyStatus,
    Certainty,
    EventType,
    InjurySeverity,
    Modality,
    SpatialRelation,
    TimeAnchor,
)

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_format_reference_is_current() -> None:
    assert (ROOT / "docs" / "format.md").read_text(encoding="utf-8") == format_reference(), \
        "regenerate with: python -m eventgold.schema.reference > docs/format.md"


def test_guidelines_cover_every_vocabulary_value() -> None:
    text = (ROOT / "docs" / "guidelines.md").read_text(encoding="utf-8")
    for value in [*EventType, *Modality, *CasualtyOutcome, *Certainty, *SpatialRelation, *ActorLinkType, *TimeAnchor,
                  *InjurySeverity, *CasualtyStatus]:
        assert f"`{value.value}`" in text, value


def test_schema_command_prints_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Document" and schema["additionalProperties"] is False
    assert "Event" in schema["$defs"]


def test_validate_command_exit_codes(tmp_path: Path) -> None:
    ok = runner.invoke(app, ["validate", str(ROOT / "docs" / "examples" / "gold.jsonl")])
    assert ok.exit_code == 0, ok.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"schema_version": "2.0", "id": "x"}\n', encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1: document 'x': published: Field required." in result.stderr
    assert runner.invoke(app, ["validate", str(tmp_path / "missing.jsonl")]).exit_code == 2
    assert runner.invoke(app, ["validate", "--profile", "nonsense", str(bad)]).exit_code == 2


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("eventgold ")
