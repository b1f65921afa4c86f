"""Negation, hedge and habit cues: the modality the baseline gives a trigger in its sentence."""

from __future__ import annotations

import pytest

from eventgold.eval.baseline import modality_of
from eventgold.schema import Modality

M = Modality

# (sentence, trigger, expected modality); the trigger's first occurrence is used
CASES: list[tuple[str, str, Modality]] = [
    ("Gunmen attacked a convoy near Gao.", "attacked", M.ACTUAL),
    ("There were no reports of clashes in the city.", "clashes", M.NEGATED),
    ("No casualties or arrests were reported.", "arrests", M.NEGATED),
    ("The rally passed without arrests.", "arrests", M.NEGATED),
    ("Police did not detain anyone.", "detain", M.NEGATED),
    ("The group denied carrying out the bombing.", "bombing", M.NEGATED),
    ("Earlier sweeps did not lead to the capture of commanders.", "capture", M.NEGATED),
    ("Further protests are likely in the capital.", "protests", M.HYPOTHETICAL),
    ("Demonstrations are expected on Friday.", "Demonstrations", M.HYPOTHETICAL),
    ("Militants may attack checkpoints at night.", "attack", M.HYPOTHETICAL),
    ("Authorities will impose a curfew from Monday.", "curfew", M.HYPOTHETICAL),
    ("The group threatened to bomb the pipeline.", "bomb", M.HYPOTHETICAL),
    ("Potentially violent demonstrations could follow the verdict.", "demonstrations", M.HYPOTHETICAL),
    ("Officials warned of possible reprisal attacks.", "attacks", M.HYPOTHETICAL),
    ("Retaliatory strikes cannot be ruled out.", "strikes", M.HYPOTHETICAL),
    ("The militia routinely attacks convoys on this road.", "attacks", M.GENERIC),
    ("Bandits frequently kidnap travellers in the area.", "kidnap", M.GENERIC),
    ("Such militias continue to attack bases across the region.", "attack", M.GENERIC),
    ("Gunmen killed two guards, but no arrests were made.", "killed", M.ACTUAL),
    ("No group claimed the attack, which killed four soldiers.", "killed", M.ACTUAL),
    ("Troops clashed with rebels; no civilians were hurt.", "clashed", M.ACTUAL),
    ("The blast, which was not the first this year, hit a market.", "blast", M.ACTUAL),
]


@pytest.mark.parametrize(("sentence", "trigger", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_modality_cues(sentence: str, trigger: str, expected: Modality) -> None:
    start = sentence.index(trigger)
    assert modality_of(sentence, start, start + len(trigger), (0, len(sentence))) is expected
