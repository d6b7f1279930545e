// Accessibility of Guichet's pages in Debian's headless Chromium: axe-core
// on every page in four languages, and the main journeys with the keyboard
// only and JavaScript off.  Prints TAP.  BASE is the stack's address.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const BASE = process.env.BASE;
const EID_BASE = process.env.EID_BASE;
const DIR = process.env.DIR;
let n = 0, failed = 0;

function ok(cond, name, detail) {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${name}`);
  if (!cond && detail) for (const l of String(detail).split('\n')) console.log(`#   ${l}`);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const pages = [
  ['index', '/help'],
  ['theme', '/help/themes/login'],
  ['article with a list', '/help/articles/login-with-eid'],
  ['search with results', '/help/search?q=carte'],
  ['search without results', '/help/search?q=xyzzyplugh'],
  ['contact form', '/help/contact'],
  ['privacy statement', '/help/privacy'],
  ['accessibility statement', '/help/accessibility'],
  ['legal notice', '/help/legal-notice'],
  ['not found', '/help/nope'],
  ['login', '/login'],
  ['catalogue', '/procedures'],
  ['procedure page', '/procedures/EBIKE'],
  // nginx's own errors, as the guichet's pages (tests/integration/nginx-errors.sh)
  ['not found, no program', '/no/program/serves/this'],
  ['a program away', '/_test/upstream-down'],
];

