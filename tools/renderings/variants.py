"""The fixed list of renderings: each seed document through each engine, in styles drawn with a fixed seed."""
from __future__ import annotations

import random
from dataclasses import asdict, dataclass

SEED = 12
PER_ENGINE = 4  # renderings per document and engine
ENGINES = ("chromium", "libreoffice")
DOCS = ("000", "001", "002", "003", "004")  # seed prefixes (tools/facsimiles/seeds)

FONTS = {  # family name -> kind (serif, sans, mono); all are Debian fonts (fonts-dejavu, fonts-liberation)
    "Liberation Sans": "sans", "DejaVu Sans": "sans", "Liberation Serif": "serif", "DejaVu Serif": "serif",
    "Liberation Mono": "mono", "DejaVu Sans Mono": "mono",
}
PAGES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}  # portrait, mm
MARGINS = {"narrow": 12.0, "normal": 20.0, "wide": 32.0}  # mm
BULLETS = ("disc", "dash", "number")
FOOTERS = ("Page {n}", "{n}", "Page {n} of {N}")


@dataclass(frozen=True)
class Variant:
    """One rendering: which document, which engine, and its style."""

    doc: str  # seed prefix
    engine: str
    font: str
    size: float  # body text, points
    page: str
    margins: str
    bullets: str  # the marker of bulleted items: disc (•), dash (–) or number (1.)
    justify: bool
    running: bool  # a running header and a footer with page numbers on every page
    footer: str = FOOTERS[0]

    @property
    def name(self) -> str:
        font = "".join(w[0] for w in self.font.split()).lower()
        return (f"{self.doc}-{self.engine[:6]}-{font}{self.size:g}-{self.page}-{self.margins}-{self.bullets}"
                f"{'-just' if self.justify else ''}{'-run' if self.running else ''}")

    def as_dict(self) -> dict:
        return {"name": self.name, **asdict(self)}


PLAIN = {"font": "Liberation Sans", "size": 10.0, "page": "a4", "margins": "normal", "bullets": "disc",
         "justify": False, "running": True}


def variants(seed: int = SEED, per_engine: int = PER_ENGINE) -> list[Variant]:
    """Every rendering: per document and engine, one plain style, then styles drawn at random (fixed seed)."""
    rng = random.Random(seed)
    out: list[Variant] = []
    for doc in DOCS:
        for engine in ENGINES:
            out.append(Variant(doc, engine, **PLAIN))
            for _ in range(per_engine - 1):
                out.append(Variant(doc, engine, font=rng.choice(sorted(FONTS)), size=float(rng.choice((9, 10, 11, 12))),
                                   page=rng.choice(sorted(PAGES)), margins=rng.choice(sorted(MARGINS)),
                                   bullets=rng.choice(BULLETS), justify=rng.random() < 0.5,
                                   running=rng.random() < 0.7, footer=rng.choice(FOOTERS)))
    return out


def by_name(name: str, seed: int = SEED) -> Variant:
    """The variant of that name in the fixed list."""
    for v in variants(seed):
        if v.name == name:
            return v
    raise KeyError(name)
