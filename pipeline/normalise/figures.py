"""What a prose figure is: measure, area, crime type, kind, direction, period and comparison, from its clause.

Each figure is attributed from the words of its own clause (vocab/figure_clauses.yaml says where a clause
ends); where its clause names nothing, the words linked to it are read (the head of its parenthesis, the
clause it stands in apposition to, the subject of its copula), never the rest of the sentence. What no
linked words name is left empty.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.core.numbers import printed_sign
from pipeline.normalise.canonical import canonical_key
from pipeline.normalise.vocab import Vocabulary, load_vocabulary
from pipeline.specs import load_vocab

HOPS = 4


@lru_cache(maxsize=1)
def clauses() -> dict:
    """The clause patterns (vocab/figure_clauses.yaml), compiled."""
    raw = load_vocab("figure_clauses")
    c = {k: re.compile(v, re.IGNORECASE) for k, v in raw.items() if isinstance(v, str) and k != "from_to"}
    c["boundaries"] = re.compile(raw["boundaries"])
    c["weak_boundaries"] = re.compile(raw["weak_boundaries"])  # "and" before a capital is part of a name
    c["from_to"] = raw["from_to"]
    c["imperatives"] = {d: re.compile(p, re.IGNORECASE) for d, p in raw["imperatives"].items()}
    c["areas"] = [(a, re.compile(p, re.IGNORECASE)) for a, p in raw["areas"]]
    c["crime_phrases"] = [(i, re.compile(p, re.IGNORECASE)) for i, p in raw["crime_phrases"]]
    c["window"], c["after_window"] = int(raw["window"]), int(raw["after_window"])
    c["intro_words"] = int(raw["intro_words"])
    return c


@lru_cache(maxsize=1)
def measures() -> list[dict]:
    """The measures code list (vocab/measures.yaml) with compiled patterns."""
    return [{**m, "re": [re.compile(p, re.IGNORECASE) for p in m["patterns"]]}
            for m in load_vocab("measures")["measures"]]


def measures_code_list() -> list[dict]:
    """Rows of the published `measures` resource."""
    return [{k: m[k] for k in ("id", "label", "description", "unit")} for m in measures()]


class Phrases:
    """Phrases (longest first) and their values, found in a text with one regular expression."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.values: dict[str, str] = {}
        for phrase, value in pairs:
            self.values.setdefault(phrase, value)
        alternatives = "|".join(re.escape(p) for p in self.values)  # dicts keep the longest-first order
        self.pattern = re.compile(rf"\b(?:{alternatives})\b") if self.values else None

    def first(self, key: str) -> str:
        """The value of the phrase that starts earliest in ``key`` (the longest one there), or ""."""
        m = self.pattern.search(key) if self.pattern else None
        return self.values[m.group(0)] if m else ""


@lru_cache(maxsize=2)
def _phrases(vocab: Vocabulary) -> tuple[Phrases, Phrases]:
    crimes = sorted(((canonical_key(a), ids[0]) for a, ids in vocab.crime_aliases.items() if len(ids) == 1
                     and len(canonical_key(a)) > 3), key=lambda t: -len(t[0]))
    # names as reviewed (not prefix-stripped: "City of London" is not "London"); the bare alias "City" is
    # too common in prose ("City Hall") to name a borough
    boroughs = sorted(((canonical_key(n), b["gss_code"]) for b in vocab.boroughs
                       for n in [b["borough"], *b.get("aliases", [])]
                       if len(canonical_key(n)) > 3 and canonical_key(n) != "city"),
                      key=lambda t: -len(t[0]))
    return Phrases(crimes), Phrases(boroughs)


@dataclass
class Clause:
    start: int
    end: int
    opener: str
    text: str
    link: int | None = None  # index of the clause this one is linked to
    figures: list[int] = field(default_factory=list)


