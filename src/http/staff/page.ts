import { escapeHtml, htmlDocument } from '../html';

/** The staff sign-in page: one labelled form, no script, an error said in a live region. */
export function signInPage({ next, csrfToken, error }: { next: string; csrfToken: string; error?: string }): string {
  return htmlDocument({
    lang: 'en',
    title: 'Staff sign-in',
    head: `<style>body{font:16px/1.5 system-ui,sans-serif;max-width:24rem;margin:3rem auto;padding:0 1rem}label{display:block;margin-top:1rem}input{width:100%;padding:.4rem;font:inherit}button{margin-top:1.2rem;padding:.5rem 1.2rem;font:inherit}[role=alert]{color:#a40000}</style>`,
    body: `<main>
<h1>Staff sign-in</h1>
<p role="alert">${error ? escapeHtml(error) : ''}</p>
<form method="post" action="/staff/sign-in">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
<label for="email">E-mail address</label>
<input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
</main>`,
  });
}
