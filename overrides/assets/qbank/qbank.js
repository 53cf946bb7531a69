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

  /* FNV-1a of a string's UTF-16 code units: which shard of an anchor map holds an anchor (qbank/site/paging.py). */
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
      var answer = child(container, "details.answer");
      if (!answer || answer.open) return;
      var asked = !location.hash && [container.firstElementChild, child(container, ".qbank-prompt")]
        .some(function (part) { return part && holdsQuery(part.textContent, terms); });
      if (asked || holdsQuery(ownText(answer), terms)) answer.open = true;
    });
  }

  /* Search opens pages with highlighted terms (?h=…): open what the hit found, then, as Material marks
     the terms after load, show the first mark and any other closed block that holds the whole query. */
  function revealHighlights() {
    var terms = queryTerms(new URLSearchParams(location.search).get("h"));
    if (!terms.length) return;
    openSearchHits(terms);
    var content = document.querySelector(".md-content") || document.body;
    var first = true;
    function show(root) {
      var marks = root.querySelectorAll ? root.querySelectorAll("mark") : [];
      for (var i = 0; i < marks.length; i++) {
        var block = marks[i].closest("details");
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

  /* A refusal of progress: `reason` names the review page's string that says why, in its language. */
  function refusal(reason, card) {
    var error = new Error(reason);
    error.reason = reason;
    error.card = card || "";
    return error;
  }

  /* What a progress file may hold: card ids as the bank makes them (slug and anchor, never markup), days as
     `YYYY-MM-DD`, and FSRS cards whose fields have ts-fsrs' types. A file from anywhere is untrusted. */
  var CARD_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  var COUNTS = ["elapsed_days", "scheduled_days", "reps", "lapses", "learning_steps"];
  var STATES = [0, 1, 2, 3]; // FSRS.State: New, Learning, Review, Relearning

  function plainObject(value) { return !!value && typeof value === "object" && !Array.isArray(value); }

  function validDate(value) { return typeof value === "string" && !isNaN(new Date(value).getTime()); }

  function validCard(card) {
    return plainObject(card) && validDate(card.due) && isFinite(card.stability) && typeof card.stability === "number"
      && (card.difficulty === undefined || (typeof card.difficulty === "number" && isFinite(card.difficulty)))
      && COUNTS.every(function (field) {
        return card[field] === undefined || (Number.isInteger(card[field]) && card[field] >= 0);
      })
      && (card.state === undefined || STATES.indexOf(card.state) >= 0)
      && (card.last_review == null || validDate(card.last_review));
  }

  /* Progress as stored, or refused with the reason: also what an imported file must look like. */
  function validProgress(data) {
    if (!plainObject(data) || data.version !== 1 || !plainObject(data.cards) || !Array.isArray(data.days)
        || !data.days.every(function (day) { return typeof day === "string" && DAY.test(day); })) {
      throw refusal("not_progress");
    }
    Object.keys(data.cards).forEach(function (id) {
      if (!CARD_ID.test(id)) throw refusal("bad_id", id.slice(0, 60));
      if (!validCard(data.cards[id])) throw refusal("bad_card", id);
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

  /* Anki's "learn ahead" limit: with nothing else left in a session, a learning card due within it is
     shown early rather than ending the session. */
  var LEARN_AHEAD = 20 * 60000;

  /* Whether a card just graded comes back in this session: ts-fsrs keeps a card in (re)learning while
     its next learning step is less than a day away (Again; Hard or Good on a new card), else it is in review. */
  function inLearning(card) {
    return !!card && (card.state === FSRS.State.Learning || card.state === FSRS.State.Relearning);
  }

  /* How well a card is known now, for the review page's mastery: its chance of recall once learnt. A card
     never studied, or still in its learning steps, counts 0: right after a failure FSRS puts its recall
     near 1, which would show a topic just failed as mastered. */
  function mastery(card, at) {
    return card && card.state === FSRS.State.Review ? scheduler.get_retrievability(card, at, false) : 0;
  }

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

  /* A response of the site that was found: a failed fetch or a missing file rejects alike. */
  function fetched(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response;
    });
  }

  /* The guide pages fetched for study, each once, as their cards by id: a split guide spreads the bank
     over many pages, and a session fetches a page only when one of its cards comes up. */
  var guidePages = {};

  function guidePage(url) {
    if (!guidePages[url]) {
      guidePages[url] = fetched(url).then(function (response) { return response.text(); }).then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        absoluteLinks(doc, url);
        var found = {};
        pageCards(doc).forEach(function (card) { found[card.id] = card; });
        return found;
      });
      guidePages[url].catch(function () { delete guidePages[url]; }); // offline for now: fetch it again next time
    }
    return guidePages[url];
  }

  /* Links and images in a fetched page's questions, made absolute: copied into this page, they would
     otherwise resolve against this page's address. */
  function absoluteLinks(doc, url) {
    doc.querySelectorAll("section.qbank-q [href], section.qbank-q [src]").forEach(function (node) {
      ["href", "src"].forEach(function (name) {
        var value = node.getAttribute(name);
        try { if (value !== null) node.setAttribute(name, new URL(value, url).href); } catch (e) { /* keep it */ }
      });
    });
  }

  /* The whole bank's study cards (cards.json, whose card URLs are relative to `base`), each loading
     its question from the guide page that holds it when its turn comes. */
  function bankCards(bank, base) {
    return bank.cards.map(function (entry) {
      var page = new URL(entry.url, base);
      page.hash = "";
      var card = { id: entry.id, topics: entry.topics, container: null, heading: null };
      card.load = function () {
        return guidePage(page.href).then(function (found) {
          if (!found[card.id]) throw new Error(card.id + " is not on " + page.href);
          card.container = found[card.id].container;
          card.heading = found[card.id].heading;
        });
      };
      return card;
    });
  }

  /* Study mode over the whole bank, from its cards.json: the guide's first page when the guide is split. */
  function studyBank(strings, cardsUrl, dueOnly) {
    return fetched(cardsUrl).then(function (response) { return response.json(); }).then(function (bank) { StudySession(strings, dueOnly, bankCards(bank, cardsUrl)); });
  }

  /* One card at a time: the due cards first, then new ones; graded again / hard / good / easy. A card
     graded into a learning step comes back in the session when due, as in Anki.
     `dueOnly` (the review page's "study the due cards") leaves out the new ones; `given` cards (else this
     page's) may load their question when shown; `onFinish` runs once the dialog is closed. */
  function StudySession(strings, dueOnly, given, onFinish) {
    var cards = given || pageCards();
    var progress = loadProgress();
    var topic = "";
    var queue = [];
    var learning = []; // cards graded in this session that come back in it (FSRS learning steps)
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

    function inTopic(card) { return !topic || card.topics.indexOf(topic) >= 0; }

    function filtered() { return cards.filter(inTopic); }

    function dueAt(card) { return new Date(progress.cards[card.id].due); }

    /* The learning cards of the chosen topic, soonest due first. */
    function waiting() {
      return learning.filter(inTopic).sort(function (a, b) { return dueAt(a) - dueAt(b); });
    }

    /* Due cards (most overdue first), then new cards in random order; cards in learning wait apart. */
    function scheduled(now) {
      var pool = filtered().filter(function (card) { return learning.indexOf(card) < 0; });
      var due = pool.filter(function (card) { return isDue(progress.cards[card.id], now); });
      due.sort(function (a, b) { return dueAt(a) - dueAt(b); });
      var fresh = dueOnly ? [] : shuffle(pool.filter(function (card) { return !progress.cards[card.id]; }));
      return due.concat(fresh);
    }

    /* The next card, as Anki picks it: a learning card once it is due, else the round's due and new
       cards, else (nothing else left) the soonest learning card, a little early. */
    function pick(now) {
      var soonest = waiting()[0];
      var take = soonest && (dueAt(soonest) <= now || (!queue.length && dueAt(soonest) - now <= LEARN_AHEAD));
      if (!take) return queue.shift() || null;
      learning.splice(learning.indexOf(soonest), 1);
      return soonest;
    }

    function updateStatus() {
      var now = new Date(), pool = filtered(), learnt = waiting();
      var due = pool.filter(function (card) {
        return learnt.indexOf(card) < 0 && isDue(progress.cards[card.id], now);
      }).length;
      var fresh = pool.filter(function (card) { return !progress.cards[card.id]; }).length;
      status.textContent = strings.progress.replace("{due}", due).replace("{learning}", learnt.length)
        .replace("{new}", fresh).replace("{total}", pool.length);
      status.dataset.due = due;
      status.dataset.learning = learnt.length;
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

    /* Focus a control without scrolling to it: on a phone that would push the question off the screen. */
    function focusOn(control) { control.focus({ preventScroll: true }); }

    /* The question in view: the dialog's top for a new card, and with its answer shown the question's
       title at the top of the screen, the start of the answer under it. */
    function showQuestion(title) {
      if (!revealed || !title) { panel.scrollTop = 0; return; }
      var margin = parseFloat(getComputedStyle(title).scrollMarginTop) || 0;
      panel.scrollTop += title.getBoundingClientRect().top - panel.getBoundingClientRect().top - margin;
    }

    function clear() {
      body.innerHTML = "";
      actions.innerHTML = "";
      updateStatus();
    }

    /* A card of the whole bank first fetches its question from the guide page that holds it. */
    function load(card) {
      clear();
      body.appendChild(element("p", "qbank-study__loading", strings.loading));
      card.load().then(function () {
        if (current === card) render();
      }, function () {
        if (current !== card) return;
        clear();
        body.appendChild(element("p", "qbank-study__failed", strings.load_failed));
        focusOn(button(strings.skip, "skip", next));
      });
      showQuestion(null);
    }

    /* The next card's page is fetched while this one is studied. */
    function prefetch() {
      var upcoming = queue[0];
      if (upcoming && !upcoming.container && upcoming.load) upcoming.load().catch(function () { /* tried again when shown */ });
    }

    function render() {
      clear();
      if (!current) {
        body.appendChild(element("p", "qbank-study__done", strings.done));
        focusOn(button(strings.again, "", function () { practising = true; start(); }));
        showQuestion(null);
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
        focusOn(actions.querySelector('[data-grade="good"]'));
      } else {
        focusOn(button(strings.reveal, "reveal", reveal));
        button(strings.skip, "skip", next);
      }
      showQuestion(title);
      prefetch();
    }

    function start() {
      var others = filtered().filter(function (card) { return learning.indexOf(card) < 0; });
      queue = practising ? shuffle(others) : scheduled(new Date());
      next();
    }

    function next() {
      current = pick(new Date());
      revealed = false;
      if (current && !current.container) load(current);
      else render();
    }

    function reveal() {
      if (!current || !current.container || revealed) return;
      revealed = true;
      render();
    }

    function rate(grade) {
      if (!current || !revealed) return;
      record(progress, current.id, grade, new Date());
      saveProgress(progress);
      showMarks(progress);
      if (inLearning(progress.cards[current.id])) learning.push(current);
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
      if (onFinish) onFinish();
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
      learning = [];
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
    var cardsUrl = new URL(root.dataset.cards, location.href);
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
        /* Mastery: the mean chance of recalling the topic's cards now (0 for those not learnt yet). */
        var recall = seen.reduce(function (sum, card) { return sum + mastery(progress.cards[card.id], now); }, 0)
          / cards.length;
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

    /* The due cards, studied here: each question is fetched from the guide page that holds it when its
       turn comes (bankCards). The figures are drawn again once the session ends. */
    function studyDue() {
      var bar = document.querySelector(".qbank-toolbar[data-study]");
      if (!bar || !bank) return;
      var progress = loadProgress(), now = new Date();
      var due = bankCards(bank, base).filter(function (card) { return isDue(progress.cards[card.id], now); });
      /* Progress may have changed in another tab since the figures were drawn: never an empty session. */
      if (!due.length) { render(); return; }
      StudySession(JSON.parse(bar.dataset.study), true, due, render);
    }

    /* Why a file was refused, in the page's language. */
    function refused(error) {
      var reason = error instanceof SyntaxError ? "not_json" : strings[error.reason] ? error.reason : "unreadable";
      return strings.import_failed.replace("{reason}", strings[reason].replace("{id}", error.card || ""));
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

    /* Far above the progress of a bank of thousands of articles; a bigger file is not read at all. */
    var MAX_IMPORT = 32 * 1024 * 1024;

    function importProgress(input) {
      var file = input.files && input.files[0];
      if (!file) return;
      if (file.size > MAX_IMPORT) {
        statusLine.textContent = refused(refusal("too_large"));
        input.value = "";
        return;
      }
      file.text().then(function (text) {
        var progress = validProgress(JSON.parse(text));
        saveProgress(progress);
        statusLine.textContent = strings.imported.replace("{cards}", Object.keys(progress.cards).length);
        render();
      }).catch(function (error) {
        statusLine.textContent = refused(error);
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
    fetched(cardsUrl).then(function (response) { return response.json(); })
      .then(function (data) { bank = data; render(); root.dataset.ready = "1"; })
      .catch(function () { statusLine.textContent = strings.load_failed; });
  }

  /* A line under the toolbar saying what went wrong (e.g. the bank's cards could not be fetched). */
  function toolbarNotice(bar, text) {
    var line = bar.querySelector(".qbank-toolbar__notice") || element("p", "qbank-toolbar__notice");
    line.setAttribute("role", "status");
    line.textContent = text;
    bar.appendChild(line);
  }

  /* The toolbar's study mode: this page's cards, or on the guide's first page the whole bank, from its own
     cards when it holds them all, else (a split guide's contents page) from cards.json, each question
     fetched from its guide page. A link with ?study=all (the home page's) or ?study=due opens it on arrival. */
  function addStudyButton(bar, strings) {
    var own = pageCards();
    if (!own.length && !bar.dataset.cards) return;
    var open = button(strings.open, function () { study(false); });
    function study(dueOnly) {
      if (own.length) { StudySession(strings, dueOnly); return; }
      open.disabled = true;
      studyBank(strings, new URL(bar.dataset.cards, location.href), dueOnly)
        .catch(function () { toolbarNotice(bar, strings.load_failed); })
        .then(function () { open.disabled = false; });
    }
    bar.appendChild(open);
    var asked = new URLSearchParams(location.search).get("study");
    if (asked === "all" || asked === "due") study(asked === "due");
  }

  /* Study mode, expand all / collapse all, and PDF downloads when they have been generated. */
  function buildToolbar(bar) {
    if (bar.dataset.ready) return;
    bar.dataset.ready = "1";
    if (bar.dataset.study && scheduler) addStudyButton(bar, JSON.parse(bar.dataset.study));
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

  /* Material searches on `keyup` only (components/search/query in its bundle), so text that arrives
     without a key, pasted from a menu, committed by an input method, dictated or filled in by a script,
     searched nothing. Any change of the field now tells Material as a key would. While an input method
     composes, the field holds its unfinished candidate: search once the text is committed. */
  function searchOnAnyInput() {
    var field = document.querySelector("input.md-search__input");
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
  function followHitsHere() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    list.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.md-search-result__link");
      if (link && link.hash && new URL(link.href, location.href).href === location.href) openTarget();
    });
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
    searchOnAnyInput();
    followHitsHere();
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
