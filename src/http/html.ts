import { escapeHtml } from '../core/html';

/** The server-rendered pages escape with the one escapeHtml, which e-mail uses too (so it lives in core/). */
export { escapeHtml };

/**
 * Every page we serve as one document: its language, UTF-8, a viewport for phones and the (escaped)
 * title; then what the page adds to the head (its stylesheet, script, CSRF meta) and its body, both
 * already-safe HTML.
 */
export function htmlDocument(page: { lang: string; title: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="${escapeHtml(page.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
${page.head ?? ''}
</head>
<body>
${page.body}
</body>
</html>
`;
}
