// Material's search on first use (issue 15). Over http Material makes its search worker and
// requests the search index as soon as a page loads (from file:// it already waits for the
// search box). Run before Material's bundle, this holds both back until the reader first opens
// search (click, tap, focus or Material's keyboard shortcuts), or the address asks for
// highlighting (?h=): the worker is made then, and the index request is sent then. Nothing
// of Material is changed; only the browser's Worker and XMLHttpRequest are wrapped, for the
// search worker and the index alone. From file://, where a page cannot start a worker, the
// worker is iframe-worker's (assets/iframe-worker-shim.js, a file of its own: siteassets.py),
// loaded then too.
(function () {
  var used = false, waiting = [], ready = false;
  var script = document.currentScript, files = window.__editionFiles || {};
  var local = location.protocol === "file:" && !window.IFrameWorker && files.shim && script && script.src;
  function go() {
    ready = true;
    waiting.splice(0).forEach(function (run) { run(); });
  }
  function use() {
    if (used) return;
    used = true;
    if (!local) return go();
    var shim = document.createElement("script");   // from file://: the iframe worker first
    shim.src = script.src.replace(/[^\/]*$/, "") + files.shim;
    shim.onload = go;
    document.head.appendChild(shim);
  }
  function later(run) { if (ready) run(); else waiting.push(run); }
  if (/[?&]h=/.test(location.search)) use();

  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.__editionIndex = /\/search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.__editionIndex) return send.apply(request, args);
    later(function () { send.apply(request, args); });
  };

  var Real = window.Worker;   // the browser's (from file://: iframe-worker's, once loaded)
  if (!window.EventTarget) return;
  class LazyWorker extends EventTarget {
    constructor(url, options) {
      super();
      this.url = url; this.options = options; this.worker = null; this.onmessage = this.onerror = null;
    }
    real() {
      if (this.worker) return this.worker;
      var self = this;
      this.worker = local ? new window.IFrameWorker(this.url) : new Real(this.url, this.options);
      ["message", "error"].forEach(function (type) {
        self.worker.addEventListener(type, function (e) {
          var copy = type === "message" ? new MessageEvent("message", {data: e.data})
            : new ErrorEvent("error", {message: e.message, filename: e.filename, lineno: e.lineno, colno: e.colno, error: e.error});
          self.dispatchEvent(copy);
          if (self["on" + type]) self["on" + type](copy);
          // Ready (Material's message type 1): ask again for what was typed while the index loaded.
          if (type === "message" && e.data && e.data.type === 1) setTimeout(function () {
            var input = document.querySelector(".md-search__input");
            if (input && input.value) input.dispatchEvent(new KeyboardEvent("keyup", {key: "Unidentified"}));
          }, 0);
        });
      });
      return this.worker;
    }
    postMessage(message) { var self = this; later(function () { self.real().postMessage(message); }); }
    terminate() { if (this.worker) this.worker.terminate(); }
  }
  window.Worker = function (url, options) {
    if (/\/workers\/search\.[^/]*\.js/.test(String(url))) return new LazyWorker(url, options);
    if (!Real) throw new Error("no Worker");
    return new Real(url, options);
  };

  function opening(e) {
    var t = e.target;
    if (t && t.closest && (t.closest(".md-search, label[for='__search']") || t.id === "__search")) use();
  }
  document.addEventListener("focusin", opening, true);
  document.addEventListener("pointerdown", opening, true);
  document.addEventListener("click", opening, true);
  document.addEventListener("change", opening, true);
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (/^[sSfF/]$/.test(e.key) && !(t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)))) use();
  }, true);
})();
