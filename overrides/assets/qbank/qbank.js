/* qbank: behaviour on top of Material. No network access, no dependencies. */
(function () {
  "use strict";

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
  ["click", "auxclick", "keydown", "focusin", "mouseover"].forEach(function (type) {
    document.addEventListener(type, keepAnchorOnLanguageSwitch, true);
  });
})();
