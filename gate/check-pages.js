#!/usr/bin/env node
// Keukentafel accessibility gate: checks many pages in ONE Chromium with pa11y (axe + htmlcs,
// WCAG2AA), several pages at a time, and streams one JSON line per page to stdout.
//
// Input (stdin, JSON): {"chromium": "/usr/bin/chromium", "args": [...], "concurrency": 2,
//                       "pages": [{"id": "/slug/path/", "url": "http://127.0.0.1:PORT/path/"}]}
// Output (stdout, one JSON object per line):
//   {"type": "page", "id", "url", "issues": [...], "requests": [...], "reflow": {...}, "zoom": {...},
//    "error": null | "message", "attempts": n}
//   {"type": "done", "versions": {...}}   or   {"type": "fatal", "error": "..."} (exit 3)
// A page that cannot be tested is tried once more, then reported with "error" set: never as passed.
"use strict";

const pa11y = require("pa11y");
const puppeteer = require("puppeteer");


function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + "\n");
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString("utf8"));
}

// WCAG 1.4.10: at 320 CSS px wide the page must not scroll sideways.
async function measureReflow(page) {
  await page.setViewport({ width: 320, height: 640 });
  return page.evaluate(() => {
    const doc = document.documentElement;
    const overflow = doc.scrollWidth - doc.clientWidth;
    let widest = null;
    if (overflow > 1) {
      let max = 0;
      for (const el of document.body.querySelectorAll("*")) {
        const r = el.getBoundingClientRect();
        if (r.right > max && r.width > 0 && getComputedStyle(el).position !== "fixed") {
          max = r.right;
          widest = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
        }
      }
    }
    return { width: 320, scrollWidth: doc.scrollWidth, overflow: overflow, widest: widest };
  });
}

// WCAG 1.4.4: with text at 200% (desktop width), no text may be clipped by its container.
async function measureTextZoom(page) {
  await page.setViewport({ width: 1280, height: 1024 });
  return page.evaluate(() => {
    document.documentElement.style.fontSize = "200%";
    document.body.style.fontSize = "200%";
    const clipped = [];
    const root = document.querySelector(".md-content") || document.body;
    for (const el of root.querySelectorAll("p, li, h1, h2, h3, label, td, th, legend")) {
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const hides = style.overflow === "hidden" || style.overflowX === "hidden" || style.overflowY === "hidden";
      if (hides && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)) {
        clipped.push(el.tagName.toLowerCase() + ": " + el.textContent.trim().slice(0, 60));
      }
    }
    return { factor: 2, clipped: clipped.slice(0, 10) };
  });
}

// Anything not on this machine's loopback is a request that leaves the resident's device.
function isExternal(url) {
  if (/^(data|blob|about):/.test(url)) return false;
  try {
    const host = new URL(url).hostname;
    return !(host === "127.0.0.1" || host === "localhost" || host === "[::1]");
  } catch (e) {
    return true;
  }
}

// Material's search builds its index in a background worker on every page load. It adds nothing
// to the page until someone types, but it competes with the checks for the two cores, so the
// check does not load it (the search dialog itself is still checked).
const BLOCKED = process.env.KEUKENTAFEL_GATE_SEARCH === "1" ? [] : ["*/search/search_index.json", "*/assets/javascripts/workers/search.*"];

// Where each element with a finding sits, so Python can point at the Markdown line or template
// it came from: inside the article (content), or in which part of the theme.
async function describeElements(page, selectors) {
  if (!selectors.length) return {};
  return page.evaluate((selectors) => {
    const regions = [".md-search", ".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-banner", ".md-skip"];
    const out = {};
    for (const selector of selectors) {
      let el = null;
      try {
        el = document.querySelector(selector);
      } catch (e) {
        el = null;
      }
      if (!el) continue;
      const region = regions.find((r) => el.closest(r)) || "";
      const inArticle = !!el.closest("article.md-content__inner") || (!region && !document.querySelector(".md-container"));
      out[selector] = {
        inArticle,
        region,
        tag: el.tagName.toLowerCase(),
        text: (el.textContent || el.getAttribute("alt") || "").replace(/\s+/g, " ").trim().slice(0, 160),
        href: el.getAttribute("href") || el.getAttribute("src") || "",
      };
    }
    return out;
  }, selectors);
}

