"""What the coordinator page shows, read through the cache: the month's figures document
(FiguresService.figures, the API's own) and the overview of the twelve months before."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine

from central.coordination.cache import TimedCache, scope_version
from central.coordination.series import MonthOverview, OverviewSeries, previous_months
from central.coordination.service import FiguresService

SERIES_MONTHS = 12


class PageFigures:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.service, self.series = FiguresService(engine), OverviewSeries(engine)
        self._documents: TimedCache[dict[str, Any]] = TimedCache()

    def document(self, month: str, scope: str) -> dict[str, Any]:
        key = (month, scope, scope_version(self.engine, scope))
        return self._documents.get(key, lambda: self.service.figures(month, scope))

    def months(self, month: str, scope: str) -> dict[str, MonthOverview]:
        return self.series.months(previous_months(month, SERIES_MONTHS), scope)
