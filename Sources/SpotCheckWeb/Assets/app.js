// SpotCheck workbench: the little script some pages need (no libraries, nothing fetched
// from elsewhere). Pages opt in with data- attributes.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Buttons that ask first: <button data-confirm="…">.
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (e) {
      if (!window.confirm(el.getAttribute("data-confirm"))) e.preventDefault();
    });
  });
  // The server's now, when a page gives it (<span data-now="2026-10-27T10:00:00">): countdowns
  // run on the server's clock (a workspace served at a fixed day), not the browser's.
  var nowEl = document.querySelector("[data-now]");
  var skew = nowEl ? Date.parse(nowEl.getAttribute("data-now")) - Date.now() : 0;
  if (isNaN(skew)) skew = 0;
  // Countdowns: <span data-due="2026-10-27T10:30:00+08:00">.
  function tick() {
    document.querySelectorAll("[data-due]").forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute("data-due")) - (Date.now() + skew)) / 60000);
      var over = el.getAttribute("data-over") || "";
      var unit = " " + (el.getAttribute("data-unit") || "");
      el.textContent = left >= 0 ? left + unit : over + " " + (-left) + unit;
      el.classList.toggle("bad", left < 0);
    });
  }
  tick();
  setInterval(tick, 30000);
  // Uploads: <div class="dropzone" data-upload="/path" data-csrf="…"> with a file input inside.
  // Each file goes as it is (its name percent-encoded in X-File-Name), one after the other;
  // then the page reloads to list them with the kind their headers suggest.
  document.querySelectorAll("[data-upload]").forEach(function (zone) {
    var input = zone.querySelector("input[type=file]");
    var log = zone.querySelector(".upload-log");
    function send(files) {
      var list = Array.prototype.slice.call(files);
      var failed = false;
      var chain = Promise.resolve();
      list.forEach(function (file) {
        chain = chain.then(function () {
          var item = document.createElement("li");
          item.textContent = file.name + " …";
          if (log) log.appendChild(item);
          return fetch(zone.getAttribute("data-upload"), {
            method: "POST", credentials: "same-origin", body: file,
            headers: { "X-CSRF-Token": zone.getAttribute("data-csrf"), "X-File-Name": encodeURIComponent(file.name),
              "Content-Type": "application/octet-stream" }
          }).then(function (r) {
            if (!r.ok) throw new Error(r.status);
            item.textContent = file.name + " ✓";
          }).catch(function (e) {
            failed = true;
            item.textContent = file.name + ": " + zone.getAttribute("data-failed") + " (" + e.message + ")";
            item.className = "problem";
          });
        });
      });
      chain.then(function () { if (!failed) window.location.reload(); });
    }
    if (input) input.addEventListener("change", function () { send(input.files); input.value = ""; });
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("over"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("over");
      if (e.dataTransfer && e.dataTransfer.files.length) send(e.dataTransfer.files);
    });
  });
  // The caller's attempt time: one field, copied into every attempt form's hidden time.
  var attemptTime = document.querySelector("[data-attempt-time]");
  if (attemptTime) {
    attemptTime.addEventListener("input", function () {
      document.querySelectorAll("[data-follows-attempt-time]").forEach(function (el) {
        el.value = attemptTime.value;
      });
    });
  }
  // The caller's score: only the SOP's follow-up field for the chosen score shows
  // (<label data-score-show="4 3">, <span data-score-label="2 1">; "" before a score is chosen).
  document.querySelectorAll("form[data-score-form]").forEach(function (form) {
    function has(list, s) { return list.split(" ").indexOf(s) >= 0; }
    function show() {
      var chosen = form.querySelector("input[name=score]:checked");
      var s = chosen ? chosen.value : "";
      form.querySelectorAll("[data-score-show]").forEach(function (el) {
        el.hidden = s !== "" && !has(el.getAttribute("data-score-show"), s);
      });
      form.querySelectorAll("[data-score-label]").forEach(function (el) {
        var want = el.getAttribute("data-score-label");
        el.hidden = want === "" ? s !== "" : !has(want, s);
      });
    }
    form.addEventListener("change", show);
    show();
  });
  // The auditor's scorecard: total and pass/fail as items are scored (each item's weight times
  // score over its top score, to two decimals; a critical item at its lowest score fails).
  // The server recomputes both with the scorecard's rule when the scores are saved.
  document.querySelectorAll("form[data-scorecard]").forEach(function (form) {
    var total = form.querySelector("[data-total]");
    var passed = form.querySelector("[data-passed]");
    function update() {
      var sum = 0, complete = true, criticalFailed = false;
      form.querySelectorAll("[data-item]").forEach(function (item) {
        var chosen = item.querySelector("input[type=radio]:checked");
        if (!chosen) { complete = false; return; }
        var s = Number(chosen.value);
        sum += Number(item.getAttribute("data-weight")) * s / Number(item.getAttribute("data-top"));
        if (item.hasAttribute("data-critical") && s === Number(item.getAttribute("data-lowest"))) {
          criticalFailed = true;
        }
      });
      if (!complete) {
        total.textContent = "—";
        passed.textContent = form.getAttribute("data-incomplete-text");
        passed.className = "muted";
        return;
      }
      var rounded = Math.round(sum * 100) / 100;
      var ok = !criticalFailed && rounded >= Number(form.getAttribute("data-pass-mark")) - 1e-9;
      total.textContent = String(rounded);
      passed.textContent = form.getAttribute(ok ? "data-pass-text" : "data-fail-text");
      passed.className = ok ? "good" : "bad";
    }
    form.addEventListener("change", update);
    update();
  });
});