def _blank_parentheses(sentence: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with every parenthesis that holds no figure blanked out (read as part of its clause)."""
    out = sentence
    for m in re.finditer(r"\([^()]*\)", sentence):
        if not any(m.start() < a < m.end() for a, _ in spans):
            out = out[:m.start()] + " " * (m.end() - m.start()) + out[m.end():]
    return out


def split_clauses(sentence: str, spans: list[tuple[int, int]]) -> list[Clause]:
    """The sentence's clauses, each linked to the clause its opening words attach it to."""
    c = clauses()
    text = _blank_parentheses(sentence, spans)
    cuts = [m for m in c["boundaries"].finditer(text)]
    cuts += [m for m in c["weak_boundaries"].finditer(text)]
    out: list[Clause] = []
    pos, opener = 0, ""
    for m in [*sorted(cuts, key=lambda m: m.start()), None]:
        end = m.start() if m else len(text)
        if m is not None and (m.start() < pos or any(a < end < b for a, b in spans)):
            continue  # never inside a figure, nor inside the previous cut
        if m is not None and m.re is c["weak_boundaries"] and not any(pos <= a < end for a, _ in spans):
            continue  # "and" ends a clause only after a figure ("4 centres until 2016 and fund ...")
        out.append(Clause(pos, end, opener, text[pos:end]))
        pos, opener = (m.end(), m.group(0)) if m else (end, "")
    holds = [any(cl.start <= a < max(cl.end, cl.start + 1) for a, _ in spans) for cl in out]
    out = [cl for cl, h in zip(out, holds) if cl.text.strip() or h] or out
    heads: list[int] = []
    for i, cl in enumerate(out):
        head = cl.opener + cl.text
        prev = out[i - 1] if i else None
        if cl.opener.strip() == "(":
            heads.append(i - 1)
        if prev is None:
            continue
        if cl.opener.strip() == ")" and heads:
            cl.link = heads.pop()  # the words after a parenthesis go on with the clause before it
            if cl.link < 0:
                cl.link = None
        if c["link_subject"].search(cl.text):
            cl.link = 0
        elif c["link_previous"].search(head):
            cl.link = i - 1
        elif c["link_list"].search(head) and (any(prev.start <= a < prev.end for a, _ in spans) or (
                i == 1 and len(prev.text.split()) <= c["intro_words"])):
            cl.link = i - 1
    return out


def _measure(text: str, unit: str, nearest: bool = False) -> str:
    found = []
    for rank, m in enumerate(measures()):
        if unit not in m["units"]:
            continue
        hits = [h for p in m["re"] for h in p.finditer(text)]
        if hits:
            found.append((max(h.start() for h in hits) if nearest else -rank, m["id"]))
    return max(found)[1] if found else ""


def _crime(text: str, vocab: Vocabulary) -> str:
    for cid, p in clauses()["crime_phrases"]:
        if p.search(text):
            return cid
    return _phrases(vocab)[0].first(canonical_key(text))


def _place(text: str, vocab: Vocabulary) -> tuple[str, str]:
    gss = _phrases(vocab)[1].first(canonical_key(text))
    if gss:
        return gss, vocab.borough_name(gss)
    return "", next((a for a, p in clauses()["areas"] if p.search(text)), "")


def _cue(before: str, after: str) -> str:
    """Direction of the nearest up/down word in the window before (quantifiers aside) or after the figure."""
    c = clauses()
    before = c["quantifiers"].sub("", before.rstrip()).rstrip()
    words = before.split()[-c["window"]:]
    b = " ".join(words)
    best: tuple[int, str] | None = None
    for d in ("up", "down"):
        for m in c[d].finditer(b):
            dist = len(b) - m.end()
            if best is None or dist < best[0]:
                best = (dist, d)
        a = " ".join(after.split()[:c["after_window"]])
        m = c[d].search(a)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), d)
    return best[1] if best else ""


