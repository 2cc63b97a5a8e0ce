// newsfuse evidence panel, for briefing.html (inlined under a CSP hash) and the web app's story page.
// Data comes from <script type="application/json"> blocks ("claims-data", and in the app "nodes-data");
// every string goes into the page through textContent or a validated same-page/same-site href, never as markup.
(function () {
  "use strict";
  var panel = document.getElementById("evidence");
  var claimsData = document.getElementById("claims-data");
  if (!panel || !claimsData) { return; }
  document.documentElement.classList.add("js");  // reveals the "click for evidence" hints
  var claims = JSON.parse(claimsData.textContent);
  var nodesData = document.getElementById("nodes-data");
  var nodes = nodesData ? JSON.parse(nodesData.textContent) : {};
  var heading = document.getElementById("evidence-heading");
  var list = document.getElementById("evidence-passages");
  var active = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text) { node.textContent = text; }
    return node;
  }

  // Only links into this app ("/articles/...") are followed; anything else is dropped.
  function appLink(href, text, className) {
    var link = element("a", className, text);
    if (typeof href === "string" && /^\/[^\/\\]/.test(href)) { link.href = href; }  // a path of this site only: no second slash or backslash
    return link;
  }

  function passageNode(passage, openHref) {
    var box = element("article", "passage");
    var source = element("a", "passage-source", "[" + passage.number + "] " + passage.label);
    source.href = "#article-" + passage.number;
    box.appendChild(source);
    if (openHref) { box.appendChild(appLink(openHref, "open in the article", "passage-open")); }
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

  function open(trigger, title) {
    if (active) { active.classList.remove("active"); }
    active = trigger;
    active.classList.add("active");
    heading.textContent = title;
    list.replaceChildren();
    panel.hidden = false;
    panel.focus();
  }

  function showClaim(trigger) {
    var claim = claims[trigger.getAttribute("data-claim")];
    if (!claim) { return; }
    open(trigger, claim.heading);
    if (!claim.passages.length) {
      list.appendChild(element("p", "passage-note", "No source span is recorded for this line."));
    }
    claim.passages.forEach(function (passage, index) {
      list.appendChild(passageNode(passage, (claim.open || [])[index]));
    });
  }

  function showNode(trigger) {
    var id = trigger.querySelector("title");
    var details = id ? nodes[id.textContent] : null;
    if (!details) { return false; }
    open(trigger, details.heading);
    var lines = element("ul", "node-lines");
    details.lines.forEach(function (line) { lines.appendChild(element("li", "", line)); });
    list.appendChild(lines);
    if (details.href) { list.appendChild(appLink(details.href, "Open the article", "passage-open")); }
    return true;
  }

  function hide() {
    panel.hidden = true;
    if (active) { active.classList.remove("active"); active.focus(); active = null; }
  }

  function activate(target, event) {
    var link = target.closest(".graph a");  // article nodes sit in a link (focusable by keyboard)
    var node = link ? link.querySelector(".node") : target.closest(".graph .node");
    if (node) {
      if (showNode(node)) { event.preventDefault(); }
      return;
    }
    var trigger = target.closest("[data-claim]");
    if (trigger && !target.closest("a")) { event.preventDefault(); showClaim(trigger); }
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest && !panel.contains(event.target)) { activate(event.target, event); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && !panel.hidden) { hide(); return; }
    if ((event.key === "Enter" || event.key === " ") && event.target.closest && !panel.contains(event.target)) {
      activate(event.target, event);
    }
  });
  document.getElementById("evidence-close").addEventListener("click", hide);
})();
