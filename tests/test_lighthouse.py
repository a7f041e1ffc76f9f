"""Lighthouse (issue 15): the categories that do not depend on timing — accessibility, best
practices, SEO — score 100 on the main page types, served as a static host serves them (gzip)
with the site address set, in the light and the dark scheme. Performance is measured by `make bench`, not asserted here: it
depends on the machine."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_lighthouse as lh  # noqa: E402

# One worker runs the module: the build is served on the port its address names.
pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("lighthouse")]

CASES = [
    ("sovyet-tepkisi.html", "mobile"),            # a chapter, Turkish
    ("en/paralel/sovyet-tepkisi.html", "mobile"),  # the parallel view, English
    ("kaynakca.html", "desktop"),                 # the bibliography
    ("en/arsiv/avprf-4-39-53297.html", "desktop"),  # an archive page
    ("dizin/chicherin.html", "mobile"),            # an entity page of the register, Turkish
    ("en/kisiler.html", "desktop"),               # an index of the register, English
    ("en/gorseller.html", "mobile"),              # the figures page, English
    ("en/sovyet-tepkisi.html", "mobile-dark"),     # a chapter in the dark scheme, English
    ("gorseller.html", "mobile-dark"),            # the figures (their own colours) in the dark scheme
    ("dizin/chicherin.html", "desktop-dark"),      # an entity page in the dark scheme
]


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The edition built with its address set to a local gzip server, as it would be published."""
    port = lh.free_port()
    url = f"http://127.0.0.1:{port}/"
    site = lh.build(ROOT, tmp_path_factory.mktemp("published") / "site", url, {"EDITION_EXPORTS": "false"})
    with lh.Server(site, port):
        yield url


def _prefers_dark(browser, chrome) -> bool:
    """Whether pages in that Chromium are told the reader prefers the dark scheme (asked through
    its remote-debugging port by the tests' own Playwright, with no scheme of Playwright's own)."""
    other = browser.browser_type.connect_over_cdp(f"http://127.0.0.1:{chrome.port}")
    try:
        context = other.new_context(color_scheme="null")
        dark = context.new_page().evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        context.close()
        return dark
    finally:
        other.close()


@pytest.fixture(scope="module")
def reports(published, browser):
    """Every case's report, from one Node process driving two Chromiums, one per colour scheme (the
    dark one is a browser flag, which the headless shell would ignore: asked first), through their
    remote-debugging ports; Lighthouse waits a quarter second of quiet after each load, not its
    seconds for timing (lh.SETTLED)."""
    with lh.Chrome("mobile") as light, lh.Chrome("mobile-dark") as dark:
        assert (_prefers_dark(browser, light), _prefers_dark(browser, dark)) == (False, True), lh.CHROME
        runs = [(published + path, form, (dark if form.endswith("-dark") else light).port) for path, form in CASES]
        lhrs = lh.lighthouse_runs(runs, lh.QUALITY, settings=lh.SETTLED)
    return dict(zip(CASES, lhrs))


@pytest.mark.parametrize("path,form", CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_accessibility_best_practices_and_seo_score_100(reports, published, path, form):
    lhr = reports[path, form]
    assert lhr["finalDisplayedUrl"] == published + path and lhr["configSettings"]["formFactor"] == form.split("-")[0]
    assert lhr["configSettings"]["networkQuietThresholdMs"] == lh.SETTLED["networkQuietThresholdMs"]
    got = {c: round(lhr["categories"][c]["score"] * 100) for c in lh.QUALITY}
    assert got == {c: 100 for c in lh.QUALITY}, {c: lh.failed_audits(lhr, c) for c in lh.QUALITY}
