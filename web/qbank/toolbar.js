/* The toolbar under a page's title: its buttons arrive in the page (qbank/site/pages/common.py's toolbar);
   this gives them their behaviour and adds the PDF downloads once they have been printed. */

import { answers, element, siteRoot } from "./dom.js";
import { pageCards } from "./progress.js";

/* A line under the toolbar saying what went wrong (e.g. the bank's cards could not be fetched). */
function toolbarNotice(bar, text) {
  const line = bar.querySelector(".qbank-toolbar__notice") || element("p", "qbank-toolbar__notice");
  line.setAttribute("role", "status");
  line.textContent = text;
  bar.appendChild(line);
}

/* Study mode: this page's cards, or on the guide's first page the whole bank, from its own cards when it
   holds them all, else (a split guide's contents page) from cards.json, each question fetched from its guide
   page. The study code and its scheduler load on the first use (a pointer over the button starts it early).
   A link with ?study=all (the home page's) or ?study=due opens it on arrival. */
function wireStudy(bar, open, strings) {
  const load = function () { return import("./study.js"); };
  const own = pageCards().length > 0;
  function study(dueOnly) {
    if (!own) open.disabled = true;
    load().then(function (session) {
      if (own) session.StudySession(strings, dueOnly);
      else return session.studyBank(strings, new URL(bar.dataset.cards, location.href), dueOnly);
    }).catch(function () { toolbarNotice(bar, strings.load_failed); })
      .then(function () { open.disabled = false; });
  }
  if (!own && !bar.dataset.cards) { open.hidden = true; return; }
  open.addEventListener("click", function () { study(false); });
  ["pointerenter", "focus"].forEach(function (type) { open.addEventListener(type, load, { once: true }); });
  const asked = new URLSearchParams(location.search).get("study");
  if (asked === "all" || asked === "due") study(asked === "due");
}

/* The guide's and the sheet's PDFs, offered once `make pdf` has printed them: the manifest always exists and
   lists them only then. At the end of the toolbar's row, they move nothing under it. */
function addPdfLinks(bar) {
  const wanted = ["guide", "sheet"].filter(function (kind) { return bar.hasAttribute("data-pdf-" + kind); });
  if (!wanted.length) return;
  fetch(new URL("pdf/manifest.json", siteRoot)).then(function (response) {
    return response.ok ? response.json() : { files: [] };
  }).then(function (manifest) {
    wanted.forEach(function (kind) {
      const path = bar.getAttribute("data-pdf-" + kind);
      if (manifest.files.indexOf(path) < 0) return;
      const link = element("a", "md-button qbank-button qbank-pdf", bar.getAttribute("data-pdf-" + kind + "-label"));
      link.href = new URL(path, siteRoot).href;
      link.setAttribute("download", "");
      bar.appendChild(link);
    });
  }).catch(function () { /* offline: no downloads to offer */ });
}

/* Study mode, expand all / collapse all, the writing-space switch and PDF downloads. */
export function wireToolbar(bar) {
  if (bar.dataset.ready) return;
  const action = function (name) { return bar.querySelector('[data-action="' + name + '"]'); };
  const open = action("study");
  if (open && bar.dataset.study) wireStudy(bar, open, JSON.parse(bar.dataset.study));
  const expand = action("expand"), collapse = action("collapse"), space = action("writing-space");
  if (expand) expand.addEventListener("click", function () { answers().forEach(function (d) { d.open = true; }); });
  if (collapse) collapse.addEventListener("click", function () { answers().forEach(function (d) { d.open = false; }); });
  if (space) {
    space.addEventListener("click", function () {
      const on = document.documentElement.classList.toggle("qbank-writing-space");
      space.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }
  addPdfLinks(bar);
  bar.dataset.ready = "1";
}
