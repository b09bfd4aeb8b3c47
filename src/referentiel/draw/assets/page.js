// The interactive page of a référentiel (referentiel.draw.interactive). Everything it shows comes from
// the JSON data block and the figures' templates that the library wrote into the page; every
// text is inserted as text (textContent), never as markup.
// The data and the figures are packed (gzip, then base64): the script unpacks them with the
// browser's DecompressionStream, parses the figures as XML (never as HTML) and imports them.
"use strict";
(async () => {
  const unpack = async (node) => {
    const bytes = Uint8Array.from(atob(node.content.textContent.trim()), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text();
  };
  const data = JSON.parse(await unpack(document.getElementById("referentiel-data")));
  const templates = [...document.querySelectorAll("#referentiel-figures > template")];
  const figures = new Map(); // template -> its SVG element, unpacked once and moved, not copied
  const figureOf = async (template) => {
    if (!figures.has(template)) {
      const svg = new DOMParser().parseFromString(await unpack(template), "image/svg+xml");
      figures.set(template, document.adoptNode(svg.documentElement));
    }
    return figures.get(template);
  };
  const state = {
    lang: templates.find((t) => t.hasAttribute("data-first")).dataset.lang,
    figure: data.figures[0],
    selected: null, // {index, side}
    query: "",
    filters: { origin: "", status: "", source: "", kind: "" },
  };
  const sources = new Map(data.sources.map((s) => [s.id, s]));

  // -- helpers ----------------------------------------------------------------------------
  const words = () => data.words[state.lang];
  const w = (key) => words()[key] ?? key;
  const el = (tag, attributes = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes)) {
      if (value === false || value === null || value === undefined) continue;
      if (key === "text") node.textContent = value;
      else node.setAttribute(key, value === true ? "" : value);
    }
    node.append(...children);
    return node;
  };
  const fold = (text) =>
    (text || "").normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

  // Search text of each tension: its labels in every language, its excerpts and speakers;
  // made at the first search, not before the page is shown.
  let haystacks = null;
  const haystack = (i) => {
    haystacks ??= data.tensions.map((t) =>
      fold(
        [
          String(t.number),
          ...t.poles.flatMap((p) => Object.values(p.label)),
          ...t.evidence.flatMap((e) => [e.quote, e.speaker, ...Object.values(e.translated)]),
        ].join("\n"),
      ),
    );
    return haystacks[i];
  };

  // -- the page's parts ---------------------------------------------------------------------
  const title = el("h1", { id: "page-title" });
  const langLabel = el("label", { for: "page-lang" });
  const langSelect = el("select", { id: "page-lang" });
  for (const code of data.languages) langSelect.append(el("option", { value: code, text: code }));
  const tabs = el("div", { role: "tablist", id: "page-tabs" });
  const search = el("input", { type: "search", id: "page-search", autocomplete: "off" });
  const searchLabel = el("label", { for: "page-search" });
  const filterSelects = {};
  const filterLabels = {};
  const filterBox = el("div", { class: "filters" });
  for (const name of ["origin", "status", "source", "kind"]) {
    filterSelects[name] = el("select", { id: `page-filter-${name}` });
    filterLabels[name] = el("label", { for: `page-filter-${name}` });
    filterBox.append(el("span", { class: "filter" }, filterLabels[name], filterSelects[name]));
  }
  const count = el("output", { id: "page-count", "aria-live": "polite" });
  const controls = el(
    "section",
    { class: "controls", id: "page-controls" },
    el("span", { class: "search" }, searchLabel, search),
    filterBox,
    count,
  );
  const figureHost = el("div", {
    class: "figure",
    role: "tabpanel",
    id: "page-figure",
    tabindex: "-1",
  });
  const evidence = el("aside", { id: "page-evidence", "aria-live": "polite" });
  const found = el("details", { id: "page-found" });
  const foundSummary = el("summary");
  const foundList = el("ul");
  found.append(foundSummary, foundList);
  document.body.append(
    el("header", {}, title, el("span", { class: "lang" }, langLabel, langSelect)),
    el("nav", { id: "page-nav" }, tabs),
    controls,
    el("main", {}, figureHost, evidence),
    found,
  );

  // -- matching -------------------------------------------------------------------------------
  const matches = (t, i) => {
    const f = state.filters;
    if (f.origin && (t.origin ?? "no-origin") !== f.origin) return false;
    if (f.status && t.status !== f.status) return false;
    if (f.kind && t.kind !== f.kind) return false;
    if (f.source && !t.sources.includes(f.source)) return false;
    const query = fold(state.query.trim());
    return !query || haystack(i).includes(query);
  };

  // -- drawing ----------------------------------------------------------------------------------
  function fillSelect(select, values, nameOf) {
    const kept = select.value;
    select.replaceChildren(el("option", { value: "", text: w("page-all") }));
    for (const value of values) select.append(el("option", { value, text: nameOf(value) }));
    select.value = values.includes(kept) ? kept : "";
  }

  function drawWords() {
    document.documentElement.lang = state.lang;
    document.title = data.title[state.lang];
    title.textContent = data.title[state.lang];
    langLabel.textContent = w("page-language");
    langSelect.value = state.lang;
    searchLabel.textContent = w("page-search");
    controls.setAttribute("aria-label", w("page-filters"));
    tabs.setAttribute("aria-label", w("page-figures"));
    filterLabels.origin.textContent = w("origin");
    filterLabels.status.textContent = w("page-status");
    filterLabels.source.textContent = w("source");
    filterLabels.kind.textContent = w("kind");
    const origins = [...data.origins, "no-origin"].filter((o) =>
      data.tensions.some((t) => (t.origin ?? "no-origin") === o),
    );
    fillSelect(filterSelects.origin, origins, (o) => w(o));
    fillSelect(filterSelects.status, data.statuses, (s) => w(s));
    fillSelect(
      filterSelects.source,
      data.sources.map((s) => s.id),
      (id) => sources.get(id).citation || id,
    );
    fillSelect(filterSelects.kind, data.kinds, (k) => w(`page-kind-${k}`));
    tabs.replaceChildren(
      ...data.figures.map((kind) =>
        el("button", {
          role: "tab",
          type: "button",
          "data-figure": kind,
          "aria-selected": String(kind === state.figure),
          "aria-controls": "page-figure",
          tabindex: kind === state.figure ? "0" : "-1",
          text: w(`page-figure-${kind}`),
        }),
      ),
    );
  }

  async function drawFigure() {
    const template = templates.find(
      (t) => t.dataset.figure === state.figure && t.dataset.lang === state.lang,
    );
    figureHost.replaceChildren(await figureOf(template));
    figureHost.setAttribute("aria-label", w(`page-figure-${state.figure}`));
  }

  function drawMatches() {
    const shown = data.tensions.filter(matches);
    const visible = new Set(shown.map((t) => t.index));
    for (const node of figureHost.querySelectorAll("[data-index]")) {
      node.classList.toggle("dimmed", !visible.has(Number(node.dataset.index)));
      const chosen =
        state.selected &&
        Number(node.dataset.index) === state.selected.index &&
        (node.dataset.side ?? null) === state.selected.side;
      node.classList.toggle("selected", Boolean(chosen));
      node.setAttribute("aria-pressed", String(Boolean(chosen)));
    }
    count.textContent = w("page-shown")
      .replace("{shown}", String(shown.length))
      .replace("{total}", String(data.tensions.length));
    foundSummary.textContent = `${w("page-found")} (${shown.length})`;
    foundList.replaceChildren(
      ...shown.slice(0, 500).map((t) =>
        el(
          "li",
          {},
          el("button", {
            type: "button",
            "data-index": String(t.index),
            text: `${t.number}. ${t.poles.map((p) => p.label[state.lang]).join(" / ")}`,
          }),
        ),
      ),
    );
  }

  function provenanceLines(key, provenance) {
    const parts = [w(provenance.status)];
    if (provenance.locator) parts.push(`${w("page-locator")}${w("page-colon")}${provenance.locator}`);
    const item = el("li", {}, el("strong", { text: `${w(key)} — ` }), parts.join(" · "));
    if (provenance.source) {
      // the source by its id; its citation, often long, one click away
      const source = sources.get(provenance.source);
      const cite = el("details", { class: "cite" });
      cite.append(el("summary", { text: `${w("source")}${w("page-colon")}${provenance.source}` }));
      cite.append(source?.citation || "");
      item.append(cite);
    }
    if (provenance.justification) {
      item.append(
        el(
          "blockquote",
          { class: "justification", lang: data.language },
          provenance.justification,
        ),
      );
    }
    return item;
  }

  function excerptItem(e, side) {
    const translated = e.translated[state.lang];
    const quote = el("blockquote", { lang: translated ? state.lang : e.lang });
    quote.textContent = translated ?? e.quote;
    const item = el("li", { class: "excerpt" });
    if (translated) {
      item.append(el("p", { class: "mark", text: `${w("translation-mark")}${w("page-colon")}` }), quote);
      item.append(
        el("p", { class: "mark", text: `${w("page-original")}${w("page-colon")}` }),
        el("blockquote", { lang: e.lang, class: "original", text: e.quote }),
      );
    } else {
      item.append(quote);
    }
    const facts = el("dl");
    const fact = (key, value) => {
      if (value) facts.append(el("dt", { text: w(key) }), el("dd", { text: value }));
    };
    fact("speaker", e.speaker);
    fact("date", e.date);
    const source = sources.get(e.source);
    fact("source", source ? source.citation || source.id : e.source);
    fact("method", source?.method);
    fact("page-locator", e.locator[state.lang]);
    if (!side) fact("page-claim-pole", w(e.supports));
    fact("page-note", e.note);
    item.append(facts);
    const claims = el("ul", { class: "claims" });
    claims.append(
      e.provenance
        ? provenanceLines("page-claim-tie", e.provenance)
        : el("li", {}, el("strong", { text: `${w("page-claim-tie")} — ` }), w(e.tie)),
    );
    item.append(claims);
    return item;
  }

  function drawEvidence() {
    if (!state.selected) {
      evidence.replaceChildren(
        el("h2", { id: "page-evidence-heading", text: w("evidence") }),
        el("p", { class: "hint", text: w("page-select") }),
      );
      return;
    }
    const t = data.tensions[state.selected.index];
    const side = state.selected.side;
    const heading = el("h2", { id: "page-evidence-heading" });
    heading.textContent = `${t.number}. ${t.poles.map((p) => p.label[state.lang]).join(" / ")}`;
    const parts = [heading];
    const pole = side ? t.poles.find((p) => p.side === side) : null;
    if (pole) {
      parts.push(el("p", { class: "pole", text: `${w(pole.side)} — ${pole.label[state.lang]}` }));
    }
    const claims = el("ul", { class: "claims" });
    for (const [key, provenance] of t.claims) claims.append(provenanceLines(key, provenance));
    if (pole?.provenance) claims.append(provenanceLines("page-claim-pole", pole.provenance));
    parts.push(el("h3", { text: w("page-claims") }), claims);
    const excerpts = t.evidence.filter(
      (e) => !side || e.supports === side || e.supports === "both",
    );
    parts.push(el("h3", { text: `${w("evidence")} (${excerpts.length})` }));
    if (excerpts.length === 0) parts.push(el("p", { text: w("page-no-excerpt") }));
    else parts.push(el("ol", { class: "excerpts" }, ...excerpts.map((e) => excerptItem(e, side))));
    evidence.replaceChildren(...parts);
  }

  async function draw({ figure = false } = {}) {
    drawWords();
    if (figure) await drawFigure();
    drawMatches();
    drawEvidence();
  }

  // -- events ---------------------------------------------------------------------------------
  function select(index, side) {
    state.selected = { index, side: side ?? null };
    drawMatches();
    drawEvidence();
  }
  figureHost.addEventListener("click", (event) => {
    const node = event.target.closest("[data-index]");
    if (node) select(Number(node.dataset.index), node.dataset.side);
  });
  figureHost.addEventListener("keydown", (event) => {
    const node = event.target.closest?.("[data-index]");
    if (node && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(Number(node.dataset.index), node.dataset.side);
    }
  });
  foundList.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-index]");
    if (!button) return;
    select(Number(button.dataset.index), null);
    const node = figureHost.querySelector(`[data-index="${Number(button.dataset.index)}"]`);
    node?.scrollIntoView({ block: "center" });
    node?.focus();
  });
  tabs.addEventListener("click", async (event) => {
    const tab = event.target.closest("[role=tab]");
    if (!tab) return;
    state.figure = tab.dataset.figure;
    await draw({ figure: true });
    tabs.querySelector(`[data-figure="${state.figure}"]`).focus();
  });
  tabs.addEventListener("keydown", async (event) => {
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const i = data.figures.indexOf(state.figure);
    state.figure = data.figures[(i + step + data.figures.length) % data.figures.length];
    await draw({ figure: true });
    tabs.querySelector(`[data-figure="${state.figure}"]`).focus();
  });
  langSelect.addEventListener("change", async () => {
    state.lang = langSelect.value;
    await draw({ figure: true });
    document.documentElement.dataset.shown = state.lang;
  });
  search.addEventListener("input", () => {
    state.query = search.value;
    drawMatches();
  });
  for (const [name, select] of Object.entries(filterSelects)) {
    select.addEventListener("change", () => {
      state.filters[name] = select.value;
      drawMatches();
    });
  }

  await draw({ figure: true });
  document.documentElement.dataset.ready = "true";
})();
