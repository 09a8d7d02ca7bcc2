// The dashboard's page script: plain JavaScript served as it is (no build step), run under a
// Content-Security-Policy that allows scripts from the dashboard only. Every value from the
// store reaches the page as a text node or an attribute set through the DOM, never as markup:
// result values and error messages are user data.
(() => {
  const app = document.getElementById("app");
  const live = document.getElementById("live");
  const storeLabel = document.getElementById("store");
  const actionsOn = document.querySelector('meta[name="sb-actions"]')?.content === "on";
  const jobName = new URLSearchParams(location.search).get("job");
  // The page's own path (where it is mounted): links to a job are this path with ?job=.
  const home = location.pathname;
  const jobLink = (name) => `${home}?job=${encodeURIComponent(name)}`;
  document.getElementById("home")?.setAttribute("href", home);
  const STATES = ["pending", "submitted", "succeeded", "failed", "cancelled"];
  const SERIES_COLORS = {
    pending: "#9aa5b1",
    submitted: "#3b82f6",
    succeeded: "#16a34a",
    failed: "#dc2626",
    cancelled: "#6b7280",
  };
  const PAGE_SIZE = 25;
  const integer = new Intl.NumberFormat("en-US");

  /** An element with attributes, listeners (`on...`) and children (strings become text). */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs ?? {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** A table: its header cells (null ones left out) and its body rows. */
  function table(attrs, headers, rows) {
    return el(
      "table",
      attrs,
      el(
        "thead",
        null,
        el(
          "tr",
          null,
          headers.filter((h) => h !== null).map((h) => el("th", null, h)),
        ),
      ),
      el("tbody", null, rows),
    );
  }

  const count = (n) => (typeof n === "number" ? integer.format(n) : "—");
  const usd = (n) => (typeof n === "number" ? `$${n.toFixed(n > 0 && n < 1 ? 4 : 2)}` : "no price");
  const time = (iso) => (iso ? new Date(iso).toLocaleString() : "—");
  function duration(ms) {
    if (ms === undefined || ms === null || Number.isNaN(ms)) return "—";
    const s = Math.round(ms / 1000);
    if (s < 60) return `${s} s`;
    if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
    return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  }

  async function api(path, params, init) {
    const query = new URLSearchParams(params ?? {}).toString();
    const response = await fetch(`api/${path}${query ? `?${query}` : ""}`, init);
    const body = await response.json();
    if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
    return body;
  }

  function showProblem(where, error) {
    const box = el("p", { class: "problem", role: "alert" }, `${where}: ${error.message}`);
    app.prepend(box);
    setTimeout(() => box.remove(), 8000);
  }

  /** A stacked bar of the rows per state. */
  function stateBar(rows) {
    const bar = el("div", { class: "bar", title: STATES.map((s) => `${s} ${rows[s]}`).join(", ") });
    const total = rows.total || 0;
    for (const state of ["succeeded", "failed", "cancelled", "submitted", "pending"]) {
      if (!total || !rows[state]) continue;
      const part = el("span", { class: `seg seg-${state}` });
      part.style.width = `${(rows[state] / total) * 100}%`;
      bar.append(part);
    }
    return bar;
  }

  // ----- the list of jobs -----

  async function showJobs() {
    document.title = "Jobs · structured-batch";
    const render = async () => {
      const { store, jobs } = await api("jobs");
      storeLabel.textContent = store;
      const list = table(
        { class: "jobs", "data-testid": "jobs" },
        ["Job", "Model", "State", "Progress", "Rows", "Succeeded", "Failed", "Cost", "Created"],
        jobs.map((job) =>
          el(
            "tr",
            { "data-job": job.name },
            el("td", null, el("a", { href: jobLink(job.name) }, job.name)),
            el("td", null, `${job.provider}/${job.model}`),
            el("td", null, badge(job)),
            el("td", null, stateBar(job.progress.rows)),
            el("td", { class: "num" }, count(job.progress.rows.total)),
            el("td", { class: "num" }, count(job.progress.rows.succeeded)),
            el("td", { class: "num" }, count(job.progress.rows.failed)),
            el(
              "td",
              { class: "num", title: job.progress.costSource ?? "" },
              usd(job.progress.cost),
            ),
            el("td", null, time(job.createdAt)),
          ),
        ),
      );
      app.replaceChildren(
        el("h1", null, "Jobs"),
        jobs.length === 0 ? el("p", { class: "muted" }, "No jobs in this store yet.") : list,
      );
    };
    await render();
    live.textContent = "● refreshed every 5 s";
    live.className = "live on";
    setInterval(() => render().catch((e) => showProblem("refresh", e)), 5000);
  }

  function badge(job) {
    const text = job.state === "cancelled" ? "cancelled" : job.progress.done ? "done" : "running";
    return el("span", { class: `badge badge-${text}`, "data-testid": "job-state" }, text);
  }

  // ----- one job -----

  async function showJob(name) {
    document.title = `${name} · structured-batch`;
    const state = {
      detail: undefined,
      chart: undefined,
      chartData: undefined,
      rows: { state: "all", q: "", after: undefined, before: undefined, page: 1 },
    };
    const header = el("div", { class: "job-head" });
    const cards = el("div", { class: "cards", "data-testid": "cards" });
    const bar = el("div", { class: "overall" });
    const chartBox = el("div", { class: "chart", "data-testid": "chart" });
    const errorsBox = el("div", { "data-testid": "errors" });
    const batchesBox = el("div", { "data-testid": "batches" });
    const rowsBox = el("div", { "data-testid": "rows" });
    app.replaceChildren(
      el("p", null, el("a", { href: home }, "← All jobs")),
      header,
      cards,
      bar,
      el("h2", null, "Progress over time"),
      chartBox,
      el("h2", null, "Errors by type"),
      errorsBox,
      el("h2", null, "Provider batches"),
      batchesBox,
      el("h2", null, "Results and errors"),
      rowsControls(state, rowsBox),
      rowsBox,
    );

    // The buttons are rebuilt only when what they offer changes: a live update every second
    // must not undo a first click waiting for its confirmation.
    let actions = { key: "", node: null };
    const renderSummary = (job) => {
      const p = job.progress;
      const key = `${job.state}|${p.rows.failed}`;
      if (actionsOn && actions.key !== key) actions = { key, node: actionBar(job, refreshDetail) };
      header.replaceChildren(
        el("h1", { "data-testid": "job-name" }, job.name),
        el(
          "p",
          { class: "muted" },
          `${job.provider}/${job.model} · created ${time(job.createdAt)} · `,
          badge(job),
        ),
        ...(actions.node ? [actions.node] : []),
      );
      const running = p.batches.intent + p.batches.submitted + p.batches.collecting;
      const allBatches = running + p.batches.collected + p.batches.abandoned;
      cards.replaceChildren(
        card("Rows", p.rows.total, "total"),
        ...STATES.map((s) => card(s[0].toUpperCase() + s.slice(1), p.rows[s], s)),
        card("Input tokens", p.usage.inputTokens, "input-tokens"),
        card("Output tokens", p.usage.outputTokens, "output-tokens"),
        el(
          "div",
          { class: "card", title: p.costSource ?? "" },
          el("div", { class: "card-label" }, "Cost so far"),
          el("div", { class: "card-value", "data-count": "cost" }, usd(p.cost)),
        ),
        el(
          "div",
          { class: "card" },
          el("div", { class: "card-label" }, "Batches running"),
          el(
            "div",
            { class: "card-value", "data-count": "batches-running" },
            `${running} / ${allBatches}`,
          ),
        ),
      );
      bar.replaceChildren(stateBar(p.rows));
    };

    const refreshDetail = async () => {
      const detail = await api("job", { name });
      state.detail = detail;
      storeLabel.textContent = detail.store;
      renderSummary(detail.job);
      renderErrors(errorsBox, detail, refreshDetail);
      renderBatches(batchesBox, detail.batches);
    };

    await refreshDetail();
    await drawChart(state, chartBox, name);
    await loadRows(state, rowsBox, name);
    // The table's rows change state as the job runs: the page on screen is read again too.
    const refreshAll = () => Promise.all([refreshDetail(), loadRows(state, rowsBox, name)]);
    listen(name, state, renderSummary, refreshAll);
  }

  function card(label, value, key) {
    return el(
      "div",
      { class: `card card-${key}` },
      el("div", { class: "card-label" }, label),
      el("div", { class: "card-value", "data-count": key }, count(value)),
    );
  }

  /** Cancel and retry, each asking for a second click instead of a browser dialog. */
  function actionBar(job, refresh) {
    const bar = el("div", { class: "actions" });
    const confirmable = (label, confirmLabel, run) => {
      const button = el("button", { type: "button" }, label);
      let armed = false;
      button.addEventListener("click", async () => {
        if (!armed) {
          armed = true;
          button.textContent = confirmLabel;
          button.classList.add("armed");
          setTimeout(() => {
            armed = false;
            button.textContent = label;
            button.classList.remove("armed");
          }, 5000);
          return;
        }
        button.disabled = true;
        try {
          await run();
          await refresh();
        } catch (e) {
          showProblem(label, e);
        } finally {
          button.disabled = false;
        }
      });
      return button;
    };
    if (job.state !== "cancelled") {
      bar.append(
        confirmable("Cancel job", "Click again to cancel the job", () => act("cancel", job.name)),
      );
      if (job.progress.rows.failed > 0) {
        bar.append(
          confirmable(
            `Retry ${count(job.progress.rows.failed)} failed rows`,
            "Click again to send them once more",
            () => act("retry", job.name),
          ),
        );
      }
    }
    return bar;
  }

  function act(action, name, type) {
    return api(`job/${action}`, type ? { name, type } : { name }, {
      method: "POST",
      headers: { "x-structured-batch-action": "1", "content-type": "application/json" },
      body: "{}",
    });
  }

  function renderErrors(box, detail, refresh) {
    const groups = detail.errors;
    if (groups.length === 0) {
      box.replaceChildren(el("p", { class: "muted" }, "No errors so far."));
      return;
    }
    const canRetry = actionsOn && detail.job.state !== "cancelled";
    box.replaceChildren(
      table(
        { class: "errors" },
        ["Error type", "Failed", "Retrying", "Cancelled", "Examples", canRetry ? "" : null],
        groups.map((g) =>
          el(
            "tr",
            { "data-error-type": g.type },
            el("td", null, el("code", null, g.type)),
            el("td", { class: "num" }, count(g.failed)),
            el("td", { class: "num" }, count(g.retrying)),
            el("td", { class: "num" }, count(g.cancelled)),
            el(
              "td",
              null,
              el(
                "ul",
                { class: "samples" },
                g.samples.map((s) =>
                  el(
                    "li",
                    null,
                    el("span", { class: "row-id" }, s.rowId),
                    ": ",
                    el("span", { class: "message" }, s.message),
                  ),
                ),
              ),
            ),
            canRetry
              ? el(
                  "td",
                  null,
                  g.failed > 0
                    ? el(
                        "button",
                        {
                          type: "button",
                          onclick: async (event) => {
                            event.currentTarget.disabled = true;
                            try {
                              await act("retry", detail.job.name, g.type);
                              await refresh();
                            } catch (e) {
                              showProblem("retry", e);
                            }
                          },
                        },
                        `Retry ${count(g.failed)}`,
                      )
                    : null,
                )
              : null,
          ),
        ),
      ),
    );
  }

  function renderBatches(box, batches) {
    if (batches.length === 0) {
      box.replaceChildren(el("p", { class: "muted" }, "No batch sent yet."));
      return;
    }
    const now = Date.now();
    const start = Math.min(...batches.map((b) => Date.parse(b.createdAt)));
    const end = Math.max(now, ...batches.map((b) => Date.parse(b.collectedAt ?? b.createdAt)));
    const span = Math.max(end - start, 1);
    const took = batches
      .filter((b) => b.collectedAt && b.submittedAt)
      .map((b) => Date.parse(b.collectedAt) - Date.parse(b.submittedAt))
      .sort((a, b) => a - b);
    const median = took.length >= 3 ? took[Math.floor(took.length / 2)] : undefined;
    const running = (b) => ["intent", "submitted", "collecting"].includes(b.state);
    box.replaceChildren(
      table(
        { class: "batches" },
        [
          "#",
          "Provider batch",
          "State",
          "Provider status",
          "Requests",
          "Submitted",
          "Took",
          "Tokens in / out",
          "Timeline",
        ],
        batches.map((b) => {
          const from = Date.parse(b.submittedAt ?? b.createdAt);
          const until = b.collectedAt ? Date.parse(b.collectedAt) : running(b) ? now : from;
          const elapsed = until - from;
          // Slow compared with the job's own finished batches: worth a look.
          const slow =
            running(b) && median !== undefined && elapsed > 2 * median && elapsed > 60_000;
          const track = el("div", {
            class: "track",
            title: `${time(b.createdAt)} → ${time(b.collectedAt)}`,
          });
          const seg = el("span", { class: `run run-${b.state}` });
          seg.style.left = `${((Date.parse(b.createdAt) - start) / span) * 100}%`;
          seg.style.width = `${Math.max(((until - Date.parse(b.createdAt)) / span) * 100, 0.5)}%`;
          track.append(seg);
          return el(
            "tr",
            { "data-batch": b.id, class: slow ? "slow" : "" },
            el("td", null, b.id),
            el("td", null, el("code", null, b.providerBatchId ?? "—")),
            el(
              "td",
              null,
              el("span", { class: `badge badge-${b.state}` }, b.state),
              slow ? el("span", { class: "badge badge-slow" }, "running long") : null,
            ),
            el("td", null, b.providerStatus ?? "—"),
            el("td", { class: "num" }, count(b.requestCount)),
            el("td", null, time(b.submittedAt)),
            el("td", null, b.submittedAt ? duration(elapsed) : "—"),
            el(
              "td",
              { class: "num" },
              `${count(b.usage.inputTokens)} / ${count(b.usage.outputTokens)}`,
            ),
            el("td", null, track),
          );
        }),
      ),
    );
  }

  // ----- the chart -----

  async function drawChart(state, box, name) {
    const { points } = await api("job/history", { name, points: 500 });
    const series = ["pending", "submitted", "succeeded", "failed"];
    state.chartSeries = series;
    state.chartData = [
      points.map((p) => Date.parse(p.at) / 1000),
      ...series.map((s) => points.map((p) => p.rows[s])),
    ];
    const detail = state.detail;
    if (detail) addPoint(state, detail.job.progress, false);
    if (typeof window.uPlot !== "function") {
      box.replaceChildren(el("p", { class: "problem" }, "The chart library did not load."));
      return;
    }
    box.replaceChildren();
    state.chart = new window.uPlot(
      {
        width: Math.max(box.clientWidth, 300),
        height: 260,
        scales: { x: { time: true } },
        series: [{}, ...series.map((s) => ({ label: s, stroke: SERIES_COLORS[s], width: 2 }))],
        axes: [{}, { values: (_u, ticks) => ticks.map((t) => integer.format(t)) }],
      },
      state.chartData,
      box,
    );
    window.addEventListener("resize", () =>
      state.chart.setSize({ width: Math.max(box.clientWidth, 300), height: 260 }),
    );
  }

  /** The live counts as the chart's latest point (a point per second at most). */
  function addPoint(state, progress, redraw = true) {
    if (!state.chartData) return;
    const at = Math.floor(Date.now() / 1000);
    const xs = state.chartData[0];
    if (xs.length > 0 && xs[xs.length - 1] >= at) {
      for (let i = 1; i < state.chartData.length; i++) state.chartData[i].pop();
      xs.pop();
    }
    xs.push(at);
    state.chartSeries.forEach((s, i) => {
      state.chartData[i + 1].push(progress.rows[s]);
    });
    if (redraw && state.chart) state.chart.setData(state.chartData);
  }

  // ----- the results table -----

  function rowsControls(state, box) {
    const select = el(
      "select",
      { "aria-label": "rows in state", "data-testid": "rows-state" },
      [
        ["all", "All rows"],
        ["succeeded", "Succeeded"],
        ["failed,cancelled", "Failed and cancelled"],
        ["failed", "Failed"],
        ["cancelled", "Cancelled"],
        ["pending,submitted", "Waiting"],
      ].map(([value, label]) => el("option", { value }, label)),
    );
    const search = el("input", {
      type: "search",
      placeholder: "Search ids, inputs, values, errors…",
      "aria-label": "search rows",
      "data-testid": "rows-search",
      maxlength: 200,
    });
    const reload = () => {
      state.rows = {
        state: select.value,
        q: search.value,
        after: undefined,
        before: undefined,
        page: 1,
      };
      loadRows(state, box, state.jobName).catch((e) => showProblem("results", e));
    };
    select.addEventListener("change", reload);
    let timer;
    search.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    });
    return el("div", { class: "controls" }, select, search);
  }

  async function loadRows(state, box, name) {
    state.jobName = name;
    const r = state.rows;
    const params = { name, state: r.state, limit: PAGE_SIZE };
    if (r.q) params.q = r.q;
    if (r.after) params.after = r.after;
    if (r.before) params.before = r.before;
    const page = await api("job/rows", params);
    const go = (direction) => {
      state.rows =
        direction === "next"
          ? { ...r, after: page.next, before: undefined, page: r.page + 1 }
          : { ...r, before: page.prev, after: undefined, page: r.page - 1 };
      loadRows(state, box, name).catch((e) => showProblem("results", e));
    };
    const shown =
      page.rows.length === 0
        ? el("p", { class: "muted" }, r.q ? "No row matches." : "No rows here yet.")
        : table(
            { class: "rows" },
            ["Row id", "State", "Attempts", "Value or error", "Input"],
            page.rows.map((row) =>
              el(
                "tr",
                { "data-row": row.id, "data-state": row.state },
                el("td", { class: "row-id" }, row.id),
                el("td", null, el("span", { class: `badge badge-${row.state}` }, row.state)),
                el("td", { class: "num" }, count(row.attempts)),
                el(
                  "td",
                  { class: "value" },
                  row.error
                    ? el(
                        "span",
                        { class: "error-text" },
                        el("code", null, row.error.type),
                        " ",
                        row.error.message,
                      )
                    : el("code", null, row.value ?? ""),
                ),
                el("td", { class: "input" }, el("code", null, row.input)),
              ),
            ),
          );
    box.replaceChildren(
      shown,
      el(
        "div",
        { class: "pager" },
        el(
          "button",
          {
            type: "button",
            disabled: !page.prev,
            onclick: () => go("prev"),
            "data-testid": "rows-prev",
          },
          "← Previous",
        ),
        el("span", { "data-testid": "rows-page" }, `Page ${r.page}`),
        el(
          "button",
          {
            type: "button",
            disabled: !page.next,
            onclick: () => go("next"),
            "data-testid": "rows-next",
          },
          "Next →",
        ),
      ),
    );
  }

  // ----- live updates -----

  function listen(name, state, renderSummary, refreshDetail) {
    const source = new EventSource(`api/job/events?name=${encodeURIComponent(name)}`);
    let pending;
    source.addEventListener("open", () => {
      live.textContent = "● live";
      live.className = "live on";
    });
    source.addEventListener("error", () => {
      live.textContent = "reconnecting…";
      live.className = "live off";
    });
    source.addEventListener("progress", (event) => {
      const progress = JSON.parse(event.data);
      if (state.detail) {
        state.detail.job = { ...state.detail.job, progress, state: progress.state };
        renderSummary(state.detail.job);
      }
      addPoint(state, progress);
      // Batches and errors change with the counts; read them at most once a second.
      if (pending === undefined) {
        pending = setTimeout(() => {
          pending = undefined;
          refreshDetail().catch((e) => showProblem("refresh", e));
        }, 1000);
      }
    });
    source.addEventListener("gone", () => {
      source.close();
      live.textContent = "job gone";
      live.className = "live off";
    });
  }

  const start = jobName === null ? showJobs() : showJob(jobName);
  start.catch((error) => {
    live.textContent = "offline";
    live.className = "live off";
    app.replaceChildren(el("p", { class: "problem", role: "alert" }, error.message));
  });
})();
