// Sơ kết GNBV — drafts that are never lost (unit reports, the district reports).
//
// A form marked data-draft="<key>" (with data-draft-user and data-draft-version="<selector of
// its version field>") keeps a copy of what is typed in the browser's storage until the server
// has saved exactly that; the page warns before it is left with unsaved text; and when the
// page opens again (after a lost connection, a closed tab, an expired session and a new login)
// what was typed comes back: at once if nobody saved the draft meanwhile, on request if
// somebody did. No inline script (CSP): this file is included by the pages that need it.
(function () {
  "use strict";
  var PREFIX = "gnbv-draft:";
  var leaving = false;

  function drafts() { return document.querySelectorAll("form[data-draft]"); }
  function keyOf(form) { return PREFIX + form.dataset.draftUser + ":" + form.dataset.draft; }
  function versionOf(form) {
    var el = document.querySelector(form.dataset.draftVersion);
    return el ? el.value : "";
  }
  function valuesOf(form) {
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.name === "csrf_token" || el.type === "hidden" ||
          el.type === "file" || el.type === "submit" || el.type === "button") return;
      if (el.type === "checkbox" || el.type === "radio") {
        if (el.checked) data[el.name] = el.value;
        else if (!(el.name in data)) data[el.name] = "";
        return;
      }
      data[el.name] = el.value;
    });
    return data;
  }
  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }
  function read(form) {
    try { return JSON.parse(localStorage.getItem(keyOf(form)) || "null"); } catch (e) { return null; }
  }
  function keep(form) {
    form.dataset.unsaved = "1";
    try {
      localStorage.setItem(keyOf(form), JSON.stringify(
        {version: versionOf(form), at: Date.now(), values: valuesOf(form)}));
    } catch (e) { /* storage full or disabled: the autosave still runs */ }
  }
  function forget(form) {
    delete form.dataset.unsaved;
    try { localStorage.removeItem(keyOf(form)); } catch (e) { /* nothing kept */ }
  }
  function fill(form, values) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in values)) return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = values[el.name] === el.value;
      else el.value = values[el.name];
    });
  }
  function notice(form, html) {
    var box = form.querySelector(".draft-restore");
    if (!box) {
      box = document.createElement("div");
      box.className = "notice draft-restore";
      box.setAttribute("role", "status");
      form.insertBefore(box, form.firstChild);
    }
    box.innerHTML = html;
    return box;
  }
  function timeText(ms) {
    var d = new Date(ms);
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return two(d.getHours()) + ":" + two(d.getMinutes()) + " ngày " + two(d.getDate()) + "/" +
      two(d.getMonth() + 1) + "/" + d.getFullYear();
  }
  function saveNow(form) {
    keep(form);
    if (window.htmx) htmx.trigger(form, "change");
  }

  function restore(form) {
    var copy = read(form);
    if (!copy || !copy.values) return;
    var current = valuesOf(form);
    var differs = Object.keys(copy.values).some(function (name) {
      return name in current && current[name] !== copy.values[name];
    });
    if (!differs) { forget(form); return; }
    if (String(copy.version) === String(versionOf(form))) {
      fill(form, copy.values);
      notice(form, "<strong>Đã khôi phục nội dung bạn nhập lúc " + timeText(copy.at) +
        " mà chưa kịp lưu</strong> (mất kết nối hoặc hết phiên đăng nhập); nội dung đang được lưu lại.");
      saveNow(form);
      return;
    }
    var box = notice(form, "<strong>Có nội dung bạn nhập lúc " + timeText(copy.at) +
      " chưa được lưu</strong>, nhưng bản nháp đã được lưu lại sau đó (có thể bởi người khác). " +
      "<button type=\"button\" class=\"small\" data-draft-restore>Khôi phục nội dung của tôi</button> " +
      "<button type=\"button\" class=\"small secondary\" data-draft-discard>Bỏ, dùng bản đã lưu</button>");
    box.querySelector("[data-draft-restore]").addEventListener("click", function () {
      fill(form, copy.values);
      box.remove();
      saveNow(form);
    });
    box.querySelector("[data-draft-discard]").addEventListener("click", function () {
      forget(form);
      box.remove();
    });
  }

  document.addEventListener("input", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("data-draft")) keep(form);
  });
  document.addEventListener("change", function (e) {
    var form = e.target.form;
    if (form && form.hasAttribute("data-draft")) keep(form);
  });

  // What a request of a draft form sent; the copy is dropped only when exactly that was saved.
  document.addEventListener("htmx:configRequest", function (e) {
    var form = e.detail.elt;
    if (form && form.hasAttribute && form.hasAttribute("data-draft")) form._sent = valuesOf(form);
  });
  document.addEventListener("htmx:beforeOnLoad", function (e) {
    var xhr = e.detail.xhr;
    var elt = e.detail.elt;
    if (!xhr) return;
    var redirect = xhr.getResponseHeader("HX-Redirect");
    if (redirect) leaving = true;   // a finished step or the login page: the copy is kept if unsaved
    if (xhr.status < 200 || xhr.status >= 300 || xhr.status === 204) return;
    // The submit form sends the draft along (hx-include): its success saves the draft too.
    var included = elt && elt.getAttribute && elt.getAttribute("hx-include");
    var form = elt && elt.hasAttribute && elt.hasAttribute("data-draft") ? elt
      : (included ? document.querySelector(included + "[data-draft]") : null);
    if (!form) return;
    if (form === elt && form._sent && !same(form._sent, valuesOf(form))) return;
    forget(form);
  });
  document.addEventListener("htmx:afterRequest", function (e) {
    var form = e.detail.elt;
    if (form && form.hasAttribute && form.hasAttribute("data-draft") && form.dataset.unsaved) keep(form);
  });

  window.addEventListener("beforeunload", function (e) {
    if (leaving) return;
    var unsaved = Array.prototype.some.call(drafts(), function (f) { return f.dataset.unsaved; });
    if (!unsaved) return;
    e.preventDefault();
    e.returnValue = "";
  });

  // "Lưu và kiểm tra": the summary at the top comes into view; its links open the field.
  document.addEventListener("htmx:oobAfterSwap", function (e) {
    var target = e.detail.target;
    if (target && target.id === "check-summary" && target.textContent.trim()) {
      target.scrollIntoView({block: "start"});
      target.focus({preventScroll: true});
    }
  });
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("#check-summary a[href^='#']");
    if (!link) return;
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    e.preventDefault();
    var details = field.closest("details");
    if (details) details.open = true;
    field.scrollIntoView({block: "center"});
    field.focus({preventScroll: true});
  });

  // After htmx has set up the forms (it does so on DOMContentLoaded), so that a restored draft's
  // save goes through the form's own hx-post.
  function start() { Array.prototype.forEach.call(drafts(), restore); }
  if (document.readyState === "complete") start();
  else document.addEventListener("DOMContentLoaded", function () { setTimeout(start, 0); });
})();
