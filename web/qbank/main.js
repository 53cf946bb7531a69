/* qbank's page script, on every page: study behaviour on top of Material. No network access beyond this site.
   Study mode, the review page and the FSRS scheduler are separate modules, loaded only where they are used. */

import { followMovedAnchor, keepAnchorOnLanguageSwitch, openTarget } from "./anchors.js";
import { loadProgress, oldMarks, showMarks } from "./progress.js";
import { addReportLinks } from "./report.js";
import { followHitsHere, linkResultsToWholeQuery, nameSearchDialog, revealHighlights, searchOnAnyInput } from "./search.js";
import { wireToolbar } from "./toolbar.js";

function start() {
  nameSearchDialog();
  showMarks(loadProgress());
  if (oldMarks()) {
    import("./fsrs.js").then(function (fsrs) { if (fsrs.migrateOldMarks()) showMarks(loadProgress()); });
  }
  document.querySelectorAll(".qbank-toolbar").forEach(wireToolbar);
  const reviews = document.querySelectorAll(".qbank-review");
  if (reviews.length) import("./review.js").then(function (review) { reviews.forEach(review.Review); });
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
