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
  // Countdowns: <span data-due="2026-10-27T10:30:00+08:00">.
  function tick() {
    document.querySelectorAll("[data-due]").forEach(function (el) {
      var left = Math.round((Date.parse(el.getAttribute("data-due")) - Date.now()) / 60000);
      var over = el.getAttribute("data-over") || "overdue";
      el.textContent = left >= 0 ? left + " min" : over + " " + (-left) + " min";
      el.classList.toggle("bad", left < 0);
    });
  }
  tick();
  setInterval(tick, 30000);
});
