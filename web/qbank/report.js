/* "Report a problem" under each question, to the issue form of the repository mkdocs.yml names in repo_url
   (none when it names none), prefilled with the question's id and address. */

import { child, element, headingText } from "./dom.js";

export function addReportLinks() {
  const meta = document.querySelector('meta[name="qbank:repository"]');
  if (!meta) return;
  document.querySelectorAll("section.qbank-q").forEach(function (container) {
    const heading = container.firstElementChild;
    const links = child(container, ".qbank-links");
    const id = container.dataset.questionId || (links && links.dataset.questionId);
    if (!id || !heading.id || child(container, ".qbank-report")) return;
    const page = new URL(location.href);
    page.search = "";
    page.hash = heading.id;
    const url = new URL(meta.content.replace(/\/+$/, "") + "/issues/new");
    url.searchParams.set("title", meta.dataset.title.replace("{question}", headingText(heading)));
    url.searchParams.set("body", meta.dataset.body.replace("{id}", id).replace("{url}", page.href));
    const link = element("a", "qbank-report", meta.dataset.label);
    link.href = url.href;
    link.rel = "noopener";
    container.appendChild(link);
  });
}