def _from_to(sentence: str, figs: list[dict]) -> dict[int, tuple[str, int]]:
    """Figures in "from A to B": {index of A: ('baseline', B), index of B: ('to', A)}."""
    out: dict[int, tuple[str, int]] = {}
    for i, f in enumerate(figs[:-1]):
        g = figs[i + 1]
        if f["unit"] != g["unit"]:
            continue
        pattern = clauses()["from_to"].replace("{A}", re.escape(f["printed"])).replace("{B}", re.escape(g["printed"]))
        if any(m.start() <= f["start"] and m.end() == g["end"] for m in re.finditer(pattern, sentence, re.IGNORECASE)):
            out[i], out[i + 1] = ("baseline", i + 1), ("to", i)
    return out


def attribute(sentence: str, figs: list[dict], heading: str = "", vocab: Vocabulary | None = None) -> list[dict]:
    """Labels of every figure of one sentence (figs: dicts with start, end, unit, value, printed)."""
    vocab = vocab or load_vocabulary()
    c = clauses()
    spans = [(f["start"], f["end"]) for f in figs]
    cls = split_clauses(sentence, spans)
    where = [next(i for i, cl in enumerate(cls) if cl.start <= f["start"] < max(cl.end, cl.start + 1)) for f in figs]
    for n, i in enumerate(where):
        cls[i].figures.append(n)
    pairs = _from_to(sentence, figs)
    imperative = next((d for d, p in c["imperatives"].items() if p.search(sentence)), None)
    target_heading = bool(heading and c["target_headings"].search(heading))
    out: list[dict] = []
    for n, f in enumerate(figs):
        cl = cls[where[n]]
        own = sentence[cl.start:cl.end]
        lab = {"measure": _measure(cl.text, f["unit"]), "crime_type_id": _crime(cl.text, vocab)}
        lab["gss_code"], lab["area"] = _place(cl.text, vocab)
        prev_figs = [g for g in cl.figures if g < n]
        next_figs = [g for g in cl.figures if g > n]
        lo = figs[prev_figs[-1]]["end"] if prev_figs else cl.start
        hi = figs[next_figs[0]]["start"] if next_figs else cl.end
        text = _blank_parentheses(sentence, spans)
        cue = _cue(text[lo:f["start"]], text[f["end"]:hi]) or _sign(f["printed"])
        linked = _follow(cls, where[n], lab, f["unit"], vocab)
        inherited = out[linked] if linked is not None and linked < n else {}
        role = pairs.get(n)
        opening = (cl.opener + own).lstrip(" (")
        if role and role[0] == "baseline":
            kind = "baseline"
        elif c["part"].search(opening):
            kind = ""
        elif c["example"].search(opening):
            kind = "level"
        elif c["target_words"].search(cl.text) or target_heading or imperative:
            kind = "target"
        elif role:
            kind = "level"
        elif cue:
            kind = "change"
        else:
            kind = inherited.get("kind") or "level"
        direction = ""
        if kind in ("change", "target"):
            if role:
                direction = "up" if f["value"] > figs[role[1]]["value"] else "down"
            else:
                direction = cue or (imperative if kind == "target" and imperative in ("up", "down") else "") \
                    or (inherited.get("direction") if inherited.get("kind") == kind else "") \
                    or (_target_direction(lab["measure"]) if kind == "target" else "")
        period = ""
        if kind != "baseline":
            m = c["periods"].search(text[f["end"]:cl.end])
            period = m.group(0) if m else ""
            if not period and target_heading and kind == "target":
                m = c["period_in_heading"].search(heading)
                period = m.group(1) if m else ""
        lab.update({"kind": kind, "direction": direction, "period": period, "compared_with": None,
                    "_to": role[1] if role and role[0] == "to" else None})
        out.append(lab)
    _compare(sentence, figs, cls, where, out)
    for lab in out:
        lab.pop("_to")
        for k in ("measure", "crime_type_id", "gss_code", "area", "kind", "direction", "period"):
            lab[k] = lab[k] or None
    return out


def _sign(printed: str) -> str:
    """Direction of a figure printed with its sign (-120, +8.2%, any minus sign or dash), else ""."""
    return {"-": "down", "+": "up"}.get(printed_sign(printed), "")


def _target_direction(measure: str) -> str:
    return next((m.get("target_direction", "") for m in measures() if m["id"] == measure), "")


