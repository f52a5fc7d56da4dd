/* charterkit: keyboard access that the theme (Material for MkDocs) leaves out. Loaded on every page by
   overrides/main.html, after the theme's own script.

   The theme opens its menu and the sections of its menu with <label>s for hidden checkboxes: they
   answer a click or a tap, but the Tab key never reaches them, so on a narrow screen (or zoomed in) a
   keyboard user could open neither the menu nor its sections. Here:
   - the header's menu label gives way to a real button, which says whether the menu is open;
   - so does the colour-scheme toggle (see below);
   - in the drawer, the labels of the menu's sections take focus and answer Enter and Space, as the
     theme's own nested labels do;
   - the menu moves focus into itself when opened, closes on Escape and when focus leaves it;
   - tables too wide for the screen scroll in a box that takes focus.
   The hidden panels are kept out of the Tab order by charterkit.css. Names come from the page (the
   theme's translations), never from this file. Without JavaScript the theme's labels work as before. */
(function () {
  "use strict";

  // The theme's breakpoint: below it the menu is a drawer. (The site's search is a page of its own,
  // linked from the header: assets/charterkit-search.js.)
  var drawerMode = window.matchMedia("(max-width: 76.234375em)");
  var drawer = document.getElementById("__drawer");
  var sidebar = document.querySelector(".md-sidebar--primary");

  function setOpen(box, open) {
    // A click on the checkbox fires "change", which both the theme and this file listen for.
    if (box && box.checked !== open) box.click();
  }

  function isShown(el) {
    return el.checkVisibility ? el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true })
      : el.offsetParent !== null;
  }

  function firstFocusable(root) {
    var all = root.querySelectorAll('a[href], button, input:not([type="hidden"]), [tabindex="0"]');
    for (var i = 0; i < all.length; i++) {
      if (isShown(all[i])) return all[i];
    }
    return null;
  }

  // After a panel opens or closes from the keyboard, focus goes where the eye does: into the panel just
  // opened, or back to what opened a panel just closed (charterkit.css hides what is under a panel).
  function moveFocus(box) {
    var target = null;
    if (box === drawer) {
      target = drawer.checked && sidebar ? firstFocusable(sidebar) : null;
    } else if (/^__(nav_|toc)/.test(box.id)) {
      var item = box.parentElement;
      var panel = item.querySelector(":scope > .md-nav");
      target = box.checked && panel ? firstFocusable(panel)
        : item.querySelector(':scope > label.md-nav__link[for="' + box.id + '"]');
    }
    if (target) target.focus();
  }

  // --- The header's menu button.
  var menuButton = null;
  function headerButton(label, name) {
    var box = document.getElementById(label.htmlFor);
    if (!box) return null;
    var button = document.createElement("button");
    button.type = "button";
    button.className = label.className;
    button.dataset.ckFor = box.id;
    button.setAttribute("aria-label", name);
    button.setAttribute("aria-expanded", String(box.checked));
    button.innerHTML = label.innerHTML;
    label.hidden = true;
    label.after(button);
    box.addEventListener("change", function () { button.setAttribute("aria-expanded", String(box.checked)); });
    button.addEventListener("click", function (event) {
      setOpen(box, !box.checked);
      // A click from the keyboard (detail 0) moves focus on; one from a pointer leaves it to the theme.
      if (event.detail === 0) moveFocus(box);
    });
    return button;
  }
  var nav = document.querySelector(".md-nav--primary");
  var drawerLabel = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  if (drawerLabel && nav) menuButton = headerButton(drawerLabel, nav.getAttribute("aria-label") || "");

  // --- The colour-scheme toggle. The theme draws it as the label of one of a group of hidden radio
  // buttons, none of them checked: Tab lands on the first radio whatever the scheme, so in the dark
  // scheme focus sat on a radio whose label was hidden, and each radio is named after the scheme its
  // label switches to, not its own. One real button takes their place, named as the label on show.
  var palette = document.querySelector('.md-header__option[data-md-component="palette"]');
  if (palette && palette.querySelector("label")) {
    var paletteButton = document.createElement("button");
    paletteButton.type = "button";
    paletteButton.className = "md-header__button md-icon";
    paletteButton.dataset.ckPalette = "";
    var syncPalette = function () {
      var shown = palette.querySelector("label:not([hidden])");
      if (!shown) return;
      paletteButton.setAttribute("aria-label", shown.title);
      paletteButton.title = shown.title;
      paletteButton.innerHTML = shown.innerHTML;
    };
    syncPalette();
    palette.querySelectorAll("input").forEach(function (input) {
      input.tabIndex = -1;
      input.setAttribute("aria-hidden", "true");
    });
    palette.classList.add("ck-palette");
    palette.append(paletteButton);
    // The theme answers Enter anywhere in the toggle by switching and focusing a radio: not for this one.
    paletteButton.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.stopPropagation();
    });
    paletteButton.addEventListener("click", function () {
      // The radio itself, not its label: a click on a label would move focus to the radio.
      var shown = palette.querySelector("label:not([hidden])");
      var radio = shown ? document.getElementById(shown.htmlFor) : null;
      if (radio) radio.click();
    });
    new MutationObserver(syncPalette).observe(palette, { attributes: true, subtree: true, attributeFilter: ["hidden"] });
  }

  // --- Sections of the menu open as panels only in the drawer; on a wide screen they are headings.
  function focusable(label, on) {
    if (on && label.dataset.ckTabindex === undefined) {
      var tabindex = label.getAttribute("tabindex");
      label.dataset.ckTabindex = tabindex === null ? "none" : tabindex;
      label.setAttribute("tabindex", "0");
    } else if (!on && label.dataset.ckTabindex !== undefined) {
      if (label.dataset.ckTabindex === "none") label.removeAttribute("tabindex");
      else label.setAttribute("tabindex", label.dataset.ckTabindex);
      delete label.dataset.ckTabindex;
    }
  }
  var sectionLabels = document.querySelectorAll(
    '.md-nav--primary label.md-nav__link[for^="__nav_"][tabindex=""], ' +
    '.md-nav--primary label.md-nav__title[for^="__nav_"], .md-nav--primary label[for="__toc"]');
  function updateSections() {
    sectionLabels.forEach(function (label) { focusable(label, drawerMode.matches); });
  }
  sectionLabels.forEach(function (label) {
    var box = document.getElementById(label.htmlFor);
    if (!box) return;
    label.addEventListener("keydown", function (event) {
      if (label.getAttribute("tabindex") !== "0" || (event.key !== "Enter" && event.key !== " ")) return;
      // The theme clicks a focused label on Enter too: stop the key here so the panel toggles once.
      event.preventDefault();
      event.stopPropagation();
      label.click();
      moveFocus(box);
    });
    // The theme keeps aria-expanded on the section's list up to date for its own labels only.
    box.addEventListener("change", function () {
      var list = box.parentElement.querySelector(":scope > nav[aria-expanded]");
      if (list) list.setAttribute("aria-expanded", String(box.checked));
    });
  });
  updateSections();
  drawerMode.addEventListener("change", updateSections);

  // --- The drawer: Escape closes it, and so does moving focus out of it.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked && drawerMode.matches) {
      setOpen(drawer, false);
      if (menuButton) menuButton.focus();
    }
  });
  document.addEventListener("focusin", function (event) {
    if (!drawer || !drawer.checked || !sidebar || !drawerMode.matches) return;
    if (!sidebar.contains(event.target) && event.target !== menuButton) setOpen(drawer, false);
  });

  // --- Tables wider than the screen: their scrolling box takes focus, named after the table.
  function scrollBoxes() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        var table = box.querySelector("table");
        var caption = table && table.caption ? table.caption.textContent : "";
        var head = table ? table.querySelector("tr") : null;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "group");
        box.setAttribute("aria-label", (caption || (head ? head.textContent : "")).replace(/\s+/g, " ").trim());
        box.dataset.ckScroll = "";
      } else if (!scrolls && box.dataset.ckScroll !== undefined) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.ckScroll;
      }
    });
  }
  var pending = 0;
  window.addEventListener("load", scrollBoxes);
  window.addEventListener("resize", function () {
    window.cancelAnimationFrame(pending);
    pending = window.requestAnimationFrame(scrollBoxes);
  });
  scrollBoxes();
})();

/* The picture gallery's filter box: shown only when this script runs (the page itself is a plain list,
   which the browser's "Find in page" searches without it). Hides the pictures whose name does not
   contain what is typed. */
(function () {
  "use strict";
  var box = document.getElementById("ck-picture-filter");
  if (!box) return;
  box.parentElement.hidden = false;
  var items = document.querySelectorAll(".ck-pictures > li");
  box.addEventListener("input", function () {
    var wanted = box.value.trim().toLowerCase();
    items.forEach(function (li) {
      li.hidden = wanted !== "" && li.textContent.toLowerCase().indexOf(wanted) < 0;
    });
  });
})();
