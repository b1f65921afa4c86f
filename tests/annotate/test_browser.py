"""A person's path through the real labeling page, in headless Chromium, then back through pull.

This is the proof that the generated config works for an annotator: log in,
open a task, mark an event trigger and an actor by selecting text, set a
per-region attribute on each, draw the attacker relation and label it,
submit; then pull the project and check the offsets and values that arrive.
The report starts with an emoji, so the offsets also prove that what Label
Studio stores are code-point (Python) indices, not the browser's UTF-16 ones.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from eventgold.annotate.sync import connect, project_tasks, pull, push
from eventgold.schema import (
    Actor,
    ActorType,
    Argument,
    Document,
    Event,
    EventType,
    Mention,
    Modality,
    Role,
    read_documents,
)
from tests.annotate.conftest import LiveStudio

pytestmark = [pytest.mark.server, pytest.mark.browser]

REPORT = {
    "id": "browser-1",
    "published": "2024-05-14",
    "source": "Sahel Security Digest",
    "text": "🚨 Officials denied that gunmen attacked a police post in Gao on Tuesday.",
}
PROJECT = "eventgold browser"

# Select the first occurrence of ``needle`` inside the rendered document and release the mouse there, which is
# what makes Label Studio turn the selection into a region with the armed label.
SELECT_TEXT = """
([needle]) => {
  const root = document.querySelector('.lsf-htx-richtext');
  if (!root) return 'no document';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(needle);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      node.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
      return 'ok';
    }
  }
  return 'not found';
}
"""


class LabelingPage:
    """The few gestures the test needs, each waiting for Label Studio to show its effect."""

    #: Label Studio reads two region selections closer than about a second as one gesture and gives the second
    #: region the first one's label; a person never selects that fast.
    GESTURE_GAP_S = 1.3

    def __init__(self, page: Any, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self._last_region = 0.0

    def log_in(self, email: str, password: str) -> None:
        self.page.goto(f"{self.base_url}/user/login/")
        self.page.fill("input[name=email]", email)
        self.page.fill("input[name=password]", password)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state("networkidle")
        if "/user/login" in self.page.url:
            raise AssertionError(f"login as {email} failed; still on {self.page.url}")

    def open_task(self, project_id: int, task_id: int) -> None:
        self.page.goto(f"{self.base_url}/projects/{project_id}/data?tab=1&task={task_id}")
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_selector(".lsf-htx-richtext .lsf-richtext__line")

    def mark(self, label: str, needle: str) -> None:
        """Arm ``label`` in the label bar, select ``needle`` in the text, and wait for the new region."""
        wait = self._last_region + self.GESTURE_GAP_S - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        before = self.page.locator(".lsf-htx-richtext .htx-highlight").count()
        exact = re.compile(f"^{re.escape(label)}$")
        self.page.locator(".lsf-labels .lsf-label").filter(
            has=self.page.locator(".lsf-label__text", has_text=exact)).first.click()
        self.page.wait_for_selector(".lsf-labels .lsf-label_selected")
        assert self.page.evaluate(SELECT_TEXT, [needle]) == "ok", f"{needle!r} is not in the rendered text"
        self.page.wait_for_function(
            f"document.querySelectorAll('.lsf-htx-richtext .htx-highlight').length > {before}")
        self.page.evaluate("window.getSelection().removeAllRanges()")
        self._last_region = time.monotonic()
        self.region(needle).wait_for()

    def region(self, text: str) -> Any:
        """The region's entry in the Regions panel."""
        return self.page.locator(".lsf-outliner-item").filter(has_text=text).first

    def regions(self) -> list[str]:
        return [" ".join(e.inner_text().split()) for e in self.page.locator(".lsf-outliner-item").all()]

    def choose(self, region_text: str, option: str) -> None:
        """Select a region, then tick ``option`` among the per-region choices that appear for it."""
        self.region(region_text).click()
        choice = self.page.locator(".lsf-choices:visible .lsf-choice").filter(has_text=option).first
        choice.click()
        choice.locator("input").first.wait_for(state="attached")
        if not choice.locator("input").first.is_checked():
            raise AssertionError(f"choice {option!r} did not stay ticked for region {region_text!r}")

    def tab(self, name: str) -> None:
        """Show the side panel's tab ``name`` (Regions or Relations)."""
        self.page.locator(".lsf-panel-tabs__tab:visible").filter(has_text=re.compile(f"^{name}")).first.click()

    def relate(self, source_text: str, target_text: str, *labels: str) -> None:
        """Draw a relation from one region to another (through the Regions panel) and give it its labels."""
        self.region(source_text).click()
        self.page.get_by_role("button", name="Create Relation").click()
        self.region(target_text).click()
        self.tab("Relations")
        relation = self.page.locator(".lsf-relations__item").last
        relation.wait_for()
        relation.hover()
        relation.get_by_role("button", name="Show Relation Labels").click()
        for label in labels:
            self.page.locator(".lsf-relation-meta button").last.click()
            self.page.get_by_role("option", name=label, exact=True).first.click()
            self.page.keyboard.press("Escape")
        self.tab("Regions")

    def number(self, region_text: str, caption: str, value: str) -> None:
        """Select a region and type ``value`` into the number field under the caption that contains ``caption``."""
        self.region(region_text).click()
        field = self.page.locator(f"xpath=//*[contains(text(), {caption!r})]/following::input[@type='number'][1]")
        field.fill(value)
        field.press("Enter")

    def submit(self) -> None:
        self.page.get_by_role("button", name="Submit").click()


