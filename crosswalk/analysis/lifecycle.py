"""Where a framework stands (draft, in force, superseded), said the same way in every answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from crosswalk.enums import Stage
from crosswalk.model import Framework


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def stage_note(framework: Framework, titles: dict[str, str] | None = None) -> str:
    """One sentence: the framework's stage and the dates that go with it.

    `titles` names other frameworks by their title (for "superseded by ...").
    """
    life = framework.lifecycle
    name = framework.short_title or framework.title
    if life.stage is Stage.draft:
        parts = [f"{name} is a draft, not in force"]
        if life.published:
            parts.append(f"published {_day(life.published)}")
        if life.consultation_closes:
            parts.append(f"consultation closed {_day(life.consultation_closes)}")
        return "; ".join(parts) + "."
    if life.stage is Stage.superseded:
        successor = life.superseded_by or "a later framework"
        successor = (titles or {}).get(successor, successor)
        since = f" from {_day(life.superseded_from)}" if life.superseded_from else ""
        return f"{name} is superseded by {successor}{since}."
    since = f" since {_day(life.in_force_from)}" if life.in_force_from else ""
    return f"{name} is in force{since}."


def stage_data(framework: Framework, titles: dict[str, str] | None = None) -> dict[str, Any]:
    """The stage as JSON-ready data, for every answer about a framework."""
    life = framework.lifecycle
    return {
        "stage": str(life.stage),
        "note": stage_note(framework, titles),
        "superseded_by": life.superseded_by,
    }
