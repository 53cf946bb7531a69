/* Search: results link with the whole query, a hit opens what it found, and Material hears every change of
   the field. */

import { child, reveal } from "./dom.js";
import { openTarget } from "./anchors.js";

/* The terms of a query as typed: white-space separated, each kept whole (过拟合, not 过 + 拟合). */
function queryTerms(query) {
  return (query || "").toLowerCase().split(/\s+/).filter(Boolean);
}

/* Material links a result with ?h= holding only the query terms its index matched. For Chinese
   that is often one character of the query (过 of 过拟合), which would mark 过程 and 通过 all over
   the target page. Results link with the whole query instead. */
export function linkResultsToWholeQuery() {
  const field = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  if (!field || !list) return;
  new MutationObserver(function () {
    const terms = queryTerms(field.value).join(" ");
    if (!terms) return;
    list.querySelectorAll("a.md-search-result__link").forEach(function (link) {
      const url = new URL(link.href, location.href);
      if (url.searchParams.get("h") === terms) return;
      url.searchParams.set("h", terms);
      link.href = url.toString();
    });
  }).observe(list, { childList: true, subtree: true });
}

/* Whether a text holds the whole query (every term of it): only then does a search open what holds it. */
function holdsQuery(text, terms) {
  text = text.toLowerCase();
  return terms.every(function (term) { return text.indexOf(term) >= 0; });
}

/* A collapsible block's text without its title: a query that only names the block ("Answer") is not in it. */
function ownText(block) {
  return Array.prototype.map.call(block.children, function (part) {
    return part.tagName === "SUMMARY" ? "" : part.textContent;
  }).join(" ");
}

/* What a search hit opens on the page it leads to (?h=…): every answer that holds the whole query and,
   when the hit is the page itself (no #anchor: openTarget opens the question an anchor names), every
   question whose title or prompt asks it. Read from the text, not from Material's marks: it marks only
   text that is laid out, which a closed answer's is not in every browser. */
function openSearchHits(terms) {
  document.querySelectorAll("section.qbank-q").forEach(function (container) {
    const answer = child(container, "details.answer");
    if (!answer || answer.open) return;
    const asked = !location.hash && [container.firstElementChild, child(container, ".qbank-prompt")]
      .some(function (part) { return part && holdsQuery(part.textContent, terms); });
    if (asked || holdsQuery(ownText(answer), terms)) answer.open = true;
  });
}

/* Search opens pages with highlighted terms (?h=…): open what the hit found, then, as Material marks
   the terms after load, show the first mark and any other closed block that holds the whole query. */
export function revealHighlights() {
  const terms = queryTerms(new URLSearchParams(location.search).get("h"));
  if (!terms.length) return;
  openSearchHits(terms);
  const content = document.querySelector(".md-content") || document.body;
  let first = true;
  function show(root) {
    const marks = root.querySelectorAll ? root.querySelectorAll("mark") : [];
    for (let i = 0; i < marks.length; i++) {
      const block = marks[i].closest("details");
      if (block && !block.open && !holdsQuery(ownText(block), terms)) continue;
      reveal(marks[i]);
      if (first && !location.hash) marks[i].scrollIntoView({ block: "center" });
      first = false;
    }
  }
  show(content);
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(function (node) {
        if (node.nodeType !== 1) return;
        if (node.tagName === "MARK") show(node.parentNode);
        else show(node);
      });
    });
  }).observe(content, { childList: true, subtree: true });
}

/* Material searches on `keyup` only (components/search/query in its bundle), so text that arrives
   without a key, pasted from a menu, committed by an input method, dictated or filled in by a script,
   searched nothing. Any change of the field now tells Material as a key would. While an input method
   composes, the field holds its unfinished candidate: search once the text is committed. */
export function searchOnAnyInput() {
  const field = document.querySelector("input.md-search__input");
  if (!field) return;
  function changed(event) {
    if (event.isComposing) return;
    field.dispatchEvent(new KeyboardEvent("keyup", { bubbles: false }));
  }
  field.addEventListener("input", changed);
  field.addEventListener("compositionend", changed);
}

/* A hit that leads to where the page already is (same address and #anchor) changes no hash: no
   hashchange, so the question it points at would stay closed. Open it here. */
export function followHitsHere() {
  const list = document.querySelector(".md-search-result__list");
  if (!list) return;
  list.addEventListener("click", function (event) {
    const link = event.target.closest && event.target.closest("a.md-search-result__link");
    if (link && link.hash && new URL(link.href, location.href).href === location.href) openTarget();
  });
}

/* Material's search dialog has no accessible name; give it the search field's. */
export function nameSearchDialog() {
  const dialog = document.querySelector(".md-search[role=dialog]");
  const field = document.querySelector("input.md-search__input");
  if (dialog && field && !dialog.hasAttribute("aria-label")) {
    dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
  }
}
