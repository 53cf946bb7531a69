/* Study mode: one card at a time, graded, progress kept in this browser (progress.js), scheduled by FSRS
   (fsrs.js). Loaded when a learner opens it: the toolbar's button, ?study=all|due, or the review page. */

import { element, fetched, headingText, child } from "./dom.js";
import { emptyProgress, inLearning, isDue, loadProgress, pageCards, saveProgress, showMarks } from "./progress.js";
import { graded, migrateOldMarks, record } from "./fsrs.js";

const GRADES = ["again", "hard", "good", "easy"];

/* Anki's "learn ahead" limit: with nothing else left in a session, a learning card due within it is
   shown early rather than ending the session. */
const LEARN_AHEAD = 20 * 60000;

/* "10 min", "3 d": how long until a card is due again. */
function interval(from, to, units) {
  const minutes = Math.max(1, Math.round((new Date(to) - from) / 60000));
  if (minutes < 60) return minutes + " " + units.minute;
  if (minutes < 60 * 24) return Math.round(minutes / 60) + " " + units.hour;
  return Math.round(minutes / 1440) + " " + units.day;
}

function shuffle(items) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    const swap = items[i]; items[i] = items[j]; items[j] = swap;
  }
  return items;
}

/* Prompt (and hints) and answer of a card, copied from its container. */
function cardParts(container) {
  const prompt = document.createElement("div");
  const answer = document.createElement("div");
  const text = child(container, ".qbank-prompt");
  if (text) Array.prototype.forEach.call(text.children, function (node) { prompt.appendChild(node.cloneNode(true)); });
  const details = child(container, "details.answer");
  if (details) {
    Array.prototype.forEach.call(details.children, function (node) {
      if (node.tagName !== "SUMMARY") answer.appendChild(node.cloneNode(true));
    });
  }
  return { prompt: prompt, answer: answer };
}

/* The guide pages fetched for study, each once, as their cards by id: a split guide spreads the bank
   over many pages, and a session fetches a page only when one of its cards comes up. */
const guidePages = {};

function guidePage(url) {
  if (!guidePages[url]) {
    guidePages[url] = fetched(url).then(function (response) { return response.text(); }).then(function (html) {
      const doc = new DOMParser().parseFromString(html, "text/html");
      absoluteLinks(doc, url);
      const found = {};
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
      const value = node.getAttribute(name);
      try { if (value !== null) node.setAttribute(name, new URL(value, url).href); } catch (e) { /* keep it */ }
    });
  });
}

/* The whole bank's study cards (cards.json, whose card URLs are relative to `base`), each loading
   its question from the guide page that holds it when its turn comes. */
export function bankCards(bank, base) {
  return bank.cards.map(function (entry) {
    const page = new URL(entry.url, base);
    page.hash = "";
    const card = { id: entry.id, topics: entry.topics, container: null, heading: null };
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
export function studyBank(strings, cardsUrl, dueOnly) {
  return fetched(cardsUrl).then(function (response) { return response.json(); }).then(function (bank) {
    StudySession(strings, dueOnly, bankCards(bank, cardsUrl));
  });
}

/* One card at a time: the due cards first, then new ones; graded again / hard / good / easy. A card
   graded into a learning step comes back in the session when due, as in Anki.
   `dueOnly` (the review page's "study the due cards") leaves out the new ones; `given` cards (else this
   page's) may load their question when shown; `onFinish` runs once the dialog is closed. */
export function StudySession(strings, dueOnly, given, onFinish) {
  migrateOldMarks();
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
