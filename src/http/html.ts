/** The server-rendered pages escape with the one escapeHtml, which e-mail uses too (so it lives in core/). */
export { escapeHtml } from '../core/html';
