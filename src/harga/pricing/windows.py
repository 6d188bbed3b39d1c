"""Time-of-day price windows in UTC, such as DeepSeek's off-peak hours.

A window is written `HH:MM-HH:MM`, optionally after weekdays (`Mon-Fri 09:00-17:00`,
`Sat,Sun 00:00-24:00`) and before `UTC`. This includes the form published facts carry, which
`domain.conditions.format_time_window` writes: `daily 16:30-00:30 UTC`. The start is inclusive
and the end exclusive. A window whose end is
before its start runs past midnight, and its hours after midnight belong to the weekday it
started on.
"""

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CLOCK = r"\d{2}:\d{2}(?::00)?"
_WINDOW = re.compile(
    rf"^(?:(?P<days>[A-Za-z,\-]+)\s+)?(?P<start>{_CLOCK})-(?P<end>{_CLOCK})(?:\s+UTC)?$"
)


class InvalidTimeWindow(ValueError):
    """A time window that does not follow the `[days ]HH:MM-HH:MM` form."""


@dataclass(frozen=True)
class TimeWindow:
    text: str
    weekdays: frozenset[int]  # 0 is Monday, as `datetime.weekday()` counts
    start_minute: int
    end_minute: int

    def contains(self, at: datetime) -> bool:
        """Tell whether the UTC time `at` falls inside the window; naive times count as UTC."""
        moment = at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)
        minute = moment.hour * 60 + moment.minute
        day = moment.weekday()
        if self.start_minute < self.end_minute:
            return day in self.weekdays and self.start_minute <= minute < self.end_minute
        if minute >= self.start_minute:
            return day in self.weekdays
        return minute < self.end_minute and (day - 1) % 7 in self.weekdays


def parse_window(text: str) -> TimeWindow:
    match = _WINDOW.match(text.strip())
    if match is None:
        raise InvalidTimeWindow(
            f"invalid time window {text!r}; expected '[Mon-Fri ]HH:MM-HH:MM' in UTC"
        )
    start = _minute(match["start"], text)
    end = _minute(match["end"], text)
    if start == end:
        raise InvalidTimeWindow(f"invalid time window {text!r}: start and end are equal")
    every_day = match["days"] is None or match["days"].lower() == "daily"
    days = frozenset(range(7)) if every_day else _weekdays(match["days"], text)
    return TimeWindow(text, days, start, end)


def _minute(value: str, text: str) -> int:
    hours, minutes = int(value[:2]), int(value[3:5])
    if value[:5] == "24:00":
        return 24 * 60
    try:
        time(hours, minutes)
    except ValueError:
        raise InvalidTimeWindow(f"invalid time {value!r} in window {text!r}") from None
    return hours * 60 + minutes


def _weekdays(spec: str, text: str) -> frozenset[int]:
    days: set[int] = set()
    for part in spec.lower().split(","):
        first, _, last = part.partition("-")
        if first not in _DAYS or (last and last not in _DAYS):
            raise InvalidTimeWindow(f"invalid weekday {part!r} in window {text!r}")
        start = _DAYS.index(first)
        stop = _DAYS.index(last) if last else start
        day = start
        while True:
            days.add(day)
            if day == stop:
                break
            day = (day + 1) % 7
    return frozenset(days)
