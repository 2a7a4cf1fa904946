/* Casebook's script: the filters of the lessons explorer and the cases listing, and one
 * accessibility fix to Material.
 *
 * The page is rendered on the server with every item, so it works without JavaScript; this
 * script only shows and hides. Contract: facets and values live in the query string with
 * repeated parameters (?type=co-creation&type=policy-maker&challenge=maintaining-momentum);
 * values of one facet are combined with OR, facets with AND. `text` holds the words searched
 * (not `q`, which opens Material's search dialog).
 */
(function () {
  "use strict";

  function setup(root) {
    var form = root.querySelector("[data-cb-filters]");
    var list = root.querySelector("[data-cb-list]");
    if (!form || !list || form.dataset.cbReady) return;
    form.dataset.cbReady = "1";
    var facets = Array.prototype.map.call(form.querySelectorAll("[data-facet]"), function (el) {
      return el.dataset.facet;
    });
    var noun = list.dataset.noun || "items";
    var items = Array.prototype.map.call(list.querySelectorAll("[data-cb-item]"), function (el) {
      var values = {};
      facets.forEach(function (facet) {
        var raw = el.getAttribute("data-" + facet) || "";
        values[facet] = raw ? raw.split(" ") : [];
      });
      var textEl = el.querySelector("[data-cb-text]") || el;
      return { el: el, values: values, text: textEl.textContent.toLowerCase() };
    });
    var boxes = form.querySelectorAll("input[type=checkbox]");
    var query = form.querySelector("input[type=search]");
    var status = root.querySelector("[data-cb-count]");
    var empty = root.querySelector("[data-cb-empty]");
    var counters = {};
    Array.prototype.forEach.call(form.querySelectorAll("[data-count-for]"), function (el) {
      counters[el.dataset.countFor] = el;
    });

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
      Array.prototype.forEach.call(boxes, function (box) {
        if (box.checked) state[box.name].push(box.value);
      });
      return state;
    }

    function toForm(state) {
      Array.prototype.forEach.call(boxes, function (box) {
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

    function apply(state) {
      var words = state.text.toLowerCase().split(/\s+/).filter(Boolean);
      var active = facets.filter(function (facet) {
        return state[facet].length > 0;
      });
      var counts = {};
      var shown = 0;
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
        var visible = failed !== null && failed.length === 0;
        item.el.hidden = !visible;
        if (visible) shown += 1;
        if (failed === null || failed.length > 1) return;
        facets.forEach(function (facet) {
          if (failed.length === 1 && failed[0] !== facet) return;
          item.values[facet].forEach(function (value) {
            var key = facet + "=" + value;
            counts[key] = (counts[key] || 0) + 1;
          });
        });
      });
      Object.keys(counters).forEach(function (key) {
        counters[key].textContent = counts[key] || 0;
      });
      var filtered = active.length > 0 || words.length > 0;
      if (status) {
        status.textContent = filtered
          ? shown + " of " + items.length + " " + noun
          : items.length + " " + noun;
      }
      if (empty) empty.hidden = shown > 0;
    }

    function update(push) {
      var state = stateFromForm();
      var target = toQueryString(state);
      if (target !== window.location.search && !(target === window.location.pathname && !window.location.search)) {
        if (push) history.pushState({ casebook: true }, "", target);
        else history.replaceState({ casebook: true }, "", target);
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
      toForm(Object.assign({ text: "" }, facets.reduce(function (s, f) { s[f] = []; return s; }, {})));
      update(true);
      if (query) query.focus();
    });
    // Chips that link to a filtered view of this same page filter in place.
    list.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href]") : null;
      if (!link) return;
      var url = new URL(link.href, window.location.href);
      if (url.pathname !== window.location.pathname || !url.search) return;
      event.preventDefault();
      event.stopPropagation();
      history.pushState({ casebook: true }, "", url.search);
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

    form.hidden = false;
    var initial = stateFromUrl();
    toForm(initial);
    apply(initial);
  }

  // The search page: Pagefind's interface, loaded from the site's own pagefind/ bundle.
  function setupSearch() {
    var box = document.getElementById("cb-search");
    if (!box || box.dataset.cbReady) return;
    box.dataset.cbReady = "1";
    var bundle = box.dataset.bundle;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    var script = document.createElement("script");
    script.src = bundle + "pagefind-ui.js";
    script.onload = function () {
      var ui = new window.PagefindUI({ element: "#cb-search", bundlePath: bundle, showSubResults: true, showImages: false, resetStyles: false });
      // Pagefind's input is named by a placeholder only (axe: label-title-only).
      var input = box.querySelector("input");
      if (input) input.setAttribute("aria-label", "Search the case studies");
      var query = new URLSearchParams(window.location.search).get("q");
      if (query) ui.triggerSearch(query);
    };
    document.head.appendChild(script);
  }

  function init() {
    setupSearch();
    // Material's search dialog has no accessible name (axe: aria-dialog-name).
    Array.prototype.forEach.call(document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])'), function (el) {
      el.setAttribute("aria-label", "Search");
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-cb-filterable]"), setup);
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
