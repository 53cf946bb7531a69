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

  /* The container of a question (qbank.question_container): heading, prompt, links, answer. */
  function containerOf(element) {
    return element.closest ? element.closest("section.qbank-q") : null;
  }

  function child(container, selector) {
    return container ? container.querySelector(":scope > " + selector) : null;
  }

  /* The answer that belongs to a question heading: its container's answer block. */
  function answerOf(heading) {
    return child(containerOf(heading), "details.answer");
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


  /* ---- Study mode: one card at a time, graded, progress kept in this browser ---------------- */

  var STORE = "qbank-study-v1";

  function loadProgress() {
    try { return JSON.parse(localStorage.getItem(STORE)) || {}; } catch (e) { return {}; }
  }

  function saveProgress(progress) {
    try { localStorage.setItem(STORE, JSON.stringify(progress)); } catch (e) { /* private mode: keep in memory */ }
  }

  /* A question's card id (its duplicate cluster) and topics: on its container (gathering pages)
     or on its links block (article pages). */
  function cardData(container) {
    if (container.dataset.cluster) return container.dataset;
    var links = child(container, ".qbank-links");
    return links && links.dataset.cluster ? links.dataset : null;
  }

  /* The cards of this page: one per duplicate cluster, from the question containers. */
  function pageCards() {
    var seen = {};
    var cards = [];
    document.querySelectorAll("section.qbank-q").forEach(function (container) {
      var data = cardData(container);
      if (!data || seen[data.cluster]) return;
      seen[data.cluster] = true;
      cards.push({ id: data.cluster, container: container, heading: container.firstElementChild,
                   topics: (data.topics || "").split(" ").filter(Boolean) });
    });
    return cards;
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (e) { e.remove(); });
    return copy.textContent.trim();
  }

  /* Prompt (and hints) and answer of a card, copied from its container. */
  function cardParts(container) {
    var prompt = document.createElement("div");
    var answer = document.createElement("div");
    var text = child(container, ".qbank-prompt");
    if (text) Array.prototype.forEach.call(text.children, function (node) { prompt.appendChild(node.cloneNode(true)); });
    var details = child(container, "details.answer");
    if (details) {
      Array.prototype.forEach.call(details.children, function (node) {
        if (node.tagName !== "SUMMARY") answer.appendChild(node.cloneNode(true));
      });
    }
    return { prompt: prompt, answer: answer };
  }

  /* Mark every asking of a graded card on this page (the grade is kept per cluster). */
  function showMarks(progress) {
    document.querySelectorAll("section.qbank-q").forEach(function (container) {
      var data = cardData(container);
      var heading = container.firstElementChild;
      var state = data && progress[data.cluster] && progress[data.cluster].state;
      if (state) heading.setAttribute("data-qbank-mark", state);
      else heading.removeAttribute("data-qbank-mark");
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = items[i]; items[i] = items[j]; items[j] = swap;
    }
    return items;
  }

  function StudySession(strings) {
    var cards = pageCards();
    var progress = loadProgress();
    var topic = "";
    var queue = [];
    var current = null;
    var revealed = false;
    var opener = document.activeElement;

    var panel = element("div", "qbank-study");
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-modal", "true");
    panel.setAttribute("aria-label", strings.title);
    var box = element("div", "qbank-study__box md-typeset");
    panel.appendChild(box);

    var head = element("div", "qbank-study__head");
    head.appendChild(element("strong", "", strings.title));
    var select = element("select", "qbank-study__topic");
    select.setAttribute("aria-label", strings.topic);
    select.appendChild(new Option(strings.all_topics, ""));
    var present = {};
    cards.forEach(function (card) { card.topics.forEach(function (t) { present[t] = true; }); });
    Object.keys(strings.topics).forEach(function (id) {
      if (present[id]) select.appendChild(new Option(strings.topics[id], id));
    });
    head.appendChild(select);
    var close = element("button", "md-button qbank-button", strings.close);
    close.type = "button";
    head.appendChild(close);
    box.appendChild(head);

    var status = element("p", "qbank-study__progress");
    status.setAttribute("aria-live", "polite");
    box.appendChild(status);
    var body = element("div", "qbank-study__card");
    box.appendChild(body);
    var actions = element("div", "qbank-study__actions");
    box.appendChild(actions);
    var foot = element("div", "qbank-study__foot");
    var reset = element("button", "md-button qbank-button", strings.reset);
    reset.type = "button";
    foot.appendChild(reset);
    foot.appendChild(element("span", "qbank-study__keys", strings.keys));
    box.appendChild(foot);

    function filtered() {
      return cards.filter(function (card) { return !topic || card.topics.indexOf(topic) >= 0; });
    }

    function updateStatus() {
      var pool = filtered();
      var known = 0, learning = 0;
      pool.forEach(function (card) {
        var state = progress[card.id] && progress[card.id].state;
        if (state === "known") known++;
        if (state === "learning") learning++;
      });
      status.textContent = strings.progress.replace("{known}", known).replace("{learning}", learning)
        .replace("{total}", pool.length);
      status.dataset.known = known;
      status.dataset.learning = learning;
      status.dataset.total = pool.length;
    }

    function button(label, grade, onClick) {
      var b = element("button", "md-button qbank-button", label);
      b.type = "button";
      if (grade) b.dataset.grade = grade;
      b.addEventListener("click", onClick);
      actions.appendChild(b);
      return b;
    }

    function render() {
      body.innerHTML = "";
      actions.innerHTML = "";
      updateStatus();
      if (!current) {
        body.appendChild(element("p", "qbank-study__done", strings.done));
        button(strings.again, "", start).focus();
        return;
      }
      var parts = cardParts(current.container);
      var title = element("h2", "qbank-study__title", headingText(current.heading));
      title.dataset.card = current.id;
      body.appendChild(title);
      body.appendChild(parts.prompt);
      if (revealed) {
        parts.answer.className = "qbank-study__answer";
        body.appendChild(parts.answer);
        button(strings.known, "known", function () { grade("known"); });
        button(strings.learning, "learning", function () { grade("learning"); });
        button(strings.skip, "skip", next).focus();
        actions.firstChild.focus();
      } else {
        button(strings.reveal, "reveal", reveal).focus();
        button(strings.skip, "skip", next);
      }
    }

    function start() {
      queue = shuffle(filtered().slice());
      next();
    }

    function next() {
      current = queue.shift() || null;
      revealed = false;
      render();
    }

    function reveal() {
      if (!current || revealed) return;
      revealed = true;
      render();
    }

    function grade(state) {
      if (!current || !revealed) return;
      progress[current.id] = { state: state, t: Date.now() };
      saveProgress(progress);
      showMarks(progress);
      next();
    }

    function finish() {
      document.removeEventListener("keydown", keys, true);
      panel.remove();
      document.documentElement.classList.remove("qbank-studying");
      if (opener && opener.focus) opener.focus();
    }

    /* Captured before Material's own shortcuts (n/p/s/f would navigate or search). */
    function keys(event) {
      if (event.target === select) {
        if (event.key === "Escape") { event.stopImmediatePropagation(); finish(); }
        return;
      }
      var handled = true;
      if (event.key === "Escape") finish();
      else if (event.key === " " || (event.key === "Enter" && !revealed && event.target.tagName !== "BUTTON")) reveal();
      else if (event.key === "1" || event.key === "k") grade("known");
      else if (event.key === "2" || event.key === "n") grade("learning");
      else if (event.key === "3" || event.key === "s" || event.key === "ArrowRight") next();
      else handled = false;
      if (handled) { event.preventDefault(); event.stopImmediatePropagation(); }
      else if (panel.contains(event.target)) event.stopImmediatePropagation();
    }

    select.addEventListener("change", function () { topic = select.value; start(); });
    close.addEventListener("click", finish);
    reset.addEventListener("click", function () {
      if (!window.confirm(strings.confirm_reset)) return;
      progress = {};
      saveProgress(progress);
      showMarks(progress);
      start();
    });
    document.addEventListener("keydown", keys, true);
    document.body.appendChild(panel);
    document.documentElement.classList.add("qbank-studying");
    start();
  }

  /* Study mode, expand all / collapse all, and PDF downloads when they have been generated. */
  function buildToolbar(bar) {
    if (bar.dataset.ready) return;
    bar.dataset.ready = "1";
    var strings = bar.dataset.study ? JSON.parse(bar.dataset.study) : null;
    if (strings && pageCards().length) {
      bar.appendChild(button(strings.open, function () { StudySession(strings); }));
    }
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
    showMarks(loadProgress());
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
