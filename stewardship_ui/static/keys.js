// Keyboard shortcuts of the stewardship UI: j / k next / previous task, Enter open the chosen
// task (queue), m merge, n not a match (review screen). Ignored while typing in a field.
(function () {
  "use strict";
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("table[data-keys=rows] tbody tr"));
  }
  function moveSelection(step) {
    var all = rows();
    if (!all.length) return false;
    var at = all.findIndex(function (r) { return r.classList.contains("selected"); });
    var next = Math.max(0, Math.min(all.length - 1, at < 0 ? 0 : at + step));
    all.forEach(function (r) { r.classList.remove("selected"); r.removeAttribute("aria-selected"); });
    all[next].classList.add("selected");
    all[next].setAttribute("aria-selected", "true");
    all[next].scrollIntoView({ block: "nearest" });
    return true;
  }
  function follow(id) {
    var link = document.getElementById(id);
    if (link) link.click();
  }
  function press(id) {
    var button = document.getElementById(id);
    if (button && !button.disabled) button.click();
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    if (key === "j" || key === "k") {
      if (!moveSelection(key === "j" ? 1 : -1)) follow(key === "j" ? "next-task" : "previous-task");
    } else if (key === "Enter") {
      var chosen = document.querySelector("table[data-keys=rows] tbody tr.selected .task-link");
      if (!chosen) return;
      chosen.click();
    } else if (key === "m") {
      press("merge-button");
    } else if (key === "n") {
      press("not-a-match-button");
    } else {
      return;
    }
    event.preventDefault();
  });
})();
