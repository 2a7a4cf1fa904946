/* Casebook's script: the filters of the lessons explorer and the cases listing, the search
 * page, and one accessibility fix to Material.
 *
 * Filter pages are rendered on the server, so they work without JavaScript; the script
 * only narrows them. Contract: facets and values live in the query string with repeated
 * parameters (?type=co-creation&type=policy-maker&challenge=maintaining-momentum); values of
 * one facet are combined with OR, facets with AND. `text` holds the words searched (not
 * `q`, which Material would take as a search).
 *
 * What the script acts on is only what the site generated: the templates mark their elements
 * with data-cb-* attributes, which contributed HTML never carries (the sanitiser removes every
 * data-* attribute from case, event and guidelines text). Addresses read from the page are
 * used only when they resolve to a path on this site, and values from the address bar are
 * escaped before they go into a selector.
 *
 * Two kinds of list:
 * - the cases listing carries every row; filtering shows and hides them;
 * - the lessons explorer names a data file (data-cb-source): the lessons are read from it and
 *   the matches drawn a hundred at a time, so 17,000 lessons stay quick to filter.
 */
(function () {
  "use strict";

  var PAGE = 100; // lessons drawn, or cases shown, at a time

  function each(nodes, fn) {
    Array.prototype.forEach.call(nodes, fn);
  }

  // A URL written in a generated element's attribute, resolved, if it is on this site; null
  // for anything else (another host, another scheme). It is used whole: a path alone that
  // starts with '//' would name another host.
  function siteUrl(value) {
    if (!value) return null;
    var url;
    try {
      url = new URL(value, window.location.href);
    } catch (error) {
      return null;
    }
    return url.origin === window.location.origin ? url : null;
  }

  // The script's words in the page's language, from the JSON block the page carries
  // (data-cb-words, generated from the message catalogue); read again on every page, since
  // instant navigation can move to a page in another language.
  var WORDS = {};

  function readWords() {
    var block = document.querySelector("script[data-cb-words]");
    try {
      WORDS = block ? JSON.parse(block.textContent) : {};
    } catch (error) {
      WORDS = {};
    }
  }

  // A message with its %(name)s values filled in; the key itself if the page has no words.
  function say(key, values) {
    var text = typeof WORDS[key] === "string" ? WORDS[key] : key;
    return text.replace(/%\((\w+)\)s/g, function (all, name) {
      return values && values[name] !== undefined ? String(values[name]) : all;
    });
  }

  function element(tag, attributes, text) {
    var el = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      el.setAttribute(name, attributes[name]);
    });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  // Rows already in the page: their facet values are in data-<facet> attributes.
  function domItems(list, facets) {
    return Array.prototype.map.call(list.querySelectorAll("[data-cb-item]"), function (el) {
      var values = {};
      facets.forEach(function (facet) {
        var raw = el.getAttribute("data-" + facet) || "";
        values[facet] = raw ? raw.split(" ") : [];
      });
      var textEl = el.querySelector("[data-cb-text]") || el;
      return { el: el, values: values, text: textEl.textContent.toLowerCase() };
    });
  }

  // Lessons from the explorer's data file; each is drawn only when it is shown. Which facet
  // each column holds is the data file's to say (data.facets): the script knows no facet.
  function dataItems(data) {
    var lessonFacets = data.facets.lesson, caseFacets = data.facets.case;
    return data.lessons.map(function (row) {
      var c = data.cases[row[0]];
      var values = {};
      caseFacets.forEach(function (facet, i) { values[facet] = c[5 + i]; }); // after slug, title, organisation, address, language
      lessonFacets.forEach(function (facet, i) { values[facet] = row[3 + i]; });
      return { el: null, row: row, case: c, values: values, text: row[2].toLowerCase() };
    });
  }

  function drawLesson(item, data, base) {
    var row = item.row;
    var c = item.case;
    var labels = data.labels;
    var country = data.country;
    // A lesson of a case not translated into the page's language is shown in its own,
    // marked with it (screen readers, and its name after it).
    var other = c[4] !== data.language ? { lang: c[4] } : {};
    var li = element("li", { "class": "cb-lesson", "data-cb-item": "" });
    var text = element("p", Object.assign({ "class": "cb-lesson__text", "data-cb-text": "" }, other), row[2]);
    if (other.lang) text.appendChild(element("span", { "class": "cb-lang" }, " (" + (data.languages[c[4]] || c[4]) + ")"));
    li.appendChild(text);
    var meta = element("p", { "class": "cb-lesson__meta" });
    meta.appendChild(element("a", Object.assign({ href: base + c[3] + "#lesson-" + row[1] }, other), c[1]));
    meta.appendChild(document.createTextNode(" · " + c[2]));
    item.values[country.param].forEach(function (code) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(element("a", { href: base + country.url.replace("{code}", code) }, labels[country.param][code]));
    });
    data.shown.forEach(function (facet) {
      item.values[facet].forEach(function (slug) {
        meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(element("span", { "class": "cb-" + facet }, data.names[facet] + ": " + labels[facet][slug]));
      });
    });
    li.appendChild(meta);
    var chips = element("ul", { "class": "cb-chips", "aria-label": say("Filter lessons by") });
    data.chips.forEach(function (facet) {
      item.values[facet].forEach(function (slug) {
        var chip = element("li");
        chip.appendChild(element("a", { "class": "cb-chip", href: "?" + facet + "=" + slug }, labels[facet][slug]));
        chips.appendChild(chip);
      });
    });
    li.appendChild(chips);
    return li;
  }

  // "Download these N": the open-data file a link names (its own href, on this site), cut
  // down in the browser to the items the filters show, in the order shown; nothing is sent
  // anywhere. Each format keeps the open data's columns: a CSV's rows, a JSON list's
  // records, a BibTeX file's entries, picked by each item's key (a case's slug; a lesson's
  // case slug and number).
  var FORMULA = /^[=+\-@\t\r]/; // a spreadsheet runs such a cell as a formula: quote it

  function csvCell(value) {
    var text = value === null || value === undefined ? "" : String(value);
    if (FORMULA.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function parseCsv(text) {
    var rows = [], row = [], cell = "", quoted = false;
    for (var i = 0; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
        else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") { row.push(cell); cell = ""; }
      else if (ch === "\n") { row.push(cell.replace(/\r$/, "")); rows.push(row); row = []; cell = ""; }
      else cell += ch;
    }
    if (cell || row.length) { row.push(cell); rows.push(row); }
    return rows;
  }

  function recordKey(record, noun) {
    if (noun === "cases") return record.slug;
    var number = /#lesson-(\d+)$/.exec(record.url || "");
    return record["case"] + "#" + (number ? number[1] : "");
  }

  // The file's text with only the `keys` given, in their order.
  function pick(format, text, keys, noun) {
    var wanted = keys;
    if (format === "json") {
      var byKey = new Map(JSON.parse(text).map(function (r) { return [recordKey(r, noun), r]; }));
      var records = wanted.filter(function (k) { return byKey.has(k); }).map(function (k) { return byKey.get(k); });
      return records.length
        ? "[\n" + records.map(function (r) { return JSON.stringify(r); }).join(",\n") + "\n]\n"
        : "[]\n";
    }
    if (format === "csv") {
      var rows = parseCsv(text.replace(/^\ufeff/, ""));
      var head = rows[0];
      var keyed = new Map(rows.slice(1).map(function (cells) {
        var record = {};
        head.forEach(function (name, i) { record[name] = cells[i]; });
        return [recordKey(record, noun), cells];
      }));
      var lines = [head].concat(wanted.filter(function (k) { return keyed.has(k); }).map(function (k) { return keyed.get(k); }));
      return "\ufeff" + lines.map(function (cells) { return cells.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    }
    var entries = new Map();
    text.split(/\n(?=@)/).forEach(function (entry) {
      var key = /^@\w+\{([^,\s]+),/.exec(entry.trim());
      if (key) entries.set(key[1], entry.trim() + "\n");
    });
    return wanted.filter(function (k) { return entries.has(k); }).map(function (k) { return entries.get(k); }).join("\n");
  }

  var TYPES = { csv: "text/csv;charset=utf-8", json: "application/json", bib: "application/x-bibtex;charset=utf-8" };
  var fetched = {};

  function download(link, keys, noun) {
    var source = siteUrl(link.getAttribute("href"));
    var format = link.dataset.cbDownload;
    if (!source || !TYPES[format]) return;
    fetched[source.href] = fetched[source.href] || fetch(source.href).then(function (response) { return response.text(); });
    fetched[source.href].then(function (text) {
      var blob = new Blob([pick(format, text, keys, noun)], { type: TYPES[format] });
      var address = URL.createObjectURL(blob);
      var save = element("a", { href: address, download: "casebook-" + noun + "-" + keys.length + "." + format });
      document.body.appendChild(save);
      save.click();
      save.remove();
      setTimeout(function () { URL.revokeObjectURL(address); }, 10000);
    });
  }

  function setup(root) {
    var form = root.querySelector("[data-cb-filters]");
    var list = root.querySelector("[data-cb-list]");
    if (!form || !list || form.dataset.cbReady) return;
    form.dataset.cbReady = "1";
    openWhereItFits(form.querySelector("[data-cb-panel]"));
    findInLongGroups(form);
    var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
      return el.dataset.facet;
    });
    var source = list.hasAttribute("data-cb-source") ? siteUrl(list.getAttribute("data-cb-source")) : null;
    if (list.hasAttribute("data-cb-source") && !(source && /\.json$/.test(source.pathname))) return;
    if (source) {
      root.classList.add("cb-loading");
      fetch(source.href)
        .then(function (response) { return response.json(); })
        .then(function (data) { start(root, form, list, facets, dataItems(data), data); });
    } else {
      start(root, form, list, facets, domItems(list, facets), null);
    }
  }

  // The filters' panel is open beside the results on wide screens, and folded behind
  // "Filters" on narrow ones, where the results come first.
  var WIDE = "(min-width: 60em)";

  function openWhereItFits(panel) {
    if (!panel) return;
    var wide = window.matchMedia(WIDE);
    panel.open = wide.matches;
    wide.addEventListener("change", function (event) { panel.open = event.matches; });
  }

  // A long group (countries) gets a box to find a value by typing: it hides the values whose
  // label does not contain the words typed, ticked ones excepted. It has no name, so it is
  // never part of the filters' state or the address.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function findInLongGroups(form) {
    each(form.querySelectorAll(".cb-facet--long"), function (group) {
      var legend = group.querySelector("legend");
      var values = group.querySelectorAll(".cb-facet__value");
      var find = element("input", {
        type: "search",
        "class": "cb-facet__find",
        autocomplete: "off",
        placeholder: say("Find…"),
        "aria-label": legend ? say("Find in %(group)s", { group: legend.textContent.trim() }) : say("Find a value")
      });
      function show() {
        var wanted = fold(find.value.trim());
        each(values, function (value) {
          var box = value.querySelector("input");
          value.hidden = wanted !== "" && !box.checked && fold(value.textContent).indexOf(wanted) < 0;
        });
      }
      find.addEventListener("input", function (event) { event.stopPropagation(); show(); });
      find.addEventListener("keydown", function (event) { if (event.key === "Enter") event.preventDefault(); });
      form.addEventListener("reset", function () { find.value = ""; show(); });
      group.insertBefore(find, group.querySelector(".cb-facet__values"));
    });
  }

  // The active filters as removable chips above the results, and their number beside
  // "Filters": on a phone they say what the list shows without opening the panel.
  function showActive(root, form, state, facets, update) {
    var chips = root.querySelector("[data-cb-active]");
    var number = form.querySelector("[data-cb-active-count]");
    if (!chips) return;
    chips.replaceChildren();
    var total = 0;
    facets.forEach(function (facet) {
      state[facet].forEach(function (value) {
        var box = form.querySelector("input[name='" + CSS.escape(facet) + "'][value='" + CSS.escape(value) + "']");
        if (!box) return;
        var label = form.querySelector("label[for='" + CSS.escape(box.id) + "']");
        var text = label ? label.firstChild.textContent.trim() : value;
        var item = element("li");
        var button = element("button", { type: "button", "class": "cb-active__chip", "aria-label": say("Remove filter: %(value)s", { value: text }) }, text + " ×");
        button.addEventListener("click", function () {
          box.checked = false;
          update(true);
        });
        item.appendChild(button);
        chips.appendChild(item);
        total += 1;
      });
    });
    chips.hidden = total === 0;
    if (number) number.textContent = total ? say("(active: %(count)s)", { count: total }) : "";
  }

  function start(root, form, list, facets, items, data) {
    // Count-neutral wording ("Lessons: 12 of 340"): the script makes no plurals.
    var noun = list.dataset.noun === "cases" ? "Cases" : "Lessons";
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var query = form.querySelector("input[type=search]");
    var status = root.querySelector("[data-cb-count]");
    var empty = root.querySelector("[data-cb-empty]");
    var more = root.querySelector("[data-cb-more]");
    var notice = root.querySelector("[data-cb-partial]");
    var downloads = root.querySelector("[data-cb-downloads]");
    var downloadsLabel = downloads ? downloads.querySelector("[data-cb-downloads-label]") : null;
    var counters = {};
    each(form.querySelectorAll("[data-count-for]"), function (el) {
      counters[el.dataset.countFor] = el;
    });
    var matches = [];
    var drawn = 0;
    var siteRoot = siteUrl(list.getAttribute("data-cb-base") || "./");
    var base = siteRoot ? siteRoot.href : ""; // the site's root, for the links of drawn lessons

    function stateFromUrl() {
      var params = new URLSearchParams(window.location.search);
      var state = { text: params.get("text") || "" };
      facets.forEach(function (facet) {
        state[facet] = params.getAll(facet);
      });
      return state;
    }

    function stateFromForm() {
      var state = { text: query ? query.value.trim() : "" };
      facets.forEach(function (facet) {
        state[facet] = [];
      });
      each(boxes, function (box) {
        if (box.checked) state[box.name].push(box.value);
      });
      return state;
    }

    function toForm(state) {
      each(boxes, function (box) {
        box.checked = state[box.name].indexOf(box.value) !== -1;
      });
      if (query) query.value = state.text;
    }

    function toQueryString(state) {
      var params = new URLSearchParams();
      facets.forEach(function (facet) {
        state[facet].forEach(function (value) {
          params.append(facet, value);
        });
      });
      if (state.text) params.append("text", state.text);
      var text = params.toString();
      return text ? "?" + text : window.location.pathname;
    }

    // The next PAGE matches: drawn from the data (explorer), or rows of the page shown
    // (listing). A hundred at a time: at 5,000 cases, showing every matching row of the
    // listing took the browser up to a second to lay out.
    function drawMore() {
      var next = matches.slice(drawn, drawn + PAGE);
      if (data) {
        var fragment = document.createDocumentFragment();
        next.forEach(function (item) {
          fragment.appendChild(drawLesson(item, data, base));
        });
        list.appendChild(fragment);
      } else {
        next.forEach(function (item) { item.el.hidden = false; });
      }
      drawn = Math.min(matches.length, drawn + PAGE);
      if (more) {
        more.hidden = drawn >= matches.length;
        more.textContent = say("Show more (%(count)s)", { count: Math.min(PAGE, matches.length - drawn) });
      }
    }

    function show(visible) {
      matches = visible;
      drawn = 0;
      if (data) {
        list.replaceChildren();
      } else {
        var first = new Set(visible.slice(0, PAGE));
        items.forEach(function (item) {
          var hide = !first.has(item);
          if (item.el.hidden !== hide) item.el.hidden = hide;
        });
      }
      drawMore();
    }

    function apply(state) {
      var words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
      var active = facets.filter(function (facet) {
        return state[facet].length > 0;
      });
      var counts = {};
      facets.forEach(function (facet) { counts[facet] = {}; });
      var visible = [];
      items.forEach(function (item) {
        var textOk = words.every(function (word) {
          return item.text.indexOf(word) !== -1;
        });
        // Facets this item fails: a value's count ignores its own facet's filter.
        var failed = textOk ? active.filter(function (facet) {
          return !item.values[facet].some(function (value) {
            return state[facet].indexOf(value) !== -1;
          });
        }) : null;
        if (failed !== null && failed.length === 0) visible.push(item);
        if (failed === null || failed.length > 1) return;
        facets.forEach(function (facet) {
          if (failed.length === 1 && failed[0] !== facet) return;
          var tally = counts[facet];
          item.values[facet].forEach(function (value) {
            tally[value] = (tally[value] || 0) + 1;
          });
        });
      });
      show(visible);
      showActive(root, form, state, facets, update);
      Object.keys(counters).forEach(function (key) {
        var pair = key.split("=");
        counters[key].textContent = counts[pair[0]][pair[1]] || 0;
      });
      var filtered = active.length > 0 || words.length > 0;
      if (status) {
        status.textContent = filtered
          ? say(noun + ": %(shown)s of %(total)s", { shown: visible.length, total: items.length })
          : say(noun + ": %(total)s", { total: items.length });
      }
      if (empty) empty.hidden = visible.length > 0;
      if (downloadsLabel) downloadsLabel.textContent = say("Download these %(count)s:", { count: visible.length });
    }

    // History entries carry no state: Material's instant navigation reloads the page for a
    // popstate with state, and this page redraws itself from the address instead.
    function update(push) {
      var state = stateFromForm();
      var target = toQueryString(state);
      if (target !== window.location.search && !(target === window.location.pathname && !window.location.search)) {
        if (push) history.pushState(null, "", target);
        else history.replaceState(null, "", target);
      }
      apply(state);
    }

    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox") update(true);
    });
    var typing;
    if (query) {
      query.addEventListener("input", function () {
        clearTimeout(typing);
        typing = setTimeout(function () { update(false); }, 150);
      });
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(true);
    });
    form.addEventListener("reset", function (event) {
      event.preventDefault();
      toForm(facets.reduce(function (state, facet) { state[facet] = []; return state; }, { text: "" }));
      update(true);
      if (query) query.focus();
    });
    if (more) more.addEventListener("click", drawMore);
    if (downloads) {
      downloads.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[data-cb-download]") : null;
        if (!link) return;
        event.preventDefault();
        download(link, matches.map(function (item) {
          return item.el && item.el.dataset.cbKey ? item.el.dataset.cbKey : item.case[0] + "#" + item.row[1];
        }), noun.toLowerCase());
      });
    }
    // A sorted table: matches follow the rows' new order.
    list.addEventListener("cb-sorted", function () {
      var position = new Map();
      each(list.children, function (el, i) { position.set(el, i); });
      items.sort(function (a, b) { return position.get(a.el) - position.get(b.el); });
      apply(stateFromForm());
    });
    // Chips that link to a filtered view of this same page filter in place.
    list.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      if (!link) return;
      var url = new URL(link.href, window.location.href);
      if (url.pathname !== window.location.pathname || !url.search) return;
      event.preventDefault();
      event.stopPropagation();
      history.pushState(null, "", url.search);
      var state = stateFromUrl();
      toForm(state);
      apply(state);
      window.scrollTo(0, root.offsetTop);
    }, true);
    window.addEventListener("popstate", function () {
      if (!document.body.contains(form)) return;
      var state = stateFromUrl();
      toForm(state);
      apply(state);
    });

    if (notice) notice.hidden = true; // every lesson is reachable now
    var initial = stateFromUrl();
    toForm(initial);
    apply(initial);
    root.classList.remove("cb-loading");
    root.setAttribute("data-cb-started", ""); // for tests and styles: the filters are live
  }

  // Tables of cases: a button in each column heading sorts by that column.
  function setupSorting(table) {
    if (table.dataset.cbReady) return;
    table.dataset.cbReady = "1";
    var body = table.tBodies[0];
    each(table.tHead.rows[0].cells, function (th, column) {
      var button = element("button", { type: "button", "class": "cb-sort" }, th.textContent);
      th.replaceChildren(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        each(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          var cell = row.cells[column];
          return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim().toLowerCase();
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = x.localeCompare(y, undefined, { numeric: true });
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        body.dispatchEvent(new CustomEvent("cb-sorted"));
      });
    });
  }

  // The search page: Pagefind's interface, loaded from the site's own pagefind/ bundle, and
  // only from there.
  function setupSearch() {
    var box = document.querySelector("[data-cb-search]");
    if (!box || box.dataset.cbReady) return;
    var url = siteUrl(box.getAttribute("data-cb-bundle"));
    if (!url || !/\/pagefind\/$/.test(url.pathname)) return;
    var bundle = url.pathname.replace(/^\/+/, "/");
    box.dataset.cbReady = "1";
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      var ui = new window.PagefindUI({
        element: box,
        bundlePath: bundle,
        baseUrl: bundle.replace(/pagefind\/$/, ""), // the site may live in a subfolder
        showSubResults: true,
        showImages: false,
        resetStyles: false
      });
      // Pagefind's input is named by a placeholder only (axe: label-title-only).
      var input = box.querySelector("input");
      if (input) input.setAttribute("aria-label", say("Search the case studies"));
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) ui.triggerSearch(query);
    };
    document.head.appendChild(script);
  }

  // The language switcher keeps the filters and the place on the page: its links to the
  // same page in another language take this page's query and fragment (the same slugs in
  // every language).
  function setupSwitcher() {
    each(document.querySelectorAll("a[data-cb-same-page]"), function (link) {
      var url = siteUrl(link.getAttribute("href"));
      if (!url) return;
      url.search = window.location.search;
      url.hash = window.location.hash;
      link.href = url.href;
    });
  }

  function init() {
    readWords();
    setupSwitcher();
    setupSearch();
    // Material's search dialog has no accessible name (axe: aria-dialog-name).
    each(document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])'), function (el) {
      el.setAttribute("aria-label", say("Search"));
    });
    each(document.querySelectorAll("[data-cb-filterable]"), setup);
    each(document.querySelectorAll("table[data-cb-sortable]"), setupSorting);
  }

  // Material's instant navigation swaps pages without reloading: run again on each page.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
