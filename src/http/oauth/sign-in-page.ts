import { messagesFor } from '../../conversation/locales';
import { escapeHtml, htmlDocument } from '../html';

/** The account-linking sign-in page: plain HTML, one labelled field, errors announced to screen readers. */

export interface SignInPage {
  sellerName: string;
  /** A supported locale: the page's words and its lang attribute. */
  locale: string;
  /** Where the form posts (the interaction's login URL). */
  action: string;
  cancelAction: string;
  error?: string;
}

export function renderSignInPage({ sellerName, locale, action, cancelAction, error }: SignInPage): string {
  const words = messagesFor(locale).signIn;
  const errorBlock = error ? `<p id="code-error" class="error" role="alert">${escapeHtml(error)}</p>` : '';
  const described = error ? 'code-help code-error' : 'code-help';
  return htmlDocument({
    lang: locale,
    title: words.title(sellerName),
    head: `<style>
  body { font: 1.125rem/1.5 system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input { font: inherit; font-size: 1.5rem; letter-spacing: 0.1em; width: 100%; box-sizing: border-box; padding: 0.5rem; border: 2px solid #333; border-radius: 4px; }
  input:focus, button:focus { outline: 3px solid #1a5fb4; outline-offset: 2px; }
  button { font: inherit; margin-top: 1rem; padding: 0.6rem 1.2rem; border-radius: 4px; border: 2px solid #1a5fb4; background: #1a5fb4; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #1a5fb4; }
  .error { color: #a40000; font-weight: 600; }
</style>`,
    body: `<main>
<h1>${escapeHtml(words.heading(sellerName))}</h1>
<p id="code-help">${words.help}</p>
<form method="post" action="${escapeHtml(action)}">
  <label for="code">${escapeHtml(words.codeLabel)}</label>
  <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required maxlength="20" aria-describedby="${described}"${error ? ' aria-invalid="true" autofocus' : ''}>
  ${errorBlock}
  <button type="submit">${escapeHtml(words.submit)}</button>
</form>
<form method="post" action="${escapeHtml(cancelAction)}">
  <button type="submit" class="secondary">${escapeHtml(words.cancel)}</button>
</form>
</main>`,
  });
}

/** The page for an interaction that is unknown or no longer bound to this browser. */
export function renderExpiredPage(locale: string): string {
  const words = messagesFor(locale).signIn;
  return htmlDocument({ lang: locale, title: words.expiredTitle, body: `<main><h1>${escapeHtml(words.expiredHeading)}</h1><p>${escapeHtml(words.expiredHelp)}</p></main>` });
}
