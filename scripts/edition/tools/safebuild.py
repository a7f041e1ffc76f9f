"""Build the site so that no failure can damage the published `site/` (`make build`, `make pdf`).

    python -m edition.tools.safebuild [--pdf] [--site site] [--config mkdocs.yml] [--permalinks FILE]
                              [--no-wait] [-- COMMAND … {out} …]

What it guarantees about `site/`:

1. **One build at a time.** An exclusive lock (`.site.lock`, next to `site/`) is taken first;
   a second build waits for it, saying so (or, with `--no-wait`, stops with exit code 75 and
   a clear message). Two builds never write into the same folder.
2. **Built aside.** MkDocs builds into a fresh sibling folder (`.site.build-*`, same file
   system), never into `site/`; leftovers of a build that was killed are removed first.
3. **Checked before it is published.** The new site must have its home page, and, with
   `--permalinks`, every anchor of the registry of published anchors (a published anchor
   never disappears silently: the build stops and names it with its registry line).
4. **Swapped atomically.** The new folder replaces `site/` in one `rename` (Linux
   `renameat2(RENAME_EXCHANGE)`; elsewhere two renames). Readers and tools see either the
   whole old site or the whole new one. If the swap is refused (a read-only or immutable
   `site/`), the old site stays exactly as it was and the new build is discarded.
5. **Clean on failure.** A failed, interrupted (Ctrl-C, SIGTERM) or refused build removes
   its temporary folder; the old site, swapped out, is removed only as a whole after the swap.
6. **The build dies with it.** The build process gets the parent-death signal (Linux
   `prctl(PR_SET_PDEATHSIG, SIGKILL)`): killing this process, even with SIGKILL, kills its
   MkDocs. The child inherits the lock's descriptor, so the lock is held until the child is
   gone too; a temporary folder a SIGKILL leaves behind is removed by the next build.
7. **Served as `mkdocs build` serves it.** The build folder gets the modes of a plain
   `mkdir` (0777 less the umask, 0755 as a rule), not `mkdtemp`'s 0700.

The build itself is a separate process (`mkdocs build --strict -d {out}`), so this module
knows nothing of MkDocs; tests give it a fake command.
"""
from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from edition.site.permalinks import collect, is_anchor

EX_TEMPFAIL = 75  # sysexits: "try again later" (another build holds the lock)


class PublishError(Exception):
    """A build that could not be published; the message says why, and what state site/ is in."""
    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def _say(message: str) -> None:
    print(f"safebuild: {message}", file=sys.stderr, flush=True)


# --- lock ----------------------------------------------------------------------------------

@contextmanager
def build_lock(site: Path, wait: bool = True, timeout: float = 1800.0):
    """Hold the exclusive build lock of `site` (a `flock`, released when the process ends,
    even if it is killed)."""
    path = site.parent / f".{site.name}.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            if not wait:
                raise PublishError(f"another build of {site.name}/ is running (process {holder}); "
                                   f"{site.name}/ is left to it. Try again when it has finished.",
                                   EX_TEMPFAIL) from None
            _say(f"another build of {site.name}/ is running (process {holder}); waiting for it to finish…")
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise PublishError(f"gave up waiting for the other build of {site.name}/ "
                                           f"(process {holder}) after {timeout:.0f} s", EX_TEMPFAIL) from None
                    time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield fd
    finally:
        os.close(fd)   # releases the lock


# --- atomic swap ---------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _renameat2():
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


def exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one step; False when the system cannot (then the caller
    falls back to two renames). Raises OSError when the swap is refused."""
    fn = _renameat2()
    if fn is None:
        return False
    if fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False   # the kernel or the file system has no exchange
    raise OSError(err, os.strerror(err), str(a))


def swap_in(new: Path, site: Path) -> Path | None:
    """Put the folder `new` in the place of `site`. Returns the old site's folder (now under
    the temporary name) to be removed, or None if there was no old site. On any error
    `site` is as it was."""
    if not site.exists():
        os.rename(new, site)
        return None
    if exchange(new, site):
        return new     # `new` now holds the old site
    old = site.parent / f".{site.name}.old-{os.getpid()}"
    os.rename(site, old)
    try:
        os.rename(new, site)
    except OSError:
        os.rename(old, site)   # put the old site back
        raise
    return old


def remove_tree(path: Path) -> bool:
    """Remove a folder; False (and a message) if the system refuses part of it."""
    problems: list[str] = []

    def note(function, name, exc_info):
        problems.append(f"{name}: {exc_info[1]}")

    shutil.rmtree(path, onerror=note)   # noqa: (onexc from Python 3.12; onerror works in both)
    if problems:
        _say(f"could not remove all of {path} ({problems[0]}); remove it by hand")
        return False
    return True


def clean_leftovers(site: Path) -> None:
    """Folders left by a build that was killed (SIGKILL, power loss): under the lock no
    other build owns them."""
    for stray in site.parent.glob(f".{site.name}.build-*"):
        remove_tree(stray)
    for stray in site.parent.glob(f".{site.name}.old-*"):
        remove_tree(stray)


# --- checks --------------------------------------------------------------------------------

def check_site(out: Path, permalinks: Path | None) -> None:
    if not (out / "index.html").is_file():
        raise PublishError("the build produced no index.html; site/ was not replaced")
    if permalinks is None or not permalinks.exists():
        return

    present = set(collect(out))
    missing = []
    for number, line in enumerate(permalinks.read_text(encoding="utf-8").splitlines(), 1):
        anchor = line.strip()
        if anchor and is_anchor(anchor) and anchor not in present:
            missing.append((number, anchor))
    if missing:
        shown = "\n".join(f"{permalinks}:{n}: [permalink] published anchor {a} is gone" for n, a in missing[:10])
        more = f"\n  (and {len(missing) - 10} more)" if len(missing) > 10 else ""
        raise PublishError(f"{shown}{more}\nReaders cite these addresses: keep the anchors (or, if the change "
                           "is deliberate, refresh the registry as CONTRIBUTING.md says). site/ was not replaced.")


# --- the build -----------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int):
    """A preexec function: the child gets SIGKILL when the process that started it dies
    (and dies at once if that already happened between fork and prctl)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True) \
        if sys.platform.startswith("linux") else None

    def preexec():
        if libc is not None:
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)
    return preexec


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def default_command(config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", "{out}"]


class _Terminated(Exception):
    pass


def _on_term(signum, frame):
    raise _Terminated()


def publish(site: Path, command: list[str], *, env: dict | None = None, permalinks: Path | None = None,
            wait: bool = True) -> None:
    """Build with `command` (its `{out}` replaced by the build folder) and swap the result in."""
    site = site.absolute()
    site.parent.mkdir(parents=True, exist_ok=True)
    with build_lock(site, wait=wait) as lock_fd:
        clean_leftovers(site)
        out = Path(tempfile.mkdtemp(prefix=f".{site.name}.build-", dir=site.parent))
        os.chmod(out, 0o777 & ~_umask())   # site/ as `mkdocs build` leaves it (mkdtemp: 0700)
        old: Path | None = None
        child: subprocess.Popen | None = None
        previous = signal.signal(signal.SIGTERM, _on_term) if _main_thread() else None
        try:
            child = subprocess.Popen([part.replace("{out}", str(out)) for part in command], env=env,
                                     pass_fds=(lock_fd,), preexec_fn=_die_with_parent(os.getpid()))
            code = child.wait()
            child = None
            if code != 0:
                raise PublishError(f"the build failed (exit code {code}); site/ was not touched", code)
            check_site(out, permalinks)
            try:
                old = swap_in(out, site)
            except OSError as exc:
                raise PublishError(f"{site.name}/ cannot be replaced ({exc.strerror}): the previous site is "
                                   "untouched and the new build was discarded") from None
            out = None    # it is the site now
        except (KeyboardInterrupt, _Terminated):
            raise PublishError("interrupted: site/ was not touched", 130) from None
        finally:
            if child is not None:
                child.terminate()
                try:
                    child.wait(10)
                except subprocess.TimeoutExpired:
                    child.kill()
            if out is not None and out.exists():
                remove_tree(out)
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
        if old is not None:
            remove_tree(old)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = None
    if "--" in argv:
        command = argv[argv.index("--") + 1:]
        argv = argv[:argv.index("--")]
    parser = argparse.ArgumentParser(prog="python -m edition.tools.safebuild", description=__doc__.split("\n")[0])
    parser.add_argument("--site", default="site", help="the published folder (default: site)")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--pdf", action="store_true", help="also print the one-file editions to PDF")
    parser.add_argument("--permalinks", help="registry of published anchors that must all be present")
    parser.add_argument("--no-wait", action="store_true", help="stop at once if another build is running")
    args = parser.parse_args(argv)
    env = dict(os.environ)
    if args.pdf:
        env["EDITION_PDF"] = "true"
    try:
        publish(Path(args.site), command or default_command(Path(args.config)), env=env,
                permalinks=Path(args.permalinks) if args.permalinks else None, wait=not args.no_wait)
    except PublishError as exc:
        _say(str(exc))
        return exc.code if 0 < exc.code < 256 else 1
    _say(f"{args.site}/ replaced by the new build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
