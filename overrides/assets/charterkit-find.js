/* charterkit: the filter on the list of all charters and the compare page. Loaded on every page by
   overrides/main.html; does nothing on pages without a [data-ck-filter] or [data-ck-compare] form.

   Both read charters/catalogue.json (made by the build, on this site: nothing comes from another host).
   Without JavaScript both forms stay hidden: the list of charters links to pages built in advance for
   each sector, area, year, theme and easy read, and the compare page points to the theme pages.

   The filter: the choices narrow the list at once; the number of charters found is announced through a
   live region (role=status); the address gets the choices as a query string (?sector=…&theme=…), so a
   filtered list can be shared, and a shared address opens with those choices made.
   Compare: ?a=slug&b=slug(&c=slug) chooses the charters; their open data files (data/charters/<slug>.json)
   give their principles, shown one row per theme with a column per charter. */
(function () {
  "use strict";

  var SHOWN = 50; // as many charters as a page of the list holds

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + ": " + r.status);
      return r.json();
    });
  }

  function fill(select, values, withCount) {
    values.forEach(function (v) {
      select.appendChild(el("option", { value: v.value }, v.label + (withCount ? " (" + v.count + ")" : "")));
    });
  }

  function plural(n, one, many) { return n.toLocaleString("en-GB") + " " + (n === 1 ? one : many); }

  // --- The filter on the list of all charters ------------------------------------------------------
  function setUpFilter(form) {
    var base = new URL(form.dataset.ckCatalogue, document.baseURI);
    var results = document.querySelector("[data-ck-results]");
    var status = form.querySelector("[data-ck-count]");
    var fields = ["sector", "area", "theme", "year"];
    getJSON(base).then(function (cat) {
      fields.forEach(function (f) { fill(form.elements[f], cat.facets[f], true); });
      var original = results.cloneNode(true);
      var limit = SHOWN;

      function chosen() {
        var c = {};
        fields.forEach(function (f) { if (form.elements[f].value) c[f] = form.elements[f].value; });
        if (form.elements["easy-read"].checked) c["easy-read"] = "1";
        return c;
      }

      function matches(item, c) {
        return Object.keys(c).every(function (f) {
          var have = item.filters[f];
          if (f === "theme") return have.indexOf(c[f]) >= 0;
          if (f === "easy-read") return have === true;
          return have === c[f];
        });
      }

      function card(item) {
        var li = el("li", { class: "ck-charter-card" });
        var h = el("h3", { class: "ck-charter-card__title" });
        h.appendChild(el("a", { href: new URL(item.url, base).href }, item.title));
        li.appendChild(h);
        li.appendChild(el("p", { class: "ck-charter-card__summary" }, item.summary));
        var dl = el("dl", { class: "ck-meta ck-meta--inline" });
        [["Organisation", item.organisation], ["Area", item.area], ["Sector", item.sector],
         ["Published", item.published]].forEach(function (pair) {
          var div = el("div");
          div.appendChild(el("dt", {}, pair[0]));
          div.appendChild(el("dd", {}, pair[1] || "Not stated"));
          dl.appendChild(div);
        });
        li.appendChild(dl);
        return li;
      }

      function show(announce) {
        var c = chosen();
        var query = new URLSearchParams(c).toString();
        history.replaceState(history.state, "", query ? "?" + query : location.pathname);
        if (!query) {
          results.replaceWith(original.cloneNode(true));
          results = document.querySelector("[data-ck-results]");
          if (announce) status.textContent = "Showing all " + plural(cat.charters.length, "charter", "charters") + ".";
          return;
        }
        var found = cat.charters.filter(function (item) { return matches(item, c); });
        var box = el("div", { "data-ck-results": "" });
        box.appendChild(el("h2", { id: "the-charters" }, "The charters"));
        var list = el("ul", { class: "ck-charter-list" });
        found.slice(0, limit).forEach(function (item) { list.appendChild(card(item)); });
        box.appendChild(found.length ? list : el("p", {}, "No charter matches these choices. Choose fewer, or clear the filters."));
        if (found.length > limit) {
          var more = el("button", { type: "button", class: "ck-button" },
            "Show more charters (" + (found.length - limit).toLocaleString("en-GB") + " not shown)");
          more.addEventListener("click", function () {
            var next = list.children.length;
            limit += SHOWN;
            show(false);
            // Focus the first charter just added, so a keyboard user carries on where the list grew.
            var added = document.querySelectorAll("[data-ck-results] .ck-charter-card a")[next];
            if (added) added.focus();
          });
          box.appendChild(more);
        }
        results.replaceWith(box);
        results = box;
        if (announce) {
          status.textContent = plural(found.length, "charter matches", "charters match") + " your choices" +
            (found.length > limit ? "; the first " + limit + " are shown." : ".");
        }
      }

      var params = new URLSearchParams(location.search);
      fields.forEach(function (f) { if (params.get(f)) form.elements[f].value = params.get(f); });
      form.elements["easy-read"].checked = params.get("easy-read") === "1";
      form.hidden = false;
      form.addEventListener("change", function () { limit = SHOWN; show(true); });
      form.addEventListener("submit", function (e) { e.preventDefault(); show(true); });
      form.addEventListener("reset", function () { setTimeout(function () { limit = SHOWN; show(true); }, 0); });
      // Announce a shared address's result after the live region is on the page, so it is heard.
      if (location.search) setTimeout(function () { show(true); }, 100);
    }).catch(function () { /* the links to the pre-built lists still work */ });
  }

  // --- Compare ------------------------------------------------------------------------------------
  function setUpCompare(form) {
    var base = new URL(form.dataset.ckCatalogue, document.baseURI);
    var out = document.querySelector("[data-ck-compare-result]");
    var status = form.querySelector("[data-ck-count]");
    var names = ["a", "b", "c"];
    getJSON(base).then(function (cat) {
      var bySlug = {};
      var options = cat.charters.map(function (item) {
        bySlug[item.slug] = item;
        return { value: item.slug, label: item.title + (item.area ? " (" + item.area + ")" : ""), count: 0 };
      });
      names.forEach(function (n) { fill(form.elements[n], options, false); });
      var themes = {};
      cat.facets.theme.forEach(function (t) { themes[t.value] = t.label; });
      var themeOrder = cat.facets.theme.map(function (t) { return t.value; });

      function principlesOf(sections, into) {
        sections.forEach(function (s) {
          s.principles.forEach(function (p) { into.push(p); });
          principlesOf(s.sections, into);
        });
        return into;
      }

      var root = new URL(cat.root, base);

      function principleBlock(p, pageUrl) {
        var div = el("div", { class: "ck-compare__principle" });
        var h = el("h4");
        h.appendChild(el("a", { href: new URL(p.url, pageUrl).href }, p.title));
        div.appendChild(h);
        p.text.forEach(function (t) { div.appendChild(el("p", {}, t)); });
        if (p.points.length) {
          var list = el(p.numbered ? "ol" : "ul");
          p.points.forEach(function (t) { list.appendChild(el("li", {}, t)); });
          div.appendChild(list);
        }
        return div;
      }

      function render(records) {
        out.textContent = "";
        var heading = el("h2", { id: "comparison" }, "Comparison");
        out.appendChild(heading);
        out.appendChild(el("p", {}, "Principles of " + records.map(function (r) { return r.title; }).join(", ")
          .replace(/, ([^,]*)$/, " and $1") + ", one theme at a time. Each theme shows each charter in turn."));
        var rows = themeOrder.slice();
        rows.push("");
        var shown = 0;
        rows.forEach(function (tid) {
          var cells = records.map(function (r) {
            return principlesOf(r.sections, []).filter(function (p) {
              return tid ? p.themes.indexOf(tid) >= 0 : p.themes.length === 0;
            });
          });
          if (!cells.some(function (c) { return c.length; })) return;
          shown += 1;
          var section = el("section", { class: "ck-compare__row" });
          section.appendChild(el("h3", {}, tid ? themes[tid] : "Principles with no theme"));
          var grid = el("div", { class: "ck-compare__cols ck-compare__cols--" + records.length });
          records.forEach(function (r, i) {
            var col = el("div", { class: "ck-compare__col" });
            col.appendChild(el("p", { class: "ck-compare__charter" }, r.title));
            if (cells[i].length) {
              cells[i].forEach(function (p) { col.appendChild(principleBlock(p, root)); });
            } else {
              col.appendChild(el("p", { class: "ck-compare__none" }, "No principle on this theme."));
            }
            grid.appendChild(col);
          });
          section.appendChild(grid);
          out.appendChild(section);
        });
        status.textContent = "Comparing " + records.length + " charters across " + plural(shown, "theme", "themes") + ".";
      }

      function run() {
        var slugs = [];
        names.forEach(function (n) {
          var v = form.elements[n].value;
          if (v && bySlug[v] && slugs.indexOf(v) < 0) slugs.push(v);
        });
        var query = new URLSearchParams();
        slugs.forEach(function (s, i) { query.set(names[i], s); });
        history.replaceState(history.state, "", slugs.length ? "?" + query.toString() : location.pathname);
        if (slugs.length < 2) {
          out.textContent = "";
          status.textContent = slugs.length ? "Choose one more charter to compare." : "";
          return;
        }
        Promise.all(slugs.map(function (s) { return getJSON(new URL(bySlug[s].data, base)); }))
          .then(render)
          .catch(function () { status.textContent = "The charters could not be loaded. Try again."; });
      }

      var params = new URLSearchParams(location.search);
      names.forEach(function (n) {
        var v = params.get(n);
        if (v && bySlug[v]) form.elements[n].value = v;
      });
      document.querySelectorAll("[data-ck-nojs]").forEach(function (p) { p.hidden = true; });
      form.hidden = false;
      form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
      if (params.get("a") && params.get("b")) setTimeout(run, 100);
      else if (params.get("a")) setTimeout(run, 100);
    }).catch(function () { /* the page's own text points to the theme pages */ });
  }

  var filter = document.querySelector("form[data-ck-filter]");
  if (filter) setUpFilter(filter);
  var compare = document.querySelector("form[data-ck-compare]");
  if (compare) setUpCompare(compare);
})();
