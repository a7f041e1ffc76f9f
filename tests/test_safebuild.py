"""Builds that cannot damage the site (scripts/edition/tools/safebuild.py, run by `make build`).

The builds here are a fake command that writes many files slowly (a real MkDocs build
once, on the small fake edition): the lock, the swap and the cleaning are what is tested,
quickly enough for CI.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import copy_root
from edition.tools import safebuild as publish

FILES = 60

# Writes FILES pages, one by one, into {out}; the home page last. A tag makes each build's
# output recognisable; "fail" exits in the middle.
FAKE = r"""
import sys, time, pathlib
out, tag, mode = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
for i in range(%d):
    (out / f"page{i}.html").write_text(tag)
    if i == 30 and mode == "fail":
        sys.exit(3)
    if i == 30 and mode == "hang":
        time.sleep(60)
    time.sleep(0.002)
(out / "index.html").write_text(tag)
""" % FILES


def fake(tag: str, mode: str = "ok") -> list[str]:
    return [sys.executable, "-c", FAKE, "{out}", tag, mode]


def run(site: Path, tag: str, mode: str = "ok", *extra: str, session: bool = False) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(Path(publish.__file__).parents[2]))
    return subprocess.Popen([sys.executable, "-m", "edition.tools.safebuild", "--site", str(site), *extra, "--", *fake(tag, mode)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=session)


def whole(site: Path) -> set[str]:
    """The tags of a site's files: one tag = one whole build."""
    files = sorted(p for p in site.iterdir())
    assert len(files) == FILES + 1, f"{len(files)} files in {site}"
    return {p.read_text() for p in files}


def strays(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}.") and
                  not p.name.endswith(".lock"))


def test_two_builds_at_once_ten_times(tmp_path):
    site = tmp_path / "site"
    assert run(site, "first").wait() == 0
    waited = 0
    for trial in range(10):
        a, b = run(site, f"a{trial}"), run(site, f"b{trial}")
        outs = [p.communicate(timeout=60) for p in (a, b)]
        assert a.returncode == 0 and b.returncode == 0, outs
        assert len(whole(site)) == 1                     # one whole build, not a mixture
        assert whole(site) <= {f"a{trial}", f"b{trial}"}
        assert strays(site) == []
        waited += sum("waiting for it to finish" in err for _, err in outs)
    assert waited, "the two builds never met: the test did not test the lock"


def test_a_second_build_can_refuse_to_wait(tmp_path):
    site = tmp_path / "site"
    a = run(site, "a", "hang")
    time.sleep(0.5)
    b = run(site, "b", "ok", "--no-wait")
    _, err = b.communicate(timeout=30)
    a.terminate()
    a.communicate(timeout=30)
    assert b.returncode == publish.EX_TEMPFAIL
    assert "another build of site/ is running" in err


def test_a_failed_build_leaves_the_old_site_and_no_temporary_folder(tmp_path):
    site = tmp_path / "site"
    assert run(site, "old").wait() == 0
    p = run(site, "new", "fail")
    _, err = p.communicate(timeout=60)
    assert p.returncode == 3 and "site/ was not touched" in err
    assert whole(site) == {"old"} and strays(site) == []


