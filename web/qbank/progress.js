/* Study progress kept in this browser: one FSRS card per duplicate cluster, shared by both languages, and
   the days studied (the streak). Reading, checking and marking need no scheduler; grading does (fsrs.js). */

import { child } from "./dom.js";

export const STORE = "qbank-fsrs-v1";
export const OLD_STORE = "qbank-study-v1"; // "knew it" / "not yet" marks, from before spaced repetition

/* ts-fsrs' State, as numbers in every stored card (New, Learning, Review, Relearning): what a page needs to
   mark a card without loading the scheduler. The browser tests hold these to the library's own. */
export const STATE = { New: 0, Learning: 1, Review: 2, Relearning: 3 };

export function emptyProgress() { return { version: 1, cards: {}, days: [] }; }

export function localDay(date) {
  const month = String(date.getMonth() + 1).padStart(2, "0"), day = String(date.getDate()).padStart(2, "0");
  return date.getFullYear() + "-" + month + "-" + day;
}

/* A refusal of progress: `reason` names the review page's string that says why, in its language. */
export function refusal(reason, card) {
  const error = new Error(reason);
  error.reason = reason;
  error.card = card || "";
  return error;
}

/* What a progress file may hold: card ids as the bank makes them (slug and anchor, never markup), days as
   `YYYY-MM-DD`, and FSRS cards whose fields have ts-fsrs' types. A file from anywhere is untrusted. */
const CARD_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COUNTS = ["elapsed_days", "scheduled_days", "reps", "lapses", "learning_steps"];
const STATES = Object.values(STATE);

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
export function validProgress(data) {
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

/* Marks from before spaced repetition, while no FSRS progress has replaced them (fsrs.js moves them). */
export function oldMarks() {
  try {
    if (localStorage.getItem(STORE)) return null;
    const old = localStorage.getItem(OLD_STORE);
    return old ? JSON.parse(old) || {} : null;
  } catch (e) { return null; }
}

export function loadProgress() {
  try {
    const stored = localStorage.getItem(STORE);
    if (stored) return validProgress(JSON.parse(stored));
  } catch (e) { /* unreadable storage: start afresh rather than break the page */ }
  return emptyProgress();
}

export function saveProgress(progress) {
  try { localStorage.setItem(STORE, JSON.stringify(progress)); } catch (e) { /* private mode: keep in memory */ }
}

export function isDue(card, at) { return !!card && new Date(card.due) <= at; }

/* Whether a card just graded comes back in this session: ts-fsrs keeps a card in (re)learning while
   its next learning step is less than a day away (Again; Hard or Good on a new card), else it is in review. */
export function inLearning(card) {
  return !!card && (card.state === STATE.Learning || card.state === STATE.Relearning);
}

/* The mark shown beside a question: due now, in learning, or learnt and not yet due. */
function markOf(card, at) {
  if (!card) return "";
  if (isDue(card, at)) return "due";
  return card.state === STATE.Review ? "known" : "learning";
}

/* Consecutive days with a review, ending today (or yesterday, while today is still open). */
export function streak(days, at) {
  let count = 0;
  const cursor = new Date(at.getFullYear(), at.getMonth(), at.getDate());
  if (days.indexOf(localDay(cursor)) < 0) cursor.setDate(cursor.getDate() - 1);
  while (days.indexOf(localDay(cursor)) >= 0) { count++; cursor.setDate(cursor.getDate() - 1); }
  return count;
}

/* A question's card id (its duplicate cluster) and topics: on its container (gathering pages)
   or on its links block (article pages). */
function cardData(container) {
  if (container.dataset.cluster) return container.dataset;
  const links = child(container, ".qbank-links");
  return links && links.dataset.cluster ? links.dataset : null;
}

/* The cards of this page (or of a fetched page): one per duplicate cluster, from the question
   containers that hold an answer (the question sheet has none: a card there would reveal nothing). */
export function pageCards(doc) {
  const seen = {};
  const cards = [];
  (doc || document).querySelectorAll("section.qbank-q").forEach(function (container) {
    const data = cardData(container);
    if (!data || seen[data.cluster] || !child(container, "details.answer")) return;
    seen[data.cluster] = true;
    cards.push({ id: data.cluster, container: container, heading: container.firstElementChild,
                 topics: (data.topics || "").split(" ").filter(Boolean) });
  });
  return cards;
}

/* Mark every asking of a graded card on this page (the grade is kept per cluster). */
export function showMarks(progress) {
  const now = new Date();
  document.querySelectorAll("section.qbank-q").forEach(function (container) {
    const data = cardData(container);
    const heading = container.firstElementChild;
    const mark = data ? markOf(progress.cards[data.cluster], now) : "";
    if (mark) heading.setAttribute("data-qbank-mark", mark);
    else heading.removeAttribute("data-qbank-mark");
  });
}
