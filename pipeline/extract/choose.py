"""One verdict from several readers: candidates are read in order and the first reading that verifies wins.

A reading verifies when its records can be made, pass every check of the family spec
(pipeline.extract.verify) and account for every word of the table's region (pipeline.extract.accounting).
When none does, the best attempt names the failing check: the reading that got furthest, i.e. the
highest of (stage reached, checks passed, records read), the cheaper candidate on a tie. Stages: 0 no
table found, 1 no records (e.g. no borough column), 2 a check failed, 3 words left unread, 4 every word and
every row verified but a printed Total disagrees with the rows (the source's own discrepancy: the reading is
published only once the discrepancy is reviewed, schemas/accepted_discrepancies.yaml).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.errors import BadInput
from pipeline.extract.candidates import Candidate
from pipeline.extract.grid import Grid
from pipeline.extract.verify import Verdict

NOT_FOUND, NO_RECORDS, CHECK_FAILED, LEFT_UNREAD, IN_SOURCE, VERIFIED = range(6)


@dataclass
class Trial:
    """What one candidate read and how far it got."""

    name: str
    grids: list[Grid] = field(default_factory=list)
    records: dict[str, list[dict]] = field(default_factory=dict)
    stage: int = NOT_FOUND
    passed: int = 0
    problem: str = "no table found"
    coverage: list[dict] = field(default_factory=list)  # accounting's entries, once the words are accounted for

    @property
    def verified(self) -> bool:
        return self.stage == VERIFIED

    @property
    def in_source(self) -> bool:
        """Read right, but a printed Total of the source disagrees with its rows."""
        return self.stage == IN_SOURCE

    @property
    def rank(self) -> tuple[int, int, int]:
        """How far the reading got: stage, checks passed, records read (higher is further)."""
        return self.stage, self.passed, sum(len(v) for v in self.records.values())

    def verdict(self) -> str:
        if self.in_source:
            return f"rows verified; a printed total disagrees with them (a discrepancy in the source): {self.problem}"
        return "verified" if self.verified else self.problem


def try_candidate(candidate: Candidate, records: Callable[[list[Grid]], dict],
                  check: Callable[[dict, list[Grid]], Verdict],
                  account: Callable[[dict, list[Grid]], list[dict]]) -> Trial:
    """Read one candidate, make its records, check them and account for the region's words."""
    trial = Trial(candidate.name)
    grids = candidate.read()
    if grids is None:
        trial.problem = "nothing different to read"
        return trial
    trial.grids = grids
    if not trial.grids:
        return trial
    try:
        trial.records = records(trial.grids)
    except ValueError as e:
        trial.stage, trial.problem = NO_RECORDS, str(e)
        return trial
    verdict = check(trial.records, trial.grids)
    trial.passed = verdict.passed
    if verdict.problem and not verdict.in_source:
        trial.stage, trial.problem = CHECK_FAILED, verdict.problem
        return trial
    try:
        trial.coverage = account(trial.records, trial.grids)
    except BadInput as e:
        trial.stage, trial.problem = LEFT_UNREAD, e.reason
        return trial
    trial.stage, trial.problem = (IN_SOURCE, verdict.problem) if verdict.in_source else (VERIFIED, "")
    return trial


def choose(candidates: list[Candidate], records: Callable[[list[Grid]], dict],
           check: Callable[[dict, list[Grid]], Verdict],
           account: Callable[[dict, list[Grid]], list[dict]]) -> list[Trial]:
    """Every trial made, in order; the last one verified unless none did (then no later candidate was left)."""
    trials = []
    for candidate in candidates:
        trials.append(try_candidate(candidate, records, check, account))
        if trials[-1].verified:
            break
    return trials


def best(trials: list[Trial]) -> Trial:
    """The trial that got furthest (the earliest, i.e. cheapest, of equals)."""
    return max(trials, key=lambda t: t.rank)