def test_an_interrupted_build_cleans_up(tmp_path):
    site = tmp_path / "site"
    assert run(site, "old").wait() == 0
    p = run(site, "new", "hang")
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".site.build-*/page30.html")) and time.monotonic() < deadline:
        time.sleep(0.05)
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    assert p.returncode != 0 and "interrupted" in err
    assert whole(site) == {"old"} and strays(site) == []


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    site = tmp_path / "site"
    p = run(site, "new", "hang", session=True)
    deadline = time.monotonic() + 20
    while not list(tmp_path.glob(".site.build-*/page30.html")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(p.pid, signal.SIGKILL)       # the build and its child, as a power cut would
    p.communicate(timeout=30)
    assert strays(site)                                       # SIGKILL: no chance to clean
    assert run(site, "next").wait() == 0
    assert whole(site) == {"next"} and strays(site) == []


def test_the_swap_is_atomic_and_a_refused_swap_changes_nothing(tmp_path, monkeypatch):
    """The old site is removable only as a whole: if it cannot be replaced (immutable,
    read-only), every file of it stays; when it is replaced, readers never see a mixture."""
    site = tmp_path / "site"
    publish.publish(site, fake("old"))
    before = {p.name: p.read_bytes() for p in site.iterdir()}

    def refuse(a, b):
        raise PermissionError(1, "Operation not permitted", str(a))

    monkeypatch.setattr(publish, "exchange", refuse)
    monkeypatch.setattr(publish.os, "rename", refuse)
    with pytest.raises(publish.PublishError, match="cannot be replaced.*previous site is untouched"):
        publish.publish(site, fake("new"))
    assert {p.name: p.read_bytes() for p in site.iterdir()} == before
    assert strays(site) == []


def test_the_swap_is_one_rename(tmp_path):
    """renameat2(RENAME_EXCHANGE): the old and the new folder trade places in one step."""
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    assert publish.exchange(a, b), "this system has no atomic exchange"
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_if_the_old_site_cannot_be_removed_the_new_one_is_still_whole(tmp_path, monkeypatch):
    site = tmp_path / "site"
    publish.publish(site, fake("old"))
    real = publish.shutil.rmtree

    def stubborn(path, onerror=None, **kw):
        if ".build-" in str(path) and (Path(path) / "page0.html").read_text() == "old":
            onerror(os.unlink, str(Path(path) / "page0.html"), (PermissionError, PermissionError(1, "immutable"), None))
            return
        real(path, onerror=onerror, **kw)

    monkeypatch.setattr(publish.shutil, "rmtree", stubborn)
    publish.publish(site, fake("new"))
    assert whole(site) == {"new"}


def test_a_published_anchor_cannot_disappear(tmp_path):
    registry = tmp_path / "permalinks.txt"
    site = tmp_path / "site"
    registry.write_text("page1.html#keep\n")
    page = ('<html><body><article class="md-content__inner md-typeset">'
            '<p id="{}">x</p></article></body></html>')
    script = ("import sys, pathlib; o = pathlib.Path(sys.argv[1]); "
              f"(o / 'index.html').write_text('x'); (o / 'page1.html').write_text({page!r}.format(sys.argv[2]))")
    publish.publish(site, [sys.executable, "-c", script, "{out}", "keep"], permalinks=registry)
    with pytest.raises(publish.PublishError, match=r"permalinks.txt:1: \[permalink\] published anchor page1.html#keep"):
        publish.publish(site, [sys.executable, "-c", script, "{out}", "renamed"], permalinks=registry)
    assert 'id="keep"' in (site / "page1.html").read_text() and strays(site) == []


def test_make_build_uses_the_publisher_on_a_real_edition(tmp_path):
    """The real command, once, on the small fake edition."""
    project = copy_root("base", tmp_path)
    env = dict(os.environ, PYTHONPATH=str(Path(publish.__file__).parents[2]), NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "edition.tools.safebuild", "--site", str(project / "site"),
           "--config", str(project / "mkdocs.yml")]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (project / "site" / "bolum.html").exists()
    (project / "archives.yaml").write_text("files: [", encoding="utf-8")
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0 and "archives.yaml:1: [yaml]" in done.stderr and "Traceback" not in done.stderr
    assert (project / "site" / "bolum.html").exists() and strays(project / "site") == []


def test_the_site_has_the_modes_of_a_plain_build(tmp_path):
    """`make build` leaves site/ as `mkdocs build` does: folders 0777 and files 0666 less the
    umask (0755 / 0644 as a rule), so a web server running as another user can read it."""
    site = tmp_path / "site"
    old = os.umask(0o022)
    try:
        publish.publish(site, fake("x"))
    finally:
        os.umask(old)
    assert site.stat().st_mode & 0o777 == 0o755
    page = site / "index.html"
    assert page.stat().st_mode & 0o777 == 0o644
    # readable by another user: "other" may enter the folder and read the file
    assert site.stat().st_mode & 0o005 == 0o005 and page.stat().st_mode & 0o004


def test_the_umask_is_respected(tmp_path):
    site = tmp_path / "site"
    old = os.umask(0o027)
    try:
        publish.publish(site, fake("x"))
    finally:
        os.umask(old)
    assert site.stat().st_mode & 0o777 == 0o750


# The build child writes its pid next to the build folder, then hangs.
HANG = r"""
import os, sys, time, pathlib
out = pathlib.Path(sys.argv[1])
(out.parent / "child.pid").write_text(str(os.getpid()))
time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def test_killing_the_build_kills_its_child_and_the_lock_is_held_until_it_is_gone(tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, PYTHONPATH=str(Path(publish.__file__).parents[2]))
    p = subprocess.Popen([sys.executable, "-m", "edition.tools.safebuild", "--site", str(site), "--",
                          sys.executable, "-c", HANG, "{out}"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not (tmp_path / "child.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int((tmp_path / "child.pid").read_text())
    # the child holds the lock too (its descriptor is inherited)
    held = {os.path.realpath(f"/proc/{child}/fd/{fd}") for fd in os.listdir(f"/proc/{child}/fd")}
    assert str(tmp_path / ".site.lock") in held
    p.kill()                  # SIGKILL to the safe build alone, not to its process group
    p.communicate(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child), "the build's child outlived it"
    # the next build gets the lock at once, removes the killed build's folder and publishes
    done = run(site, "next", "ok", "--no-wait")
    _, err = done.communicate(timeout=60)
    assert done.returncode == 0, err
    assert whole(site) == {"next"} and strays(site) == []


def test_an_interrupted_build_stops_its_child_before_it_lets_go(tmp_path):
    site = tmp_path / "site"
    env = dict(os.environ, PYTHONPATH=str(Path(publish.__file__).parents[2]))
    p = subprocess.Popen([sys.executable, "-m", "edition.tools.safebuild", "--site", str(site), "--",
                          sys.executable, "-c", HANG, "{out}"], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not (tmp_path / "child.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    child = int((tmp_path / "child.pid").read_text())
    p.send_signal(signal.SIGTERM)
    _, err = p.communicate(timeout=30)
    assert "interrupted" in err and not _alive(child) and strays(site) == []
