"""The monthly figures as a PDF (tables and bar charts) and as CSV / XLSX with the same
numbers. Small cells are shown as "<5". The PDF labels every heading, row and column in the
official language with the other one beside it, as the other documents do; the CSV and XLSX
are in one language, for spreadsheets."""

from __future__ import annotations

import csv
import textwrap
from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether

from desktop.core.figures import SUPPRESS_UNDER, FigureTable, MonthlyFigures
from desktop.core.i18n import Translator
from desktop.documents.base import DocumentWriter, Languages, Organisation, grid, p, spacer, styles
from desktop.exchange.cells import WORKBOOK_OPTIONS, XlsxCells, csv_row

HIDDEN = f"<{SUPPRESS_UNDER}"


def row_label(tr: Translator, table: FigureTable, row: str) -> str:
    if table.row_prefix:
        return tr(f"{table.row_prefix}.{row}")
    return tr(row) if row.startswith("figures.") else row


def column_label(tr: Translator, table: FigureTable, column: str) -> str:
    if table.key == "figures.sex_by_age":
        return tr(f"sex.{column}")
    return tr("figures.count")


def both_row(languages: Languages, table: FigureTable, row: str) -> str:
    """A row label in both languages; an age band ("6–11") is the same in every language."""
    if table.row_prefix:
        return languages.both(f"{table.row_prefix}.{row}")
    return languages.both(row) if row.startswith("figures.") else row


def both_column(languages: Languages, table: FigureTable, column: str) -> str:
    if table.key == "figures.sex_by_age":
        return languages.both(f"sex.{column}")
    return languages.both("figures.count")


def _cell(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def monthly_pdf(target: Path, figures: MonthlyFigures, languages: Languages,
                organisation: Organisation, made_on: date | None = None) -> Path:
    s = styles()
    writer = DocumentWriter(languages, organisation, "figures.title",
                            f"monthly-figures-{figures.month}", made_on,
                            footer=f"{languages.main('figures.title')} {figures.month}")
    # days as dates: each language writes them its own way (29.11.2026 in German)
    intro = {"first": figures.first_day, "last": figures.last_day, "limit": SUPPRESS_UNDER}
    story = [p(f"{writer.title} — {figures.month}", s.title),
             *(p(tr("figures.intro", **intro), s.small)
               for tr in (languages.main, languages.beside) if tr is not None)]
    for table in figures.tables:
        shown = table.shown()
        header = [languages.both(f"figures.unit_{table.unit}")] + [
            both_column(languages, table, c) for c in table.columns]
        rows = [[both_row(languages, table, r)] + [_cell(v) for v in values]
                for r, values in zip(table.rows, shown, strict=True)]
        width = 174 / (len(header) + 1)
        block = [p(languages.both(table.key), s.heading),
                 grid([header, *rows], [width * 2] + [width] * (len(header) - 1))]
        chart = _chart(table, shown, languages)
        if chart is not None:
            block += [spacer(2), chart]
        story += [KeepTogether(block), spacer(3)]
    return writer.write(target, story)


def _chart(table: FigureTable, shown: list[list[int | None]], languages: Languages
           ) -> Drawing | None:
    series = [[value or 0 for value in column] for column in zip(*shown, strict=True)]
    if not any(any(column) for column in series):
        return None
    drawing = Drawing(170 * mm, 45 * mm)
    drawing.initialFontName = styles().regular  # not Helvetica, which is not embedded
    chart = VerticalBarChart()
    chart.x, chart.y = 12 * mm, 8 * mm
    chart.width, chart.height = 130 * mm, 32 * mm
    chart.data = series
    # long labels go on two or three short lines rather than being cut
    chart.categoryAxis.categoryNames = [_wrapped(both_row(languages, table, r))
                                        for r in table.rows]
    regular, _bold = styles().regular, styles().bold
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = 6
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = 6
    chart.valueAxis.valueMin = 0
    palette = [colors.HexColor(c) for c in ("#3b6ea5", "#d98c3a", "#6a9f58", "#9b9b9b")]
    for index in range(len(series)):
        chart.bars[index].fillColor = palette[index % len(palette)]
    drawing.add(chart)
    if len(series) > 1:  # which colour is which column
        legend = Legend()
        legend.x, legend.y = 146 * mm, 38 * mm
        legend.fontName, legend.fontSize = regular, 6
        legend.columnMaximum = len(series)
        legend.colorNamePairs = [(palette[i % len(palette)], both_column(languages, table, c))
                                 for i, c in enumerate(table.columns)]
        drawing.add(legend)
    return drawing


def _wrapped(label: str) -> str:
    """Each language on its own short lines under a bar, rather than cut."""
    return "\n".join(textwrap.fill(part, 18) for part in label.split(" / "))


def monthly_rows(figures: MonthlyFigures, tr: Translator) -> list[list[str]]:
    """One flat table: figure, unit, row, column, value (or <5)."""
    rows = [[tr("figures.col_figure"), tr("figures.col_unit"), tr("figures.col_row"),
             tr("figures.col_column"), tr("figures.count")]]
    for table in figures.tables:
        for row, values in zip(table.rows, table.shown(), strict=True):
            for column, value in zip(table.columns, values, strict=True):
                rows.append([tr(table.key), tr(f"figures.unit_{table.unit}"),
                             row_label(tr, table, row), column_label(tr, table, column),
                             _cell(value)])
    return rows


def monthly_csv(target: Path, figures: MonthlyFigures, tr: Translator) -> Path:
    with Path(target).open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(
            csv_row(row) for row in monthly_rows(figures, tr))
    return target


def monthly_xlsx(target: Path, figures: MonthlyFigures, tr: Translator) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(target), WORKBOOK_OPTIONS)
    sheet = workbook.add_worksheet(figures.month)
    cells = XlsxCells(workbook, sheet)
    for index, row in enumerate(monthly_rows(figures, tr)):
        cells.write_row(index, [int(v) if v.isdigit() else v for v in row])
    workbook.close()
    return target
