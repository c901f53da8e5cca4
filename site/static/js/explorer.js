// The gap explorer combines answers the engine made; it computes no coverage of its own.
//
// Each framework's data (explorer/data/<framework>.js, from crosswalk/site/explorer_data.py)
// holds every model's own answer: its status for each criterion, the gaps it would close and
// its evidence items with their de-duplication keys. Coverage of several models is, for each
// criterion, the best of their statuses; the recommendation is the greedy loop over the sets
// Python made; the checklist merges evidence items by Python's keys and orders. Which
// criteria count, which statuses are gaps and every word come with the data
// (crosswalk/vocab.py). `combine` is pure, so a Node test runs it on the published data for
// every combination of models and compares it with `crosswalk coverage|recommend|checklist`.
(function (root) {
  "use strict";

  // ---- combining (no DOM) ---------------------------------------------------------------

  // The answer of a set of models: best status per row, counts, gaps, steps, checklist.
  function combine(framework, answerIndex, models, words) {
    var answer = framework.answers[answerIndex];
    var chosen = {};
    models.forEach(function (m) { chosen[m] = true; });
    var own = models.filter(function (m) { return answer.models[m]; })
      .map(function (m) { return answer.models[m]; });
    var none = words.statuses.length - 1;
    var statuses = answer.rows.map(function (row, i) {
      var best = none;
      var grouping = false;
      own.forEach(function (a) {
        var c = a.statuses.charAt(i);
        if (c === "-") { grouping = true; } else { best = Math.min(best, Number(c)); }
      });
      return grouping || row.role === "grouping" ? null : words.statuses[best];
    });
    var gapKinds = {};
    words.gaps.forEach(function (s) { gapKinds[s] = true; });
    var counts = tally(answer.rows.map(function (r, i) { return i; }), answer.rows, statuses, words);
    var gaps = [];
    answer.rows.forEach(function (row, i) {
      if (row.counted && gapKinds[statuses[i]]) { gaps.push(i); }
    });
    var rollups = answer.rows.map(function (row) {
      return row.children ? tally(row.children, answer.rows, statuses, words) : null;
    });
    var cover = greedy(answer, chosen, gaps);
    return {
      answer: answer,
      statuses: statuses,
      counts: counts,
      rollups: rollups,
      gaps: gaps,
      steps: cover.steps,
      uncloseable: cover.uncloseable,
      checklist: checklist(answer, models, framework.kinds)
    };
  }

  // Counts by status of the counted rows among `indexes`.
  function tally(indexes, rows, statuses, words) {
    var counts = {};
    words.statuses.forEach(function (s) { counts[s] = 0; });
    indexes.forEach(function (i) { if (rows[i].counted) { counts[statuses[i]] += 1; } });
    return counts;
  }

  // The greedy cover over Python's sets: the model closing the most open gaps (ties: the
  // first in id order), until none closes any.
  function greedy(answer, chosen, gaps) {
    var open = {};
    gaps.forEach(function (g) { open[g] = true; });
    var candidates = Object.keys(answer.models).sort().filter(function (m) { return !chosen[m]; });
    var steps = [];
    for (;;) {
      var best = null, gain = [];
      candidates.forEach(function (m) {
        var g = answer.models[m].closes.filter(function (r) { return open[r]; });
        if (g.length > gain.length) { best = m; gain = g; }
      });
      if (best === null) { break; }
      gain.forEach(function (r) { delete open[r]; });
      steps.push({ model: best, closes: gain, remaining: Object.keys(open).length });
      candidates = candidates.filter(function (m) { return m !== best; });
    }
    return { steps: steps, uncloseable: gaps.filter(function (g) { return open[g]; }) };
  }

  // The chosen models' evidence items, one per (row, key): the wording of the first link in
  // Python's link order, every kind, every element; rows in order, items in Python's order.
  function checklist(answer, models, kinds) {
    var groups = {};
    var order = [];
    models.forEach(function (m) {
      var a = answer.models[m];
      if (!a) { return; }
      a.evidence.forEach(function (ev) {
        var id = ev[0] + "\u0000" + ev[1];
        var g = groups[id];
        if (!g) {
          g = groups[id] = { row: ev[0], best: ev, kinds: {}, found: [] };
          order.push(id);
        }
        if (ev[6] < g.best[6]) { g.best = ev; }
        ev[4].forEach(function (k) { g.kinds[k] = true; });
        g.found.push(ev);
      });
    });
    var byRow = {};
    order.forEach(function (id) {
      var g = groups[id];
      var elements = [];
      g.found.slice().sort(function (x, y) { return x[6] - y[6]; }).forEach(function (ev) {
        if (elements.indexOf(ev[5]) < 0) { elements.push(ev[5]); }
      });
      (byRow[g.row] = byRow[g.row] || []).push(
        { text: g.best[2], sort: g.best[3], kinds: g.kinds, elements: elements });
    });
    return Object.keys(byRow).map(Number).sort(function (x, y) { return x - y; }).map(function (row) {
      var items = byRow[row].sort(function (x, y) { return x.sort - y.sort; });
      var byKind = [];
      kinds.forEach(function (kind, k) {
        var hits = items.filter(function (i) { return i.kinds[k]; });
        if (hits.length) { byKind.push({ kind: kind[0], label: kind[1], items: hits }); }
      });
      return { row: row, kinds: byKind };
    });
  }

  // The words of crosswalk/vocab.py's summary_line, gaps_line and closes_line.
  function plural(n, one, many) { return n === 1 ? one : many; }
  function gapsLine(counts, words) {
    var n = 0;
    words.gaps.forEach(function (s) { n += counts[s]; });
    return n + " " + plural(n, "gap", "gaps") + ": " +
      words.gaps.map(function (s) { return counts[s] + " " + words.short[s]; }).join(", ");
  }
  function summaryLine(counts, words) {
    var total = 0;
    words.statuses.forEach(function (s) { total += counts[s]; });
    return total + " " + plural(total, "criterion", "criteria") + ": " +
      words.supported.map(function (s) { return counts[s] + " " + words.short[s]; }).join(", ") +
      "; " + gapsLine(counts, words);
  }
  function closesLine(closes, gaps) {
    return "closes " + closes + " of " + gaps + " " + plural(gaps, "gap", "gaps") + "; " +
      (gaps - closes) + " left";
  }

  var api = { combine: combine, summaryLine: summaryLine, closesLine: closesLine };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; }
  if (typeof document === "undefined") { return; }

  // ---- the page ---------------------------------------------------------------------------

  var store = root.crosswalkExplorer = root.crosswalkExplorer || {};
  var script = document.currentScript;
  var up = (script && script.getAttribute("data-root")) || "../";
  var words = store.words;
  var form = document.getElementById("explorer");
  var out = document.getElementById("explorer-result");
  var answerBox = document.getElementById("explorer-answer");
  var heading = document.getElementById("explorer-heading");
  var summary = document.getElementById("explorer-summary");
  var stageSlot = document.getElementById("explorer-stage-slot");
  var jump = document.getElementById("explorer-jump");
  var select = form.framework;
  var COUNTRY_KEY = "crosswalk.explorer.country";
  // Every framework option, by country, as the page lists them.
  var options = {};
  Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) {
    options[group.getAttribute("data-country")] = Array.prototype.map.call(
      group.querySelectorAll("option"), function (o) {
        return { id: o.value, title: o.textContent, src: o.getAttribute("data-src") };
      });
  });
  var countryOf = {};
  Object.keys(options).forEach(function (c) {
    options[c].forEach(function (o) { countryOf[o.id] = c; });
  });
  var loading = {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function badge(status) {
    return el("strong", { "class": "cw-status cw-status--" + status, "data-status": status },
      [words.short[status]]);
  }
  function and(names) {
    return names.length < 2 ? names.join("") : names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
  }
  function link(href, text) { return el("a", { "class": "govuk-link", href: href }, [text]); }
  function name(row) { return row.number ? row.number + " " + row.title : row.title; }
  function short(row) { return row.number || row.title; }
  function chosenModels() {
    return Array.prototype.map.call(form.querySelectorAll('input[name="model"]:checked'),
      function (i) { return i.value; });
  }
  function country() {
    var ticked = form.querySelector('input[name="country"]:checked');
    return ticked ? ticked.value : null;
  }

  // The frameworks of the chosen country in the list; the framework kept if it is there.
  function offerFrameworks(chosen) {
    var keep = select.value;
    select.innerHTML = "";
    (options[chosen] || []).forEach(function (o) {
      select.appendChild(el("option", { value: o.id }, [o.title]));
    });
    if ((options[chosen] || []).some(function (o) { return o.id === keep; })) { select.value = keep; }
    document.getElementById("framework-group").hidden = !chosen;
  }

  // The rating levels a framework's answers offer; the choice shows only where there are any.
  function offerRatings(framework, wanted) {
    var ratings = form.rating;
    ratings.innerHTML = "";
    framework.answers.forEach(function (a) {
      ratings.appendChild(el("option", { value: a.rating || "" },
        [a.rating ? "Rating characteristics: " + a.title : "Criteria (no rating level)"]));
    });
    ratings.value = framework.answers.some(function (a) { return (a.rating || "") === wanted; }) ? wanted : "";
    document.getElementById("rating-group").hidden = framework.answers.length < 2;
  }

  // The state as the query a plain GET of the form sends: ?framework=…&rating=…&model=…
  function query() {
    var params = new URLSearchParams();
    if (select.value && country()) { params.append("framework", select.value); }
    if (form.rating.value && !document.getElementById("rating-group").hidden) {
      params.append("rating", form.rating.value);
    }
    chosenModels().forEach(function (m) { params.append("model", m); });
    var text = params.toString();
    return text ? "?" + text : location.pathname.split("/").pop() || "index.html";
  }

  // Set the form from the address (on load, and when Back or Forward restores a state).
  function restore() {
    var params = new URLSearchParams(location.search);
    var fid = params.get("framework");
    var chosen = fid && countryOf[fid] ? countryOf[fid] : remembered();
    form.querySelectorAll('input[name="country"]').forEach(function (r) { r.checked = r.value === chosen; });
    offerFrameworks(chosen);
    if (fid && countryOf[fid]) { select.value = fid; }
    var models = params.getAll("model");
    form.querySelectorAll('input[name="model"]').forEach(function (i) {
      i.checked = models.indexOf(i.value) >= 0;
    });
    form.rating.setAttribute("data-wanted", params.get("rating") || "");
    form.rating.removeAttribute("data-framework");
  }
  function remembered() {
    try {
      var c = root.localStorage.getItem(COUNTRY_KEY);
      return options[c] ? c : null;
    } catch (e) { return null; }  // storage may be refused (private windows, file://)
  }
  function remember(c) {
    try { root.localStorage.setItem(COUNTRY_KEY, c); } catch (e) { /* nothing to keep it in */ }
  }

  // A framework's data, loaded once, by a script element (works from file:// too).
  function withFramework(fid, then) {
    if (store[fid]) { then(store[fid]); return; }
    if (!loading[fid]) {
      loading[fid] = [];
      var src = options[countryOf[fid]].filter(function (o) { return o.id === fid; })[0].src;
      var script = el("script", { src: src });
      script.addEventListener("load", function () {
        var waiting = loading[fid];
        delete loading[fid];
        waiting.forEach(function (f) { f(store[fid]); });
      });
      document.body.appendChild(script);
    }
    loading[fid].push(then);
  }

  function say(text) {
    answerBox.hidden = false;
    heading.textContent = "";
    heading.hidden = true;
    stageSlot.innerHTML = "";
    jump.hidden = true;
    out.innerHTML = "";
    if (summary.textContent !== text) { summary.textContent = text; }
  }

  function render() {
    if (!country()) { say("Choose where your service is: England or Wales."); return; }
    var fid = select.value;
    var models = chosenModels();
    if (!models.length) { say("Tick at least one model to see its coverage."); return; }
    if (!store[fid]) { say("Loading the answer…"); }
    withFramework(fid, function (framework) {
      if (select.value !== fid) { return; }  // the choice changed while it loaded
      if (form.rating.getAttribute("data-framework") !== fid) {
        offerRatings(framework, form.rating.getAttribute("data-wanted") || form.rating.value);
        form.rating.setAttribute("data-framework", fid);
        form.rating.removeAttribute("data-wanted");
      }
      var index = 0;
      framework.answers.forEach(function (a, i) { if ((a.rating || "") === form.rating.value) { index = i; } });
      show(framework, combine(framework, index, models, words), models);
    });
  }

  function show(framework, got, models) {
    var answer = got.answer;
    var rows = answer.rows;
    answerBox.hidden = false;
    heading.hidden = false;
    heading.textContent = "Coverage of " + framework.title +
      (answer.rating ? ": " + answer.title + " rating characteristics" : "") + " by " +
      and(models.map(function (m) { return words.models[m].title; }));
    var sentence = summaryLine(got.counts, words);
    if (summary.textContent !== sentence) { summary.textContent = sentence; }
    stageSlot.innerHTML = "";
    if (framework.stage) {
      var st = framework.stage;
      stageSlot.appendChild(el("div", { "class": "govuk-warning-text", id: "explorer-stage" }, [
        el("span", { "class": "govuk-warning-text__icon", "aria-hidden": "true" }, ["!"]),
        el("strong", { "class": "govuk-warning-text__text" }, [
          el("span", { "class": "govuk-visually-hidden" }, ["Warning"]),
          st.label + ": " + st.note + (st.text ? " Its wording is from “" + st.text + "”." : "") +
          (st.caveat ? " " + st.caveat : "")])]));
    }
    if (!jump.children.length) {  // links to what the answer below is made of
      [["#explorer-table", "Each criterion"], ["#explorer-close", "What would close the gaps"],
       ["#explorer-checklist", "Evidence checklist"]].forEach(function (to) {
        jump.appendChild(el("li", {}, [link(to[0], to[1])]));
      });
    }
    jump.hidden = false;
    out.innerHTML = "";

    var body = el("tbody", { "class": "govuk-table__body" });
    rows.forEach(function (row, i) {
      var status = got.statuses[i];
      var attrs = { "class": "govuk-table__row cw-explorer__row cw-explorer__depth-" + row.depth,
                    "data-ref": row.ref, "data-role": row.role };
      if (status) { attrs["data-status"] = status; }
      var support = [];
      if (status) { support.push(badge(status)); }
      if (row.role === "context") {
        support.push(" ", el("span", { "class": "govuk-body-s cw-explorer__note" }, ["legal context, not counted"]));
      }
      if (got.rollups[i]) {
        support.push(el("span", { "class": "govuk-body-s cw-explorer__rollup" }, [summaryLine(got.rollups[i], words)]));
      }
      var reason = row.counted && words.reasons[status] ? words.reasons[status] : "";
      body.appendChild(el("tr", attrs, [
        el("th", { scope: "row", "class": "govuk-table__header cw-explorer__criterion" }, [
          link(up + row.page, name(row))]),
        el("td", { "class": "govuk-table__cell cw-explorer__support" }, support),
        el("td", { "class": "govuk-table__cell cw-explorer__reason" }, reason ? [reason] : [])
      ]));
    });
    out.appendChild(el("table", { "class": "govuk-table cw-explorer__table", id: "explorer-table" }, [
      el("caption", { "class": "govuk-table__caption govuk-table__caption--m" }, ["Each criterion"]),
      el("thead", { "class": "govuk-table__head" }, [el("tr", { "class": "govuk-table__row" }, [
        el("th", { scope: "col", "class": "govuk-table__header" }, ["Criterion"]),
        el("th", { scope: "col", "class": "govuk-table__header" }, ["Support"]),
        el("th", { scope: "col", "class": "govuk-table__header" }, ["Why a gap"])])]),
      body]));

    out.appendChild(el("h2", { "class": "govuk-heading-l", id: "explorer-close" }, ["What would close the gaps"]));
    var open = got.gaps.length;
    if (got.steps.length) {
      out.appendChild(el("ol", { "class": "govuk-list govuk-list--number", id: "explorer-steps" },
        got.steps.map(function (s) {
          var line = closesLine(s.closes.length, open);
          open = s.remaining;
          return el("li", {}, ["Add ", link(up + words.models[s.model].page,
            words.models[s.model].title), ": " + line + " (" +
            s.closes.map(function (r) { return short(rows[r]); }).join(", ") + ")."]);
        })));
    } else if (got.gaps.length) {
      out.appendChild(el("p", { "class": "govuk-body" }, ["No other model in the data closes any of these gaps."]));
    } else {
      out.appendChild(el("p", { "class": "govuk-body" }, ["These models leave no gaps."]));
    }
    if (got.uncloseable.length) {
      out.appendChild(el("p", { "class": "govuk-body", id: "explorer-uncloseable" }, [
        "No model in the data closes: " + got.uncloseable.map(function (r) { return short(rows[r]); }).join(", ") + "."]));
    }

    out.appendChild(el("h2", { "class": "govuk-heading-l", id: "explorer-checklist" }, ["Evidence checklist"]));
    if (!got.checklist.length) {
      out.appendChild(el("p", { "class": "govuk-body" }, ["These models supply no direct evidence items for this framework."]));
    }
    var list = el("div", { "class": "cw-checklist" });
    got.checklist.forEach(function (c, n) {
      var section = el("section", { "class": "cw-explorer__check", "data-ref": rows[c.row].ref }, [
        el("h3", { "class": "govuk-heading-s" }, [name(rows[c.row])])]);
      c.kinds.forEach(function (kind, k) {
        var boxes = el("div", { "class": "govuk-checkboxes govuk-checkboxes--small" });
        kind.items.forEach(function (item, j) {
          var id = "ev-" + (n + 1) + "-" + (k + 1) + "-" + (j + 1);
          var from = ["From "];
          item.elements.forEach(function (e, x) {
            var element = framework.elements[e];
            if (x) { from.push(", "); }
            from.push(link(up + element.page, element.title),
              " (" + words.models[element.model].title + ")");
          });
          boxes.appendChild(el("div", { "class": "govuk-checkboxes__item" }, [
            el("input", { "class": "govuk-checkboxes__input", id: id, type: "checkbox", "aria-describedby": id + "-from" }),
            el("label", { "class": "govuk-label govuk-checkboxes__label", "for": id }, [item.text]),
            el("div", { "class": "govuk-hint govuk-checkboxes__hint", id: id + "-from" }, from)]));
        });
        section.appendChild(el("div", { "class": "govuk-form-group" }, [
          el("fieldset", { "class": "govuk-fieldset", "data-kind": kind.kind }, [
            el("legend", { "class": "govuk-fieldset__legend govuk-fieldset__legend--s" }, [kind.label]),
            boxes])]));
      });
      list.appendChild(section);
    });
    out.appendChild(list);
  }

  // A change is a new state in the address (so Back restores the one before) and an answer.
  function changed(event) {
    if (event && event.target && event.target.name === "country") {
      remember(country());
      offerFrameworks(country());
    }
    if (event && event.target && (event.target.name === "framework" || event.target.name === "country")) {
      // Another framework: its own rating levels, once its data is here.
      form.rating.removeAttribute("data-framework");
      form.rating.innerHTML = "";
      document.getElementById("rating-group").hidden = true;
    }
    var next = query();
    var now = location.search || "";
    if (next.charAt(0) === "?" ? next !== now : now !== "") {
      history.pushState(null, "", next);
    }
    render();
  }

  form.hidden = false;
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (e) { e.preventDefault(); changed(null); });
  root.addEventListener("popstate", function () { restore(); render(); });
  restore();
  render();
})(typeof window !== "undefined" ? window : this);
