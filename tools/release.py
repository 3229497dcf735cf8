"""Make the next release of the data package: the logic of .github/workflows/rebuild.yml, runnable anywhere.

    python tools/release.py --releases DIR      # a folder stands in for the releases (local runs, tests)
    python tools/release.py --github            # GitHub releases of the current repository, through `gh`

1. fetch the last release's package.zip (none: this is the first release);
2. unpack it into --out and build over it (`python -m pipeline build`: the next version, CHANGELOG.md; a source
   of the last release missing from raw/ stops the build unless its removal is recorded, --remove);
3. validate the package with Frictionless;
4. diff it against the last release (`python -m pipeline diff --markdown`): nothing changed, nothing released;
5. zip the package (every file, the hidden marker `.london-policing-pipeline` included, which a package
   needs to be built over again; the researchers' zip the descriptor names as `download` is left out) into
   --dist, with release notes (this version's CHANGELOG entry and the diff);
6. publish the zip and the researchers' zip as release `vX.Y.Z` with the notes, and add the notes to the CI job summary
   ($GITHUB_STEP_SUMMARY) when there is one.

A script rather than a `pipeline` subcommand: publishing (GitHub, its CLI and token) is the CI's business, not
the data pipeline's, which it drives only through its command line, as a publisher would. It is run from the
project's folder with the project's virtualenv active, and imports only the standard library and the
pipeline's own names for its marker. Exit codes: the build's when the build fails (see the README's table),
1 when Frictionless finds the package invalid, 2 for usage or release-store trouble, 0 when released or when
there was nothing to release.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # this project's `pipeline`, wherever the script is run from

from pipeline.publish.atomic import MARKER, is_ours, remove_package  # noqa: E402

ZIP_NAME = "package.zip"
NOTES_NAME = "notes.md"
TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")
MAX_UNPACKED = 2 * 1024 ** 3  # bytes a release's zip may unpack to
MAX_MEMBERS = 100_000


class ReleaseError(Exception):
    """Trouble the script reports in one line, with its exit code."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


def _tag_key(tag: str) -> tuple[int, int, int]:
    return tuple(int(x) for x in TAG.match(tag).groups())  # type: ignore[union-attr]


class FolderReleases:
    """Releases kept in a folder: one subfolder per tag (`v0.2.0/`) holding package.zip and notes.md."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def latest(self, into: Path) -> str | None:
        """The newest release's tag, its package.zip copied into `into`; None when there is none."""
        tags = sorted((p.name for p in self.folder.glob("v*") if TAG.match(p.name) and (p / ZIP_NAME).is_file()),
                      key=_tag_key) if self.folder.is_dir() else []
        if not tags:
            return None
        shutil.copyfile(self.folder / tags[-1] / ZIP_NAME, into / ZIP_NAME)
        return tags[-1]

    def publish(self, tag: str, title: str, assets: list[Path], notes: Path) -> str:
        target = self.folder / tag
        if target.exists():
            raise ReleaseError(f"{target}: release {tag} already exists")
        target.mkdir(parents=True)
        for asset in assets:
            shutil.copyfile(asset, target / asset.name)
        shutil.copyfile(notes, target / NOTES_NAME)
        return str(target)


class GitHubReleases:
    """The current repository's GitHub releases, through the `gh` command line (GH_TOKEN in the environment)."""

    def _gh(self, *args: str) -> str:
        try:
            done = subprocess.run(["gh", *args], capture_output=True, text=True, timeout=600)
        except FileNotFoundError:
            raise ReleaseError("gh (the GitHub command line) is not installed") from None
        if done.returncode != 0:
            raise ReleaseError(f"gh {' '.join(args[:2])}: {' '.join(done.stderr.split())[:300]}")
        return done.stdout

    def latest(self, into: Path) -> str | None:
        listed = json.loads(self._gh("release", "list", "--limit", "100", "--json", "tagName,isDraft") or "[]")
        tags = sorted((r["tagName"] for r in listed if not r.get("isDraft") and TAG.match(r["tagName"])),
                      key=_tag_key)
        if not tags:
            return None
        self._gh("release", "download", tags[-1], "--pattern", ZIP_NAME, "--dir", str(into), "--clobber")
        return tags[-1]

    def publish(self, tag: str, title: str, assets: list[Path], notes: Path) -> str:
        self._gh("release", "create", tag, *map(str, assets), "--title", title, "--notes-file", str(notes))
        return tag


def unpack(archive: Path, into: Path) -> None:
    """A release's zip into the empty folder `into`: regular files only, every path inside it, bounded in size."""
    try:
        with zipfile.ZipFile(archive) as z:
            members = z.infolist()
            if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED:
                raise ReleaseError(f"{archive}: too large to unpack")
            for m in members:
                parts = Path(m.filename).parts
                kind = stat.S_IFMT(m.external_attr >> 16)
                if m.filename.startswith("/") or ".." in parts or "\\" in m.filename or (kind and kind not in (
                        stat.S_IFREG, stat.S_IFDIR)):
                    raise ReleaseError(f"{archive}: {m.filename!r} is not a plain file inside the package")
                if m.is_dir():
                    continue
                target = into.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with z.open(m) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
    except (zipfile.BadZipFile, OSError) as e:
        raise ReleaseError(f"{archive}: cannot be unpacked ({e})") from None


def pack(folder: Path, archive: Path, date: str, leave_out: frozenset[Path] = frozenset()) -> None:
    """Every file under `folder` (hidden ones included) but `leave_out` into `archive`, in name order, dated
    `date`: the same package gives the same bytes."""
    when = tuple(int(x) for x in date.split("-")) + (0, 0, 0)
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and p not in leave_out):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=when)  # type: ignore[arg-type]
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes())


