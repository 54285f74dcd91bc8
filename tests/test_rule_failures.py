"""A rule that raises costs one document's fields, never the batch: the failure is a note that
names the document, and every other document comes out whole."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from services.extraction.events import candidates
from services.pipeline.extract import extract
from services.schema import Document, EventMention, ExtractionResult
from tests.services_env import ROOT, run_vigil, service_env

GOOD = "Gunmen killed four farmers in Benue state, Nigeria, on Monday, police said."
POISON = "POISON-MARKER: a bomb exploded at a market in Kano, killing two traders."


def _raise_on_marker(candidate: candidates.Candidate, article, _built) -> None:
    if "POISON-MARKER" in article.text:
        raise ValueError("a rule's bug")


def test_a_raising_candidate_rule_becomes_a_note_on_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(candidates, "CANDIDATE_STEPS", (*candidates.CANDIDATE_STEPS, _raise_on_marker))
    result = extract(
        [
            Document(id="good-1", text=GOOD),
            Document(id="poisoned", text=POISON),
            Document(id="good-2", text=GOOD),
        ]
    )
    by_id = {d.id: d for d in result.documents}
    assert [d.id for d in result.documents] == ["good-1", "poisoned", "good-2"]
    assert by_id["good-1"].events and by_id["good-2"].events
    assert not by_id["good-1"].notes and not by_id["good-2"].notes
    assert any("_raise_on_marker failed: ValueError" in n for n in by_id["poisoned"].notes)
    # The other rules still filled the poisoned document's event.
    assert by_id["poisoned"].events[0].event_type == "bombing"


def test_a_raising_event_rule_keeps_the_event_it_had(monkeypatch: pytest.MonkeyPatch) -> None:
    from services.extraction import events

    def broken(event: EventMention, group, article) -> EventMention:
        raise KeyError("missing")

    monkeypatch.setattr(events, "EVENT_STEPS", (broken, *events.EVENT_STEPS))
    result = extract([Document(id="d", text=GOOD)])
    document = result.documents[0]
    assert document.events and document.events[0].killed.value == 4
    assert document.notes == ["broken failed: KeyError: 'missing'"]


@pytest.mark.parametrize(
    "sentence",
    [
        "It was attacks like that that made the city afraid.",
        "He said that that bombing was the worst he had seen.",
        "That that that was wrong is clear.",
    ],
)
def test_repeated_that_does_not_recurse(sentence: str) -> None:
    document = extract([Document(id="t", text=sentence)]).documents[0]
    assert document.notes == []


def test_extract_command_goes_on_past_a_document_that_once_crashed_it(tmp_path: Path) -> None:
    lines = [
        {"id": "figure-of-speech", "text": "It was attacks like that that made the city afraid."},
        {"id": "report", "text": GOOD, "published": "2024-03-06"},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    env = service_env("sqlite:///unused.db", None, "")
    result = run_vigil(env, "extract", "--jsonl", str(path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    out = ExtractionResult.model_validate(json.loads(result.stdout))
    assert [d.id for d in out.documents] == ["figure-of-speech", "report"]
    assert out.documents[1].events[0].killed.value == 4
