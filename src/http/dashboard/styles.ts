/** The dashboard's one stylesheet, served from this service (no CDN, no inline styles: the CSP allows 'self' only). */
export const DASHBOARD_CSS = `
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.6rem 1.2rem;background:#fff;border-bottom:1px solid #ddd}
header h1{font-size:1.3rem;margin:0;flex:1 1 auto}
header p,header form{margin:0}
nav a{margin-right:.8rem}
main{padding:1rem 1.2rem}
.range{margin:.5rem 0 1rem}
.range label{margin-left:.6rem}
.figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(560px,1fr));gap:1rem}
section.figure{padding:.6rem .8rem;background:#fff;border:1px solid #ddd;border-radius:6px;min-width:0}
section.figure h2{font-size:1.05rem;margin:.2rem 0}
section.figure svg{width:100%;height:auto;display:block}
table{border-collapse:collapse;margin:.5rem 0;font-size:13px}
caption{text-align:left;font-weight:600;padding:.2rem 0}
th,td{border:1px solid #ddd;padding:.2rem .5rem;text-align:left}
.numbers{max-height:13rem;overflow:auto}
.headline{font-size:1rem}
.notice{background:#e8f4e8;border:1px solid #9c9;padding:.4rem .6rem}
[role=alert]{color:#a40000}
form.inline{display:inline}
button{font:inherit;padding:.2rem .7rem}
label{font-weight:600}
`;