@pytest.fixture(scope="module")
def browser_task(live_studio: LiveStudio, tmp_path_factory: pytest.TempPathFactory) -> tuple[int, int]:
    reports = tmp_path_factory.mktemp("browser") / "reports.jsonl"
    reports.write_text(json.dumps(REPORT, ensure_ascii=False) + "\n", encoding="utf-8")
    report, _ = push(live_studio.url, PROJECT, reports, api_key=live_studio.owner_token)
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    (task,) = list(project_tasks(client, report.project.id))
    return report.project.id, task["id"]


def wait_for_annotation(live_studio: LiveStudio, task_id: int, user_id: int, timeout: float = 20.0) -> None:
    client = connect(live_studio.url, api_key=live_studio.owner_token)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(a.completed_by == user_id for a in client.annotations.list(id=task_id)):
            return
        time.sleep(0.5)
    raise AssertionError(f"no annotation by user {user_id} reached task {task_id} within {timeout:.0f} s")


def test_an_annotator_labels_a_report_in_the_browser_and_pull_brings_it_back(
        live_studio: LiveStudio, browser_page: Any, browser_task: tuple[int, int], tmp_path: Path) -> None:
    project_id, task_id = browser_task
    text = REPORT["text"]
    ui = LabelingPage(browser_page, live_studio.url)
    ui.log_in(live_studio.second.email, live_studio.second.password)
    ui.open_task(project_id, task_id)

    ui.mark("Attack", "attacked")
    ui.mark("Actor", "gunmen")
    assert ui.regions() == ["1 Attack attacked", "2 Actor gunmen"]
    ui.choose("attacked", "Negated")
    ui.choose("gunmen", "Non-state armed group")
    ui.relate("attacked", "gunmen", "attacker")
    ui.submit()
    wait_for_annotation(live_studio, task_id, live_studio.second_id)

    out = tmp_path / "gold.jsonl"
    pull(live_studio.url, PROJECT, out, annotator=live_studio.second.email, api_key=live_studio.second_token)
    (doc,) = list(read_documents(out))
    trigger, actor = text.index("attacked"), text.index("gunmen")
    assert (trigger, actor) == (31, 24)  # code points; in the browser the emoji is two UTF-16 units
    assert doc == Document(
        id="browser-1", published=dt.date(2024, 5, 14), source="Sahel Security Digest", text=text,
        actors=[Actor(id="a1", name="gunmen", type=ActorType.NON_STATE_ARMED_GROUP,
                      mentions=[Mention(start=actor, end=actor + 6, text="gunmen")])],
        events=[Event(id="e1", type=EventType.ATTACK, modality=Modality.NEGATED,
                      triggers=[Mention(start=trigger, end=trigger + 8, text="attacked")],
                      arguments=[Argument(role=Role.ATTACKER, entity="a1")])],
    )


REPORT_2 = {
    "id": "browser-2",
    "published": "2024-05-15",
    "source": "Sahel Security Digest",
    "text": "Militants claimed an attack 20 km south of Gao.",
}


def test_schema_2_argument_details_are_made_in_the_page(live_studio: LiveStudio, browser_page: Any,
                                                        tmp_path: Path) -> None:
    """Certainty and a spatial relation as further relation labels, a distance on an argument detail region."""
    reports = tmp_path / "reports.jsonl"
    reports.write_text(json.dumps(REPORT_2) + "\n", encoding="utf-8")
    report, _ = push(live_studio.url, "eventgold browser 2.0", reports, api_key=live_studio.owner_token)
    (task,) = list(project_tasks(connect(live_studio.url, api_key=live_studio.owner_token), report.project.id))
    ui = LabelingPage(browser_page, live_studio.url)
    ui.log_in(live_studio.second.email, live_studio.second.password)
    ui.open_task(report.project.id, task["id"])

    ui.mark("Attack", "attack")
    ui.mark("Actor", "Militants")
    ui.mark("Location", "Gao")
    ui.mark("Argument detail", "20 km south of")
    ui.choose("Militants", "Non-state armed group")
    ui.choose("Gao", "Near")
    ui.number("20 km south of", "distance in km", "20")
    ui.relate("attack", "Militants", "attacker", "claimed")
    ui.relate("attack", "20 km south of", "place", "south")
    ui.relate("20 km south of", "Gao", "entity")
    ui.submit()
    wait_for_annotation(live_studio, task["id"], live_studio.second_id)

    out = tmp_path / "gold.jsonl"
    pull(live_studio.url, "eventgold browser 2.0", out, annotator=live_studio.second.email,
         api_key=live_studio.second_token)
    (doc,) = list(read_documents(out))
    assert [a.model_dump(mode="json", exclude_none=True) for a in doc.events[0].arguments] == [
        {"role": "attacker", "entity": "a1", "certainty": "claimed"},
        {"role": "place", "entity": "l1", "spatial": {"relation": "south", "distance_km": 20}},
    ]
    assert doc.locations[0].precision.value == "near" and doc.actors[0].name == "Militants"


def test_the_report_caption_shows_the_document_fields(live_studio: LiveStudio, browser_page: Any,
                                                      browser_task: tuple[int, int]) -> None:
    """The captions read the task data; Label Studio's editor once showed the whole task for ``$source``."""
    project_id, task_id = browser_task
    ui = LabelingPage(browser_page, live_studio.url)
    ui.log_in(live_studio.owner.email, live_studio.owner.password)
    ui.open_task(project_id, task_id)
    captions = [" ".join(h.inner_text().split()) for h in browser_page.locator(
        ".lsf-main-view :is(h1, h2, h3, h4, h5, h6)").all()[:2]]
    assert captions == ["Report browser-1, published 2024-05-14", "Source: Sahel Security Digest"]
