// Run Lighthouse on several pages with one Debian chromium, and print one JSON line per page.
//
//   node lighthouse-pages.mjs <mobile|desktop> <categories,comma-separated> <url>...
//
// Each line: {"url", "scores": {category: 0-100}, "failing": ["category:audit-id", ...], "metrics": {...},
// "problems": [the runtime error, if the page could not be audited], "warnings": [Lighthouse's run warnings]}.
// "mobile" is Lighthouse's own mobile setting (a 412 px phone, slow 4G and a 4x slower CPU, simulated);
// "desktop" is its desktop setting at 1366 x 900, the laptop width the project checks.
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";

const [formFactor, categoryList, ...urls] = process.argv.slice(2);
const categories = categoryList.split(",");
const METRICS = {
  "first-contentful-paint": "FCP",
  "largest-contentful-paint": "LCP",
  "total-blocking-time": "TBT",
  "cumulative-layout-shift": "CLS",
  "speed-index": "SI",
};

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const flags = {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: categories,
    disableFullPageScreenshot: true,
  };
  if (!categories.includes("performance")) {
    // Without the performance score nothing needs the page to settle: the audits read its DOM and requests.
    Object.assign(flags, { pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0 });
  }
  let config;
  if (formFactor === "desktop") {
    config = desktopConfig;
    flags.screenEmulation = { mobile: false, width: 1366, height: 900, deviceScaleFactor: 1, disabled: false };
  }
  for (const url of urls) {
    const { lhr } = await lighthouse(url, flags, config);
    const scores = {};
    const failing = [];
    for (const category of categories) {
      scores[category] = Math.round(lhr.categories[category].score * 100);
      for (const ref of lhr.categories[category].auditRefs) {
        const audit = lhr.audits[ref.id];
        if (ref.weight && audit.score !== null && audit.score < 1) failing.push(`${category}:${ref.id}`);
      }
    }
    const metrics = {};
    for (const [key, short] of Object.entries(METRICS)) {
      if (lhr.audits[key]) metrics[short] = lhr.audits[key].displayValue;
    }
    // A runtime error means the page was not audited; warnings (stored data, a slow load) do not.
    const problems = lhr.runtimeError ? [lhr.runtimeError.message] : [];
    console.log(JSON.stringify({ url, scores, failing, metrics, problems, warnings: lhr.runWarnings }));
  }
} finally {
  await chrome.kill();
}
