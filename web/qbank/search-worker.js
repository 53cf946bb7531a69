/* qbank search: Material's custom search worker over the sharded index of qbank/site/search_shards.py.
 *
 * A query is cut into the tokens the index was built from (Chinese character pairs, Latin words),
 * only the shards holding those tokens are fetched, their posting lists are intersected, and only the
 * stored entries of the results shown are fetched. Messages follow Material's protocol: SETUP (0) →
 * READY (1), QUERY (2) → RESULT (3).
 */
"use strict";

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
var HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
var RUNS = new RegExp("[" + HAN + "]+|[a-z0-9]+", "g");
var MAX_PREFIX = 20, MAX_GROUPS = 40, MAX_SECTIONS = 12;
// This language's index, as the page tells (overrides/main.html); else next to the worker's own root.
var ROOT = new URL(new URL(self.location.href).searchParams.get("index") || "../../search/qbank/", self.location.href);
var meta = null, cache = new Map(), latest = 0;

function normalized(text) {
  return text.normalize("NFKC").replace(/\u200b/g, "").toLowerCase();
}

function isLatin(run) {
  return run.charCodeAt(0) < 128;
}

/* The tokens a query needs (qbank.search_shards.query_tokens). */
function queryTokens(query) {
  var tokens = [];
  (normalized(query).match(RUNS) || []).forEach(function (run) {
    if (isLatin(run)) tokens.push(run.slice(0, MAX_PREFIX));
    else if (run.length === 1) tokens.push(run);
    else for (var i = 0; i + 1 < run.length; i++) tokens.push(run.slice(i, i + 2));
  });
  return tokens.filter(function (token, index) { return tokens.indexOf(token) === index; });
}

/* FNV-1a over the token's UTF-8 bytes (qbank.search_shards.shard_of). */
function shardOf(token, shards) {
  var hash = 0x811c9dc5;
  new TextEncoder().encode(token).forEach(function (byte) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  });
  return hash % shards;
}

function fetchJson(path) {
  if (!cache.has(path)) {
    cache.set(path, fetch(new URL(path, ROOT)).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    }));
  }
  return cache.get(path);
}

/* A posting list as a bitmap over every document, whichever way it was stored. */
function bitmap(encoded, total) {
  var bits = new Uint8Array(Math.ceil(total / 8));
  if (!encoded) return bits;
  var data = Uint8Array.from(atob(encoded.slice(1)), function (c) { return c.charCodeAt(0); });
  if (encoded[0] === "b") { bits.set(data); return bits; }
  var value = 0, shift = 0, previous = -1;
  for (var i = 0; i < data.length; i++) {
    value += (data[i] & 0x7f) * Math.pow(2, shift);
    shift += 7;
    if (!(data[i] & 0x80)) {
      previous += value;
      bits[previous >> 3] |= 1 << (previous & 7);
      value = 0; shift = 0;
    }
  }
  return bits;
}

function count(bits) {
  var total = 0;
  for (var i = 0; i < bits.length; i++) for (var b = bits[i]; b; b &= b - 1) total++;
  return total;
}

function pageOf(doc) {
  var pages = meta.pages, low = 0, high = pages.length - 1, found = 0;
  while (low <= high) {
    var middle = (low + high) >> 1;
    if (pages[middle] <= doc) { found = pages[middle]; low = middle + 1; } else high = middle - 1;
  }
  return found;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
  });
}

/* The preview with the query's words marked; Material inserts it as HTML. */
function marked(text, query) {
  var runs = (normalized(query).match(RUNS) || []).map(function (run) {
    return run.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  var html = escapeHtml(text);
  if (!runs.length) return html;
  return html.replace(new RegExp("(" + runs.join("|") + ")", "gi"), "<mark>$1</mark>");
}

function entry(doc) {
  return fetchJson("d/" + Math.floor(doc / meta.chunk) + ".json").then(function (chunk) {
    return chunk[doc % meta.chunk];
  });
}

function search(query) {
  var tokens = queryTokens(query);
  if (!tokens.length) return Promise.resolve({ items: [], total: 0 });
  return Promise.all(tokens.map(function (token) {
    return fetchJson("s/" + shardOf(token, meta.shards) + ".json").then(function (shard) {
      var lists = shard[token] || ["", ""];
      var all = bitmap(lists[0], meta.documents);
      return { all: all, title: bitmap(lists[1], meta.documents), df: count(all) };
    });
  })).then(function (lists) {
    var total = meta.documents, scores = new Map();
    var both = lists[0].all.slice();
    lists.slice(1).forEach(function (list) {
      for (var i = 0; i < both.length; i++) both[i] &= list.all[i];
    });
    for (var doc = 0; doc < total; doc++) {
      if (!(both[doc >> 3] >> (doc & 7) & 1)) continue;
      var score = 0;
      lists.forEach(function (list) {
        var weight = Math.log(1 + total / Math.max(list.df, 1));
        score += weight * (list.title[doc >> 3] >> (doc & 7) & 1 ? 5 : 1);
      });
      scores.set(doc, score);
    }
    var groups = new Map();
    scores.forEach(function (score, doc) {
      var page = pageOf(doc);
      if (!groups.has(page)) groups.set(page, { page: page, best: 0, sections: [] });
      var group = groups.get(page);
      group.best = Math.max(group.best, score);
      if (doc !== page) group.sections.push(doc);
    });
    var ranked = Array.from(groups.values()).sort(function (a, b) { return b.best - a.best || a.page - b.page; });
    var shown = ranked.slice(0, MAX_GROUPS);
    return Promise.all(shown.map(function (group) {
      group.sections.sort(function (a, b) { return scores.get(b) - scores.get(a) || a - b; });
      var docs = [group.page].concat(group.sections.slice(0, MAX_SECTIONS));
      return Promise.all(docs.map(entry)).then(function (entries) {
        return entries.map(function (stored, index) {
          var doc = docs[index], terms = {};
          terms[query.trim()] = true;  // the page script highlights the whole query on the page it opens
          return {
            location: stored[0], title: escapeHtml(stored[1]), text: marked(stored[2], query),
            score: index === 0 ? group.best : scores.get(doc), terms: terms
          };
        });
      });
    })).then(function (items) {
      return { items: items, total: ranked.length };
    });
  });
}

self.addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    fetchJson("meta.json").then(function (value) {
      meta = value;
      self.postMessage({ type: READY });
    });
  } else if (message.type === QUERY) {
    var ticket = ++latest;
    search(message.data).then(function (result) {
      if (ticket === latest) self.postMessage({ type: RESULT, data: result });
    }, function () {
      if (ticket === latest) self.postMessage({ type: RESULT, data: { items: [], total: 0 } });
    });
  }
});
