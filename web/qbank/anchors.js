/* Anchors: opening a question's #anchor shows its answer, a moved anchor finds its page, and the language
   switcher keeps the question the reader is on. */

import { answerOf, reveal } from "./dom.js";

/* Opening #anchor of a question (or anything inside an answer) shows its answer. */
export function openTarget() {
  if (!location.hash) return;
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (!target) return;
  reveal(target);
  if (target.matches(".qbank-question, .qbank-entry")) {
    const answer = answerOf(target);
    if (answer) answer.open = true;
  }
  target.scrollIntoView();
}

/* FNV-1a of a string's UTF-16 code units: which shard of an anchor map holds an anchor (qbank/site/paging.py). */
export function anchorShard(anchor, shards) {
  let value = 0x811c9dc5;
  for (let i = 0; i < anchor.length; i++) {
    value ^= anchor.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value % shards;
}

/* A page of a split guide, sheet, topic or duplicates list, opened at an anchor it does not hold
   (a permalink kept from before the question moved, or the contents page's `#q-…`): look the
   anchor up in the view's map and go to the page that holds it now. */
export function followMovedAnchor() {
  const pager = document.querySelector(".qbank-pager[data-anchors]");
  if (!location.hash || !pager) return;
  const anchor = decodeURIComponent(location.hash.slice(1));
  if (document.getElementById(anchor)) return;
  const shards = parseInt(pager.dataset.anchorShards, 10);
  if (!(shards > 0)) return;
  const map = new URL(anchorShard(anchor, shards) + ".json", new URL(pager.dataset.anchors, location.href));
  fetch(map).then(function (response) { return response.ok ? response.json() : {}; }).then(function (found) {
    if (!found[anchor]) return;
    const target = new URL(found[anchor], map);
    if (target.pathname === location.pathname) return;
    target.search = location.search;
    target.hash = location.hash;
    location.replace(target.href);
  }).catch(function () { /* offline: stay on this page */ });
}

/* The language switcher lands on the same page; keep the question the reader is on. */
export function keepAnchorOnLanguageSwitch(event) {
  const link = event.target.closest && event.target.closest("a[hreflang]");
  if (!link || !location.hash) return;
  const url = new URL(link.href, location.href);
  if (!url.hash) {
    url.hash = location.hash;
    link.href = url.toString();
  }
}
