import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({chromePath:"/usr/bin/chromium", chromeFlags:["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage"]});
for (const url of urls) {
  const {lhr} = await lighthouse(url, {port: chrome.port, output:"json", logLevel:"error", onlyCategories:["performance"], disableFullPageScreenshot:true});
  const a = lhr.audits;
  console.log(url, "perf", lhr.categories.performance.score, "TBT", a["total-blocking-time"].displayValue);
  console.log(" breakdown", JSON.stringify(a["mainthread-work-breakdown"].details.items.map(i=>[i.groupLabel, Math.round(i.duration)])));
  console.log(" bootup", JSON.stringify(a["bootup-time"].details.items.map(i=>[i.url.slice(-40), Math.round(i.total), Math.round(i.scripting)])));
  console.log(" longtasks", JSON.stringify(a["long-tasks"].details.items.map(i=>[i.url.slice(-40), Math.round(i.startTime), Math.round(i.duration)])));
}
await chrome.kill();
