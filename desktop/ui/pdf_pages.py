"""PDF pages as images for the preview and the printer. PDFium renders them from memory, so
a document with personal data never has to be written to a temporary file."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter


def page_images(data: bytes, dpi: float) -> list[QImage]:
    import pypdfium2 as pdfium  # with the first preview, not with every login

    document = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(len(document)):
            bitmap = document[index].render(scale=dpi / 72, rev_byteorder=True)
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB888)
            images.append(image.copy())  # detach from PDFium's buffer before it is freed
        return images
    finally:
        document.close()


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Draws every page on ``printer`` at its resolution; returns the number of pages."""
    images = page_images(data, min(printer.resolution(), 300))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("printer not ready")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(area.x(), area.y(), size.width(), size.height()), image)
    finally:
        painter.end()
    return len(images)
