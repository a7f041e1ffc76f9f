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

// On touch screens a tap on a citation first shows its full reference (Material's
// tooltip, on focus); a second tap follows the link to the bibliography.
(function () {
  if (!window.matchMedia || !matchMedia("(hover: none)").matches) return;
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.cite");
    if (!link || link === document.activeElement && link.getAttribute("data-tapped")) return;
    event.preventDefault();
    document.querySelectorAll("a.cite[data-tapped]").forEach(function (a) { a.removeAttribute("data-tapped"); });
    link.setAttribute("data-tapped", "1");
    link.focus();
  }, true);
})();
