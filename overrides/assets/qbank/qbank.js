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

  /* FNV-1a of a string's UTF-16 code units: which shard of an anchor map holds an anchor (qbank/paging.py). */
  function anchorShard(anchor, shards) {
    var value = 0x811c9dc5;
    for (var i = 0; i < anchor.length; i++) {
      value ^= anchor.charCodeAt(i);
      value = Math.imul(value, 0x01000193) >>> 0;
    }
    return value % shards;
  }

  /* A page of a split guide, sheet, topic or duplicates list, opened at an anchor it does not hold
     (a permalink kept from before the question moved, or the contents page's `#q-…`): look the
     anchor up in the view's map and go to the page that holds it now. */
  function followMovedAnchor() {
    var pager = document.querySelector(".qbank-pager[data-anchors]");
    if (!location.hash || !pager) return;
    var anchor = decodeURIComponent(location.hash.slice(1));
    if (document.getElementById(anchor)) return;
    var shards = parseInt(pager.dataset.anchorShards, 10);
    if (!(shards > 0)) return;
    var map = new URL(anchorShard(anchor, shards) + ".json", new URL(pager.dataset.anchors, location.href));
    fetch(map).then(function (response) { return response.ok ? response.json() : {}; }).then(function (found) {
      if (!found[anchor]) return;
      var target = new URL(found[anchor], map);
      if (target.pathname === location.pathname) return;
      target.search = location.search;
      target.hash = location.hash;
      location.replace(target.href);
    }).catch(function () { /* offline: stay on this page */ });
  }

  /* The terms of a query as typed: white-space separated, each kept whole (过拟合, not 过 + 拟合). */
  function queryTerms(query) {
    return (query || "").toLowerCase().split(/\s+/).filter(Boolean);
  }

  /* Material links a result with ?h= holding only the query terms its index matched. For Chinese
     that is often one character of the query (过 of 过拟合), which would mark 过程 and 通过 all over
     the target page. Results link with the whole query instead. */
  function linkResultsToWholeQuery() {
    var field = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!field || !list) return;
    new MutationObserver(function () {
      var terms = queryTerms(field.value).join(" ");
      if (!terms) return;
      list.querySelectorAll("a.md-search-result__link").forEach(function (link) {
        var url = new URL(link.href, location.href);
        if (url.searchParams.get("h") === terms) return;
        url.searchParams.set("h", terms);
        link.href = url.toString();
      });
    }).observe(list, { childList: true, subtree: true });
  }

  /* Whether a closed block holds the whole query: only then does a search open it. */
  function holdsQuery(block, terms) {
    var text = block.textContent.toLowerCase();
    return terms.every(function (term) { return text.indexOf(term) >= 0; });
  }

  /* Search opens pages with highlighted terms (?h=…); Material marks them after load, so watch
     for the marks and open the closed answers they sit in, if those hold the whole query. */
  function revealHighlights() {
    var terms = queryTerms(new URLSearchParams(location.search).get("h"));
    if (!terms.length) return;
    var content = document.querySelector(".md-content") || document.body;
    var first = true;
    function show(root) {
      var marks = root.querySelectorAll ? root.querySelectorAll("mark") : [];
      for (var i = 0; i < marks.length; i++) {
        var answer = marks[i].closest("details");
        if (answer && !answer.open && !holdsQuery(answer, terms)) continue;
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

  /* Progress is one FSRS card per duplicate cluster (ts-fsrs, vendored under assets/vendor), kept in
     this browser and shared by both languages. The days studied give the streak. */
  var STORE = "qbank-fsrs-v1";
  var OLD_STORE = "qbank-study-v1"; // "knew it" / "not yet" marks, from before spaced repetition
  var GRADES = ["again", "hard", "good", "easy"];

  var scheduler = window.FSRS ? FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false })) : null;

  function emptyProgress() { return { version: 1, cards: {}, days: [] }; }

  function localDay(date) {
    var month = String(date.getMonth() + 1).padStart(2, "0"), day = String(date.getDate()).padStart(2, "0");
    return date.getFullYear() + "-" + month + "-" + day;
  }

  function rating(grade) { return FSRS.Rating[grade.charAt(0).toUpperCase() + grade.slice(1)]; }

  /* A card after a grade at a moment (a card never graded starts empty). */
  function graded(card, grade, at) {
    return scheduler.next(card || FSRS.createEmptyCard(at), at, rating(grade)).card;
  }

  /* Earlier marks become FSRS reviews at the time they were given: knew it = good, not yet = again. */
  function migrated(old) {
    var progress = emptyProgress();
    Object.keys(old).forEach(function (id) {
      var entry = old[id] || {};
      if (entry.state !== "known" && entry.state !== "learning") return;
      record(progress, id, entry.state === "known" ? "good" : "again", new Date(entry.t || Date.now()));
    });
    return progress;
  }

  /* Progress as stored, or refused with the reason: also what an imported file must look like. */
  function validProgress(data) {
    if (!data || data.version !== 1 || typeof data.cards !== "object" || !Array.isArray(data.days)) {
      throw new Error("not a qbank progress file (version 1)");
    }
    Object.keys(data.cards).forEach(function (id) {
      var card = data.cards[id];
      if (!card || isNaN(new Date(card.due).getTime()) || typeof card.stability !== "number") {
        throw new Error("card " + id + " has no valid schedule");
      }
    });
    return data;
  }

  function loadProgress() {
    try {
      var stored = localStorage.getItem(STORE);
      if (stored) return validProgress(JSON.parse(stored));
      var old = localStorage.getItem(OLD_STORE);
      if (old && scheduler) {
        var progress = migrated(JSON.parse(old) || {});
        saveProgress(progress);
        localStorage.removeItem(OLD_STORE); // moved, not copied: one place holds the progress
        return progress;
      }
    } catch (e) { /* unreadable storage: start afresh rather than break the page */ }
    return emptyProgress();
  }

  function saveProgress(progress) {
    try { localStorage.setItem(STORE, JSON.stringify(progress)); } catch (e) { /* private mode: keep in memory */ }
  }

  function record(progress, id, grade, at) {
    progress.cards[id] = graded(progress.cards[id], grade, at);
    var day = localDay(at);
    if (progress.days.indexOf(day) < 0) { progress.days.push(day); progress.days.sort(); }
  }

  function isDue(card, at) { return !!card && new Date(card.due) <= at; }

  /* The mark shown beside a question: due now, in learning, or learnt and not yet due. */
  function markOf(card, at) {
    if (!card) return "";
    if (isDue(card, at)) return "due";
    return card.state === FSRS.State.Review ? "known" : "learning";
  }

  /* Consecutive days with a review, ending today (or yesterday, while today is still open). */
  function streak(days, at) {
    var count = 0, cursor = new Date(at.getFullYear(), at.getMonth(), at.getDate());
    if (days.indexOf(localDay(cursor)) < 0) cursor.setDate(cursor.getDate() - 1);
    while (days.indexOf(localDay(cursor)) >= 0) { count++; cursor.setDate(cursor.getDate() - 1); }
    return count;
  }

  /* "10 min", "3 d": how long until a card is due again. */
  function interval(from, to, units) {
    var minutes = Math.max(1, Math.round((new Date(to) - from) / 60000));
    if (minutes < 60) return minutes + " " + units.minute;
    if (minutes < 60 * 24) return Math.round(minutes / 60) + " " + units.hour;
    return Math.round(minutes / 1440) + " " + units.day;
  }

  /* A question's card id (its duplicate cluster) and topics: on its container (gathering pages)
     or on its links block (article pages). */
  function cardData(container) {
    if (container.dataset.cluster) return container.dataset;
    var links = child(container, ".qbank-links");
    return links && links.dataset.cluster ? links.dataset : null;
  }

  /* The cards of this page (or of a fetched page): one per duplicate cluster, from the question
     containers that hold an answer (the question sheet has none: a card there would reveal nothing). */
  function pageCards(doc) {
    var seen = {};
    var cards = [];
    (doc || document).querySelectorAll("section.qbank-q").forEach(function (container) {
      var data = cardData(container);
      if (!data || seen[data.cluster] || !child(container, "details.answer")) return;
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
    var now = new Date();
    document.querySelectorAll("section.qbank-q").forEach(function (container) {
      var data = cardData(container);
      var heading = container.firstElementChild;
      var mark = data && scheduler ? markOf(progress.cards[data.cluster], now) : "";
      if (mark) heading.setAttribute("data-qbank-mark", mark);
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

  /* One card at a time: the due cards first, then new ones; graded again / hard / good / easy.
     `dueOnly` (the review page's "study the due cards") leaves out the new ones. */
  function StudySession(strings, dueOnly, given) {
    var cards = given || pageCards();
    var progress = loadProgress();
    var topic = "";
    var queue = [];
    var current = null;
    var revealed = false;
    var practising = false; // "practise them all again": every card, due or not
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

    /* Due cards (most overdue first), then new cards in random order. */
    function scheduled(now) {
      var pool = filtered();
      var due = pool.filter(function (card) { return isDue(progress.cards[card.id], now); });
      due.sort(function (a, b) { return new Date(progress.cards[a.id].due) - new Date(progress.cards[b.id].due); });
      var fresh = dueOnly ? [] : shuffle(pool.filter(function (card) { return !progress.cards[card.id]; }));
      return due.concat(fresh);
    }

    function updateStatus() {
      var now = new Date(), pool = filtered();
      var due = pool.filter(function (card) { return isDue(progress.cards[card.id], now); }).length;
      var fresh = pool.filter(function (card) { return !progress.cards[card.id]; }).length;
      status.textContent = strings.progress.replace("{due}", due).replace("{new}", fresh).replace("{total}", pool.length);
      status.dataset.due = due;
      status.dataset.new = fresh;
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
        button(strings.again, "", function () { practising = true; start(); }).focus();
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
        var now = new Date();
        var card = progress.cards[current.id];
        GRADES.forEach(function (grade, index) {
          var due = graded(card, grade, now).due;
          var label = (index + 1) + " " + strings.grades[grade] + " · " + interval(now, due, strings.units);
          button(label, grade, function () { rate(grade); });
        });
        button(strings.skip, "skip", next);
        actions.querySelector('[data-grade="good"]').focus();
      } else {
        button(strings.reveal, "reveal", reveal).focus();
        button(strings.skip, "skip", next);
      }
    }

    function start() {
      queue = practising ? shuffle(filtered().slice()) : scheduled(new Date());
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

    function rate(grade) {
      if (!current || !revealed) return;
      record(progress, current.id, grade, new Date());
      saveProgress(progress);
      showMarks(progress);
      next();
    }

    /* While the dialog is open the page behind it is inert: no focus, clicks or screen reader. */
    var behind = Array.prototype.filter.call(document.body.children, function (node) {
      return node !== panel && !node.inert;
    });

    /* Tab and Shift+Tab cycle through the dialog's controls only. */
    function trapFocus(event) {
      var controls = Array.prototype.filter.call(
        box.querySelectorAll("button, select, a[href], input, [tabindex]:not([tabindex='-1'])"),
        function (node) { return !node.disabled && node.offsetParent !== null; });
      if (!controls.length) return;
      var first = controls[0], last = controls[controls.length - 1];
      var inside = box.contains(document.activeElement);
      if (event.shiftKey && (document.activeElement === first || !inside)) { last.focus(); event.preventDefault(); }
      else if (!event.shiftKey && (document.activeElement === last || !inside)) { first.focus(); event.preventDefault(); }
    }

    function finish() {
      document.removeEventListener("keydown", keys, true);
      behind.forEach(function (node) { node.inert = false; });
      panel.remove();
      document.documentElement.classList.remove("qbank-studying");
      if (opener && opener.focus) opener.focus();
    }

    /* Captured before Material's own shortcuts (n/p/s/f would navigate or search). */
    function keys(event) {
      if (event.key === "Tab") { trapFocus(event); return; }
      if (event.target === select) {
        if (event.key === "Escape") { event.stopImmediatePropagation(); finish(); }
        return;
      }
      var handled = true;
      var grade = GRADES[Number(event.key) - 1];
      if (event.key === "Escape") finish();
      else if (event.key === " " || (event.key === "Enter" && !revealed && event.target.tagName !== "BUTTON")) reveal();
      else if (grade && revealed) rate(grade);
      else if (event.key === "s" || event.key === "S" || event.key === "ArrowRight") next();
      else handled = false;
      if (handled) { event.preventDefault(); event.stopImmediatePropagation(); }
      else if (panel.contains(event.target)) event.stopImmediatePropagation();
    }

    select.addEventListener("change", function () { topic = select.value; start(); });
    close.addEventListener("click", finish);
    reset.addEventListener("click", function () {
      if (!window.confirm(strings.confirm_reset)) return;
      progress = emptyProgress();
      saveProgress(progress);
      showMarks(progress);
      practising = false;
      start();
    });
    document.addEventListener("keydown", keys, true);
    document.body.appendChild(panel);
    behind.forEach(function (node) { node.inert = true; });
    document.documentElement.classList.add("qbank-studying");
    start();
  }

  /* ---- The review page: what is due across the whole bank, mastery per topic, streak ---------- */

  function Review(root) {
    var strings = JSON.parse(root.dataset.strings);
    var base = new URL(root.dataset.root, location.href);
    var statusLine = root.querySelector(".qbank-review__status");
    var bank = null;

    function figure(name, value) { root.querySelector('[data-figure="' + name + '"]').textContent = value; }

    function render() {
      var progress = loadProgress(), now = new Date();
      var due = bank.cards.filter(function (card) { return isDue(progress.cards[card.id], now); });
      var startOfDay = new Date(now.getFullYear(), now.getMonth(), now.getDate());
      figure("due", due.length);
      figure("overdue", due.filter(function (card) { return new Date(progress.cards[card.id].due) < startOfDay; }).length);
      figure("new", bank.cards.filter(function (card) { return !progress.cards[card.id]; }).length);
      figure("streak", strings.streak_days.replace("{days}", streak(progress.days, now)));
      root.dataset.due = due.length;

      var rows = root.querySelector(".qbank-review__topics tbody");
      rows.innerHTML = "";
      bank.topics.forEach(function (topic) {
        var cards = bank.cards.filter(function (card) { return card.topics.indexOf(topic.id) >= 0; });
        if (!cards.length) return;
        var seen = cards.filter(function (card) { return progress.cards[card.id]; });
        /* Mastery: the mean chance of recalling the topic's cards now (0 for cards never studied). */
        var recall = seen.reduce(function (sum, card) {
          return sum + scheduler.get_retrievability(progress.cards[card.id], now, false);
        }, 0) / cards.length;
        var row = element("tr");
        row.dataset.topic = topic.id;
        row.appendChild(element("td", "", topic.name));
        row.appendChild(element("td", "", String(cards.filter(function (card) { return isDue(progress.cards[card.id], now); }).length)));
        row.appendChild(element("td", "", seen.length + " / " + cards.length));
        var cell = element("td", "qbank-review__mastery");
        var bar = element("span", "qbank-review__bar");
        bar.setAttribute("role", "img");
        bar.setAttribute("aria-label", Math.round(recall * 100) + "%");
        var fill = element("span", "qbank-review__fill");
        fill.style.width = Math.round(recall * 100) + "%";
        bar.appendChild(fill);
        cell.appendChild(bar);
        cell.appendChild(element("span", "qbank-review__percent", Math.round(recall * 100) + "%"));
        row.appendChild(cell);
        rows.appendChild(row);
      });

      var list = root.querySelector(".qbank-review__due");
      list.innerHTML = "";
      due.sort(function (a, b) { return new Date(progress.cards[a.id].due) - new Date(progress.cards[b.id].due); });
      due.forEach(function (card) {
        var item = element("li");
        var link = element("a", "", card.number + ". " + card.title);
        link.href = new URL(card.url, base).href;
        item.appendChild(link);
        list.appendChild(item);
      });
      root.querySelector(".qbank-review__nothing").hidden = due.length > 0;
      root.querySelector(".qbank-review__study").hidden = due.length === 0;
    }

    /* The due cards, studied here: their questions are fetched from the guide's pages that hold them
       (a split guide spreads them over several pages; each page is fetched once). */
    function studyDue() {
      var bar = document.querySelector(".qbank-toolbar[data-study]");
      if (!bar || !bank) return;
      var progress = loadProgress(), now = new Date(), wanted = {}, pages = {};
      bank.cards.forEach(function (card) {
        if (!isDue(progress.cards[card.id], now)) return;
        wanted[card.id] = true;
        var page = new URL(card.url, base);
        page.hash = "";
        pages[page.href] = true;
      });
      var button = root.querySelector(".qbank-review__study");
      button.disabled = true;
      Promise.all(Object.keys(pages).map(function (url) {
        return fetch(url).then(function (response) { return response.text(); }).then(function (html) {
          return pageCards(new DOMParser().parseFromString(html, "text/html"));
        });
      })).then(function (found) {
        var seen = {}, cards = [];
        found.forEach(function (list) {
          list.forEach(function (card) {
            if (wanted[card.id] && !seen[card.id]) { seen[card.id] = true; cards.push(card); }
          });
        });
        StudySession(JSON.parse(bar.dataset.study), true, cards);
      }).catch(function (error) {
        statusLine.textContent = strings.import_failed.replace("{reason}", error.message);
      }).then(function () { button.disabled = false; });
    }

    function exportProgress() {
      var blob = new Blob([JSON.stringify(loadProgress(), null, 2) + "\n"], { type: "application/json" });
      var link = element("a");
      link.href = URL.createObjectURL(blob);
      link.download = "qbank-progress-" + localDay(new Date()) + ".json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    }

    function importProgress(input) {
      var file = input.files && input.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var progress = validProgress(JSON.parse(text));
        saveProgress(progress);
        statusLine.textContent = strings.imported.replace("{cards}", Object.keys(progress.cards).length);
        render();
      }).catch(function (error) {
        statusLine.textContent = strings.import_failed.replace("{reason}", error.message);
      }).then(function () { input.value = ""; });
    }

    root.querySelector(".qbank-review__study").addEventListener("click", studyDue);
    root.querySelector('[data-action="export"]').addEventListener("click", exportProgress);
    root.querySelector('[data-action="import"]').addEventListener("change", function (event) { importProgress(event.target); });
    root.querySelector('[data-action="reset"]').addEventListener("click", function () {
      if (!window.confirm(strings.confirm_reset)) return;
      saveProgress(emptyProgress());
      statusLine.textContent = "";
      render();
    });
    fetch(new URL(root.dataset.cards, location.href)).then(function (response) { return response.json(); })
      .then(function (data) { bank = data; render(); root.dataset.ready = "1"; })
      .catch(function () { statusLine.textContent = strings.import_failed.replace("{reason}", "cards.json"); });
  }

  /* Study mode, expand all / collapse all, and PDF downloads when they have been generated. */
  function buildToolbar(bar) {
    if (bar.dataset.ready) return;
    bar.dataset.ready = "1";
    var strings = bar.dataset.study ? JSON.parse(bar.dataset.study) : null;
    if (strings && scheduler && pageCards().length) {
      bar.appendChild(button(strings.open, function () { StudySession(strings, false); }));
      /* A link to a guide page with ?study=due opens study mode on its due cards. */
      if (new URLSearchParams(location.search).get("study") === "due") StudySession(strings, true);
    }
    if (answers().length) {
      bar.appendChild(button(bar.dataset.expand, function () {
        answers().forEach(function (d) { d.open = true; });
      }));
      bar.appendChild(button(bar.dataset.collapse, function () {
        answers().forEach(function (d) { d.open = false; });
      }));
    }
    if (bar.dataset.writingSpace) {
      var space = button(bar.dataset.writingSpace, function () {
        var on = document.documentElement.classList.toggle("qbank-writing-space");
        space.setAttribute("aria-pressed", on ? "true" : "false");
      });
      space.setAttribute("aria-pressed", "false");
      bar.appendChild(space);
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

  /* "Report a problem" under each question, to the issue form of the repository mkdocs.yml names in
     repo_url (none when it names none), prefilled with the question's id and address. */
  function addReportLinks() {
    var meta = document.querySelector('meta[name="qbank:repository"]');
    if (!meta) return;
    document.querySelectorAll("section.qbank-q").forEach(function (container) {
      var heading = container.firstElementChild;
      var links = child(container, ".qbank-links");
      var id = container.dataset.questionId || (links && links.dataset.questionId);
      if (!id || !heading.id || child(container, ".qbank-report")) return;
      var page = new URL(location.href);
      page.search = "";
      page.hash = heading.id;
      var url = new URL(meta.content.replace(/\/+$/, "") + "/issues/new");
      url.searchParams.set("title", meta.dataset.title.replace("{question}", headingText(heading)));
      url.searchParams.set("body", meta.dataset.body.replace("{id}", id).replace("{url}", page.href));
      var link = element("a", "qbank-report", meta.dataset.label);
      link.href = url.href;
      link.rel = "noopener";
      container.appendChild(link);
    });
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
    if (scheduler) document.querySelectorAll(".qbank-review").forEach(Review);
    addReportLinks();
    followMovedAnchor();
    openTarget();
    linkResultsToWholeQuery();
    revealHighlights();
  }

  ["click", "auxclick", "keydown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepAnchorOnLanguageSwitch, true);
  });
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("hashchange", followMovedAnchor);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
