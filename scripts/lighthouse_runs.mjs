// Several Lighthouse runs in one Node process (Lighthouse's own Node API, the same package the CLI
// runs), for scripts/bench_lighthouse.py's `lighthouse_runs()`: Lighthouse's modules load once, not
// once per run (about four seconds of a run of the CLI on the 2-core machine).
//
//   node scripts/lighthouse_runs.mjs < runs.json
//
// runs.json: {"port": 9222 or null, "chrome": "/usr/bin/chromium", "settings": {...}, "runs": [{"url": ..., "form": "mobile" |
// "desktop" (+ "-dark"), "categories": [...], "chromeFlags": [...], "port": null, "out": "report.json"}, ...]}.
// With a port (the job's, or a run's own), a run drives the Chromium listening there; without one, it
// launches its own (as the CLI does) and closes it. "settings" (Lighthouse's own, such as its waits after a page loads)
// apply to every run. Each report (the lhr) is written to its `out` file.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const job = JSON.parse(fs.readFileSync(0, 'utf-8'));
for (const run of job.runs) {
  const port = run.port || job.port;
  const chrome = port ? null : await chromeLauncher.launch({chromePath: job.chrome, chromeFlags: run.chromeFlags});
  const flags = {
    port: port || chrome.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: run.categories,
    // the full-page screenshot only illustrates the HTML report; no audit reads it
    disableFullPageScreenshot: true,
    ...(job.settings || {}),
  };
  try {
    const result = await lighthouse(run.url, flags, run.form.startsWith('desktop') ? desktopConfig : undefined);
    if (!result) throw new Error(`Lighthouse returned no result for ${run.url}`);
    fs.writeFileSync(run.out, JSON.stringify(result.lhr));
  } finally {
    if (chrome) await chrome.kill();
  }
}
