// Sơ kết GNBV — small behaviours that need no inline script (CSP forbids it).
(function () {
  "use strict";
  function fadeToasts(root) {
    (root || document).querySelectorAll("#toasts .toast:not([data-timed])").forEach(function (el) {
      el.setAttribute("data-timed", "1");
      setTimeout(function () { el.classList.add("fade"); }, 4000);
      setTimeout(function () { el.remove(); }, 4700);
    });
  }
  document.addEventListener("DOMContentLoaded", function () { fadeToasts(); });
  document.addEventListener("htmx:afterSettle", function () { fadeToasts(); });
  document.addEventListener("htmx:oobAfterSwap", function () { fadeToasts(); });
  // A network failure or a server error must not pass silently.
  document.addEventListener("htmx:sendError", function () { showToast("Không kết nối được máy chủ. Thao tác chưa được lưu.", "error"); });
  // Every error answer of ours says why: it carries an out-of-band toast and HX-Reswap: none
  // (webapp.core.htmx.refusal); a 409/422 swaps its form fragment. Anything else (a proxy's
  // error page, a crash before our handler) must neither replace the panel nor pass silently.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var xhr = e.detail.xhr;
    if (!xhr || xhr.status < 400 || xhr.status === 409 || xhr.status === 422) return;
    if (xhr.getResponseHeader("HX-Reswap")) return;
    e.detail.shouldSwap = false;
    showToast(xhr.status >= 500 ? "Lỗi hệ thống. Thao tác chưa được lưu; vui lòng thử lại."
      : "Máy chủ từ chối thao tác này. Vui lòng tải lại trang rồi thử lại.", "error");
  });
  function showToast(message, kind) {
    var box = document.getElementById("toasts");
    if (!box) return;
    var el = document.createElement("div");
    el.className = "toast toast-" + (kind || "info");
    el.setAttribute("role", "status");
    el.textContent = message;
    box.appendChild(el);
    fadeToasts();
  }
  window.gnbvToast = showToast;

  // A form marked data-save-first="#draft-form" first sends the draft's pending autosave (what
  // was typed in the last moments), then submits: the last keystrokes are never lost.
  document.addEventListener("input", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("hx-post")) form.dataset.dirty = "1";
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var elt = e.detail.elt;
    if (elt && elt.dataset && elt.dataset.dirty && e.detail.successful) delete elt.dataset.dirty;
  });
  document.addEventListener("submit", function (e) {
    var form = e.target;
    var selector = form.getAttribute("data-save-first");
    var draft = selector && document.querySelector(selector);
    if (!draft || !draft.dataset.dirty || !window.htmx) return;
    e.preventDefault();
    htmx.ajax("POST", draft.getAttribute("hx-post"), {
      source: draft, target: draft.getAttribute("hx-target"), swap: draft.getAttribute("hx-swap")
    }).then(function () { delete draft.dataset.dirty; form.submit(); });
  });
})();
