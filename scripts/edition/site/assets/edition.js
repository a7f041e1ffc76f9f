// Keep the reader's place when switching language: paragraphs, notes and
// sections have the same identifiers in both languages (#p12, #n12, #s2-1).
// Without JavaScript the switch still works and lands at the top of the page.
(function () {
  function currentAnchor() {
    if (location.hash) return location.hash;
    var blocks = document.querySelectorAll(".md-content [id^='p'].para, .md-content li[id^='n'], .md-content .pair[id]");
    for (var i = 0; i < blocks.length; i++) {
      var r = blocks[i].getBoundingClientRect();
      if (r.bottom > 80) return "#" + blocks[i].id;
    }
    return "";
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link) return;
    var anchor = currentAnchor();
    if (anchor) link.href = link.href.split("#")[0] + anchor;
  }, true);
})();

// “Cite” buttons on every paragraph and note. The citations themselves are formatted
// at build time (scripts/edition/cite.py) and shipped once per page as JSON; here we
// only fill in the locator (¶ 12 / n. 47) and the permanent link.
(function () {
  var data = document.getElementById("edition-cite");
  if (!data) return;
  var cs = JSON.parse(data.textContent);
  var T = cs.lang === "tr"
    ? {cite: "Atıf", para: "Bu paragrafa atıf", note: "Bu nota atıf", copy: "Kopyala", copied: "Kopyalandı", close: "Kapat",
       article: "Makale", edition: "Bu edisyon", ref: "kaynakça", note_form: "not", intext: "metin içi"}
    : {cite: "Cite", para: "Cite this paragraph", note: "Cite this note", copy: "Copy", copied: "Copied", close: "Close",
       article: "The article", edition: "This edition", ref: "bibliography", note_form: "note", intext: "in-text"};

  function pageUrl() { return location.href.split("#")[0].split("?")[0]; }
  function fill(t, loc, url) { return t.split("{loc}").join(loc).split("{url}").join(url); }
  function locator(style, kind, n) {
    if (kind === "note") return cs.labels.note + " " + n;
    return (style === "apa" ? cs.labels.apa_para : style === "mla" ? cs.labels.mla_para : cs.labels.para) + " " + n;
  }
  function copy(text, button) {
    function done() { button.textContent = T.copied; setTimeout(function () { button.textContent = T.copy; }, 1500); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    area.remove();
  }

  var dialog = document.createElement("dialog");
  dialog.className = "cite-dialog md-typeset";
  document.body.appendChild(dialog);

  function open(kind, n, anchor) {
    var url = pageUrl() + "#" + anchor;
    var html = '<form method="dialog" class="cite-dialog__close"><button type="submit" aria-label="' + T.close + '">×</button></form>';
    html += "<h2 class=\"cite-dialog__title\">" + (kind === "note" ? T.note : T.para) + " (" + locator("chicago", kind, n) + ")</h2>";
    html += '<p class="cite-dialog__url"><a href="' + url + '">' + url + "</a></p>";
    ["article", "edition"].forEach(function (work) {
      html += "<h3>" + T[work] + "</h3><dl>";
      cs.styles.forEach(function (s) {
        var form = s.id === "chicago" ? T.note_form : T.intext;
        var cite = fill(s[work].note, locator(s.id, kind, n), url);
        var ref = fill(s[work].reference, "", url);
        html += "<dt>" + s.name + ", " + form + "</dt><dd><span class=\"cite-text\" data-style=\"" + s.id + "-" + work + "\">" + cite +
                "</span> <button type=\"button\" class=\"md-button cite-copy\">" + T.copy + "</button></dd>";
        html += "<dt>" + s.name + ", " + T.ref + "</dt><dd><span class=\"cite-text\">" + ref +
                "</span> <button type=\"button\" class=\"md-button cite-copy\">" + T.copy + "</button></dd>";
      });
      html += "</dl>";
    });
    dialog.innerHTML = html;
    dialog.setAttribute("aria-label", kind === "note" ? T.note : T.para);
    dialog.querySelectorAll(".cite-copy").forEach(function (b) {
      b.addEventListener("click", function () { copy(b.previousElementSibling.textContent, b); });
    });
    dialog.showModal();
    var first = dialog.querySelector(".cite-copy");
    if (first) first.focus();
  }

  function addButton(host, kind, n, anchor, before) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "cite-btn";
    b.setAttribute("aria-label", (kind === "note" ? T.note : T.para) + " " + n);
    b.title = kind === "note" ? T.note : T.para;
    b.setAttribute("data-card-omit", "");
    b.addEventListener("click", function () { open(kind, n, anchor); });
    if (before) host.insertBefore(b, before); else host.appendChild(b);
  }

  document.querySelectorAll(".md-content p.para[id]").forEach(function (p) {
    var num = p.querySelector(".para-num");
    if (!num) return;
    addButton(p, "para", num.getAttribute("data-n"), p.id.replace(/^(tr|en)-/, ""), num.nextSibling);
  });
  document.querySelectorAll(".md-content .footnote li[id]").forEach(function (li) {
    var host = li.querySelector("p") || li;
    addButton(host, "note", li.getAttribute("value"), li.id.replace(/^(tr|en)-/, ""), null);
  });
})();

