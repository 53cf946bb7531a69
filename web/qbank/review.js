/* The review page: what is due across the whole bank, mastery per topic, streak, and moving progress between
   devices. The page arrives drawn for a learner with no progress (qbank/site/pages/review.py); this fills in
   this browser's. */

import { element, fetched } from "./dom.js";
import { emptyProgress, isDue, loadProgress, localDay, refusal, saveProgress, streak, validProgress } from "./progress.js";
import { mastery } from "./fsrs.js";
import { StudySession, bankCards } from "./study.js";

export function Review(root) {
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
