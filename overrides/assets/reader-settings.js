/* Reader settings: text size, font, line spacing and colours, remembered in this browser.
 *
 * The markup is partials/reader-settings.html (hidden without JavaScript); main.html applies the saved
 * choices in <head> before the page is drawn. Choices are kept in localStorage under the theme's own
 * per-site key (__md_get / __md_set), and nothing is sent anywhere. Colours are the theme's palette:
 * choosing one clicks the theme's own palette input, so the theme stores it and its header button agrees.
 */
(function () {
  "use strict";

  var KEY = "__ck_reader";
  var root = document.documentElement;
  var bar = document.getElementById("ck-reader");
  if (!bar) return;
  var toggle = document.getElementById("ck-reader-toggle");
  var panel = document.getElementById("ck-reader-panel");

  function load() {
    try {
      var saved = typeof __md_get === "function" ? __md_get(KEY) : JSON.parse(localStorage.getItem(KEY));
      return saved && typeof saved === "object" ? saved : {};
    } catch (e) {
      return {};
    }
  }

  function save(state) {
    if (typeof __md_set === "function") {
      __md_set(KEY, state);
      return;
    }
    try {
      localStorage.setItem(KEY, JSON.stringify(state));
    } catch (e) { /* storage may be off: the choice still applies to this page */ }
  }

  /* The same rules as the snippet in main.html, so a page and its reload look the same. */
  function apply(state) {
    for (var i = 1; i <= 3; i++) root.classList.toggle("ck-text-" + i, Number(state.text) === i);
    root.classList.toggle("ck-font-legible", state.font === "legible");
    root.classList.toggle("ck-spacing-wide", state.spacing === "wide");
    /* The theme's layout queries follow the text size (reader-layout.js). */
    document.dispatchEvent(new Event("ck:textsize"));
  }

  function paletteInputs() {
    return Array.prototype.slice.call(
      document.querySelectorAll("[data-md-component=palette] input[data-md-color-scheme]"));
  }

  function currentScheme() {
    return document.body.getAttribute("data-md-color-scheme") || "default";
  }

  function setScheme(scheme) {
    var input = paletteInputs().filter(function (el) {
      return el.getAttribute("data-md-color-scheme") === scheme;
    })[0];
    if (input && !input.checked) input.click();
  }

  function check(name, value) {
    var el = bar.querySelector('input[name="ck-' + name + '"][value="' + value + '"]');
    if (el) el.checked = true;
  }

  function show(state) {
    check("text", String(Number(state.text) || 0));
    check("font", state.font === "legible" ? "legible" : "standard");
    check("spacing", state.spacing === "wide" ? "wide" : "standard");
    check("colours", currentScheme());
  }

  function setOpen(open, focusToggle) {
    panel.hidden = !open;
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open) show(load());
    if (!open && focusToggle) toggle.focus();
  }

  /* Without the theme's palette (a page that leaves the header out) the colours cannot be kept. */
  var colours = bar.querySelector("[data-ck-colours]");
  if (colours && !paletteInputs().length) colours.hidden = true;

  toggle.addEventListener("click", function () {
    setOpen(panel.hidden, false);
  });

  bar.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.type !== "radio") return;
    var group = input.name.replace(/^ck-/, "");
    if (group === "colours") {
      setScheme(input.value);
      return;
    }
    var state = load();
    state[group] = group === "text" ? Number(input.value) : input.value;
    save(state);
    apply(state);
  });

  bar.addEventListener("click", function (event) {
    var target = event.target.closest ? event.target.closest("button") : null;
    if (!target) return;
    if (target.hasAttribute("data-ck-close")) {
      setOpen(false, true);
    } else if (target.hasAttribute("data-ck-reset")) {
      save({});
      apply({});
      /* Colours go back to what this device asks for, as on a first visit. */
      var system = paletteInputs().filter(function (el) {
        var media = el.getAttribute("data-md-color-media");
        return media && window.matchMedia(media).matches;
      })[0];
      if (system) setScheme(system.getAttribute("data-md-color-scheme"));
      show({});
    }
  });

  /* Escape closes the panel from anywhere inside it and puts the focus back on the button. */
  bar.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) {
      event.preventDefault();
      setOpen(false, true);
    }
  });

  /* The header's own colour button changes the scheme too: keep the radio buttons in step. */
  paletteInputs().forEach(function (el) {
    el.addEventListener("change", function () {
      window.setTimeout(function () { check("colours", currentScheme()); }, 0);
    });
  });

  bar.hidden = false;
  apply(load());
})();
