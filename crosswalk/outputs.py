"""Where crosswalk may write, and how: the rules every `--out` follows, in one place.

crosswalk replaces only what it made. A folder it writes whole (the site, an SSSOM or CSV
export) carries a marker file at its root saying what made it; a later run replaces that
folder, an empty one or a new one, and refuses anything else: a folder of someone's files,
the data folder (or one that holds it, or one inside it), the current folder, the home
folder, `/`, a file, a symbolic link. A file output may replace a regular file, never a
link, a folder or a device, and never a file inside the data folder. The checks run before
any work and raise UsageError naming the path and what to do.

Writes are all or nothing: a file is written to a temporary file beside it and renamed into
place; a folder is made in a temporary folder beside it and swapped in, the old one moved to
a second temporary folder and deleted only once the new one is in place. Both temporary
names are made by `tempfile` for this run, so no other file can be mistaken for them. What
is written follows the umask; a file written over keeps its mode (and, where permitted, its
owner).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from crosswalk.problems import UsageError


@dataclass(frozen=True)
class Owner:
    """What makes a kind of folder, and the marker file that says so at its root."""

    marker: str
    maker: str

    def note(self) -> str:
        return (
            f"{self.maker} made this folder and replaces it whole on its next run; "
            "delete this file to keep crosswalk from replacing it\n"
        )


SITE = Owner(".crosswalk-site", "crosswalk build")
EXPORT = Owner(".crosswalk-export", "crosswalk export")


# Checking a path -------------------------------------------------------------------------


def check_file(path: Path, data: Iterable[Path]) -> None:
    """Refuse a file output crosswalk must not write: see the module's rules."""
    _refuse_link(path)
    if path.is_dir():
        raise UsageError(f"{path}: is a folder (give the name of a file to write)")
    if path.exists() and not path.is_file():
        raise UsageError(f"{path}: is not a regular file (give the name of a file to write)")
    _refuse_data(path, _resolved(path), data, holding=False)
    _refuse_blocked_parent(path)


def check_folder(path: Path, data: Iterable[Path], owner: Owner | None = None) -> None:
    """Refuse a folder output crosswalk must not write.

    With an owner, the folder is replaced whole, so it must be new, empty or marked by that
    owner, and never the root, the home or the current folder, nor hold the data folder.
    Without one, files of fixed names are written into it and nothing else in it is touched.
    """
    _refuse_link(path)
    resolved = _resolved(path)
    if owner is not None:
        _refuse_special(path, resolved)
    _refuse_data(path, resolved, data, holding=owner is not None)
    if path.exists() and not path.is_dir():
        what = "a file" if path.is_file() else "not a folder"
        made = f", new or made by {owner.maker}" if owner else ""
        raise UsageError(f"{path}: is {what} (give a folder{made})")
    _refuse_blocked_parent(path)
    if owner is not None and not is_replaceable(path, owner):
        raise UsageError(
            f"{path}: holds files crosswalk did not make (it has no {owner.marker}), so it is "
            f"not replaced (give a new or empty folder, or one {owner.maker} wrote; or empty "
            "this one yourself)"
        )


def is_replaceable(path: Path, owner: Owner) -> bool:
    """A folder that may be replaced whole: absent, empty, or carrying the owner's marker."""
    if not path.exists():
        return True
    marker = path / owner.marker
    if marker.is_file() and not marker.is_symlink():
        return True
    return next(path.iterdir(), None) is None


def _resolved(path: Path) -> Path:
    # Called once a link at the path itself is refused: what is left to follow is above it.
    return path.resolve()


def _refuse_link(path: Path) -> None:
    if path.is_symlink():
        raise UsageError(
            f"{path}: is a symbolic link; crosswalk neither replaces links nor writes through "
            "them (give the path it leads to, or another name)"
        )


def _refuse_special(path: Path, resolved: Path) -> None:
    """The folders no run may replace, whatever they hold."""
    if resolved == Path(resolved.anchor):
        raise UsageError(f"{path}: is the root of the file system (give a folder of its own)")
    for name, folder in (("your home folder", _home()), ("the current folder", _cwd())):
        if folder is None:
            continue
        if resolved == folder:
            raise UsageError(f"{path}: is {name} (give a folder of its own inside it)")
        if folder.is_relative_to(resolved):
            raise UsageError(f"{path}: holds {name} {folder} (give a folder of its own)")