// One tab per worker, reused for every page it checks: opening a tab per page costs more than
// the check itself. Each check navigates the tab anew, so no page sees another's state.
async function openTab(browser, blocked = BLOCKED) {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1024 });
  if (blocked.length) {
    const cdp = await page.createCDPSession();
    await cdp.send("Network.enable");
    await cdp.send("Network.setBlockedURLs", { urls: blocked });
  }
  page.keukentafelRequests = [];
  page.keukentafelRecorder = (req) => {
    const url = req.url();
    if (isExternal(url) && !page.keukentafelRequests.includes(url)) page.keukentafelRequests.push(url);
  };
  return page;
}

// A page listed with "#zonder-js" is checked as a resident with JavaScript switched off sees it:
// in a fresh tab that blocks the site's own scripts (pa11y's runners are injected separately).
const NO_JS = "#zonder-js";

async function checkWithoutJavaScript(browser, item) {
  const page = await openTab(browser, ["*.js", "*.mjs"]);
  try {
    return await checkOnce(browser, page, item);
  } finally {
    await page.close().catch(() => {});
  }
}

async function checkOnce(browser, page, item) {
  page.keukentafelRequests = [];
  // pa11y's clean-up calls page.off("request", undefined), which drops every request listener
  // of the tab; so the recorder is attached again for each page.
  page.off("request", page.keukentafelRecorder);
  page.on("request", page.keukentafelRecorder);
  const response = await page.goto(item.url, { waitUntil: "load", timeout: 30000 });
  if (!response || response.status() >= 400) {
    throw new Error("HTTP " + (response ? response.status() : "geen antwoord") + " voor " + item.url);
  }
  const result = await pa11y(item.url, {
    browser,
    page,
    ignoreUrl: true,
    runners: ["axe", "htmlcs"],
    standard: "WCAG2AA",
    timeout: 30000,
    log: { debug() {}, error() {}, info() {} },
  });
  const elements = await describeElements(page, result.issues.filter((i) => i.type === "error").map((i) => i.selector));
  const reflow = await measureReflow(page);
  const zoom = await measureTextZoom(page);
  return { issues: result.issues, elements, title: result.documentTitle, requests: page.keukentafelRequests.slice(), reflow, zoom };
}

function packageVersion(name) {
  try {
    const path = require("path");
    const fs = require("fs");
    let dir = path.dirname(require.resolve(name));
    while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  } catch (e) {
    return "onbekend";
  }
}

async function main() {
  const input = await readStdin();
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath: input.chromium,
      args: input.args,
      headless: true,
    });
  } catch (err) {
    emit({ type: "fatal", error: "Chromium start niet: " + err.message });
    process.exit(3);
  }
  let crashed = null;
  browser.on("disconnected", () => {
    crashed = crashed || "Chromium is onverwacht gestopt";
  });

  const queue = input.pages.slice();
  const workers = [];
  const concurrency = Math.max(1, input.concurrency || 2);
  for (let w = 0; w < concurrency; w++) {
    workers.push(
      (async () => {
        let page = null;
        while (queue.length && !crashed) {
          const item = queue.shift();
          let lastError = null;
          let attempts = 0;
          for (attempts = 1; attempts <= 2 && !crashed; attempts++) {
            try {
              let result;
              if (item.url.endsWith(NO_JS)) {
                result = await checkWithoutJavaScript(browser, item);
              } else {
                if (!page) page = await openTab(browser);
                result = await checkOnce(browser, page, item);
              }
              emit({ type: "page", id: item.id, url: item.url, error: null, attempts, ...result });
              lastError = null;
              break;
            } catch (err) {
              lastError = err.message || String(err);
              // Start the retry in a fresh tab: the old one may be in any state.
              if (page) await page.close().catch(() => {});
              page = null;
            }
          }
          if (lastError !== null || crashed) {
            emit({ type: "page", id: item.id, url: item.url, error: crashed || lastError, attempts: Math.min(attempts, 2), issues: [], requests: [] });
          }
        }
        if (page) await page.close().catch(() => {});
      })()
    );
  }
  await Promise.all(workers);
  if (crashed) {
    emit({ type: "fatal", error: crashed });
    process.exit(3);
  }
  const versions = {
    pa11y: require("pa11y/package.json").version,
    "axe-core": require("axe-core/package.json").version,
    html_codesniffer: packageVersion("@pa11y/html_codesniffer"),
    chromium: await browser.version(),
  };
  await browser.close();
  emit({ type: "done", versions });
}

main().catch((err) => {
  emit({ type: "fatal", error: err && err.stack ? err.stack : String(err) });
  process.exit(3);
});
