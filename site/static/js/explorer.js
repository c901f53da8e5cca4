// The gap explorer: the engine's coverage rules, repeated in the browser so the site needs no
// server. A browser test checks that it shows what `crosswalk coverage --format json` says.
// Rules (see the README): the best direct link decides (strong > partial > weak); without one,
// any element -> principle -> criterion path makes it "inferred"; otherwise it is a "gap".
// Which criteria an answer lists (with or without a rating level) comes with the data, from the
// engine; a grouping criterion (a heading) has no status, and only role "criterion" is counted.
(function () {
  "use strict";
  var RANK = { strong: 3, partial: 2, weak: 1 };
  var KINDS = {
    people_experience: "People's experience",
    staff_leader_feedback: "Feedback from staff and leaders",
    partner_feedback: "Feedback from partners",
    observation: "Observation",
    processes: "Processes (records, policies, audits)",
    outcomes: "Outcomes"
  };
  var script = document.currentScript;
  var root = script.getAttribute("data-root") || "../";
  var form = document.getElementById("explorer");
  var out = document.getElementById("explorer-result");
  var data = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function status(value) {
    return el("strong", { "class": "cw-status cw-status--" + value }, [value]);
  }
  function chosen() {
    return Array.prototype.map.call(form.querySelectorAll('input[name="model"]:checked'),
      function (i) { return i.value; });
  }
  function byObject(list) {
    var map = {};
    list.forEach(function (l) { (map[l.o] = map[l.o] || []).push(l); });
    return map;
  }

  function answerFor(framework) {
    var rating = form.rating.value || null;
    return framework.answers.filter(function (a) { return a.rating === rating; })[0] || framework.answers[0];
  }

  // The rating levels a framework's answers offer; the choice shows only where there are any.
  function offerRatings(framework) {
    var select = form.rating;
    var kept = select.value;
    select.innerHTML = "";
    framework.answers.forEach(function (a) {
      select.appendChild(el("option", { value: a.rating || "" },
        [a.rating ? "Rating characteristics: " + a.title : "Criteria (no rating level)"]));
    });
    select.value = framework.answers.some(function (a) { return (a.rating || "") === kept; }) ? kept : "";
    document.getElementById("rating-group").hidden = framework.answers.length < 2;
  }

  function coverage(framework, models, answer) {
    var want = {};
    models.forEach(function (m) { want[m] = true; });
    var direct = byObject(data.links.direct);
    var assessed = byObject(data.links.assessed);
    var embodies = byObject(data.links.embodies);
    var byRef = {};
    framework.criteria.forEach(function (c) { byRef[c.ref] = c; });
    return answer.refs.map(function (ref) {
      var c = byRef[ref];
      var links = (direct[c.ref] || []).filter(function (l) { return want[data.elements[l.s].model]; });
      var paths = 0;
      (assessed[c.ref] || []).forEach(function (a) {
        (embodies[a.s] || []).forEach(function (e) { if (want[data.elements[e.s].model]) { paths += 1; } });
      });
      var best = 0;
      links.forEach(function (l) { best = Math.max(best, RANK[l.strength]); });
      var st = best === 3 ? "strong" : best === 2 ? "partial" : best === 1 ? "weak" : paths ? "inferred" : "gap";
      var counted = c.role === "criterion";
      return { c: c, status: c.role === "grouping" ? null : st, counted: counted, direct: links,
               paths: paths, reason: counted ? data.reasons[st] || null : null };
    });
  }

  function recommend(framework, models, rows) {
    var chosenSet = {};
    models.forEach(function (m) { chosenSet[m] = true; });
    var gaps = rows.filter(function (r) { return r.reason; }).map(function (r) { return r.c.ref; });
    var closes = {};
    data.links.direct.forEach(function (l) {
      var m = data.elements[l.s].model;
      if (!chosenSet[m] && RANK[l.strength] >= 2 && gaps.indexOf(l.o) >= 0) {
        (closes[m] = closes[m] || {})[l.o] = true;
      }
    });
    var open = {};
    gaps.forEach(function (g) { open[g] = true; });
    var steps = [];
    for (;;) {
      var best = null, gain = [];
      Object.keys(closes).sort().forEach(function (m) {
        var g = Object.keys(closes[m]).filter(function (r) { return open[r]; });
        if (g.length > gain.length) { best = m; gain = g; }
      });
      if (!best) { break; }
      gain.forEach(function (r) { delete open[r]; });
      steps.push({ model: best, closes: gaps.filter(function (r) { return gain.indexOf(r) >= 0; }),
                   remaining: Object.keys(open).length });
      delete closes[best];
    }
    return { steps: steps, uncloseable: gaps.filter(function (r) { return open[r]; }) };
  }

  function title(m) {
    return data.models.filter(function (x) { return x.id === m; })[0].title;
  }
  function code(ref, framework) {
    return framework.criteria.filter(function (c) { return c.ref === ref; })[0].code;
  }

  function render() {
    var models = chosen();
    var framework = data.frameworks.filter(function (f) { return f.id === form.framework.value; })[0];
    if (form.rating.dataset.framework !== framework.id) {
      offerRatings(framework);
      form.rating.dataset.framework = framework.id;
    }
    var answer = answerFor(framework);
    out.innerHTML = "";
    if (!models.length) {
      out.appendChild(el("p", { "class": "govuk-body" }, ["Tick at least one model to see its coverage."]));
      return;
    }
    var rows = coverage(framework, models, answer);
    var counts = {}, total = 0;
    data.statuses.forEach(function (s) { counts[s] = 0; });
    rows.forEach(function (r) { if (r.counted) { counts[r.status] += 1; total += 1; } });
    if (framework.stage) {
      var st = framework.stage;
      out.appendChild(el("div", { "class": "govuk-warning-text", id: "explorer-stage" }, [
        el("span", { "class": "govuk-warning-text__icon", "aria-hidden": "true" }, ["!"]),
        el("strong", { "class": "govuk-warning-text__text" }, [
          el("span", { "class": "govuk-visually-hidden" }, ["Warning"]),
          st.label + ": " + st.note + (st.text ? " Its wording is from “" + st.text + "”." : "") +
          (st.caveat ? " " + st.caveat : "")])]));
    }
    out.appendChild(el("h2", { "class": "govuk-heading-l" }, ["Coverage of " + framework.title +
      (answer.rating ? ": " + answer.title + " rating characteristics" : "")]));
    out.appendChild(el("p", { "class": "govuk-body", id: "explorer-summary" }, [
      total + " criteria: " + data.statuses.map(function (s) { return counts[s] + " " + s; }).join(", ")]));
    var body = el("tbody", { "class": "govuk-table__body" });
    rows.forEach(function (r) {
      var attrs = { "class": "govuk-table__row", "data-ref": r.c.ref };
      if (r.status) { attrs["data-status"] = r.status; }
      body.appendChild(el("tr", attrs, [
        el("th", { scope: "row", "class": "govuk-table__header" }, [
          el("a", { "class": "govuk-link", href: root + r.c.page }, [r.c.code]), " ",
          el("span", { "class": "govuk-body-s" }, [r.c.title])]),
        el("td", { "class": "govuk-table__cell" }, r.status ? [status(r.status)] : ["heading"]),
        el("td", { "class": "govuk-table__cell" }, [r.reason || ""])
      ]));
    });
    out.appendChild(el("table", { "class": "govuk-table cw-fit", id: "explorer-table" }, [
      el("caption", { "class": "govuk-table__caption govuk-table__caption--s" }, ["Support for each criterion"]),
      el("thead", { "class": "govuk-table__head" }, [el("tr", { "class": "govuk-table__row" }, [
        el("th", { scope: "col", "class": "govuk-table__header" }, ["Criterion"]),
        el("th", { scope: "col", "class": "govuk-table__header" }, ["Support"]),
        el("th", { scope: "col", "class": "govuk-table__header" }, ["Why a gap"])])]),
      body]));

    var rec = recommend(framework, models, rows);
    out.appendChild(el("h2", { "class": "govuk-heading-l" }, ["What would close the gaps"]));
    if (rec.steps.length) {
      out.appendChild(el("ol", { "class": "govuk-list govuk-list--number", id: "explorer-steps" },
        rec.steps.map(function (s) {
          return el("li", {}, ["Add " + title(s.model) + ": closes " + s.closes.length + " (" +
            s.closes.map(function (r) { return code(r, framework); }).join(", ") + "); " + s.remaining + " left."]);
        })));
    } else {
      out.appendChild(el("p", { "class": "govuk-body" }, ["No other model in the data closes any of these gaps."]));
    }

    out.appendChild(el("h2", { "class": "govuk-heading-l" }, ["Evidence checklist"]));
    var any = false;
    rows.forEach(function (r) {
      var items = {};
      r.direct.slice().sort(function (a, b) { return a.id < b.id ? -1 : 1; }).forEach(function (l) {
        l.evidence.forEach(function (e) {
          var key = e.item.split(/\s+/).join(" ").toLowerCase();
          var item = items[key] = items[key] || { text: e.item, kinds: {} };
          e.kinds.forEach(function (k) { item.kinds[k] = true; });
        });
      });
      var keys = Object.keys(items);
      if (!keys.length) { return; }
      any = true;
      out.appendChild(el("h3", { "class": "govuk-heading-s" }, [r.c.code + " " + r.c.title]));
      Object.keys(KINDS).forEach(function (k) {
        var hits = keys.filter(function (key) { return items[key].kinds[k]; }).sort();
        if (!hits.length) { return; }
        out.appendChild(el("p", { "class": "govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" }, [KINDS[k]]));
        out.appendChild(el("ul", { "class": "govuk-list govuk-list--bullet" },
          hits.map(function (key) { return el("li", {}, [items[key].text]); })));
      });
    });
    if (!any) {
      out.appendChild(el("p", { "class": "govuk-body" }, ["These models supply no direct evidence items for this framework."]));
    }
  }

  data = window.crosswalkExplorerData;
  form.hidden = false;
  form.addEventListener("change", render);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  render();
})();
