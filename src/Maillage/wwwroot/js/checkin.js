// Check-in list: filters the names as one types (the search button still works without script).
(function () {
  "use strict";
  function normalise(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("[data-checkin-filter]");
    if (!input) return;
    var list = document.querySelector(input.getAttribute("data-checkin-filter"));
    var status = document.getElementById("checkin-count");
    if (!list) return;
    var rows = Array.prototype.slice.call(list.querySelectorAll("[data-name]"));
    var timer = null;
    input.addEventListener("input", function () {
      var words = normalise(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var name = normalise(row.getAttribute("data-name") || "");
        var match = words.every(function (w) { return name.indexOf(w) >= 0; });
        row.hidden = !match;
        if (match) shown++;
      });
      // Announce the count once typing pauses, not at every key.
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (status) status.textContent = status.getAttribute("data-template").replace("{n}", shown).replace("{total}", rows.length);
      }, 400);
    });
  });
})();
