// The Orleans.Eci dashboard: plain JS over the read-only JSON under /ui/api (docs/dashboard.md). Hash routes:
// #/ overview, #/pods?filters, #/pod/<ns>/<name>, #/zones. Every page re-polls its JSON every few seconds.
"use strict";
const api = path => fetch("/ui/api/" + path, { headers: { accept: "application/json" } }).then(async r => {
  const body = await r.json().catch(() => ({}));
  if (!r.ok) { throw new Error(body.error || body.detail || (r.status + " " + r.statusText)); }
  return body;
});
const main = document.getElementById("main");
const statusLine = document.getElementById("status");
const POLL_MS = 5000;
let timer = null;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) { if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c)); }
  return e;
}
const time = t => t ? new Date(t).toLocaleTimeString() : "–";
const ago = t => { if (!t) return "–"; const s = Math.round((Date.now() - new Date(t)) / 1000); return s < 120 ? s + " s ago" : Math.round(s / 60) + " min ago"; };
const podLink = key => el("a", { href: "#/pod/" + key }, key);

function table(headers, rows) {
  return el("table", {}, el("thead", {}, el("tr", {}, headers.map(h => el("th", { class: h.num ? "num" : null }, h.label || h)))),
    el("tbody", {}, rows));
}
function spark(values, throttled) {
  const max = Math.max(1, ...values);
  return el("span", { class: "spark", title: values.join(" ") }, values.map((v, i) =>
    el("i", { class: throttled && throttled[i] > 0 ? "t" : null, style: "height:" + Math.max(1, Math.round(18 * v / max)) + "px" })));
}

// ---- overview
async function overview() {
  const o = await api("overview");
  const nodes = o.nodes.map(n => el("div", { class: "card", "data-node": n.name },
    el("h3", {}, n.name, " ", n.ready ? el("span", { class: "ok" }, "Ready") : el("span", { class: "bad" }, n.registered ? "NotReady" : "not registered")),
    el("div", { class: "muted" }, "zones ", n.zones.join(", ") || "any", " · lease ", ago(n.lastLeaseRenewal), " · watch restarts ", n.watchRestarts),
    el("div", {}, Object.entries(n.podsByPhase).map(([p, c]) => el("span", { class: "pill" }, p + " " + c))),
    el("div", {}, "pods ", n.indexedPods, " / ", n.podCapacity, " · cpu ", n.cpuCapacity, " · memory ", n.memoryCapacity,
      n.podsWithErrors ? el("span", { class: "bad" }, " · " + n.podsWithErrors + " with errors") : ""),
    n.problem ? el("div", { class: "bad" }, n.problem) : null));
  const silos = o.silos.map(s => el("tr", {}, el("td", {}, s.name), el("td", {}, s.address), el("td", {}, s.hostName),
    el("td", { class: s.status === "Active" ? "ok" : "warn" }, s.status), el("td", {}, time(s.started))));
  const eci = o.eci.actions.map(a => el("tr", {}, el("td", {}, a.action), el("td", { class: "num" }, a.calls),
    el("td", { class: "num" + (a.throttled ? " bad" : "") }, a.throttled), el("td", { class: "num" + (a.failed ? " warn" : "") }, a.failed),
    el("td", { class: "num" }, a.tokensAvailable === null ? "∞" : a.tokensAvailable.toFixed(1)), el("td", {}, spark(a.callsPerMinute, a.throttledPerMinute))));
  const lag = o.statusLag;
  main.replaceChildren(
    el("h2", {}, "Virtual nodes"),
    el("div", { class: "cards" }, nodes.length ? nodes : el("p", { class: "muted" }, "No virtual nodes configured.")),
    el("p", {}, el("a", { href: "#/pods?stuck=" + o.stuckAfterMinutes }, o.stuckPods + " pod(s) stuck"), " (not Running ", o.stuckAfterMinutes,
      " min after first seen) · ", el("a", { href: "#/pods?errors=true" }, o.podsWithErrors + " with errors")),
    el("h2", {}, "Status lag (", o.eci.windowMinutes, " min)"),
    el("p", { id: "lag" }, lag.writes + " status writes · mean ", lag.meanSeconds === null ? "–" : lag.meanSeconds.toFixed(2) + " s",
      " · max ", lag.maxSeconds === null ? "–" : lag.maxSeconds.toFixed(2) + " s", el("span", { class: "muted" }, " (ECI change seen → Kubernetes status written)")),
    el("h2", {}, "ECI API budget (", o.eci.scope, ", last ", o.eci.windowMinutes, " min)"),
    table(["Action", { label: "Calls", num: true }, { label: "Throttled", num: true }, { label: "Failed", num: true }, { label: "Tokens now", num: true }, "Per minute"],
      eci.length ? eci : [el("tr", {}, el("td", { colspan: 6, class: "muted" }, "No ECI calls in the window."))]),
    el("h2", {}, "Silos"),
    table(["Name", "Address", "Host", "Status", "Started"], silos),
    el("p", { class: "muted" }, "Snapshot ", ago(o.snapshotAt), o.snapshotProblem ? " · " + o.snapshotProblem : ""));
}