def _follow(cls: list[Clause], i: int, lab: dict, unit: str, vocab: Vocabulary) -> int | None:
    """Fill empty labels from the clauses this one is linked to; return the nearest linked figure (index)."""
    got: int | None = None
    hops, j, via, nearest = 0, cls[i].link, cls[i], False
    while j is not None and hops < HOPS:
        cl = cls[j]
        nearest = nearest or via.opener.strip().startswith("(")
        if not lab["measure"]:
            lab["measure"] = _measure(cl.text, unit, nearest)
        if not lab["crime_type_id"]:
            lab["crime_type_id"] = _crime(cl.text, vocab)
        if not lab["gss_code"] and not lab["area"]:
            lab["gss_code"], lab["area"] = _place(cl.text, vocab)
        if cl.figures and got is None:
            got = cl.figures[-1]
        via, j, hops = cl, cl.link, hops + 1
    return got


def _compare(sentence: str, figs: list[dict], cls: list[Clause], where: list[int], out: list[dict]) -> None:
    """compared_with (an index here, an id later): B of "from A to B", "X ... than ... Y", a change vs its target."""
    c = clauses()
    for n, lab in enumerate(out):
        if lab["_to"] is not None:
            lab["compared_with"] = lab["_to"]
    for n, f in enumerate(figs):
        cl = cls[where[n]]
        if cl.opener.strip().lower() == "than" or cl.opener.strip().lower() == "against":
            prev = [k for k in range(n) if figs[k]["unit"] == f["unit"] and out[k]["compared_with"] is None]
            if prev and not (out[n]["kind"] == "target") ^ (cl.opener.strip().lower() == "against"):
                k = prev[-1]
                out[k]["compared_with"] = n
                _inherit(out[n], out[k])
    for n, f in enumerate(figs):
        cl = cls[where[n]]
        if out[n]["kind"] != "target" or not c["target_words"].search(cl.text):
            continue
        others = [k for k in range(len(figs)) if k != n and figs[k]["unit"] == f["unit"]
                  and out[k]["kind"] in ("change", "level") and out[k]["compared_with"] is None]
        before = c["compared_target"].search(cl.opener + sentence[cl.start:f["start"]])
        prefer = [k for k in others if (k < n) == bool(before)]
        if prefer:
            k = prefer[-1] if before else prefer[0]
            out[k]["compared_with"] = n
            _inherit(out[n], out[k])


def _inherit(target: dict, other: dict) -> None:
    """A figure compared with another takes the other's measure, crime type and place where it names none."""
    for k in ("measure", "crime_type_id"):
        target[k] = target[k] or other[k]
    if not target["gss_code"] and not target["area"]:
        target["gss_code"], target["area"] = other["gss_code"], other["area"]
    if target["kind"] == other["kind"] and not target["direction"]:
        target["direction"] = other["direction"]


def figure_id(source_id: str, sentence: str, printed: str, occurrence: int) -> str:
    """A figure's identity from its content: source, normalised sentence, printed text, occurrence there."""
    key = "\x1f".join([source_id, " ".join(sentence.split()).casefold(), printed, str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def sentence_groups(records: list[dict]) -> list[list[dict]]:
    """Consecutive figure records of one sentence (the same sentence and heading, in reading order)."""
    groups: list[list[dict]] = []
    for rec in records:
        g = groups[-1] if groups else None
        if g and g[-1]["sentence"] == rec["sentence"] and g[-1].get("heading") == rec.get("heading") \
                and g[-1].get("start", -1) < rec.get("start", 0):
            g.append(rec)
        else:
            groups.append([rec])
    return groups


def label_sentence(sentence: str, heading: str = "", vocab: Vocabulary | None = None) -> list[dict]:
    """Every figure of one sentence with its labels (for review and tests): printed text first."""
    from pipeline.extract.prose import sentence_to_figures
    figs, _ = sentence_to_figures(sentence)
    return [{"printed": f["printed"], **lab} for f, lab in zip(figs, attribute(sentence, figs, heading, vocab))]
