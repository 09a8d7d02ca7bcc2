// The emulator console: polls the emulator's state once a second and draws it. Every value is
// set as text (textContent, attributes), never parsed as markup: batch metadata and display
// names are whatever a client sent.

const STATE_URL = "/__emulator/state";
const POLL_MS = 1000;

const PROVIDER_NAMES = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  google: "Gemini",
  mistral: "Mistral",
  azure: "Azure OpenAI",
  groq: "Groq",
  bedrock: "Amazon Bedrock",
  vertex: "Vertex AI",
  together: "Together AI",
};

const PHASES = new Set([
  "queued",
  "running",
  "finalizing",
  "cancelling",
  "completed",
  "failed",
  "expired",
  "cancelled",
]);

/** An element with text and optional classes; never markup. */
function el(tag, text, ...classes) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const c of classes) node.classList.add(c);
  return node;
}

/** 1h 2m 3s, 4.5 s, 120 ms: how long, for a person. */
function duration(ms) {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(1)} s`;
  const s = Math.floor(abs / 1000);
  const parts = [];
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) parts.push(`${d}d`);
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if (s % 60 && !d) parts.push(`${s % 60}s`);
  return parts.join(" ");
}

/** A time on the emulator clock, relative to its now, with the exact time as a tooltip. */
function when(at, now) {
  if (at === undefined || at === null) return el("span", "—", "muted");
  const text = at > now ? `in ${duration(at - now)}` : `${duration(now - at)} ago`;
  const node = el("time", at === now ? "now" : text);
  node.dateTime = new Date(at).toISOString();
  node.title = new Date(at).toISOString();
  return node;
}

function label(batch) {
  if (batch.displayName !== undefined) return batch.displayName;
  if (batch.metadata) {
    return Object.entries(batch.metadata)
      .map(([k, v]) => `${k}=${v}`)
      .join(", ");
  }
  return "";
}

function phaseCell(batch) {
  const phase = PHASES.has(batch.phase) ? batch.phase : "queued";
  const cell = el("td", undefined, "phase");
  const badge = el("span", phase, "badge", `phase-${phase}`);
  const bar = el("div", undefined, "bar");
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-valuemin", "0");
  bar.setAttribute("aria-valuemax", String(batch.requestCount));
  const done = batch.succeeded + batch.failed;
  bar.setAttribute("aria-valuenow", String(done));
  const ok = el("div", undefined, "fill", "ok");
  const bad = el("div", undefined, "fill", "bad");
  const total = Math.max(batch.requestCount, 1);
  // CSSOM, not a style attribute: allowed under the page's Content-Security-Policy.
  ok.style.width = `${(100 * batch.succeeded) / total}%`;
  bad.style.width = `${(100 * batch.failed) / total}%`;
  bar.append(ok, bad);
  cell.append(badge, bar);
  return cell;
}

function batchRow(batch, now) {
  const row = document.createElement("tr");
  row.dataset.batchId = batch.id;
  row.dataset.phase = batch.phase;
  const id = el("td", batch.id, "id");
  const name = el("td", label(batch), "label");
  const status = el("td", undefined, "status");
  status.append(el("code", batch.status));
  if (batch.held) status.append(" ", el("span", "held", "badge", "held"));
  row.append(
    id,
    name,
    status,
    phaseCell(batch),
    el("td", batch.requestCount, "num"),
    el("td", batch.succeeded, "num", "succeeded"),
    el("td", batch.failed, "num", "failed"),
  );
  for (const at of [batch.createdAt, batch.endsAt]) {
    const cell = el("td");
    cell.append(when(at, now));
    row.append(cell);
  }
  return row;
}

const HEADINGS = ["Batch", "Name", "Status", "Phase", "Requests", "Succeeded", "Failed"];
const NUMERIC = new Set(["Requests", "Succeeded", "Failed"]);

function providerSection(provider, batches, now) {
  const section = el("section", undefined, "provider");
  section.dataset.provider = provider;
  const title = el("h3", PROVIDER_NAMES[provider] ?? provider);
  const phases = new Map();
  for (const b of batches) phases.set(b.phase, (phases.get(b.phase) ?? 0) + 1);
  const summary = [...phases].map(([phase, n]) => `${n} ${phase}`).join(" · ");
  const noun = batches.length === 1 ? "batch" : "batches";
  title.append(" ", el("span", `${batches.length} ${noun}: ${summary}`, "count"));
  const table = el("table", undefined, "batches");
  const head = document.createElement("tr");
  for (const h of [...HEADINGS, "Created", "Ends"]) {
    const th = el("th", h);
    if (NUMERIC.has(h)) th.classList.add("num");
    th.scope = "col";
    head.append(th);
  }
  const thead = document.createElement("thead");
  thead.append(head);
  const tbody = document.createElement("tbody");
  for (const batch of batches) tbody.append(batchRow(batch, now));
  table.append(thead, tbody);
  section.append(title, table);
  return section;
}

function renderBatches(state) {
  const groups = new Map();
  for (const batch of state.batches) {
    if (!groups.has(batch.provider)) groups.set(batch.provider, []);
    groups.get(batch.provider).push(batch);
  }
  const sections = [];
  for (const [provider, batches] of groups) {
    sections.push(providerSection(provider, batches, state.clock.now));
  }
  document.getElementById("providers").replaceChildren(...sections);
  document.getElementById("no-batches").hidden = state.batches.length > 0;
}

function describeMatch(match) {
  const parts = [];
  if (match.provider) parts.push(PROVIDER_NAMES[match.provider] ?? match.provider);
  if (match.method) parts.push(match.method.toUpperCase());
  if (match.path) parts.push(match.path);
  return parts.length ? parts.join(" ") : "every request";
}

function describeFault(fault) {
  switch (fault.type) {
    case "status": {
      const retry =
        fault.retryAfterSeconds !== undefined ? `, retry-after ${fault.retryAfterSeconds}s` : "";
      const after = fault.when === "after" ? " after processing" : "";
      const message = fault.message !== undefined ? `: ${fault.message}` : "";
      return `HTTP ${fault.status}${after}${retry}${message}`;
    }
    case "reset":
      return `connection reset mid-${fault.when ?? "request"} after ${fault.afterBytes ?? 0} bytes`;
    case "delay":
      return `answer delayed ${duration(fault.ms)}`;
    default:
      return String(fault.type);
  }
}

function renderFaults(state) {
  const rows = state.faults.map((rule, i) => {
    const row = document.createElement("tr");
    row.append(
      el("td", i + 1, "num"),
      el("td", describeMatch(rule.match)),
      el("td", describeFault(rule.fault), "fault"),
      el("td", rule.skipLeft, "num"),
      el("td", rule.timesLeft === null ? "∞" : rule.timesLeft, "num"),
      el("td", rule.fired, "num", "fired"),
    );
    return row;
  });
  document.getElementById("fault-rows").replaceChildren(...rows);
  document.getElementById("fault-table").hidden = rows.length === 0;
  document.getElementById("no-faults").hidden = rows.length > 0;
  const { failRate, latencyMs } = state.transport;
  const notes = [];
  if (failRate > 0) notes.push(`${(failRate * 100).toFixed(1)}% of requests answered 503/529`);
  if (latencyMs > 0) notes.push(`every answer delayed ${duration(latencyMs)}`);
  document.getElementById("transport").textContent = notes.join("; ");
}

function render(state) {
  const now = state.clock.now;
  const clock = document.getElementById("clock-now");
  clock.textContent = new Date(now).toISOString();
  clock.dataset.now = String(now);
  const offset = document.getElementById("clock-offset");
  offset.textContent =
    state.clock.offsetMs > 0 ? `+${duration(state.clock.offsetMs)}` : "0 (wall time)";
  offset.dataset.offsetMs = String(state.clock.offsetMs);
  renderBatches(state);
  renderFaults(state);
}

let polls = 0;

async function poll() {
  const status = document.getElementById("connection");
  try {
    const response = await fetch(STATE_URL, { cache: "no-store" });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(await response.json());
    polls += 1;
    status.textContent = `Live, updated every ${POLL_MS / 1000} s`;
    status.dataset.polls = String(polls);
    status.classList.remove("down");
  } catch (error) {
    status.textContent = `Emulator not reachable (${error instanceof Error ? error.message : error}); retrying`;
    status.classList.add("down");
  }
  setTimeout(poll, POLL_MS);
}

poll();
