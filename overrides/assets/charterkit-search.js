/* charterkit: the search page (charterkit/search, template charterkit/search-page.html).

   The index is Pagefind's, written into the site's "pagefind/" folder when the site is built. Its
   script, pagefind.js, fetches only the parts of the index that the words typed need, from this site
   and no other. Here: search as the reader types (after a short pause) or presses Enter, show the
   first results as links with the words around each match, say how many pages matched in the page's
   live region, and show more on request. The address keeps the words (?q=...), so Back returns to the
   results. Every message comes from the form's data-* attributes, never from this file. */
(function () {
  "use strict";

  var form = document.querySelector("form[data-ck-search]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.getElementById("ck-search-status");
  var list = document.getElementById("ck-search-results");
  var more = document.getElementById("ck-search-more");
  var PAGE = 10;
  var PAUSE = 300;
  var msg = form.dataset;
  var bundle = new URL(msg.bundle, document.baseURI).href;
  var root = new URL(msg.root, document.baseURI).pathname;

  var loading = null;
  var results = [];
  var shown = 0;
  var query = "";
  var serial = 0;
  var timer = 0;

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : all;
    });
  }

  function announce(text) {
    status.textContent = text;
  }

  // Pagefind's script, loaded once: the first search waits for it, later ones do not.
  function pagefind() {
    if (!loading) {
      loading = import(bundle + "pagefind.js").then(function (pf) {
        return Promise.resolve(pf.options({ baseUrl: root, excerptLength: 24 })).then(function () {
          pf.init();
          return pf;
        });
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  // Pagefind's titles are the pages' text; its excerpts are text with "<" and ">" written as entities
  // and the matches in <mark>. Both go into the page as text nodes and <mark> elements only, so nothing
  // a page says can become markup here.
  function unescape(part) {
    return part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
  }

  function excerpt(into, html) {
    // Pagefind joins a heading or a paragraph to the next without a space ("promises.We"): one is put back.
    var spaced = String(html).replace(/([.!?:])(<\/mark>)?(<mark>)?(?=[A-Z])/g, "$1$2 $3");
    var parts = spaced.split(/<mark>([\s\S]*?)<\/mark>/);
    parts.forEach(function (part, i) {
      if (!part) return;
      if (i % 2) {
        var mark = document.createElement("mark");
        mark.textContent = unescape(part);
        into.append(mark);
      } else {
        into.append(document.createTextNode(unescape(part)));
      }
    });
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "ck-search__result";
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.append(link);
    var words = document.createElement("p");
    excerpt(words, data.excerpt || "");
    li.append(heading, words);
    return li;
  }

  function showMore(mine) {
    var next = results.slice(shown, shown + PAGE);
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (pages) {
      if (mine !== serial) return null;
      var first = null;
      pages.forEach(function (data) {
        var li = item(data);
        if (!first) first = li;
        list.append(li);
      });
      var from = shown + 1;
      shown += pages.length;
      list.hidden = shown === 0;
      more.parentElement.hidden = shown >= results.length;
      return { first: first, from: from };
    });
  }

  function clear() {
    results = [];
    shown = 0;
    list.textContent = "";
    list.hidden = true;
    more.parentElement.hidden = true;
  }

  function run(words) {
    var mine = ++serial;
    query = words;
    if (!words) {
      clear();
      announce("");
      return;
    }
    pagefind().then(function (pf) {
      return pf.search(words);
    }).then(function (found) {
      if (mine !== serial) return null;
      clear();
      results = found.results;
      return showMore(mine);
    }).then(function (done) {
      if (mine !== serial || done === null) return;
      var count = results.length;
      var values = { count: count, query: words, from: 1, to: shown };
      var line = say(count === 0 ? msg.msgNone : count === 1 ? msg.msgOne : msg.msgMany, values);
      announce(count > shown ? line + " " + say(msg.msgShown, values) : line);
    }).catch(function () {
      if (mine === serial) announce(msg.msgFailed);
    });
  }

  function remember(words) {
    var url = new URL(location.href);
    if (words) url.searchParams.set("q", words);
    else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var words = input.value.trim();
      if (words === query) return;
      remember(words);
      run(words);
    }, PAUSE);
  });
  // Start loading the index's first parts as soon as the reader is about to type.
  input.addEventListener("focus", function () { pagefind().catch(function () {}); });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    var words = input.value.trim();
    remember(words);
    if (words !== query || !words) run(words);
  });
  more.addEventListener("click", function () {
    var mine = serial;
    showMore(mine).then(function (done) {
      if (!done || mine !== serial) return;
      announce(say(msg.msgShown, { from: done.from, to: shown, count: results.length }));
      // Focus goes to the first new result, so a keyboard user carries on from where the list grew.
      var link = done.first && done.first.querySelector("a");
      if (link) link.focus();
    });
  });

  var asked = new URL(location.href).searchParams.get("q");
  if (asked) {
    input.value = asked;
    run(asked.trim());
  }
})();
