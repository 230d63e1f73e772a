import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";
import fs from "fs";
const url = process.argv[2];
const chrome = await chromeLauncher.launch({chromePath:"/usr/bin/chromium", chromeFlags:["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage"]});
const flags = {port: chrome.port, output:"json", logLevel:"error", onlyCategories:["performance"], disableFullPageScreenshot:true,
    screenEmulation:{mobile:false,width:1366,height:900,deviceScaleFactor:1,disabled:false}};
const {lhr} = await lighthouse(url, flags, desktopConfig);
const items = lhr.audits["screenshot-thumbnails"].details.items;
items.forEach((it,i)=>fs.writeFileSync(`/tmp/film${i}.jpg`, Buffer.from(it.data.split(",")[1],"base64")));
fs.writeFileSync("/tmp/final.jpg", Buffer.from(lhr.audits["final-screenshot"].details.data.split(",")[1],"base64"));
console.log(items.map(i=>i.timing));
await chrome.kill();
