// Sơ kết GNBV — small behaviours that need no inline script (CSP forbids it).
(function () {
  "use strict";

  // --- toasts: announced by #toasts (polite); an error toast is an alert and stays longer ---
  var TOAST_MS = { error: 12000, other: 6000 };
  function toastsPaused() {
    var box = document.getElementById("toasts");
    return !!box && (box.matches(":hover") || box.contains(document.activeElement));
  }
  function dismiss(el) {
    el.classList.add("fade");
    setTimeout(function () { el.remove(); }, 700);
  }
  function timeToasts(root) {
    (root || document).querySelectorAll("#toasts .toast:not([data-timed])").forEach(function (el) {
      el.setAttribute("data-timed", "1");
      var left = el.classList.contains("toast-error") ? TOAST_MS.error : TOAST_MS.other;
      var tick = setInterval(function () {
        if (!el.isConnected) { clearInterval(tick); return; }
        if (toastsPaused()) return;  // reading it, pointer or focus on it: wait
        left -= 500;
        if (left <= 0) { clearInterval(tick); dismiss(el); }
      }, 500);
    });
  }
  // Out-of-band toasts come as <div class="toast toast-error" role="status">: an error gets
  // role="alert" before it is inserted, the others rely on the polite #toasts region.
  function giveToastRoles(root) {
    root.querySelectorAll(".toast").forEach(function (el) {
      if (el.classList.contains("toast-error")) el.setAttribute("role", "alert");
      else el.removeAttribute("role");
    });
  }
  document.addEventListener("htmx:oobBeforeSwap", function (e) {
    if (e.detail.target && e.detail.target.id === "toasts" && e.detail.fragment) giveToastRoles(e.detail.fragment);
  });
  document.addEventListener("DOMContentLoaded", function () { timeToasts(); });
  document.addEventListener("htmx:afterSettle", function () { timeToasts(); });
  document.addEventListener("htmx:oobAfterSwap", function () { timeToasts(); });
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("#toasts .toast");
    if (el) dismiss(el);
  });
  function showToast(message, kind) {
    var box = document.getElementById("toasts");
    if (!box) return;
    var el = document.createElement("div");
    el.className = "toast toast-" + (kind || "info");
    if (kind === "error") el.setAttribute("role", "alert");
    el.textContent = message;
    box.appendChild(el);
    timeToasts();
  }
  window.gnbvToast = showToast;

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

  // --- a live announcement for what a swap changed out of sight (the autosave state, a move) ---
  var lastSaid = "";
  function announce(text) {
    var box = document.getElementById("sr-status");
    text = (text || "").replace(/\s+/g, " ").trim();
    if (!box || !text || text === lastSaid) return;
    lastSaid = text;
    box.textContent = "";
    setTimeout(function () { box.textContent = text; }, 50);
  }
  // A status element replaced by a swap (outerHTML: a new node) is not announced by every
  // screen reader; the persistent #sr-status says it instead.
  // A message flashed before a redirect is on the page from the start, where no live region
  // announces it: say it once the page is there.
  document.addEventListener("DOMContentLoaded", function () {
    var flashed = document.querySelectorAll("#toasts .toast");
    if (flashed.length) setTimeout(function () {
      announce(Array.prototype.map.call(flashed, function (t) { return t.textContent; }).join(" "));
    }, 400);
  });
  document.addEventListener("htmx:afterSwap", function (e) {
    var el = e.target;
    if (!el || !el.matches || el.closest("#toasts")) return;
    if (el.matches("[role=status], [data-announce]")) announce(el.textContent);
  });

  // --- menus: the top bar's <details class="dropdown"> and the phone menu ---
  var menuButton = function () { return document.getElementById("menu-button"); };
  function setPhoneMenu(open) {
    var button = menuButton();
    if (!button) return;
    button.setAttribute("aria-expanded", open ? "true" : "false");
    button.closest(".topbar").classList.toggle("menu-open", open);
  }
  document.addEventListener("click", function (e) {
    var button = e.target.closest && e.target.closest("#menu-button");
    if (button) setPhoneMenu(button.getAttribute("aria-expanded") !== "true");
  });
  function openDropdowns() { return document.querySelectorAll("details.dropdown[open]"); }
  function closeDropdown(details, focusSummary) {
    details.removeAttribute("open");
    if (focusSummary) details.querySelector("summary").focus();
  }
  // One menu open at a time; a menu closes when the focus leaves it.
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.matches || !d.matches("details.dropdown") || !d.open) return;
    openDropdowns().forEach(function (other) { if (other !== d && !other.contains(d)) other.removeAttribute("open"); });
  }, true);
  document.addEventListener("focusout", function (e) {
    var d = e.target.closest && e.target.closest("details.dropdown[open]");
    if (d && e.relatedTarget && !d.contains(e.relatedTarget)) d.removeAttribute("open");
  });

  // --- dialogs: <dialog> opened modal traps the focus and gives it back on close ---
  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(
      "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"),
      function (el) { return !el.disabled && el.getClientRects().length > 0; });
  }
  function openDialog(dialog, opener, onClose) {
    dialog.gnbvOpener = opener || document.activeElement;
    dialog.gnbvOnClose = onClose || null;
    dialog.returnValue = "";
    dialog.showModal();
    var first = dialog.querySelector("[autofocus]") || dialog.querySelector("[data-dialog-close=cancel]") || focusables(dialog)[0];
    if (first) first.focus();
  }
  window.gnbvOpenDialog = openDialog;
  document.addEventListener("close", function (e) {
    var dialog = e.target;
    if (!dialog.matches || !dialog.matches("dialog")) return;
    // A close event can arrive late, after the dialog was opened again (Escape, then asked
    // again at once): it belongs to the earlier opening and must not answer the new question.
    if (dialog.open) return;
    var opener = dialog.gnbvOpener, onClose = dialog.gnbvOnClose;
    dialog.gnbvOpener = dialog.gnbvOnClose = null;
    if (opener && opener.isConnected) opener.focus();
    if (onClose) onClose(dialog.returnValue);
  }, true);
  document.addEventListener("click", function (e) {
    var closer = e.target.closest && e.target.closest("[data-dialog-close]");
    if (closer) { closer.closest("dialog").close(closer.getAttribute("data-dialog-close")); return; }
    var opener = e.target.closest && e.target.closest("[data-dialog-open]");
    if (opener) {
      var dialog = document.getElementById(opener.getAttribute("data-dialog-open"));
      if (dialog) { e.preventDefault(); openDialog(dialog, opener); }
    }
  });
  // hx-confirm asks in our own dialog (Vietnamese buttons, focus kept), not the browser's.
  document.addEventListener("htmx:confirm", function (e) {
    var dialog = document.getElementById("confirm-dialog");
    if (!e.detail.question || !dialog || !dialog.showModal) return;
    e.preventDefault();
    dialog.querySelector("#confirm-message").textContent = e.detail.question;
    // the focus goes back to the button that asked (the form itself cannot hold it)
    var opener = e.detail.elt.contains(document.activeElement) ? document.activeElement : e.detail.elt;
    openDialog(dialog, opener, function (answer) { if (answer === "confirm") e.detail.issueRequest(true); });
  });

  document.addEventListener("keydown", function (e) {
    var dialog = document.querySelector("dialog[open]");
    if (e.key === "Tab" && dialog) {
      // The page behind a modal dialog is inert; keep Tab cycling inside the dialog too.
      var items = focusables(dialog);
      if (!items.length) return;
      var first = items[0], last = items[items.length - 1];
      if (e.shiftKey && document.activeElement === first) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && document.activeElement === last) { e.preventDefault(); first.focus(); }
      else if (!dialog.contains(document.activeElement)) { e.preventDefault(); first.focus(); }
      return;
    }
    if (e.key !== "Escape" || dialog) return;  // a modal dialog closes itself on Escape
    var open = openDropdowns();
    if (open.length) {
      var inner = open[open.length - 1];
      closeDropdown(inner, inner.contains(document.activeElement) || document.activeElement === document.body);
      e.preventDefault();
      return;
    }
    var button = menuButton();
    if (button && button.getAttribute("aria-expanded") === "true") {
      setPhoneMenu(false);
      button.focus();
      e.preventDefault();
      return;
    }
    document.querySelectorAll("#toasts .toast").forEach(dismiss);
  });

  // --- the focus survives an htmx swap: the same control (or its row) gets it back ---
  // What had the focus is remembered by its id, else by its place among the controls of each
  // ancestor that has an id (row, table, panel): after the swap the nearest of them that is
  // still there gives the focus to the control at that place (a deleted row: the next row's).
  var CONTROLS = "a[href], button, input:not([type=hidden]), select, textarea, summary";
  var memo = null;
  function describe(el) {
    var chain = [];
    for (var a = el.parentElement && el.parentElement.closest("[id]"); a; a = a.parentElement && a.parentElement.closest("[id]")) {
      chain.push({ id: a.id, index: Array.prototype.indexOf.call(a.querySelectorAll(CONTROLS), el) });
    }
    var row = el.closest("tr[id], li[id]");
    return { id: el.id, chain: chain, row: row && row.id,
             rowIndex: row ? Array.prototype.indexOf.call(row.parentElement.children, row) : -1 };
  }
  function remember(target) {
    var active = document.activeElement;
    if (!active || active === document.body || !target) return;
    if (target === active || target.contains(active)) memo = describe(active);
  }
  // Only a swap that takes the focused control away sets what to give the focus back to: a
  // swap elsewhere in the meantime (the bell's poll, a panel refreshed by the answer's event)
  // must not forget it before the first swap has settled.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var elt = e.detail.requestConfig && e.detail.requestConfig.elt;
    var keep = elt && elt.closest && elt.closest("[data-keep-focus]");
    if (keep) { memo = { selector: keep.getAttribute("data-keep-focus") }; return; }
    if (e.detail.shouldSwap !== false) remember(e.detail.target);
  });
  document.addEventListener("htmx:oobBeforeSwap", function (e) { if (!memo) remember(e.detail.target); });
  function nearestEnabled(list, index) {
    for (var d = 0; d < list.length; d++) {
      var after = list[index + d], before = list[index - d];
      if (after && !after.disabled) return after;
      if (before && !before.disabled) return before;
    }
    return null;
  }
  function findFocus(m) {
    if (m.selector) return document.querySelector(m.selector);
    var el = m.id && document.getElementById(m.id);
    if (el) return el;
    for (var i = 0; i < m.chain.length; i++) {
      var anchor = document.getElementById(m.chain[i].id);
      if (!anchor) continue;
      el = nearestEnabled(anchor.querySelectorAll(CONTROLS), Math.max(m.chain[i].index, 0));
      if (!el) { anchor.setAttribute("tabindex", "-1"); el = anchor; }
      return el;
    }
    return null;
  }
  function restoreFocus() {
    var m = memo;
    memo = null;
    if (!m) return;
    var active = document.activeElement;
    if (active && active !== document.body && active.isConnected && !m.selector) return;  // still has it
    var el = findFocus(m);
    if (!el) return;
    el.focus();
    var row = m.row && document.getElementById(m.row);
    if (row && row.parentElement) {
      var now = Array.prototype.indexOf.call(row.parentElement.children, row);
      if (m.rowIndex >= 0 && now !== m.rowIndex) announce("Đã chuyển đến vị trí " + (now + 1) + ".");
    }
  }
  document.addEventListener("htmx:afterSettle", function () { setTimeout(restoreFocus, 0); });

  // --- scrollable regions can be reached and scrolled by keyboard (WCAG 2.1.1) ---
  // Any box of the content that scrolls (overflow auto/scroll and more inside than shown): a
  // wide table, the script paper, a document preview.
  var CANDIDATES = "main div, main section, main article, main aside, main figure, main pre, main ul, main ol, main dl";
  function scrolls(el) {
    if (el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1) return false;
    var s = getComputedStyle(el);
    return /auto|scroll/.test(s.overflowX + " " + s.overflowY);
  }
  function regionName(el) {
    var caption = el.querySelector("caption");
    if (caption) return caption.textContent;
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        var h = prev.matches("h1, h2, h3, h4, h5, h6") ? prev : prev.querySelector("h1, h2, h3, h4, h5, h6");
        if (h) return h.textContent;
      }
    }
    return "Nội dung";
  }
  function markScrollRegions() {
    document.querySelectorAll(CANDIDATES).forEach(function (el) {
      var auto = el.getAttribute("data-scroll-focus") === "auto";
      if (el.hasAttribute("tabindex") && !auto) return;  // the template decided
      var now = scrolls(el);
      if (now && !auto) {
        var added = ["tabindex"];
        el.setAttribute("tabindex", "0");
        if (!el.hasAttribute("role")) { el.setAttribute("role", "region"); added.push("role"); }
        if (!el.hasAttribute("aria-label") && !el.hasAttribute("aria-labelledby")) {
          el.setAttribute("aria-label", regionName(el).replace(/\s+/g, " ").trim() + " (cuộn để xem hết)");
          added.push("aria-label");
        }
        el.setAttribute("data-scroll-focus", "auto");
        el.gnbvAdded = added;
      } else if (!now && auto) {
        (el.gnbvAdded || ["tabindex"]).concat(["data-scroll-focus"]).forEach(function (a) { el.removeAttribute(a); });
      }
    });
  }
  // A wide table scrolls inside its own box on a phone instead of widening the whole page:
  // every table of the content not already in a scrolling box gets a .table-wrap around it.
  function wrapTables() {
    document.querySelectorAll("main table").forEach(function (table) {
      for (var a = table.parentElement; a && a.tagName !== "MAIN"; a = a.parentElement) {
        if (/auto|scroll|hidden/.test(getComputedStyle(a).overflowX)) return;
      }
      var wrap = document.createElement("div");
      wrap.className = "table-wrap";
      table.parentNode.insertBefore(wrap, table);
      wrap.appendChild(table);
    });
  }
  function fitContent() { wrapTables(); markScrollRegions(); }
  var resizeTimer = null;
  window.addEventListener("resize", function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(markScrollRegions, 150); });
  document.addEventListener("DOMContentLoaded", fitContent);
  document.addEventListener("htmx:afterSettle", fitContent);

  // --- Vietnamese file inputs (templates/_controls.html): the chosen file's name, in words ---
  document.addEventListener("change", function (e) {
    var input = e.target;
    if (!input.matches || !input.matches("input[type=file][data-file-chosen]")) return;
    var out = document.getElementById(input.getAttribute("data-file-chosen"));
    if (!out) return;
    var names = Array.prototype.map.call(input.files || [], function (f) { return f.name; });
    out.textContent = names.length === 0 ? "Chưa chọn tệp"
      : names.length === 1 ? "Đã chọn: " + names[0] : "Đã chọn " + names.length + " tệp: " + names.join(", ");
    out.classList.toggle("has-file", names.length > 0);
  });

  // A checkbox that names a <details> in aria-controls opens it when ticked (a project of the
  // report form: ticked, its figures are to be filled).
  document.addEventListener("change", function (e) {
    var box = e.target;
    if (!box.matches || !box.matches("input[type=checkbox][aria-controls]") || !box.checked) return;
    var details = document.getElementById(box.getAttribute("aria-controls"));
    if (details && details.tagName === "DETAILS") details.open = true;
  });
})();
