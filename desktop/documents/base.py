"""What every Relais document shares: A4, the shipped DejaVu fonts embedded, the
organisation's name, the date, "page 1/3", the document version, PDF metadata (title,
language), and labels in two languages: the official one beside the person's one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from desktop import __version__
from desktop.core.i18n import Translator
from desktop.documents.fonts import register_fonts

DOCUMENT_LANGUAGES = ("fr", "nl", "de", "en")  # the official language of a document
WITH_LANGUAGES = ("uk", "ru", "en")  # beside it, for the person
Target = Path | BinaryIO  # a file, or memory for a preview that must not touch the disk


@dataclass(frozen=True)
class Letterhead:
    """Who the document is from: the organisation's name and, if one was chosen, its logo."""

    name: str
    logo: Path | None = None

    def __str__(self) -> str:
        return self.name


Organisation = str | Letterhead


@dataclass(frozen=True)
class Languages:
    """The document's official language and the one printed beside it for the person."""

    main: Translator
    beside: Translator | None

    @classmethod
    def of(cls, main: str, beside: str | None) -> Languages:
        return cls(Translator(main), Translator(beside) if beside and beside != main
                   else None)

    def both(self, key: str, **params: object) -> str:
        main = self.main(key, **params)
        if self.beside is None:
            return main
        beside = self.beside(key, **params)
        # A word both languages write alike (PIIS in French and Ukrainian) is said once.
        return main if beside == main else f"{main} / {beside}"

    @property
    def code(self) -> str:
        return self.main.language


class _Styles:
    def __init__(self) -> None:
        regular, bold = register_fonts()
        self.title = ParagraphStyle("title", fontName=bold, fontSize=15, leading=19,
                                    spaceAfter=6)
        self.heading = ParagraphStyle("heading", fontName=bold, fontSize=11, leading=14,
                                      spaceBefore=8, spaceAfter=4)
        self.body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12.5)
        self.small = ParagraphStyle("small", fontName=regular, fontSize=7.5, leading=9.5,
                                    textColor=colors.HexColor("#444444"))
        self.label = ParagraphStyle("label", fontName=regular, fontSize=8, leading=10,
                                    textColor=colors.HexColor("#333333"))
        self.value = ParagraphStyle("value", fontName=bold, fontSize=10, leading=12.5)
        self.regular, self.bold = regular, bold


STYLES: _Styles | None = None


def styles() -> _Styles:
    global STYLES
    if STYLES is None:
        STYLES = _Styles()
    return STYLES


def markup(text: object) -> str:
    """``text`` as paragraph markup. ReportLab breaks lines at a narrow no-break space (French
    puts one before ``; ? !``), so it becomes a no-break space, which ReportLab keeps whole."""
    return escape(str(text)).replace("\u202f", "\u00a0").replace("\n", "<br/>")


def p(text: object, style: ParagraphStyle | None = None) -> Paragraph:
    return Paragraph(markup(text), style or styles().body)


def table_style(*commands: tuple) -> TableStyle:
    """A table's style in the shipped font: ReportLab sets each cell's font (Helvetica unless
    told), so a table of paragraphs would still name a font the file does not embed."""
    return TableStyle([("FONT", (0, 0), (-1, -1), styles().regular), *commands])


def field_table(rows: Sequence[tuple[str, object]], widths: tuple[float, float] = (70, 100)
                ) -> Table:
    """Label | value rows: the label small (both languages), the value readable."""
    s = styles()
    data = [[p(label, s.label), p(value if value not in (None, "") else "—", s.value)]
            for label, value in rows]
    table = Table(data, colWidths=[widths[0] * mm, widths[1] * mm])
    table.setStyle(table_style(
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#bbbbbb")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
    ))
    return table


def grid(rows: Sequence[Sequence[object]], widths: Sequence[float], header: bool = True
         ) -> Table:
    s = styles()
    data = [[p(cell, s.label if (header and r == 0) else s.body) for cell in row]
            for r, row in enumerate(rows)]
    table = Table(data, colWidths=[w * mm for w in widths], repeatRows=1 if header else 0)
    table.setStyle(table_style(
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#999999")),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee") if header else None),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ))
    return table


def spacer(height: float = 4) -> Spacer:
    return Spacer(1, height * mm)


class DocumentWriter:
    """Writes a flowable story with the common header and footer; two passes give
    "page X/Y"."""

    def __init__(self, languages: Languages, organisation: Organisation, title_key: str,
                 document_id: str, made_on: date | None = None,
                 footer: str | None = None) -> None:
        self.languages = languages
        self.organisation = str(organisation)
        self.logo = organisation.logo if isinstance(organisation, Letterhead) else None
        self.title_key = title_key
        # e.g. "intake-form": in the file's metadata only; the footer names the document in
        # words, as a reader would
        self.document_id = document_id
        # What the footer calls the document, in words (default: its title in the official
        # language); e.g. a form's version or a report's month.
        self.footer = footer
        self.made_on = made_on or date.today()

    @property
    def title(self) -> str:
        return self.languages.both(self.title_key)

    def write(self, target: Target, story: list[Any]) -> Target:
        writer = self

        class NumberedCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs.setdefault("lang", writer.languages.code)
                super().__init__(*args, **kwargs)
                self._saved_pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._saved_pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._saved_pages)
                for number, state in enumerate(self._saved_pages, 1):
                    self.__dict__.update(state)
                    writer._decorate(self, number, total)
                    super().showPage()
                super().save()

        document = SimpleDocTemplate(
            str(target) if isinstance(target, Path) else target, pagesize=A4,
            leftMargin=18 * mm, rightMargin=18 * mm,
            topMargin=24 * mm, bottomMargin=20 * mm, title=self.title, author="Relais",
            subject=self.organisation, creator=f"Relais {__version__}",
            keywords=[self.document_id],
            lang=self.languages.code,
            # ReportLab opens every page with a font, by default Helvetica, which is not
            # embedded: the document would name a font it does not carry
            initialFontName=styles().regular)
        document.build(list(story), canvasmaker=NumberedCanvas)
        return target

    def _decorate(self, canvas: Canvas, number: int, total: int) -> None:
        s = styles()
        width, height = A4
        canvas.saveState()
        canvas.setFont(s.bold, 9)
        left = 18 * mm
        if self.logo is not None:  # 9 mm high, above the rule, the name beside it
            logo = ImageReader(str(self.logo))
            wide, high = logo.getSize()
            canvas.drawImage(logo, left, height - 14.5 * mm, width=9 * mm * wide / high,
                             height=9 * mm, mask="auto")
            left += 9 * mm * wide / high + 3 * mm
        canvas.drawString(left, height - 13 * mm, self.organisation)
        canvas.setFont(s.regular, 8)
        canvas.drawRightString(width - 18 * mm, height - 13 * mm,
                               self.languages.main.date(self.made_on))
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.line(18 * mm, height - 15 * mm, width - 18 * mm, height - 15 * mm)
        canvas.setFont(s.regular, 7.5)
        canvas.drawString(18 * mm, 11 * mm,
                          f"Relais {__version__} · "
                          f"{self.footer or self.languages.main(self.title_key)}")
        canvas.drawRightString(width - 18 * mm, 11 * mm,
                               self.languages.both("doc.page", number=number, total=total))
        canvas.restoreState()
