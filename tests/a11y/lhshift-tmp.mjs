import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";
const urls = process.argv.slice(2);
const chrome = await chromeLauncher.launch({chromePath:"/usr/bin/chromium", chromeFlags:["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage"]});
for (const url of urls) {
  const flags = {port: chrome.port, output:"json", logLevel:"error", onlyCategories:["performance"], disableFullPageScreenshot:true,
    screenEmulation:{mobile:false,width:1366,height:900,deviceScaleFactor:1,disabled:false}};
  const {lhr} = await lighthouse(url, flags, desktopConfig);
  console.log(url, JSON.stringify(lhr.audits["layout-shifts"].details?.items?.map(i=>({score:i.score, node:i.node?.selector, snippet:i.node?.snippet?.slice(0,120), causes:i.subItems})), null, 1));
}
await chrome.kill();
