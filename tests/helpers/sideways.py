"""PDFs whose text is turned on the page as displayed, made with reportlab: pages with /Rotate, content drawn turned.

Every page shows, as a viewer displays it (`size` = displayed width x height), the line "Barnet 1234" from the
displayed point (LEFT, BASELINE) (points from the displayed page's bottom-left corner) with a rule under it, both
turned `turn` degrees counter-clockwise about that point. The page has /Rotate `rotate`; its content is drawn so
that the page displays as described whatever the /Rotate (a page with /Rotate 90 whose content is drawn turned
back by 90 shows upright text). `uncompensated` draws the line upright in the page's own (unturned) space,
from (UNTURNED_LEFT, BASELINE), so that the viewer's turn alone sets it sideways.
"""
from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

TEXT = "Barnet 1234"
LEFT, BASELINE, SIZE = 200.0, 150.0, 12.0  # the middle of the page: the line stays on it however turned
RULE_BELOW, RULE_LENGTH = 4.0, 130.0
UNTURNED_LEFT = 100.0  # where an uncompensated line starts: inside the narrower side of a page turned 90 or 270


def _to_display(c: canvas.Canvas, rotate: int, size: tuple[float, float]) -> None:
    """Make the canvas's frame the displayed page's (x right, y up from its bottom-left corner)."""
    width, height = size
    user_width, user_height = (height, width) if rotate in (90, 270) else (width, height)
    if rotate == 90:  # the viewer turns the page 90 clockwise: draw turned 90 counter-clockwise
        c.translate(user_width, 0)
        c.rotate(90)
    elif rotate == 180:
        c.translate(user_width, user_height)
        c.rotate(180)
    elif rotate == 270:
        c.translate(0, user_height)
        c.rotate(270)


def _line(c: canvas.Canvas, x: float, y: float, turn: int, text: str = TEXT, font_size: float = SIZE) -> None:
    """`text` from (x, y) with a rule under it, turned `turn` degrees counter-clockwise about (x, y)."""
    c.saveState()
    c.translate(x, y)
    c.rotate(turn)
    c.setFont("Helvetica", font_size)
    c.drawString(0, 0, text)
    c.setLineWidth(0.5)
    c.line(0, -RULE_BELOW, RULE_LENGTH, -RULE_BELOW)
    c.restoreState()


def sideways_pdf(path: Path, rotate: int = 0, turn: int = 0, size: tuple[float, float] = (400.0, 300.0),
                 uncompensated: bool = False) -> Path:
    """One page displayed `size`, /Rotate `rotate`, showing TEXT and its rule turned `turn` (see the module)."""
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    c.setPageRotation(rotate)
    if not uncompensated:
        _to_display(c, rotate, size)
    _line(c, UNTURNED_LEFT if uncompensated else LEFT, BASELINE, turn)
    c.showPage()
    c.save()
    return path


def mixed_pdf(path: Path) -> Path:
    """One upright page: "Total" upright and, touching its end, "1234" turned 90 (a sideways column heading
    beside a row label): two words of two directions however close their chars lie."""
    c = canvas.Canvas(str(path), pagesize=(400.0, 300.0), invariant=1)
    c.setFont("Helvetica", SIZE)
    c.drawString(LEFT, BASELINE, "Total")
    end = LEFT + c.stringWidth("Total", "Helvetica", SIZE)
    c.saveState()
    c.translate(end + 0.5, BASELINE)
    c.rotate(90)
    c.drawString(0, 0, "1234")
    c.restoreState()
    c.showPage()
    c.save()
    return path


def spaced_pdf(path: Path, gaps: list[float], font: tuple[str, str] | None = None, text: str = "ab") -> Path:
    """One upright line: `text` drawn once per gap plus once, each copy starting `gap` points after the last one
    ends (its own string, so only the gap parts them); `font` (name, TrueType file) instead of Helvetica."""
    c = canvas.Canvas(str(path), pagesize=(400.0, 300.0), invariant=1)
    name = "Helvetica"
    if font is not None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        name = font[0]
        pdfmetrics.registerFont(TTFont(name, font[1]))
    c.setFont(name, SIZE)
    x = LEFT
    for gap in [*gaps, None]:
        c.drawString(x, BASELINE, text)
        x += c.stringWidth(text, name, SIZE) + (gap or 0.0)
    c.showPage()
    c.save()
    return path


def hyphenated_pdf(path: Path) -> Path:
    """Two upright lines, the first ending in a hyphen: "LB Richmond-upon-" over "Thames"."""
    c = canvas.Canvas(str(path), pagesize=(400.0, 300.0), invariant=1)
    c.setFont("Helvetica", SIZE)
    c.drawString(LEFT, BASELINE + 14, "LB Richmond-upon-")
    c.drawString(LEFT, BASELINE, "Thames")
    c.showPage()
    c.save()
    return path