def _refuse_data(path: Path, resolved: Path, data: Iterable[Path], holding: bool) -> None:
    """The data folder, or inside it; with `holding`, a folder that holds it too."""
    for root in data:
        folder = root.resolve()
        if resolved == folder:
            where = "is the data folder"
        elif holding and folder.is_relative_to(resolved):
            where = f"holds the data folder {root}"
        elif resolved.is_relative_to(folder):
            where = f"is inside the data folder {root}"
        else:
            continue
        raise UsageError(f"{path}: {where}; crosswalk never writes there (give a path outside it)")


def _refuse_blocked_parent(path: Path) -> None:
    """The nearest existing folder above the path must be a folder, or nothing can be made."""
    for parent in path.absolute().parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{path}: {parent} is not a folder (give a path in a folder)")
            return


def _home() -> Path | None:
    try:
        return Path.home().resolve()
    except (RuntimeError, KeyError, OSError):
        return None


def _cwd() -> Path | None:
    try:
        return Path.cwd().resolve()
    except OSError:
        return None


# Modes -------------------------------------------------------------------------------------


def umask() -> int:
    """This process's umask. (Python can read it only by setting it: set it back at once.)"""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _follow_umask(path: Path, folder: bool) -> None:
    os.chmod(path, (0o777 if folder else 0o666) & ~umask())


# Writing files -----------------------------------------------------------------------------


def write_atomically(path: Path, text: str) -> None:
    """Write a whole UTF-8 text file or nothing: a temporary file renamed into place."""
    write_atomically_bytes(path, text.encode("utf-8"))


def write_atomically_bytes(path: Path, data: bytes) -> None:
    """Write a whole file or nothing: a temporary file renamed into place."""
    _refuse_link(path)
    try:
        before: os.stat_result | None = path.stat()
    except FileNotFoundError:
        before = None
    if before is not None and not stat.S_ISREG(before.st_mode):
        raise UsageError(f"{path}: is not a regular file (give the name of a file to write)")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            _keep_or_follow_umask(handle.fileno(), before)
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_or_follow_umask(fd: int, before: os.stat_result | None) -> None:
    """A file written over keeps its mode and owner; a new one follows the umask."""
    if before is None:
        os.fchmod(fd, 0o666 & ~umask())
        return
    if (before.st_uid, before.st_gid) != (os.geteuid(), os.getegid()):
        with contextlib.suppress(PermissionError):
            os.fchown(fd, before.st_uid, before.st_gid)
    os.fchmod(fd, stat.S_IMODE(before.st_mode))


def copy_tree(source: Path, target: Path, leave_out: str = "") -> None:
    """Copy a folder's files into target as new files, which follow the umask (shutil's
    copytree gives them the source's modes), leaving out file names matching `leave_out`."""
    for path in sorted(source.rglob("*")):
        if path.is_dir() or (leave_out and fnmatch.fnmatchcase(path.name, leave_out)):
            continue
        copy = target / path.relative_to(source)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, copy)


# Folders crosswalk replaces whole ------------------------------------------------------------


@contextlib.contextmanager
def replacing(out: Path, owner: Owner) -> Iterator[Path]:
    """A new folder to fill, swapped in for `out` when the block ends without an error and
    deleted when it does not. `out` is checked again at the swap: it may have changed."""
    new = new_folder(out, owner)
    try:
        yield new
        replace_folder(new, out, owner)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise


def new_folder(out: Path, owner: Owner) -> Path:
    """An empty folder beside `out`, named by tempfile, following the umask, marked."""
    out.parent.mkdir(parents=True, exist_ok=True)
    new = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    _follow_umask(new, folder=True)
    (new / owner.marker).write_text(owner.note(), encoding="utf-8")
    return new


def replace_folder(new: Path, out: Path, owner: Owner) -> None:
    """Put `new` in place of `out`; keep the old folder until the new one is there."""
    _refuse_link(out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: is not a folder (give a folder, new or made by {owner.maker})")
    if not is_replaceable(out, owner):
        raise UsageError(
            f"{out}: files crosswalk did not make appeared in it during the run, so it is not "
            f"replaced (give a new or empty folder, or one {owner.maker} wrote)"
        )
    if not out.exists():
        os.replace(new, out)
        return
    # An empty folder of our own to move the old one onto (a folder replaces an empty one).
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old.", dir=out.parent))
    try:
        os.replace(out, old)
    except BaseException:
        old.rmdir()
        raise
    try:
        os.replace(new, out)
    except BaseException:
        os.replace(old, out)
        raise
    shutil.rmtree(old)
