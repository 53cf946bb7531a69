/* qbank: study behaviour on top of Material. No network access beyond this site, no dependencies. */
(function () {
  "use strict";

  var siteRoot = (function () {
    var script = document.querySelector('script[src*="assets/qbank/qbank.js"]');
    return script ? new URL("../../", script.src) : new URL("/", location.href);
  })();

  function answers() {
    return Array.prototype.slice.call(document.querySelectorAll("details.answer"));
  }

  /* Open every collapsed block that contains an element, so it can be seen. */
  function reveal(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }

  /* The answer that belongs to a question heading: the first answer block after it. */
  function answerOf(heading) {
    for (var node = heading.nextElementSibling; node; node = node.nextElementSibling) {
      if (/^H[1-6]$/.test(node.tagName)) return null;
      if (node.matches && node.matches("details.answer")) return node;
    }
    return null;
  }

  /* Opening #anchor of a question (or anything inside an answer) shows its answer. */
  function openTarget() {
    if (!location.hash) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target) return;
    reveal(target);
    if (target.matches(".qbank-question, .qbank-entry")) {
      var answer = answerOf(target);
      if (answer) answer.open = true;
    }
    target.scrollIntoView();
  }

  /* Search opens pages with highlighted terms (?h=…); Material marks them after load, so watch
     for the marks and open any closed answer they sit in. */
  function revealHighlights() {
    if (!new URLSearchParams(location.search).get("h")) return;
    var content = document.querySelector(".md-content") || document.body;
    var first = true;
    function show(root) {
      var marks = root.querySelectorAll ? root.querySelectorAll("mark") : [];
      for (var i = 0; i < marks.length; i++) {
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

  function button(label, onClick) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button qbank-button";
    element.textContent = label;
    element.addEventListener("click", onClick);
    return element;
  }

  /* Expand all / collapse all, and PDF downloads when they have been generated. */
  function buildToolbar(bar) {
    if (bar.dataset.ready) return;
    bar.dataset.ready = "1";
    if (answers().length) {
      bar.appendChild(button(bar.dataset.expand, function () {
        answers().forEach(function (d) { d.open = true; });
      }));
      bar.appendChild(button(bar.dataset.collapse, function () {
        answers().forEach(function (d) { d.open = false; });
      }));
    }
    var wanted = ["guide", "sheet"].filter(function (kind) { return bar.hasAttribute("data-pdf-" + kind); });
    if (!wanted.length) return;
    /* The manifest always exists; it lists the PDFs only once `make pdf` has printed them. */
    fetch(new URL("pdf/manifest.json", siteRoot)).then(function (response) {
      return response.ok ? response.json() : { files: [] };
    }).then(function (manifest) {
      wanted.forEach(function (kind) {
        var path = bar.getAttribute("data-pdf-" + kind);
        if (manifest.files.indexOf(path) < 0) return;
        var link = document.createElement("a");
        link.className = "md-button qbank-button qbank-pdf";
        link.href = new URL(path, siteRoot).href;
        link.setAttribute("download", "");
        link.textContent = bar.getAttribute("data-pdf-" + kind + "-label");
        bar.appendChild(link);
      });
    }).catch(function () { /* offline or file:// — no downloads to offer */ });
  }

  /* The language switcher lands on the same page; keep the question the reader is on. */
  function keepAnchorOnLanguageSwitch(event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !location.hash) return;
    var url = new URL(link.href, location.href);
    if (!url.hash) {
      url.hash = location.hash;
      link.href = url.toString();
    }
  }

  /* Material's search dialog has no accessible name; give it the search field's. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    var field = document.querySelector("input.md-search__input");
    if (dialog && field && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", field.getAttribute("aria-label") || field.placeholder);
    }
  }

  function start() {
    nameSearchDialog();
    document.querySelectorAll(".qbank-toolbar").forEach(buildToolbar);
    openTarget();
    revealHighlights();
  }

  ["click", "auxclick", "keydown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepAnchorOnLanguageSwitch, true);
  });
  window.addEventListener("hashchange", openTarget);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
