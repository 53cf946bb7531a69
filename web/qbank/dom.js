/* Shared DOM helpers: the question containers qbank's pages are made of, and small element makers. */

/* The site's root: this module is served from <root>/assets/qbank/ (tools/bundle.py keeps every chunk there). */
export const siteRoot = new URL("../../", import.meta.url);

export function answers() {
  return Array.prototype.slice.call(document.querySelectorAll("details.answer"));
}

/* Open every collapsed block that contains an element, so it can be seen. */
export function reveal(element) {
  for (let node = element; node; node = node.parentElement) {
    if (node.tagName === "DETAILS") node.open = true;
  }
}

/* The container of a question (qbank.site.question_container): heading, prompt, links, answer. */
export function containerOf(element) {
  return element.closest ? element.closest("section.qbank-q") : null;
}

export function child(container, selector) {
  return container ? container.querySelector(":scope > " + selector) : null;
}

/* The answer that belongs to a question heading: its container's answer block. */
export function answerOf(heading) {
  return child(containerOf(heading), "details.answer");
}

export function headingText(heading) {
  const copy = heading.cloneNode(true);
  copy.querySelectorAll(".headerlink").forEach(function (e) { e.remove(); });
  return copy.textContent.trim();
}

export function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/* A response of the site that was found: a failed fetch or a missing file rejects alike. */
export function fetched(url) {
  return fetch(url).then(function (response) {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response;
  });
}