// ---- pods
const podFilters = ["q", "ns", "node", "phase", "zone", "stuck", "errors"];
async function pods(params) {
  const form = el("form", { class: "filters", id: "filters" },
    el("label", {}, "search", el("input", { name: "q", value: params.get("q") || "", placeholder: "name, namespace or group id" })),
    el("label", {}, "namespace", el("input", { name: "ns", value: params.get("ns") || "", size: 12 })),
    el("label", {}, "node", el("input", { name: "node", value: params.get("node") || "", size: 28 })),
    el("label", {}, "phase", el("select", { name: "phase" }, ["", "Pending", "Running", "Succeeded", "Failed"].map(p =>
      el("option", { value: p, selected: (params.get("phase") || "") === p }, p || "any")))),
    el("label", {}, "zone", el("input", { name: "zone", value: params.get("zone") || "", size: 14 })),
    el("label", {}, "stuck > min", el("input", { name: "stuck", value: params.get("stuck") || "", size: 4, inputmode: "numeric" })),
    el("label", {}, "errors", el("input", { name: "errors", type: "checkbox", value: "true", checked: params.get("errors") === "true" })),
    el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) { if (v) next.set(k, v); }
    location.hash = "#/pods?" + next.toString();
  });
  const skip = Number(params.get("skip") || 0), take = 100;
  const q = new URLSearchParams({ skip, take });
  for (const k of podFilters) { if (params.get(k)) q.set(k === "stuck" ? "stuckMinutes" : k, params.get(k)); }
  const started = performance.now();
  const page = await api("pods?" + q.toString());
  const rows = page.rows.map(r => el("tr", { "data-pod": r.key },
    el("td", {}, podLink(r.key)), el("td", {}, r.node), el("td", { class: r.phase === "Running" ? "ok" : r.phase === "Failed" ? "bad" : "warn" }, r.phase),
    el("td", {}, r.stage), el("td", {}, r.zone || "–"), el("td", {}, r.containerGroupId || "–"), el("td", { class: "num" }, r.attempts),
    el("td", { class: r.error ? "bad" : "muted" }, r.error || "–"), el("td", {}, ago(r.firstSeen))));
  const pageLink = (label, to) => {
    const p = new URLSearchParams(params); p.set("skip", to);
    return el("a", { href: "#/pods?" + p.toString() }, label);
  };
  const tbl = table(["Pod", "Node", "Phase", "Stage", "Zone", "Container group", { label: "Attempts", num: true }, "Error", "First seen"],
    rows.length ? rows : [el("tr", {}, el("td", { colspan: 9, class: "muted" }, "No pods match."))]);
  main.replaceChildren(el("h2", {}, "Pods"), form,
    el("div", { class: "pager", id: "pager" }, el("span", { id: "total" }, page.total + " pod(s)"),
      skip > 0 ? pageLink("← previous", Math.max(0, skip - take)) : null,
      el("span", { class: "muted" }, page.total ? (skip + 1) + "–" + Math.min(skip + take, page.total) : ""),
      skip + take < page.total ? pageLink("next →", skip + take) : null),
    tbl);
  const ms = performance.now() - started;
  main.setAttribute("data-render-ms", ms.toFixed(1));
  statusLine.textContent = "pods page rendered in " + ms.toFixed(0) + " ms";
}

