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
