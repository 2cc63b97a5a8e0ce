(function () {
  "use strict";
  document.documentElement.classList.add("js");  // reveals the "click for evidence" hints
  var claims = JSON.parse(document.getElementById("claims-data").textContent);
  var panel = document.getElementById("evidence");
  var heading = document.getElementById("evidence-heading");
  var list = document.getElementById("evidence-passages");
  var active = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  function passageNode(passage) {
    var box = element("article", "passage");
    var source = element("a", "passage-source", "[" + passage.number + "] " + passage.label);
    source.href = "#article-" + passage.number;
    box.appendChild(source);
    if (passage.note) { box.appendChild(element("span", "passage-note", passage.note)); }
    if (passage.span) {
      var quote = element("blockquote");
      quote.appendChild(document.createTextNode(passage.before));
      quote.appendChild(element("mark", "", passage.span));
      quote.appendChild(document.createTextNode(passage.after));
      box.appendChild(quote);
    }
    return box;
  }

  function show(trigger) {
    var claim = claims[trigger.getAttribute("data-claim")];
    if (!claim) { return; }
    if (active) { active.classList.remove("active"); }
    active = trigger;
    active.classList.add("active");
    heading.textContent = claim.heading;
    list.replaceChildren();
    if (!claim.passages.length) {
      list.appendChild(element("p", "passage-note", "No source span is recorded for this line."));
    }
    claim.passages.forEach(function (passage) { list.appendChild(passageNode(passage)); });
    panel.hidden = false;
    panel.focus();
  }

  function hide() {
    panel.hidden = true;
    if (active) { active.classList.remove("active"); active.focus(); active = null; }
  }

  document.addEventListener("click", function (event) {
    var trigger = event.target.closest("[data-claim]");
    if (trigger && !event.target.closest("a")) { show(trigger); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { hide(); return; }
    var trigger = event.target.closest && event.target.closest("[data-claim]");
    if (trigger && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); show(trigger); }
  });
  document.getElementById("evidence-close").addEventListener("click", hide);
})();
