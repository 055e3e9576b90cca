"""Where a command may write: never into its inputs, one writer per output folder.

:func:`check_out_dir` refuses an output folder that is, lies inside or is symlinked into an input
folder, that is an existing file, or that cannot be written; :func:`check_out_file` refuses an
output file that is an input or lies in an input folder. Paths are compared after
``Path.resolve()``. :func:`holding_out_dir` takes a lock on ``OUT/.lock`` (``fcntl.flock``,
non-blocking) for as long as a command writes there: a second concurrent writer is refused. The
file is removed when the lock is released; the lock dies with its process, so a lock file left
behind by a killed run does not block.
Every refusal is a :class:`~toolkit.errors.ParameterError` (one line, exit 2).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from toolkit.errors import ParameterError

try:
    import fcntl
except ImportError:  # Windows: no flock; the folder is then not locked
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".lock"
_held: dict[Path, int] = {}   # resolved out folder → how many nested holders in this process


def _inside(path: Path, folder: Path) -> bool:
    """Whether resolved ``path`` is ``folder`` or lies in it (both resolved).

    >>> _inside(Path("/a/b/c"), Path("/a/b")), _inside(Path("/a/b"), Path("/a/b")), _inside(Path("/a/bc"), Path("/a/b"))
    (True, True, False)
    """
    return path == folder or folder in path.parents


def _nearest_existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_out_dir(out: Path | str, *inputs: Path | str) -> Path:
    """The resolved output folder, or ParameterError when it is an input folder (or in one), a file, or read-only."""
    resolved = Path(out).resolve()
    for folder in inputs:
        data = Path(folder).resolve()
        if _inside(resolved, data):
            raise ParameterError(f"输出目录 {resolved} 位于数据目录 {data} 之内：输出不得写入数据目录，"
                                 "请用 --out 指定数据目录之外的文件夹")
    existing = _nearest_existing(resolved)
    if existing == resolved and not resolved.is_dir():
        raise ParameterError(f"输出目录 {out} 是一个已存在的文件，不是文件夹：请用 --out 指定文件夹")
    if not existing.is_dir():
        raise ParameterError(f"无法创建输出目录 {out}：{existing} 是一个文件")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise ParameterError(f"输出目录 {existing} 不可写：请用 --out 指定可写的文件夹")
    return resolved


def check_out_file(out: Path | str, *inputs: Path | str) -> Path:
    """The resolved output file, or ParameterError when it is an input file or lies in an input folder."""
    resolved = Path(out).resolve()
    for item in inputs:
        source = Path(item).resolve()
        if resolved == source or (source.is_dir() and _inside(resolved, source)):
            raise ParameterError(f"输出文件 {resolved} 会覆盖输入 {source}：请用 --out 指定输入之外的文件")
    if resolved.is_dir():
        raise ParameterError(f"输出文件 {out} 是一个已存在的文件夹：请用 --out 指定文件名")
    folder = _nearest_existing(resolved.parent)
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise ParameterError(f"无法写入输出文件 {out}：{folder} 不可写或不是文件夹")
    return resolved


@contextmanager
def holding_out_dir(out: Path | str) -> Iterator[Path]:
    """Create the output folder and hold its lock for the block; ParameterError when another process holds it.

    Re-entrant within one process (a command that calls another, such as `run` calling the check).
    """
    resolved = Path(out).resolve()
    if resolved in _held or fcntl is None:
        _held[resolved] = _held.get(resolved, 0) + 1
        try:
            yield resolved
        finally:
            _release_count(resolved)
        return
    fd = _lock(resolved)
    _held[resolved] = 1
    try:
        yield resolved
    finally:
        _release_count(resolved)
        if resolved not in _held:
            (resolved / LOCK_FILE).unlink(missing_ok=True)   # unlinked while still locked, then released
            os.close(fd)


def _lock(folder: Path) -> int:
    """The descriptor of the locked ``folder/.lock``, created when missing (with the folder)."""
    for _ in range(5):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o666)
        except OSError as exc:
            raise ParameterError(f"无法写入输出目录 {folder}：{exc.strerror or exc}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise ParameterError(f"输出目录正被另一个运行使用：{folder}（请等它结束，或用 --out 指定其他文件夹）") from None
        try:
            if os.stat(folder / LOCK_FILE).st_ino == os.fstat(fd).st_ino:
                return fd
        except FileNotFoundError:
            pass
        os.close(fd)   # the holder removed the file as we took its lock: take the new file's
    raise ParameterError(f"输出目录正被另一个运行使用：{folder}（请等它结束，或用 --out 指定其他文件夹）")


def _release_count(resolved: Path) -> None:
    _held[resolved] -= 1
    if not _held[resolved]:
        del _held[resolved]