def _pipeline(*args: str) -> subprocess.CompletedProcess:
    """`python -m pipeline ARGS` from the project's folder; its stderr passed through, stdout kept."""
    done = subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=ROOT, capture_output=True, text=True)
    sys.stderr.write(done.stderr)
    return done


def _changelog_entry(package: Path) -> str:
    """This version's section of the package's CHANGELOG.md (its heading down to the next one)."""
    text = (package / "CHANGELOG.md").read_text(encoding="utf-8")
    start = text.index("\n## ") + 1
    end = text.find("\n## ", start)
    return text[start:end if end != -1 else len(text)].strip() + "\n"


def _summary(text: str) -> None:
    """Append to the CI job summary, when there is one."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text.rstrip("\n") + "\n\n")


def _say(line: str) -> None:
    print(f"release: {line}", file=sys.stderr)


def _place_last(tmp: Path, out: Path, store: FolderReleases | GitHubReleases) -> tuple[str | None, Path | None]:
    """The last release unpacked twice: into --out (to build over) and into `tmp` (to diff against)."""
    if out.exists() and not is_ours(out) and (not out.is_dir() or any(out.iterdir())):
        raise ReleaseError(f"--out {out}: not a package this tool published; not replaced")
    (tmp / "download").mkdir()
    tag = store.latest(tmp / "download")
    if out.exists() and is_ours(out):
        remove_package(out)
    if tag is None:
        return None, None
    last = tmp / "last"
    last.mkdir()
    unpack(tmp / "download" / ZIP_NAME, last)
    if not (last / MARKER).is_file() or not (last / "datapackage.json").is_file():
        raise ReleaseError(f"release {tag}: its {ZIP_NAME} is not a package this tool published")
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(last, out, dirs_exist_ok=True)
    return tag, last


def release(store: FolderReleases | GitHubReleases, raw: Path, out: Path, dist: Path, date: str,
            build_args: list[str]) -> int:
    """Steps 1-6 of the module's docstring; the exit code."""
    with tempfile.TemporaryDirectory(prefix="release-") as t:
        tmp = Path(t)
        tag, last = _place_last(tmp, out, store)
        _say(f"last release: {tag}" if tag else "no earlier release: this is the first")
        built = _pipeline("build", "--raw", str(raw), "--out", str(out), "--release-date", date, *build_args)
        if built.returncode != 0:
            _summary(f"### Release stopped: the build exited {built.returncode}\n\n```\n{built.stderr.strip()}\n```")
            _say(f"the build exited {built.returncode}: nothing released")
            return built.returncode
        checked = subprocess.run([str(Path(sys.executable).with_name("frictionless")), "validate",
                                  str(out / "datapackage.json")], capture_output=True, text=True)
        if checked.returncode != 0:
            _summary(f"### Release stopped: Frictionless finds the package invalid\n\n```\n{checked.stdout[-3000:]}```")
            _say("Frictionless finds the package invalid: nothing released")
            return 1
        version = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["version"]
        if last is not None:
            diff = _pipeline("diff", str(last), str(out), "--markdown")
            if diff.returncode not in (0, 1):
                raise ReleaseError(f"diff against {tag} failed (exit {diff.returncode})")
            if diff.returncode == 0:
                _summary(f"### Nothing to release\n\nThe package is the same as {tag}.")
                _say(f"the package is the same as {tag}: nothing released")
                return 0
        descriptor = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
        name = descriptor["name"]
        # the researchers' zip of the package is its own asset, not packed again inside package.zip
        bundle = out / descriptor["download"]["path"] if descriptor.get("download") else None
        notes_text = _changelog_entry(out) + (f"\n### Changes since {tag}\n\n{diff.stdout}" if last else "")
        dist.mkdir(parents=True, exist_ok=True)
        package, notes = dist / ZIP_NAME, dist / NOTES_NAME
        pack(out, package, date, frozenset({bundle}) if bundle else frozenset())
        notes.write_text(notes_text, encoding="utf-8")
        assets = [package] + ([bundle] if bundle and bundle.is_file() else [])
        where = store.publish(f"v{version}", f"{name} {version}", assets, notes)
        _summary(notes_text)
        _say(f"released v{version} ({where})")
        return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--releases", type=Path, help="folder standing in for the releases (one subfolder per tag)")
    where.add_argument("--github", action="store_true", help="the GitHub releases of this repository (through gh)")
    ap.add_argument("--raw", type=Path, default=Path("raw"), help="folder of source PDFs (default: raw)")
    ap.add_argument("--out", type=Path, default=Path("output"), help="where the package is built (default: output)")
    ap.add_argument("--dist", type=Path, default=Path("dist"), help="where package.zip and notes.md are written")
    ap.add_argument("--release-date", default=None,
                    help="the release's date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH's day, else today, UTC)")
    ap.add_argument("--remove", action="append", default=[], metavar="SOURCE_ID[=REASON]",
                    help="a source of the last release removed on purpose (passed to the build); repeatable")
    args = ap.parse_args(argv)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    date = args.release_date or (datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() and len(epoch) < 12
                                 else datetime.now(UTC)).strftime("%Y-%m-%d")
    store = GitHubReleases() if args.github else FolderReleases(args.releases.resolve())
    build_args = [a for sid in args.remove for a in ("--remove", sid)]
    try:
        return release(store, args.raw.resolve(), args.out.resolve(), args.dist.resolve(), date, build_args)
    except ReleaseError as e:
        print(f"error: release: {' '.join(str(e).split())}", file=sys.stderr)
        return e.code


if __name__ == "__main__":
    raise SystemExit(main())
