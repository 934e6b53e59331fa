// Tawasul staff console: the little glue htmx does not do by itself.
(function () {
  "use strict";
  // The live indicator follows the SSE connection (htmx-ext-sse events).
  function live(state) {
    var el = document.getElementById("live-state");
    if (!el) { return; }
    el.dataset.state = state;
    el.textContent = state === "open" ? el.dataset.connected : el.dataset.reconnecting;
  }
  document.addEventListener("htmx:sseOpen", function () { live("open"); });
  document.addEventListener("htmx:sseError", function () { live("error"); });
  // A canned reply is inserted where the cursor is in the reply box.
  document.addEventListener("click", function (e) {
    var b = e.target.closest("[data-canned]");
    if (!b) { return; }
    var box = document.getElementById("reply-text");
    if (!box) { return; }
    var t = b.dataset.canned, s = box.selectionStart || 0, end = box.selectionEnd || 0;
    box.value = box.value.slice(0, s) + t + box.value.slice(end);
    box.focus();
    box.selectionStart = box.selectionEnd = s + t.length;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  });
  // Ctrl+Enter sends the reply.
  document.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey) && e.target.id === "reply-text") {
      e.preventDefault();
      e.target.form.requestSubmit();
    }
  });
  // New messages keep the transcript scrolled to the newest; a transcript opened from the list (or changed by an
  // action) takes the keyboard focus, on a phone it is also scrolled into view.
  document.addEventListener("htmx:afterSwap", function (e) {
    var list = document.getElementById("messages");
    if (list && (e.target === list || e.target.contains(list))) { list.scrollTop = list.scrollHeight; }
    if (e.target.id === "transcript") {
      var title = e.target.querySelector("#head .title");
      if (title) {
        title.setAttribute("tabindex", "-1");
        title.focus({ preventScroll: true });
        e.target.scrollIntoView({ block: "start" });
      }
    }
  });
})();
