// PoC Relay UI: the only script of the pages besides htmx. No inline script anywhere
// (the Content-Security-Policy forbids it).
"use strict";

// Every request the pages make carries the CSRF token of this launch.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRF-Token"] = meta.content;
  }
});

// Browser notifications for HIGH priority messages, once per message, when allowed.
(function () {
  var seenKey = "poc-notified";
  function seen() {
    try {
      return JSON.parse(sessionStorage.getItem(seenKey) || "[]");
    } catch (e) {
      return [];
    }
  }
  function notifyNew(root) {
    if (!("Notification" in window) || Notification.permission !== "granted") {
      return;
    }
    var done = seen();
    var text = document.getElementById("notify-text");
    root.querySelectorAll("[data-notify]").forEach(function (row) {
      var id = row.getAttribute("data-notify");
      if (done.indexOf(id) >= 0) {
        return;
      }
      done.push(id);
      // Only our own words: no text of the message goes into the notification.
      new Notification(text ? text.textContent : "PoC Relay", { tag: id });
    });
    sessionStorage.setItem(seenKey, JSON.stringify(done.slice(-500)));
  }
  function setup() {
    var button = document.getElementById("notify-enable");
    if (button && "Notification" in window && Notification.permission === "default") {
      button.hidden = false;
      button.addEventListener("click", function () {
        Notification.requestPermission().then(function () {
          button.hidden = true;
          notifyNew(document);
        });
      });
    }
    notifyNew(document);
  }
  document.addEventListener("DOMContentLoaded", setup);
  document.addEventListener("htmx:afterSettle", function (event) {
    notifyNew(event.target);
  });
})();

// Print buttons (no inline handlers).
document.addEventListener("click", function (event) {
  var target = event.target;
  if (target && target.matches && target.matches("[data-print]")) {
    window.print();
  }
});
