/* charterkit: "Listen" reads a charter aloud with the browser's own speech (the Web Speech API).

   Privacy: only voices that run on the reader's own device (SpeechSynthesisVoice.localService) are used,
   so no word of the page is sent to any service. A browser without speech, or with only remote voices,
   never shows the control (templates/charterkit/partials/listen.html starts hidden).

   What is read: the elements the control's data-ck-listen selector names (the charter's title and words),
   in page order, one sentence at a time; pictures, theme tags and the control itself are left out. The
   sentence being read is highlighted (CSS highlight API, or the whole block where that is missing), and a
   status line tells screen-reader users what is happening. Pause, Resume, Stop and the speed work from
   the keyboard like any button; focus moves to the button that takes the place of the one pressed. */
(function () {
  "use strict";

  var control = document.querySelector("[data-ck-listen]");
  var synth = window.speechSynthesis;
  if (!control || !synth || typeof window.SpeechSynthesisUtterance !== "function") return;

  var BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, td, th, caption, blockquote";
  var SKIP = "[aria-hidden='true'], svg, script, style, .ck-listen, .ck-themes, .ck-er-picture, " +
    "[data-ck-listen-skip], .headerlink";
  var buttons = {};
  control.querySelectorAll("[data-ck-listen-action]").forEach(function (b) {
    buttons[b.dataset.ckListenAction] = b;
  });
  var speed = control.querySelector("[data-ck-listen-speed]");
  var status = control.querySelector("[role='status']");
  var sentences = null;
  var index = 0;
  var state = "idle";
  var token = 0; // Events of an utterance cancelled by Stop or a new speed are ignored.

  // --- The words, as sentences with their place in the page.
  function textGroups() {
    var roots = document.querySelectorAll(control.dataset.ckListen);
    var groups = [];
    var last = null;
    roots.forEach(function (root) {
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
        acceptNode: function (node) {
          var parent = node.parentElement;
          if (!parent || parent.closest(SKIP)) return NodeFilter.FILTER_REJECT;
          return NodeFilter.FILTER_ACCEPT;
        }
      });
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var block = node.parentElement.closest(BLOCKS) || root;
        if (!last || last.block !== block) {
          last = { block: block, nodes: [], text: "" };
          groups.push(last);
        }
        last.nodes.push({ node: node, start: last.text.length });
        last.text += node.data;
      }
    });
    return groups;
  }

  function position(group, offset) {
    for (var i = group.nodes.length - 1; i >= 0; i--) {
      if (group.nodes[i].start <= offset) {
        return { node: group.nodes[i].node, offset: offset - group.nodes[i].start };
      }
    }
    return { node: group.nodes[0].node, offset: 0 };
  }

  function collect() {
    var out = [];
    // A sentence ends at . ! ? or … (with any closing quote or bracket), or at the end of its block.
    var pattern = /[^.!?\u2026]+(?:[.!?\u2026]+["'\u2019\u201d)\]]*|$)/g;
    textGroups().forEach(function (group) {
      var match;
      pattern.lastIndex = 0;
      while ((match = pattern.exec(group.text)) !== null) {
        var raw = match[0];
        var lead = raw.length - raw.replace(/^\s+/, "").length;
        var text = raw.trim().replace(/\s+/g, " ");
        if (!/[\p{L}\p{N}]/u.test(text)) continue;
        var start = match.index + lead;
        var end = start + raw.trim().length;
        var range = document.createRange();
        var a = position(group, start);
        var b = position(group, end);
        range.setStart(a.node, a.offset);
        range.setEnd(b.node, b.offset);
        var langHolder = group.block.closest("[lang]");
        out.push({ text: text, range: range, block: group.block,
          lang: langHolder ? langHolder.getAttribute("lang") : document.documentElement.lang });
      }
    });
    return out;
  }

  // --- Voices on this device only.
  function localVoices() {
    return synth.getVoices().filter(function (v) { return v.localService; });
  }

  function voiceFor(lang) {
    var voices = localVoices();
    var want = (lang || "").toLowerCase().replace("_", "-");
    var primary = want.split("-")[0];
    function tag(v) { return (v.lang || "").toLowerCase().replace("_", "-"); }
    return voices.filter(function (v) { return tag(v) === want; })[0] ||
      voices.filter(function (v) { return tag(v).split("-")[0] === primary; })[0] ||
      voices.filter(function (v) { return v.default; })[0] || voices[0] || null;
  }

  // --- Highlight.
  function highlight(sentence) {
    clearHighlight();
    if (!sentence) return;
    if (window.CSS && CSS.highlights && typeof window.Highlight === "function") {
      CSS.highlights.set("ck-listen", new Highlight(sentence.range));
    } else {
      sentence.block.classList.add("ck-listen-reading");
    }
    var rect = sentence.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > window.innerHeight) {
      sentence.block.scrollIntoView({ block: "center" });
    }
  }

  function clearHighlight() {
    if (window.CSS && CSS.highlights) CSS.highlights.delete("ck-listen");
    document.querySelectorAll(".ck-listen-reading").forEach(function (el) {
      el.classList.remove("ck-listen-reading");
    });
  }

  // --- The buttons on show, and where focus goes.
  function show(newState, say) {
    var hadFocus = control.contains(document.activeElement) &&
      document.activeElement.hasAttribute("data-ck-listen-action");
    state = newState;
    buttons.play.hidden = state !== "idle";
    buttons.pause.hidden = state !== "playing";
    buttons.resume.hidden = state !== "paused";
    buttons.stop.hidden = state === "idle";
    if (say !== undefined) status.textContent = say;
    if (hadFocus) {
      var next = { idle: buttons.play, playing: buttons.pause, paused: buttons.resume }[state];
      next.focus();
    }
  }

  function speak() {
    var sentence = sentences[index];
    var mine = ++token;
    var utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.lang = sentence.lang || "";
    var voice = voiceFor(utterance.lang);
    if (!voice) {
      finish("No voice on this device can read this page.");
      return;
    }
    utterance.voice = voice;
    utterance.rate = parseFloat(speed.value) || 1;
    utterance.onstart = function () {
      if (mine !== token) return;
      highlight(sentence);
      status.textContent = "Reading sentence " + (index + 1) + " of " + sentences.length + ".";
    };
    utterance.onend = function () {
      if (mine !== token || state === "idle") return;
      index += 1;
      if (index < sentences.length) speak();
      else finish("Finished reading.");
    };
    utterance.onerror = function (event) {
      if (mine !== token || event.error === "interrupted" || event.error === "canceled") return;
      finish("Reading stopped: the voice could not read this sentence.");
    };
    synth.speak(utterance);
  }

  function finish(say) {
    token += 1;
    clearHighlight();
    show("idle", say);
  }

  buttons.play.addEventListener("click", function () {
    sentences = sentences || collect();
    if (!sentences.length) {
      status.textContent = "There is nothing to read on this page.";
      return;
    }
    synth.cancel();
    index = 0;
    show("playing", "Reading.");
    speak();
  });
  buttons.pause.addEventListener("click", function () {
    synth.pause();
    show("paused", "Paused.");
  });
  buttons.resume.addEventListener("click", function () {
    synth.resume();
    show("playing", "Reading.");
  });
  buttons.stop.addEventListener("click", function () {
    synth.cancel();
    finish("Stopped.");
  });
  speed.addEventListener("change", function () {
    // The new speed starts with the sentence being read, read again from its start.
    if (state === "playing") {
      token += 1;
      synth.cancel();
      speak();
    }
  });
  window.addEventListener("pagehide", function () { synth.cancel(); });

  // The control is shown once the device has a voice of its own (voices may arrive after the page).
  function reveal() {
    if (control.hidden && localVoices().length) control.hidden = false;
  }
  reveal();
  if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", reveal);
})();
