// Sơ kết GNBV — document downloads that say what they are doing (CSP forbids inline script).
//
// A click on a download link (a[download]) or the submit of a form.download-form is fetched
// here instead of by the browser: after a moment a status says "Đang tạo tài liệu… N giây"
// (with what has arrived so far), the file is saved under the name the server gives, and a
// refusal shows the server's own message in a toast. While it runs, the link or the form's
// button is busy and a second click does nothing (no second generation). Without JavaScript
// the plain link and form still download.
(function () {
  "use strict";

  var SHOW_AFTER_MS = 300;       // a quick download shows nothing at all
  var DONE_SHOWN_MS = 4000;

  function csrfToken(form) {
    var field = form && form.querySelector("input[name=csrf_token]");
    if (field) return field.value;
    var app = document.getElementById("app");
    try { return JSON.parse(app.getAttribute("hx-headers"))["X-CSRFToken"] || ""; }
    catch (err) { return ""; }
  }

  // RFC 6266 / 5987: filename*=UTF-8''<percent-encoded> first, then filename="<ascii>".
  function fileName(disposition, fallback) {
    var star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition || "");
    if (star) {
      try { return decodeURIComponent(star[1].trim()); } catch (err) { /* the ASCII one */ }
    }
    var plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition || "");
    return plain ? plain[1].trim() : fallback;
  }

  function size(bytes) {
    if (bytes < 1024) return bytes + " B";
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + " KB";
    return (bytes / 1024 / 1024).toFixed(1).replace(".", ",") + " MB";
  }

  // The status lives in the polite #toasts region: its first words are announced once; the
  // counter beside them changes every second out of the screen reader's way (aria-hidden),
  // and the end ("Đã tải xong…") is announced again.
  function statusToast() {
    var box = document.getElementById("toasts");
    if (!box) return null;
    var el = document.createElement("div");
    el.className = "toast toast-info download-status";
    el.setAttribute("data-timed", "1");      // app.js does not time it out: it ends itself
    var said = document.createElement("span");
    said.className = "download-said";
    var counter = document.createElement("span");
    counter.className = "download-counter";
    counter.setAttribute("aria-hidden", "true");
    el.appendChild(said);
    el.appendChild(document.createTextNode(" "));
    el.appendChild(counter);
    box.appendChild(el);
    return { el: el, said: said, counter: counter };
  }

  function toast(message, kind) {
    if (window.gnbvToast) window.gnbvToast(message, kind);
  }

  // Our refusals carry their message as an out-of-band toast (webapp.core.htmx.refusal); a
  // page answered instead of a file (a redirect back with a message) carries it as a flash.
  function messagesIn(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    return Array.prototype.map.call(doc.querySelectorAll(".toast"), function (t) {
      return { text: t.textContent.trim(), kind: (/toast-(\w+)/.exec(t.className) || [])[1] || "info" };
    }).filter(function (m) { return m.text; });
  }

  function readBody(response, onBytes) {
    if (!response.body || !response.body.getReader) return response.blob();
    var reader = response.body.getReader(), chunks = [], received = 0;
    function pump() {
      return reader.read().then(function (step) {
        if (step.done) return new Blob(chunks, { type: response.headers.get("Content-Type") || "" });
        chunks.push(step.value);
        received += step.value.length;
        onBytes(received);
        return pump();
      });
    }
    return pump();
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");   // not in the document: this listener never sees it
    a.href = url;
    a.download = name;
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function setBusy(trigger, busy) {
    var buttons = trigger.tagName === "FORM"
      ? trigger.querySelectorAll("button, input[type=submit]") : [trigger];
    Array.prototype.forEach.call(buttons, function (b) {
      if (busy) b.setAttribute("aria-busy", "true"); else b.removeAttribute("aria-busy");
      if (b.tagName === "A") {
        if (busy) b.setAttribute("aria-disabled", "true"); else b.removeAttribute("aria-disabled");
      } else {
        b.disabled = busy;
      }
    });
    if (busy) trigger.dataset.downloading = "1"; else delete trigger.dataset.downloading;
  }

  function download(trigger, url, init) {
    if (trigger.dataset.downloading) return;   // already running: never a second generation
    setBusy(trigger, true);
    var started = Date.now(), received = 0, status = null;
    function seconds() { return Math.max(1, Math.round((Date.now() - started) / 1000)); }
    function tick() {
      if (!status) {
        status = statusToast();
        if (!status) return;
        status.said.textContent = "Đang tạo tài liệu…";
      }
      status.counter.textContent = seconds() + " giây" + (received ? ", đã nhận " + size(received) : "");
    }
    var shower = setTimeout(function () { tick(); }, SHOW_AFTER_MS);
    var ticker = setInterval(function () { if (status) tick(); }, 1000);
    function finish(text) {
      clearTimeout(shower);
      clearInterval(ticker);
      setBusy(trigger, false);
      if (!status) return;
      var el = status.el;
      if (text) {
        status.counter.textContent = "";
        status.said.textContent = text;
        setTimeout(function () { el.remove(); }, DONE_SHOWN_MS);
      } else {
        el.remove();
      }
    }
    // HX-Request: the app answers a refusal with its out-of-band toast (not an error page),
    // and an action that ends on a page with a 204 and HX-Redirect (webapp.core.htmx).
    init.headers = Object.assign({ "HX-Request": "true" }, init.headers || {});
    init.credentials = "same-origin";
    fetch(url, init).then(function (response) {
      var disposition = response.headers.get("Content-Disposition") || "";
      if (response.ok && /attachment/i.test(disposition)) {
        return readBody(response, function (n) { received = n; if (status) tick(); })
          .then(function (blob) {
            var name = fileName(disposition, "tai-lieu");
            save(blob, name);
            finish(status ? "Đã tải xong: " + name : "");
          });
      }
      var redirect = response.headers.get("HX-Redirect");
      if (response.status === 204 && redirect) {
        finish("");
        window.location.href = redirect;
        return;
      }
      return response.text().then(function (body) {
        finish("");
        var said = messagesIn(body);
        if (said.length) {
          said.forEach(function (m) { toast(m.text, response.ok ? m.kind : "error"); });
        } else if (response.ok) {
          window.location.href = response.url;   // a page, not a file: show it
        } else {
          toast(response.status >= 500
            ? "Lỗi hệ thống: chưa tạo được tài liệu. Vui lòng thử lại."
            : "Máy chủ từ chối tải tài liệu này (mã " + response.status + "). Vui lòng tải lại trang rồi thử lại.",
            "error");
        }
      });
    }).catch(function () {
      finish("");
      toast("Không kết nối được máy chủ. Chưa tải được tài liệu.", "error");
    });
  }

  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest("a[download]");
    if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (a.origin !== window.location.origin) return;
    e.preventDefault();
    download(a, a.href, { method: "GET" });
  });

  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (!form.matches || !form.matches("form.download-form") || e.defaultPrevented) return;
    e.preventDefault();
    var method = (form.getAttribute("method") || "get").toUpperCase();
    var data = new FormData(form);
    if (e.submitter && e.submitter.name) data.append(e.submitter.name, e.submitter.value);
    if (method === "GET") {
      var url = new URL(form.action, window.location.href);
      url.search = new URLSearchParams(data).toString();
      download(form, url.toString(), { method: "GET" });
    } else {
      download(form, form.action, { method: "POST", body: data, headers: { "X-CSRFToken": csrfToken(form) } });
    }
  });
})();