async function axeCheck(page, name) {
  await page.evaluate(axeSource);
  const res = await page.evaluate(async () => await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  const v = res.violations.map(x => `${x.id} (${x.impact}): ${x.nodes.length} node(s): ${x.nodes[0].target}`);
  ok(v.length === 0, `axe: ${name}`, v.join('\n'));
}

try {
  // axe needs its script in the page: bypass our CSP for this context only.
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });
  const page = await ctx.newPage();
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await page.goto(`${BASE}/help?lang=${lang}`);
    for (const [name, path] of pages) {
      await page.goto(BASE + path);
      ok(await page.getAttribute('html', 'lang') === lang, `${lang} ${name}: html lang`);
      await axeCheck(page, `${lang} ${name}`);
    }
    // The contact form sent empty: errors listed, fields marked.
    await page.goto(`${BASE}/help/contact`);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    ok(await page.locator('.error-summary').count() === 1, `${lang} contact errors: summary shown`);
    await axeCheck(page, `${lang} contact form with errors`);
  }
  await ctx.close();

  // A citizen logs in with a demo card, as a browser does with a reader.
  const ectx = await browser.newContext({
    ignoreHTTPSErrors: true, bypassCSP: true,
    clientCertificates: [{ origin: EID_BASE, pfxPath: `${DIR}/eid/cards/elise.p12`, passphrase: 'test' }],
  });
  const e = await ectx.newPage();
  await e.goto(`${BASE}/login?return=%2Fhelp&lang=fr`);
  await Promise.all([e.waitForNavigation(), e.click('a.button')]);
  if (e.url().startsWith(`${BASE}/login/acting`)) {
    // She holds a role somewhere: she chooses to act in her own name.
    await axeCheck(e, 'acting choice after login');
    await Promise.all([e.waitForNavigation(), e.click('main button[type=submit]')]);
  }
  ok(e.url() === `${BASE}/help`, 'browser: eID login with a client certificate comes back to the page', e.url());
  ok((await e.textContent('.session-bar')).includes('Élise Marie Dubois-Lefèvre'), 'browser: the name shows on every page');
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${BASE}/account/sessions?lang=${lang}`);
    await axeCheck(e, `${lang} my sessions (logged in)`);
    await e.goto(`${BASE}/help?lang=${lang}`);
    await axeCheck(e, `${lang} help page with the session bar`);
    await e.goto(`${BASE}/login/acting`);
    await axeCheck(e, `${lang} acting choice`);
    // The profile, its errors (nothing is saved), a spent confirmation link.
    await e.goto(`${BASE}/account`);
    await axeCheck(e, `${lang} my profile`);
    await e.fill('#email', 'not an address');
    await e.fill('#phone', '12');
    await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} profile errors: summary shown`);
    await axeCheck(e, `${lang} my profile with errors`);
    await e.goto(`${BASE}/account/email/confirm?token=${'0'.repeat(64)}`);
    await axeCheck(e, `${lang} a confirmation link used or expired`);
  }
  // The help desk: a question asked logged in, then read in her space.
  await e.goto(`${BASE}/help/contact?lang=fr`);
  await e.fill('#name', 'Élise Dubois');
  await e.fill('#email', 'elise.a11y@example.be');
  await e.fill('#subject', 'Accessibilité');
  await e.fill('#message', 'Une question posée au clavier.');
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  const sent = e.url();
  ok(/\/help\/contact\/sent\?ref=Q-/.test(sent), 'help desk: the question is sent', sent);
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${sent}&lang=${lang}`);
    await axeCheck(e, `${lang} question sent, with its reference`);
    await e.goto(`${BASE}/help/questions?lang=${lang}`);
    await axeCheck(e, `${lang} my questions`);
    const q = await e.getAttribute('main table a', 'href');
    await e.goto(`${BASE}${q}?lang=${lang}`);
    await axeCheck(e, `${lang} my question, awaiting an answer`);
  }
  // Appointments (docs/appointments.md): the offices, a week of slots,
  // then a slot booked and cancelled with the keyboard only.
  await e.goto(`${BASE}/appointments?lang=fr`);
  const slotsPage = await e.getAttribute('main a[href^="/appointments/slots"]', 'href');
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${BASE}/appointments?lang=${lang}`);
    await axeCheck(e, `${lang} appointments: the offices`);
    await e.goto(`${BASE}${slotsPage}&lang=${lang}`);
    await axeCheck(e, `${lang} appointments: a week of slots`);
  }
  await e.goto(`${BASE}${slotsPage}&lang=fr`);
  await e.focus('main form.slots button[name=start]');
  await Promise.all([e.waitForNavigation(), e.keyboard.press('Enter')]);
  ok(/\/appointments\/[0-9a-f]{24}$/.test(e.url()), 'appointments keyboard: a slot held with Enter', e.url());
  const held = e.url();
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${held}?lang=${lang}`);
    await axeCheck(e, `${lang} appointments: a slot held, to confirm`);
  }
  await e.goto(`${held}?lang=fr`);
  await e.focus('form[action$="/confirm"] button[type=submit]');
  await Promise.all([e.waitForNavigation(), e.keyboard.press('Enter')]);
  ok(await e.getAttribute('#status', 'data-status') === 'booked', 'appointments keyboard: confirmed with Enter');
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${held}?lang=${lang}`);
    await axeCheck(e, `${lang} appointments: booked`);
  }
  await e.goto(`${held}?lang=fr`);
  await e.focus('form[action$="/cancel"] button[type=submit]');
  await Promise.all([e.waitForNavigation(), e.keyboard.press('Enter')]);
  ok(await e.getAttribute('#status', 'data-status') === 'cancelled', 'appointments keyboard: cancelled with Enter');
  await axeCheck(e, 'fr appointments: cancelled');
  // An appointment as a field of a procedure (IDCARD): a week of slots
  // inside the form, the error when none is chosen, a slot held with the
  // keyboard while the form is finished.
  await e.goto(`${BASE}/procedures/IDCARD?lang=fr`);
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  const idcard = e.url().replace(/\/pages\/request$/, '');
  await e.check('#reason-lost');
  await Promise.all([e.waitForNavigation(), e.click('main .buttons button[value=next]')]);
  ok(/\/pages\/collection$/.test(e.url()), 'appointment field: its page', e.url());
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${idcard}/pages/collection?lang=${lang}`);
    await axeCheck(e, `${lang} form page: a week of slots for an appointment`);
  }
  await e.goto(`${idcard}/pages/collection?lang=fr`);
  await Promise.all([e.waitForNavigation(), e.click('main .buttons button[value=next]')]);
  ok(await e.locator('.error-summary').count() === 1, 'appointment field: continuing without a slot is an error');
  await axeCheck(e, 'fr form page: no appointment chosen');
  await e.focus('main button[name=_action][value^="slot:"]');
  await Promise.all([e.waitForNavigation(), e.keyboard.press('Enter')]);
  ok(await e.locator('.appt-held').count() === 1, 'appointment field keyboard: a slot held with Enter', e.url());
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${idcard}/pages/collection?lang=${lang}`);
    await axeCheck(e, `${lang} form page: a slot held while the form is finished`);
  }
  // The form engine: a page, its errors, the summary, the drafts.
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${BASE}/procedures/RESIDENCE?lang=${lang}`);
    await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
    ok(/\/forms\/\d+\/pages\/request$/.test(e.url()), `${lang} a form is started`, e.url());
    await axeCheck(e, `${lang} form page, pre-filled`);
    await e.fill('#address\\.street', '');
    await Promise.all([e.waitForNavigation(), e.click('.buttons button[value=next]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} form errors: summary shown`);
    await axeCheck(e, `${lang} form page with errors`);
    await e.goto(e.url().replace(/pages\/request$/, 'summary'));
    await axeCheck(e, `${lang} summary with answers missing`);
    await e.goto(`${BASE}/forms`);
    await axeCheck(e, `${lang} my forms in progress`);
  }
  // Read-only answers (PROPTAX's declarant, from the eID card), and errors
  // that name their field and the limit passed.
  await e.goto(`${BASE}/procedures/PROPTAX?lang=fr`);
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  ok(/\/forms\/\d+\/pages\/taxpayer$/.test(e.url()), 'fr PROPTAX is started', e.url());
  ok(await e.locator('#nrn[readonly]').count() === 1, 'fr the national number is read-only');
  await axeCheck(e, 'fr form page with read-only answers');
  await e.goto(e.url().replace(/pages\/taxpayer$/, 'pages/assessment'));
  await e.fill('#tax_year', '3000');
  await Promise.all([e.waitForNavigation(), e.click('.buttons button[value=next]')]);
  ok(await e.locator('.error-summary a[href="#tax_year"]').count() === 1,
    'fr a year beyond its bound: named in the summary');
  await axeCheck(e, 'fr form page with errors naming their limits');
  // A procedure with its own program (the heat-pump premium): its pages,
  // their errors, and the overview with the amount and its scale.
  const today = new Date(Date.now() - 5 * 86400000).toISOString().slice(0, 10);
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${BASE}/procedures/HEATPUMP?lang=${lang}`);
    await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
    ok(/\/heat-pump\/\d+\/household$/.test(e.url()), `${lang} heat pump: started in its program`, e.url());
    await axeCheck(e, `${lang} heat pump: household page`);
    await e.fill('#household_size', '0');
    await Promise.all([e.waitForNavigation(), e.click('.buttons button[value=next]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} heat pump: errors shown`);
    await axeCheck(e, `${lang} heat pump: household page with errors`);
    await e.fill('#household_size', '3');
    await e.fill('#dependents', '1');
    await e.fill('#household_income', '30000');
    await Promise.all([e.waitForNavigation(), e.click('.buttons button[value=next]')]);
    ok(e.url().endsWith('/works'), `${lang} heat pump: on to the works`, e.url());
    await e.check('#work-heating');
    await e.fill('#dwelling_postcode', '5000');
    await e.fill('#invoice_date', today);
    await e.fill('#invoice_amount', '8000');
    await e.fill('#iban', 'BE68539007547034');
    await e.setInputFiles('#invoice', { name: 'facture.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n') });
    await Promise.all([e.waitForNavigation(), e.click('.buttons button[value=next]')]);
    ok(/\/heat-pump\/\d+$/.test(e.url()), `${lang} heat pump: on to the overview`, e.url());
    ok(await e.locator('strong.amount').count() === 1, `${lang} heat pump: the amount is shown`);
    await axeCheck(e, `${lang} heat pump: overview with the amount and the scale`);
  }
  // A large group, item by item, and a file's own page (VOLUNTEERS, which
  // tests/integration/lost.sh publishes).
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await e.goto(`${BASE}/procedures/VOLUNTEERS?lang=${lang}`);
    await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
    ok(/\/forms\/\d+\/pages\/event$/.test(e.url()), `${lang} volunteers: a form is started`, e.url());
    await e.fill('#event_name', 'Fête');
    await Promise.all([e.waitForNavigation(), e.click('button[value="add:sites"]')]);
    await e.fill('#sites\\.0\\.place', 'Place Flagey');
    await Promise.all([e.waitForNavigation(), e.click('button[value="attach:sites.0.permit"]')]);
    ok(e.url().endsWith('/files/sites.0.permit'), `${lang} a file's own page`, e.url());
    await axeCheck(e, `${lang} a file's own page`);
    await e.setInputFiles('#sites\\.0\\.permit', { name: 'x.txt', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await Promise.all([e.waitForNavigation(), e.click('main form button[value=upload]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} a file refused: summary shown`);
    await axeCheck(e, `${lang} a file's own page with an error`);
    const people = e.url().replace(/event\/files\/.*$/, 'people');
    await e.goto(people);
    await Promise.all([e.waitForNavigation(), e.click('button[value="add:volunteers"]')]);
    ok(/\/items\/volunteers\/1$/.test(e.url()), `${lang} a volunteer's own page`, e.url());
    await axeCheck(e, `${lang} an item of a large group`);
    await e.fill('#volunteers\\.0\\.birth_date', 'demain');
    await Promise.all([e.waitForNavigation(), e.click('.buttons button[value=next]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} an item with errors: summary shown`);
    await axeCheck(e, `${lang} an item of a large group, with errors`);
    await e.goto(`${people}?check=1`);
    await axeCheck(e, `${lang} a large group's list, with an item to complete`);
  }
  // Acting for an organisation: the legal representative designates
  // herself access manager, then every page of the workspace.
  await e.goto(`${BASE}/org?lang=fr`);
  await axeCheck(e, 'fr organisation workspace, acting for herself');
  await e.goto(`${BASE}/org/represent`);
  await axeCheck(e, 'fr represent an organisation');
  await e.fill('#bce', '12');
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  ok(await e.locator('.error-summary').count() === 1, 'fr represent: a wrong number is told');
  await axeCheck(e, 'fr represent an organisation, with errors');
  await e.fill('#bce', '0203201340');
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  ok(e.url().endsWith('/org/represent/0203201340'), 'fr represent: on to the organisation', e.url());
  await axeCheck(e, 'fr legal representative page');
  await e.fill('#nrn', '85073003328');
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  ok(e.url().includes('done=1'), 'fr designate: done', e.url());
  await e.goto(`${BASE}/login/acting?return=/org`);
  const boul = await e.locator('label', { hasText: 'Boulangerie Dubois' }).getAttribute('for');
  await e.check(`#${boul}`);
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    for (const [name, path] of [['workspace', '/org'], ['users', '/org/users'],
      ['mandates', '/org/mandates'], ['audit trail', '/org/audit'],
      ['professional address', '/org/email']]) {
      await e.goto(`${BASE}${path}?lang=${lang}`);
      ok(e.url().includes(path), `${lang} organisation ${name}: reached`, e.url());
      await axeCheck(e, `${lang} organisation ${name}`);
    }
    await e.goto(`${BASE}/org/users`);
    await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} add a user: errors shown`);
    await axeCheck(e, `${lang} organisation users, with errors`);
    await e.goto(`${BASE}/org/users`);
    await Promise.all([e.waitForNavigation(), e.click('main table a')]);
    await axeCheck(e, `${lang} organisation user's roles`);
    await e.goto(`${BASE}/org/mandates`);
    await Promise.all([e.waitForNavigation(), e.click('#new-mandate button[type=submit]')]);
    ok(await e.locator('.error-summary').count() === 1, `${lang} new mandate: errors shown`);
    await axeCheck(e, `${lang} organisation mandates, with errors`);
  }
  await e.goto(`${BASE}/login/acting?return=/help`);
  await e.check('#org-self');
  await Promise.all([e.waitForNavigation(), e.click('main form button[type=submit]')]);
  await Promise.all([e.waitForNavigation(), e.click('.session-bar button[type=submit]')]);
  ok(e.url().includes('/login?logged_out=1'), 'browser: logout from the session bar', e.url());
  await axeCheck(e, 'logged-out login page');
  await ectx.close();

  // Keyboard only, JavaScript off: the pages need none.
  const kctx = await browser.newContext({ ignoreHTTPSErrors: true, javaScriptEnabled: false });
  const k = await kctx.newPage();
  await k.goto(`${BASE}/help?lang=fr`);
  await k.keyboard.press('Tab');
  ok(await k.evaluate(() => document.activeElement.className) === 'skip',
    'keyboard: the first Tab reaches the skip link');
  await k.keyboard.press('Enter');
  await k.keyboard.press('Tab');
  ok(await k.evaluate(() => document.activeElement.id) === 'q',
    'keyboard: after skipping, the next Tab is the search box');
  await k.keyboard.type('code PIN');
  await Promise.all([k.waitForNavigation(), k.keyboard.press('Enter')]);
  ok(k.url().includes('/help/search?q=code+PIN'), 'keyboard: Enter searches');
  ok((await k.textContent('main')).includes('Qu\'est-ce que le code PIN'),
    'keyboard: results shown without JavaScript');

  await k.goto(`${BASE}/help/contact`);
  await k.focus('#name');
  await k.keyboard.type('Élise Dubois');
  await k.keyboard.press('Tab');
  await k.keyboard.type('elise@example.be');
  await k.keyboard.press('Tab');
  await k.keyboard.press('ArrowDown');	// theme: the first real choice
  await k.keyboard.press('Tab');
  await k.keyboard.type('Clavier seulement');
  await k.keyboard.press('Tab');
  await k.keyboard.type('Envoyé sans souris ni JavaScript.');
  await k.keyboard.press('Tab');
  ok(await k.evaluate(() => document.activeElement.type) === 'submit',
    'keyboard: fields in order, then the button');
  await Promise.all([k.waitForNavigation(), k.keyboard.press('Enter')]);
  ok(/\/help\/contact\/sent\?ref=Q-\d{4}-\d{6}$/.test(k.url()), 'keyboard: the form is sent, with its reference',
    `at ${k.url()}: ${(await k.textContent('main')).slice(0, 400)}`);
  await kctx.close();

  // A whole form with the keyboard, JavaScript off, with the eID card.
  const fctx = await browser.newContext({
    ignoreHTTPSErrors: true, javaScriptEnabled: false,
    clientCertificates: [{ origin: EID_BASE, pfxPath: `${DIR}/eid/cards/elise.p12`, passphrase: 'test' }],
  });
  const f = await fctx.newPage();
  await f.goto(`${BASE}/login?return=%2Fprocedures%2FEBIKE&lang=fr`);
  await Promise.all([f.waitForNavigation(), f.click('a.button')]);
  if (f.url().startsWith(`${BASE}/login/acting`))
    await Promise.all([f.waitForNavigation(), f.click('main button[type=submit]')]);
  await f.focus('main form button[type=submit]');
  await Promise.all([f.waitForNavigation(), f.keyboard.press('Enter')]);
  // The fields in the order Tab reaches them (the procedure tests may
  // have published a version without the postal code).
  await f.focus('#email');
  await f.keyboard.type('elise@example.be');
  await f.keyboard.press('Tab');
  if (await f.evaluate(() => document.activeElement.id) === 'postcode') {
    await f.keyboard.type('4000');
    await f.keyboard.press('Tab');
  }
  ok(await f.evaluate(() => document.activeElement.id) === 'iban', 'keyboard form: Tab goes from field to field');
  await f.keyboard.type('BE68 5390 0754 7034');
  await Promise.all([f.waitForNavigation(), f.keyboard.press('Enter')]);
  ok(f.url().endsWith('/pages/purchase'), 'keyboard form: Enter in a field goes on to the next page', f.url());
  await f.focus('#purchase_date');
  await f.keyboard.type('2026-10-01');
  await f.keyboard.press('Tab');
  await f.keyboard.type('1 499,99');
  await f.keyboard.press('Tab');
  await f.keyboard.press('Space');	// the first kind of bicycle
  // The invoice is sent from its own page, once the answers are saved.
  await f.focus('button[value="attach:invoice"]');
  await Promise.all([f.waitForNavigation(), f.keyboard.press('Enter')]);
  ok(f.url().endsWith('/pages/purchase/files/invoice'), 'keyboard form: "Add a file" opens the file\'s page', f.url());
  await f.setInputFiles('#invoice', { name: 'facture.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n') });
  await f.focus('main form button[value=upload]');
  await Promise.all([f.waitForNavigation(), f.keyboard.press('Enter')]);
  ok(f.url().includes('/pages/purchase'), 'keyboard form: back to the page with the file', f.url());
  // a day is shown back as the hint asks, day first
  ok(await f.inputValue('#purchase_date') === '01/10/2026', 'keyboard form: the answers typed before the file are there',
    await f.inputValue('#purchase_date'));
  await f.focus('.buttons button[value=next]');
  await Promise.all([f.waitForNavigation(), f.keyboard.press('Enter')]);
  ok(f.url().endsWith('/summary'), 'keyboard form: on to the summary', `${f.url()}: ${(await f.textContent('main')).slice(0, 300)}`);
  ok((await f.textContent('main')).includes('1499.99 €'), 'keyboard form: the summary shows the answers');
  await f.focus('main form:not(.delete) button[type=submit]');
  await Promise.all([f.waitForNavigation(), f.keyboard.press('Enter')]);
  ok(/\/forms\/\d+\/receipt$/.test(f.url()), 'keyboard form: signed and sent', f.url());
  const receipt = f.url();
  await fctx.close();
  const rctx = await browser.newContext({
    ignoreHTTPSErrors: true, bypassCSP: true,
    clientCertificates: [{ origin: EID_BASE, pfxPath: `${DIR}/eid/cards/elise.p12`, passphrase: 'test' }],
  });
  const rp = await rctx.newPage();
  await rp.goto(`${BASE}/login?return=${encodeURIComponent(new URL(receipt).pathname)}`);
  await Promise.all([rp.waitForNavigation(), rp.click('a.button')]);
  if (rp.url().startsWith(`${BASE}/login/acting`))
    await Promise.all([rp.waitForNavigation(), rp.click('main button[type=submit]')]);
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await rp.goto(`${receipt}?lang=${lang}`);
    ok((await rp.textContent('.reference')).match(/^\d{4}-EBIKE-\d{6}$/), `${lang} receipt: the reference`);
    await axeCheck(rp, `${lang} receipt`);
  }
  // The user's space: the list, the dossier, the vault, "my data".
  const ref = (await rp.textContent('.reference')).trim();
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    for (const [path, name] of [['/dossiers', 'dossier list'], [`/dossiers/${ref}`, 'dossier page'],
      ['/documents', 'documents'], ['/my-data', 'my data']]) {
      await rp.goto(`${BASE}${path}?lang=${lang}`);
      await axeCheck(rp, `${lang} ${name}`);
    }
  }
  // Keyboard only (the pages have no script): from the list to the dossier, a message.
  await rp.goto(`${BASE}/dossiers?lang=fr`);
  await rp.focus(`a[href="/dossiers/${ref}"]`);
  await Promise.all([rp.waitForNavigation(), rp.keyboard.press('Enter')]);
  ok(rp.url().endsWith(`/dossiers/${ref}`), 'keyboard: the dossier opened from the list', rp.url());
  await rp.focus('.message-form button[type=submit]');
  await Promise.all([rp.waitForNavigation(), rp.keyboard.press('Enter')]);
  ok((await rp.textContent('.error-summary')).includes('Écrivez votre message'), 'keyboard: an empty message is refused');
  await axeCheck(rp, 'fr message error');
  await rp.focus('#body');
  await rp.keyboard.type('Bonjour, une question sur mon dossier.');
  await rp.focus('.message-form button[type=submit]');
  await Promise.all([rp.waitForNavigation(), rp.keyboard.press('Enter')]);
  ok((await rp.textContent('main')).includes('Bonjour, une question sur mon dossier.'), 'keyboard: the message is in the thread');
  ok((await rp.textContent('[role=status]')).includes('envoyé'), 'keyboard: the user is told it was sent');
  await rctx.close();

  // The back office, as Agathe (an agent) with her card.
  const actx = await browser.newContext({
    ignoreHTTPSErrors: true, bypassCSP: true,
    clientCertificates: [{ origin: EID_BASE, pfxPath: `${DIR}/eid/cards/agathe.p12`, passphrase: 'test' }],
  });
  const ap = await actx.newPage();
  await ap.goto(`${BASE}/login?return=/inbox`);
  await Promise.all([ap.waitForNavigation(), ap.click('a.button')]);
  if (ap.url().startsWith(`${BASE}/login/acting`)) {
    // She is also a user of a company (orgs.sh): as herself, to work.
    await ap.check('#org-self');
    await Promise.all([ap.waitForNavigation(), ap.click('main form button[type=submit]')]);
  }
  ok(ap.url().startsWith(`${BASE}/inbox`), 'agent: logged in to the inbox', ap.url());
  await ap.goto(`${BASE}/inbox?queue=all&sort=newest`);
  const work = await ap.getAttribute('table.queue a', 'href');
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    for (const [path, name] of [['/inbox', 'inbox'], [work, 'inbox dossier'], ['/inbox/stats', 'inbox figures']]) {
      await ap.goto(`${BASE}${path}?lang=${lang}`);
      await axeCheck(ap, `${lang} ${name}`);
    }
  }
  // The agenda of the counter's appointments (docs/appointments.md).
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await ap.goto(`${BASE}/inbox/appointments?lang=${lang}`);
    await axeCheck(ap, `${lang} appointments: the agents' agenda`);
    await ap.goto(`${BASE}/inbox/appointments?view=week&lang=${lang}`);
    await axeCheck(ap, `${lang} appointments: the agents' week`);
  }
  // The help desk's questions, and an empty answer refused.
  await ap.goto(`${BASE}/inbox/helpdesk?lang=fr`);
  const question = await ap.getAttribute('main table a', 'href');
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    for (const [path, name] of [['/inbox/helpdesk', 'help desk questions'],
      ['/inbox/helpdesk?state=answered', 'help desk answered questions'], [question, 'help desk question']]) {
      await ap.goto(`${BASE}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
      await axeCheck(ap, `${lang} ${name}`);
    }
  }
  await ap.goto(`${BASE}${question}?lang=fr`);
  await ap.focus('main form button[type=submit]');
  await Promise.all([ap.waitForNavigation(), ap.keyboard.press('Enter')]);
  ok((await ap.textContent('.error-summary')).includes('Écrivez le texte'), 'agent keyboard: an empty answer is refused');
  await axeCheck(ap, 'fr help desk answer error');
  // Keyboard: a note with no text is refused, with the error page checked.
  await ap.goto(`${BASE}${work}?lang=fr`);
  await ap.focus('form[action$="/note"] button[type=submit]');
  await Promise.all([ap.waitForNavigation(), ap.keyboard.press('Enter')]);
  ok((await ap.textContent('.error-summary')).includes('Écrivez le texte'), 'agent keyboard: an empty note is refused');
  await axeCheck(ap, 'fr inbox error');
  await ap.focus('#note_body');
  await ap.keyboard.type('Vérifié au clavier.');
  await ap.focus('form[action$="/note"] button[type=submit]');
  await Promise.all([ap.waitForNavigation(), ap.keyboard.press('Enter')]);
  ok((await ap.textContent('main')).includes('Vérifié au clavier.'), 'agent keyboard: the note is added');
  await actx.close();

  // The public verification of a document (docs/verify.md): each of its
  // states in four languages, then the code and a date of birth typed
  // with the keyboard only and JavaScript off.
  const pg = ['psql', '-h', `${DIR}/pg`, '-U', 'postgres', '-d', 'guichet', '-Atqc',
    "SELECT substr(d.verify_code, 1, 4) || '-' || substr(d.verify_code, 5, 4) || '-' ||" +
    " substr(d.verify_code, 9) || ' ' || to_char(nrn_birth_date(p.nrn), 'DD/MM/YYYY')" +
    " FROM documents d JOIN persons p ON p.id = d.person_id" +
    " WHERE d.verify_code IS NOT NULL AND d.revoked_at IS NULL" +
    "   AND nrn_birth_date(p.nrn) IS NOT NULL AND d.birth_failures < 5 ORDER BY d.id LIMIT 1"];
  const [vcode, born] = execFileSync(process.getuid() === 0 ? 'runuser' : pg[0],
    process.getuid() === 0 ? ['-u', 'postgres', '--', ...pg] : pg.slice(1)).toString().trim().split(' ');
  ok(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{5}$/.test(vcode || ''), 'verify: a document with a code to check', vcode);
  const vctx = await browser.newContext({ ignoreHTTPSErrors: true, bypassCSP: true });
  const v = await vctx.newPage();
  for (const lang of ['fr', 'nl', 'de', 'en']) {
    await v.goto(`${BASE}/verify?lang=${lang}`);
    await axeCheck(v, `${lang} verify: the form`);
    await v.goto(`${BASE}/verify/${vcode}`);
    ok(await v.getAttribute('html', 'lang') === lang, `${lang} verify: html lang`);
    await axeCheck(v, `${lang} verify: a code's page`);
    await v.goto(`${BASE}/verify/0000-0000-00000`);
    await axeCheck(v, `${lang} verify: an unknown code`);
    await v.goto(`${BASE}/verify?code=abc`);
    ok(await v.locator('.error-summary').count() === 1, `${lang} verify: a bad code is explained`);
    await axeCheck(v, `${lang} verify: a bad code`);
    await v.goto(`${BASE}/verify/${vcode}`);
    await Promise.all([v.waitForNavigation(), v.click('form[enctype] button[type=submit]')]);
    ok(await v.locator('#file[aria-invalid=true]').count() === 1, `${lang} verify: nothing sent, the field marked`);
    await axeCheck(v, `${lang} verify: nothing to compare`);
    await v.fill('#birth_date', born);
    await Promise.all([v.waitForNavigation(), v.click('form:not([enctype]) button[type=submit]')]);
    ok(await v.locator('.panel').count() === 1, `${lang} verify: the date of birth matches`);
    await axeCheck(v, `${lang} verify: a verdict`);
  }
  await vctx.close();
  const nctx = await browser.newContext({ ignoreHTTPSErrors: true, javaScriptEnabled: false });
  const nv = await nctx.newPage();
  await nv.goto(`${BASE}/verify?lang=fr`);
  await nv.focus('#code');
  await nv.keyboard.type(vcode.toLowerCase().replaceAll('-', ' '));
  await Promise.all([nv.waitForNavigation(), nv.keyboard.press('Enter')]);
  ok(nv.url().endsWith(`/verify/${vcode}`), 'verify keyboard: the code typed, Enter opens its page', nv.url());
  await nv.focus('#birth_date');
  await nv.keyboard.type(born);
  await Promise.all([nv.waitForNavigation(), nv.keyboard.press('Enter')]);
  ok((await nv.textContent('main')).includes('née à cette date'), 'verify keyboard: the date of birth typed, Enter checks it');
  await nctx.close();
} catch (e) {
  ok(false, 'the browser run finished', e.stack);
} finally {
  await browser.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