// Cards: the edition's one pop-up script, for every kind (notes, citations, emendations,
// entities, editorial comments; the convention is in scripts/edition/cards.py). A trigger
// [data-card=ID] (or a mention of the register, a.entity) shows a copy of the content of #ID
// (a note's <li>, or a <template>) or, when the page has no #ID, of the shared card ID of the
// trigger's language, from the language's card file, loaded on first use: on hover with a
// mouse, on keyboard focus, and on a first tap on a touch screen (the card then holds the
// link; a second tap on the trigger follows it). Escape or a tap elsewhere closes it.
// Without JavaScript a trigger is a plain link.
(function () {
  var card = null, current = null, tapped = false, pointer = "", showTimer = 0, hideTimer = 0;
  var pending = null, pendingLink = false;   // a trigger whose card waits for its card file
  var MORE = document.documentElement.lang === "tr" ? "Bağlantıya git" : "Follow the link";
  var script = document.currentScript, files = (window.__editionFiles || {}).cards || {}, loading = {};
  var TRIGGER = "[data-card], a.entity";

  function triggerOf(node) {
    var t = node && node.closest ? node.closest(TRIGGER) : null;
    return t && !(card && card.contains(t)) ? t : null;
  }
  function cardId(trigger) {
    var id = trigger.getAttribute("data-card");
    if (id) return id;
    var m = /([^\/#?]+)\.html(?:[#?]|$)/.exec(trigger.getAttribute("href") || "");   // a.entity: dizin/<id>.html
    return m ? "e-" + decodeURIComponent(m[1]) : "";
  }
  function langOf(trigger) {
    var el = trigger.closest("[lang]");
    return el ? el.lang : document.documentElement.lang;
  }
  // The shared cards of a language: a script of their own (it also works from file://).
  function shared(lang, then) {
    var all = window.__editionCards || {};
    if (all[lang]) return all[lang];
    if (!files[lang] || !script || !script.src) return null;
    if (!loading[lang]) {
      loading[lang] = document.createElement("script");
      loading[lang].src = script.src.replace(/[^\/]*$/, "") + files[lang];
      document.head.appendChild(loading[lang]);
    }
    if (then) loading[lang].addEventListener("load", then);
    return null;
  }
  function box() {
    if (card) return card;
    card = document.createElement("div");
    card.id = "edition-card";
    card.className = "edition-card md-typeset";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", later);
    document.body.appendChild(card);
    return card;
  }
  // The card's content, or null while the card file is loading (then `show` runs again).
  function content(trigger) {
    var id = cardId(trigger), source = id && document.getElementById(id), copy;
    if (source) {
      copy = source.content ? source.content.cloneNode(true) : document.createDocumentFragment();
      if (!source.content) for (var n = source.firstChild; n; n = n.nextSibling) copy.appendChild(n.cloneNode(true));
      return copy;
    }
    var lang = langOf(trigger);
    var store = shared(lang, function () { if (pending === trigger) show(trigger, pendingLink); });
    if (!store) return store === null && files[lang] ? null : false;
    if (!store[id]) return false;
    var tpl = document.createElement("template");
    tpl.innerHTML = store[id];
    copy = tpl.content;
    copy.querySelectorAll("a[data-card-href]").forEach(function (a) {
      a.removeAttribute("data-card-href");
      a.setAttribute("href", trigger.getAttribute("href"));
    });
    var loc = trigger.getAttribute("data-loc");
    copy.querySelectorAll("[data-card-loc]").forEach(function (el) {
      if (loc) el.replaceWith(", " + loc); else el.remove();
    });
    return copy;
  }
  function fill(trigger, withLink) {
    var copy = content(trigger);
    if (!copy) return copy;
    copy.querySelectorAll("[data-card-omit]").forEach(function (el) { el.remove(); });
    copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
    copy.querySelectorAll("[data-card]").forEach(function (el) { el.removeAttribute("data-card"); });
    var c = box();
    c.textContent = "";
    c.appendChild(copy);
    var href = trigger.getAttribute("href");
    if (withLink && href) {
      var more = document.createElement("p"), a = document.createElement("a");
      more.className = "edition-card__more";
      a.href = href;
      a.textContent = MORE;
      more.appendChild(a);
      c.appendChild(more);
    }
    c.lang = langOf(trigger);
    return true;
  }
  function place(trigger) {
    var r = trigger.getClientRects()[0] || trigger.getBoundingClientRect();
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    card.style.left = card.style.top = "0px";
    var w = card.offsetWidth, h = card.offsetHeight;
    var left = Math.max(8, Math.min(r.left, vw - w - 8));
    var top = r.bottom + 6;
    if (top + h > vh - 8 && r.top - h - 6 >= 8) top = r.top - h - 6;
    card.style.left = left + window.scrollX + "px";
    card.style.top = top + window.scrollY + "px";
  }
  function show(trigger, withLink) {
    clearTimeout(showTimer); clearTimeout(hideTimer);
    if (current && current !== trigger) hide();
    pending = trigger;
    pendingLink = withLink;
    var filled = fill(trigger, withLink);
    if (filled === null) return;          // the card file is on its way
    pending = null;
    if (!filled) return;
    card.hidden = false;
    place(trigger);
    trigger.setAttribute("aria-describedby", card.id);
    current = trigger;
    tapped = withLink;
  }
  function hide() {
    clearTimeout(showTimer); clearTimeout(hideTimer);
    if (card) card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    pending = null;
    tapped = false;
  }
  function later() { clearTimeout(hideTimer); hideTimer = setTimeout(hide, 250); }

  // Triggers that are not links (emendations) are reached with the keyboard too.
  document.querySelectorAll("[data-card]:not(a):not(button)").forEach(function (el) { el.tabIndex = 0; });

  document.addEventListener("pointerover", function (e) {
    if (e.pointerType !== "mouse") return;
    var t = triggerOf(e.target);
    if (!t) return;
    clearTimeout(hideTimer);
    if (!document.getElementById(cardId(t))) shared(langOf(t));   // start loading during the delay
    if (t !== current) { clearTimeout(showTimer); showTimer = setTimeout(function () { show(t, false); }, 120); }
  });
  document.addEventListener("pointerout", function (e) {
    if (e.pointerType !== "mouse") return;
    var t = triggerOf(e.target);
    if (!t || t.contains(e.relatedTarget)) return;
    clearTimeout(showTimer);
    if (pending === t) pending = null;
    if (t === current && !(card && card.contains(e.relatedTarget))) later();
  });
  document.addEventListener("focusin", function (e) {
    var t = triggerOf(e.target);
    if (t && t !== current) show(t, false);
  });
  document.addEventListener("focusout", function (e) {
    if (pending === e.target) pending = null;
    if (current && e.target === current && !(card && card.contains(e.relatedTarget)) && !tapped) hide();
  });
  document.addEventListener("pointerdown", function (e) { pointer = e.pointerType; }, true);
  document.addEventListener("keydown", function (e) {
    pointer = "";
    if (e.key === "Escape" && (current || pending)) hide();
  });
  document.addEventListener("click", function (e) {
    var t = triggerOf(e.target);
    var touch = e.detail > 0 && (pointer === "touch" || pointer === "pen");
    if (!t) {
      if ((current || pending) && !(card && card.contains(e.target))) hide();
      return;
    }
    if (!touch || (t === current && tapped)) return;   // a mouse click, or a second tap: follow the link
    e.preventDefault();
    show(t, true);
  });
  window.addEventListener("resize", function () { if (current) place(current); });

  // A chapter's chronology drawing is shared content too (details[data-strip]): put in the first
  // time a reader opens its fold. Without JavaScript the fold links to the whole chronology.
  document.addEventListener("toggle", function (e) {
    var fold = e.target;
    if (!fold.open || !fold.getAttribute || !fold.getAttribute("data-strip")) return;
    (function fill() {
      var all = shared(langOf(fold), fill), drawing = all && all[fold.getAttribute("data-strip")];
      if (drawing && !fold.querySelector(".figure-scroll")) {
        fold.querySelector("summary").insertAdjacentHTML("afterend", drawing);
      }
    })();
  }, true);
})();
