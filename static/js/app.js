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
  document.addEventListener("htmx:responseError", function (e) {
    if (e.detail.xhr && e.detail.xhr.status >= 500) showToast("Lỗi hệ thống. Thao tác chưa được lưu; vui lòng thử lại.", "error");
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
})();