// ---- one pod
async function pod(ns, name) {
  const p = await api("pods/" + encodeURIComponent(ns) + "/" + encodeURIComponent(name));
  const s = p.summary;
  const entries = p.entries.slice().reverse().map(e => el("tr", {},
    el("td", {}, time(e.at)), el("td", {}, el("span", { class: "kind " + e.kind }, e.kind)),
    el("td", {}, e.summary, e.detail ? el("div", { class: "muted" }, e.detail) : null),
    el("td", { class: "num" }, e.latencyMs === null || e.latencyMs === undefined ? "" : e.latencyMs + " ms"),
    el("td", {}, e.requestId ? el("code", { title: "ECI RequestId: quote it to Alibaba Cloud support" }, e.requestId) : "")));
  const requestIds = [...new Set(p.entries.filter(e => e.requestId).map(e => e.requestId))];
  const pretty = json => { try { return JSON.stringify(JSON.parse(json), null, 2); } catch { return json; } };
  main.replaceChildren(
    el("h2", {}, s.key, " ", el("span", { class: s.phase === "Running" ? "ok" : s.phase === "Failed" ? "bad" : "warn" }, s.phase)),
    el("div", { class: "cards" },
      el("div", { class: "card" }, el("h3", {}, "Grain"), "stage ", s.stage, el("br"), "owning silo ", el("code", { id: "silo" }, s.silo || "–"),
        el("br"), "activated ", time(p.activatedAt), el("br"), "uid ", el("code", {}, p.uid || "–")),
      el("div", { class: "card" }, el("h3", {}, "ECI"), "node ", s.node, el("br"), "zone ", s.zone || "–", el("br"), "group ", el("code", {}, s.containerGroupId || "–"),
        el("br"), "attempts ", s.attempts, p.nextAttemptAt ? el("span", {}, " · next ", time(p.nextAttemptAt)) : null),
      el("div", { class: "card" }, el("h3", {}, "Last failure"), p.reason ? el("div", { class: "bad" }, p.reason) : el("span", { class: "muted" }, "none current"),
        p.message ? el("div", {}, p.message) : null,
        requestIds.length ? el("div", {}, "RequestIds: ", requestIds.map(id => el("code", { class: "pill" }, id))) : null)),
    el("h2", {}, "Timeline ", el("span", { class: "muted" }, "(newest first; ", p.entries.length, " entries", p.dropped ? ", " + p.dropped + " older dropped" : "", ")")),
    table(["Time", "Kind", "What", { label: "Latency", num: true }, "ECI RequestId"], entries),
    el("div", { class: "grid2" },
      el("div", {}, el("h2", {}, "ECI view of the group ", el("span", { class: "muted" }, p.eciViewAt ? "(seen " + ago(p.eciViewAt) + ")" : "")),
        el("pre", { id: "eci-view" }, p.eciView ? pretty(p.eciView) : "Not seen yet.")),
      el("div", {}, el("h2", {}, "Kubernetes status (last written or seen)"),
        el("pre", { id: "kube-status" }, p.kubernetesStatus ? pretty(p.kubernetesStatus) : "None yet."))));
}

// ---- zones
async function zones() {
  const z = await api("zones");
  const cards = z.zones.map(x => el("div", { class: "card", "data-zone": x.zone },
    el("h3", {}, x.zone), el("div", { class: "muted" }, "nodes ", x.nodes.join(", "), " · vSwitches ", x.vSwitches.join(", ")),
    x.problem ? el("div", { class: "bad" }, x.problem) : null,
    x.facts.length
      ? table(["Fact", "Subject", "Learned", "Believed until", { label: "Count", num: true }], x.facts.map(f => el("tr", {},
          el("td", { class: /Out|Full|Closed/.test(f.kind) ? "bad" : f.kind === "SpecLow" ? "warn" : "ok" }, f.kind), el("td", {}, f.subject || "–"),
          el("td", {}, Math.round(f.ageSeconds) + " s ago"), el("td", {}, f.until ? time(f.until) : "–"), el("td", { class: "num" }, f.count))))
      : el("p", { class: "muted" }, "Nothing learned yet (no create has been answered in this zone, or the knowledge decayed).")));
  main.replaceChildren(el("h2", {}, "Zones"), el("p", { class: z.tracked ? "muted" : "warn", id: "zones-note" }, z.message),
    el("div", { class: "cards wide" }, cards));
}

async function route() {
  clearTimeout(timer);
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  const parts = (path || "/").split("/").filter(Boolean);
  const page = parts[0] || "overview";
  document.querySelectorAll("nav a[data-page]").forEach(a => a.classList.toggle("active", a.dataset.page === (page === "pod" ? "pods" : page)));
  try {
    if (page === "pods") await pods(params);
    else if (page === "pod") await pod(decodeURIComponent(parts[1] || ""), decodeURIComponent(parts.slice(2).join("/")));
    else if (page === "zones") await zones();
    else await overview();
    if (page !== "pods") statusLine.textContent = "updated " + new Date().toLocaleTimeString();
  } catch (e) {
    main.replaceChildren(el("p", { class: "bad", id: "error" }, "Could not load: " + e.message));
  }
  // Live updates: poll again, except while the pods filter form is being edited.
  timer = setTimeout(() => { if (!(page === "pods" && document.activeElement && document.activeElement.form)) route(); else timer = setTimeout(route, POLL_MS); }, POLL_MS);
}
window.addEventListener("hashchange", route);
route();
