/* The FSRS scheduler (ts-fsrs, vendored by tools/vendor.py): loaded only when a card is graded, shown with
   its next intervals, or counted for mastery — study mode and the review page. */

import * as FSRS from "../vendor/ts-fsrs.mjs";
import { STATE, emptyProgress, localDay, oldMarks, saveProgress, OLD_STORE } from "./progress.js";

// STATE is progress.js's copy of the library's State, exported beside it for the browser tests that compare them.
export { FSRS, STATE };

const scheduler = FSRS.fsrs(FSRS.generatorParameters({ enable_fuzz: false }));

function rating(grade) { return FSRS.Rating[grade.charAt(0).toUpperCase() + grade.slice(1)]; }

/* A card after a grade at a moment (a card never graded starts empty). */
export function graded(card, grade, at) {
  return scheduler.next(card || FSRS.createEmptyCard(at), at, rating(grade)).card;
}

export function record(progress, id, grade, at) {
  progress.cards[id] = graded(progress.cards[id], grade, at);
  const day = localDay(at);
  if (progress.days.indexOf(day) < 0) { progress.days.push(day); progress.days.sort(); }
}

/* How well a card is known now, for the review page's mastery: its chance of recall once learnt. A card
   never studied, or still in its learning steps, counts 0: right after a failure FSRS puts its recall
   near 1, which would show a topic just failed as mastered. */
export function mastery(card, at) {
  return card && card.state === STATE.Review ? scheduler.get_retrievability(card, at, false) : 0;
}

/* Earlier marks become FSRS reviews at the time they were given: knew it = good, not yet = again. Moved, not
   copied: one place holds the progress. True when there were marks to move. */
export function migrateOldMarks() {
  const old = oldMarks();
  if (!old) return false;
  const progress = emptyProgress();
  Object.keys(old).forEach(function (id) {
    const entry = old[id] || {};
    if (entry.state !== "known" && entry.state !== "learning") return;
    record(progress, id, entry.state === "known" ? "good" : "again", new Date(entry.t || Date.now()));
  });
  saveProgress(progress);
  try { localStorage.removeItem(OLD_STORE); } catch (e) { /* storage gone: the marks stay where they were */ }
  return true;
}
