/* Reader settings: the theme's scripts see the layout its stylesheet shows at the chosen text size.
 *
 * At a larger text size the stylesheets apply the theme's phone, tablet and desktop layouts at widths
 * scaled by the size (plugins/charterkit/render/textsize.py), so a bigger text size gives one column
 * instead of a squeezed middle one. The theme's script decides some things with window.matchMedia on
 * the same widths (whether the menu is a drawer, where the contents sit): this wraps matchMedia so its
 * width queries are scaled the same way, by --ck-layout-scale on <html>. Loaded in <head> by main.html,
 * before the theme's script; reader-settings.js sends "ck:textsize" when the size changes, and each
 * query then tells its listeners if its answer changed. Other queries (print, colours) are untouched.
 */
(function () {
  "use strict";

  var original = window.matchMedia;
  if (typeof original !== "function") return;
  var root = document.documentElement;
  var WIDTH = /((?:min|max)-width\s*:\s*)([0-9]*\.?[0-9]+)em/g;
  /* The theme's layout breakpoints, as in BREAKPOINTS_EM (textsize.py). */
  var LAYOUT = [29.984375, 30, 44.984375, 45, 59.984375, 60, 76.234375, 76.25];

  function scale() {
    var value = parseFloat(getComputedStyle(root).getPropertyValue("--ck-layout-scale"));
    return value > 0 ? value : 1;
  }

  function scaled(query, factor) {
    return query.replace(WIDTH, function (all, name, value) {
      return LAYOUT.indexOf(Number(value)) < 0 ? all : name + String(Number(value) * factor) + "em";
    });
  }

  var queries = [];

  function ScaledQuery(query) {
    this.media = query;
    this.onchange = null;
    this._listeners = [];
    this._bind();
  }
  ScaledQuery.prototype._bind = function () {
    var self = this;
    if (this._inner) this._inner.removeListener(this._handler);
    this._inner = original.call(window, scaled(this.media, scale()));
    this._handler = function () { self._tell(); };
    this._inner.addListener(this._handler);
    this._last = this._inner.matches;
  };
  ScaledQuery.prototype._tell = function () {
    var matches = this._inner.matches;
    if (matches === this._last) return;
    this._last = matches;
    var event = { matches: matches, media: this.media };
    this._listeners.slice().forEach(function (fn) { fn.call(null, event); });
    if (typeof this.onchange === "function") this.onchange(event);
  };
  Object.defineProperty(ScaledQuery.prototype, "matches", {
    get: function () { return this._inner.matches; }
  });
  ScaledQuery.prototype.addListener = function (fn) { if (fn) this._listeners.push(fn); };
  ScaledQuery.prototype.removeListener = function (fn) {
    this._listeners = this._listeners.filter(function (x) { return x !== fn; });
  };
  ScaledQuery.prototype.addEventListener = function (type, fn) {
    if (type === "change") this.addListener(fn);
  };
  ScaledQuery.prototype.removeEventListener = function (type, fn) {
    if (type === "change") this.removeListener(fn);
  };

  window.matchMedia = function (query) {
    var text = String(query);
    if (scaled(text, 2) === text) return original.call(window, text);
    var q = new ScaledQuery(text);
    queries.push(q);
    return q;
  };

  document.addEventListener("ck:textsize", function () {
    queries.forEach(function (q) {
      var before = q._last;
      q._bind();
      q._last = before;
      q._tell();
    });
  });
})();
