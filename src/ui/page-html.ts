/**
 * The one HTML page: a shell with no data in it. Everything shown is fetched by the script and
 * put in the page as text (never as markup), so a row whose text is `<script>` stays text.
 * Relative URLs under <base>: the page works at whatever path a user's server mounts it.
 */
export function pageHtml(options: { actions: boolean; title: string; base: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<base href="${escapeHtml(options.base)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="sb-actions" content="${options.actions ? "on" : "off"}">
<title>${escapeHtml(options.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="assets/uplot.css">
<link rel="stylesheet" href="assets/dashboard.css">
<script src="assets/uplot.js" defer></script>
<script src="assets/dashboard.js" defer></script>
</head>
<body>
<header class="top">
  <a class="brand" id="home" href="./">structured-batch</a>
  <span class="store" id="store"></span>
  <span class="live" id="live" title="live updates">connecting…</span>
</header>
<main id="app"><p class="muted">Loading…</p></main>
<noscript><p>This dashboard needs JavaScript.</p></noscript>
</body>
</html>
`;
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML text and quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}
