/**
 * The service's own style sheet, for the pages it serves itself (the index, sign-in, a refused
 * sign-in), so a council's server needs nothing from the demo. Served at SERVICE_STYLESHEET.
 */
export const SERVICE_STYLESHEET = '/assets/edubridge.css';

export const SERVICE_CSS = `body { font-family: Arial, Helvetica, sans-serif; margin: 0; color: #1b1b1b; background: #fff; line-height: 1.45; }
main.narrow, main.demo-index { max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
a { color: #1d4f91; }
a:focus, button:focus, input:focus { outline: 3px solid #ffbf47; outline-offset: 1px; }
code { background: #f3f2f1; padding: 0 0.2em; }
table { border-collapse: collapse; }
th, td { text-align: left; padding: 0.3rem 0.6rem; border-bottom: 1px solid #d0d0d0; vertical-align: top; }
.notice { border-left: 5px solid #1d70b8; background: #f0f6fc; padding: 0.6rem 1rem; }
.error { border-left: 5px solid #b10e1e; background: #fdf0f0; padding: 0.6rem 1rem; }
label { display: block; font-weight: bold; margin: 1rem 0 0.3rem; }
input[type='password'], input[type='text'] { font-size: 1rem; padding: 0.4rem; width: 100%; max-width: 28rem; box-sizing: border-box; }
button { font-size: 1rem; margin-top: 0.8rem; padding: 0.45rem 1rem; background: #00703c; color: #fff; border: 0; cursor: pointer; }
`;
