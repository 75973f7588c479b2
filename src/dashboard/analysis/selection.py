"""What the viewer selected: regions, districts, metric, period and settlement status.

Plain, validated values only: a selection can be written to and read from the page URL
without trusting what arrives there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dashboard.data.schema import EXTRA_CARDS, FOCUS_REGIONS, PACES, VIEW_METRICS

__all__ = ["EXTRA_CARDS", "FOCUS_REGIONS", "PACES", "STATUSES", "VIEW_METRICS", "Period", "Selection"]

STATUSES = ("dated", "undated")  # first-return date known / not known
_PERIOD = re.compile(r"^(?:(\d{4})|cumulative(?::(\d{4}-\d{2}-\d{2}))?)$")  # groups of schema.PERIOD_PATTERN


@dataclass(frozen=True)
class Period:
    """A calendar year, or running totals as of a date (None: the latest figures)."""

    year: int | None = None
    as_of: date | None = None

    @property
    def cumulative(self) -> bool:
        return self.year is None

    @property
    def end(self) -> date:
        """Last day the period covers (for a year, 31 December)."""
        if self.year is not None:
            return date(self.year, 12, 31)
        return self.as_of or date.max

    def key(self) -> str:
        """The period as written in a URL: "2023", "cumulative" or "cumulative:2024-12-31"."""
        if self.year is not None:
            return str(self.year)
        return "cumulative" if self.as_of is None else f"cumulative:{self.as_of.isoformat()}"

    @classmethod
    def parse(cls, text: str | None) -> Period:
        """The period a URL value names; the latest cumulative figures for anything else."""
        m = _PERIOD.match(text or "")
        if not m:
            return cls()
        if m.group(1):
            return cls(year=int(m.group(1)))
        if m.group(2):
            try:
                return cls(as_of=date.fromisoformat(m.group(2)))
            except ValueError:
                return cls()
        return cls()


@dataclass(frozen=True)
class Selection:
    """Everything the sidebar decides."""

    regions: tuple[str, ...] = FOCUS_REGIONS
    districts: tuple[str, ...] = ()  # empty: every district of the regions
    metric: str = "area_cleared"
    period: Period = Period()
    statuses: tuple[str, ...] = STATUSES
    extras: tuple[str, ...] = ()  # cards shown besides the view's own (EXTRA_CARDS)
    pace: str = PACES[0]  # the projection's pace (PACES)
    estimate: str = ""  # the projection's estimate: a figure id; empty for the default

    @property
    def narrowed(self) -> bool:
        """True when the view is smaller than both regions (districts picked, or one
        region): national figures then do not describe it, and are not shown as if they did."""
        return bool(self.districts) or set(self.regions) != set(FOCUS_REGIONS)
