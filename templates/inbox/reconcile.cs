<?cs include:"layout.cs" ?>
<?cs # A department's day of payments: totals, fees by procedure, payments, refunds, the provider's check (cgi-bin/inbox/reconcile.c). ?>
<?cs call:page_start(Lang.reconcile.title + " — " + Day.shown) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li><li aria-current="page"><?cs var:Lang.reconcile.title ?></li></ol></nav>
<h1><?cs var:Lang.reconcile.title ?> — <?cs var:Day.dept_name ?>, <?cs var:Day.shown ?></h1>
<?cs call:error_summary() ?>
<?cs if:Day.done == "resolved" ?><p class="notice" role="status"><?cs var:Lang.reconcile.resolved_done ?></p><?cs /if ?>
<form class="filters" method="get" action="/inbox/payments">
<div class="field"><label for="dept"><?cs var:Lang.inbox.department ?></label>
<select id="dept" name="dept"><?cs each:d = Depts ?><option value="<?cs var:d.id ?>"<?cs if:d.id == Day.dept ?> selected<?cs /if ?>><?cs var:d.name ?></option><?cs /each ?></select></div>
<div class="field<?cs if:Form.day.error ?> has-error<?cs /if ?>"><label for="day"><?cs var:Lang.reconcile.day ?> <span class="small">(<?cs var:Lang.inbox.date_hint ?>)</span></label>
<?cs if:Form.day.error ?><p class="field-error" id="day_error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.day.error ?></p><?cs /if ?>
<input type="text" id="day" name="day" value="<?cs if:Kept.day ?><?cs var:Kept.day ?><?cs else ?><?cs var:Day.day ?><?cs /if ?>" size="10"<?cs if:Form.day.error ?> aria-describedby="day_error"<?cs /if ?>></div>
<button type="submit"><?cs var:Lang.inbox.apply ?></button>
</form>
<nav class="pager" aria-label="<?cs var:Lang.reconcile.days ?>"><ul>
<li><a rel="prev" href="/inbox/payments?dept=<?cs var:Day.dept ?>&amp;day=<?cs var:Day.before ?>"><?cs var:Lang.reconcile.before ?></a></li>
<li><a rel="next" href="/inbox/payments?dept=<?cs var:Day.dept ?>&amp;day=<?cs var:Day.after ?>"><?cs var:Lang.reconcile.after ?></a></li>
<li><a href="/inbox/payments/export.csv?dept=<?cs var:Day.dept ?>&amp;day=<?cs var:Day.day ?>" download><?cs var:Lang.reconcile.csv ?></a></li>
</ul></nav>

<h2><?cs var:Lang.reconcile.totals ?></h2>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.reconcile.paid ?></dt><dd id="total-paid"><?cs var:Totals.0.paid ?> (<?cs var:Totals.0.paid_n ?>)</dd></div>
<div class="row"><dt><?cs var:Lang.reconcile.refunded ?></dt><dd id="total-refunded"><?cs var:Totals.0.refunded ?> (<?cs var:Totals.0.refunded_n ?>)</dd></div>
<div class="row"><dt><?cs var:Lang.reconcile.net ?></dt><dd id="total-net"><strong><?cs var:Totals.0.net ?></strong></dd></div>
<div class="row"><dt><?cs var:Lang.reconcile.unpaid ?></dt><dd><?cs var:Totals.0.unpaid_n ?></dd></div>
<?cs if:Totals.0.pending_n > 0 ?><div class="row"><dt><?cs var:Lang.reconcile.pending ?></dt><dd><?cs var:Totals.0.pending_n ?></dd></div><?cs /if ?>
</dl>

<h2><?cs var:Lang.reconcile.check ?></h2>
<?cs if:Run.0.finished ?><p id="run"><?cs var:Lang.reconcile.checked ?> <?cs var:Run.0.finished ?>: <?cs var:Lang.reconcile.at_provider ?> <?cs var:Run.0.provider ?>, <?cs var:Lang.reconcile.here ?> <?cs var:Run.0.ours ?>, <?cs var:Lang.reconcile.fixed ?> <?cs var:Run.0.fixed ?>, <?cs var:Lang.reconcile.flagged ?> <?cs var:Run.0.flagged ?>.</p>
<?cs elif:Run.0.error ?><p id="run"><?cs var:Lang.reconcile.run_failed ?></p>
<?cs else ?><p id="run"><?cs var:Lang.reconcile.not_checked ?></p><?cs /if ?>
<?cs if:Differences.0.id ?><table class="differences"><caption><?cs var:Lang.reconcile.differences ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.reconcile.what ?></th><th scope="col"><?cs var:Lang.inboxpay.payment ?></th><th scope="col"><?cs var:Lang.inboxpay.provider_id ?></th><th scope="col"><?cs var:Lang.reconcile.provider_says ?></th><th scope="col"><?cs var:Lang.reconcile.we_say ?></th><th scope="col"><?cs var:Lang.reconcile.state ?></th></tr></thead>
<tbody><?cs each:x = Differences ?><tr id="difference-<?cs var:x.id ?>">
<td><?cs var:Lang.reconcile.kind[x.kind] ?></td>
<td><?cs if:x.dossier_id ?><a href="/inbox/dossiers/<?cs var:x.dossier_id ?>#payments"><?cs var:x.dossier ?></a> <?cs /if ?><?cs var:x.reference ?><?cs if:!x.reference ?><?cs var:x.provider_reference ?><?cs /if ?></td>
<td><span class="reference"><?cs var:x.provider_id ?></span></td>
<td><?cs if:x.provider_status ?><?cs var:Lang.inboxpay.status[x.provider_status] ?> <?cs var:x.provider_amount ?><?cs /if ?></td>
<td><?cs var:x.our_amount ?></td>
<td><?cs if:x.fixed ?><?cs var:Lang.reconcile.fixed_on ?> <?cs var:x.fixed ?><?cs elif:x.resolved ?><?cs var:Lang.reconcile.resolved_on ?> <?cs var:x.resolved ?> — <?cs var:x.resolved_by ?>: <?cs var:x.resolution ?><?cs elif:Day.manager == "1" ?><form method="post" action="/inbox/payments/differences/<?cs var:x.id ?>"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><input type="hidden" name="dept" value="<?cs var:Day.dept ?>"><input type="hidden" name="day" value="<?cs var:Day.day ?>">
<label for="note-<?cs var:x.id ?>"><?cs var:Lang.reconcile.note ?></label> <input type="text" id="note-<?cs var:x.id ?>" name="body" maxlength="2000"> <button type="submit"><?cs var:Lang.reconcile.resolve ?></button></form><?cs else ?><strong><?cs var:Lang.reconcile.open ?></strong><?cs /if ?></td>
</tr><?cs /each ?></tbody></table><?cs /if ?>
<?cs if:OpenDays.0.day ?><p><?cs var:Lang.reconcile.open_days ?></p><ul><?cs each:o = OpenDays ?><li><a href="/inbox/payments?dept=<?cs var:Day.dept ?>&amp;day=<?cs var:o.day ?>"><?cs var:o.day ?></a> (<?cs var:o.count ?>)</li><?cs /each ?></ul><?cs /if ?>

<h2><?cs var:Lang.reconcile.fees ?></h2>
<?cs if:!Fees.0.count ?><p><?cs var:Lang.reconcile.none ?></p>
<?cs else ?><table class="fees"><caption class="visually-hidden"><?cs var:Lang.reconcile.fees ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inbox.procedure ?></th><th scope="col"><?cs var:Lang.reconcile.count ?></th><th scope="col"><?cs var:Lang.reconcile.paid ?></th><th scope="col"><?cs var:Lang.reconcile.refunded_since ?></th></tr></thead>
<tbody><?cs each:f = Fees ?><tr><td><?cs var:f.title ?></td><td><?cs var:f.count ?></td><td><?cs var:f.paid ?></td><td><?cs var:f.refunded ?></td></tr><?cs /each ?></tbody></table><?cs /if ?>

<h2><?cs var:Lang.inboxpay.title ?></h2>
<?cs if:!Payments.0.reference ?><p><?cs var:Lang.reconcile.none ?></p>
<?cs else ?><table class="payments"><caption class="visually-hidden"><?cs var:Lang.inboxpay.title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inboxpay.when ?></th><th scope="col"><?cs var:Lang.inboxpay.payment ?></th><th scope="col"><?cs var:Lang.reconcile.dossier ?></th><th scope="col"><?cs var:Lang.reconcile.state ?></th><th scope="col"><?cs var:Lang.inboxpay.amount ?></th><th scope="col"><?cs var:Lang.inboxpay.refunded ?></th><th scope="col"><?cs var:Lang.inboxpay.provider_id ?></th></tr></thead>
<tbody><?cs each:p = Payments ?><tr><td><?cs var:p.at ?></td><td><?cs var:p.reference ?></td><td><?cs if:p.dossier_id ?><a href="/inbox/dossiers/<?cs var:p.dossier_id ?>#payments"><?cs var:p.dossier ?></a><?cs elif:p.cert_id ?><a href="/inbox/certificates/<?cs var:p.cert_id ?>#payments"><?cs var:p.dossier ?></a><?cs /if ?></td><td><?cs var:Lang.inboxpay.status[p.status] ?></td><td><?cs var:p.amount ?></td><td><?cs var:p.refunded ?></td><td><span class="reference"><?cs var:p.provider_id ?></span></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>

<h2><?cs var:Lang.inboxpay.refunds ?></h2>
<?cs if:!Refunds.0.reference ?><p><?cs var:Lang.reconcile.none ?></p>
<?cs else ?><table class="refunds"><caption class="visually-hidden"><?cs var:Lang.inboxpay.refunds ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inboxpay.when ?></th><th scope="col"><?cs var:Lang.inboxpay.payment ?></th><th scope="col"><?cs var:Lang.reconcile.dossier ?></th><th scope="col"><?cs var:Lang.inboxpay.amount ?></th><th scope="col"><?cs var:Lang.inboxpay.refund_status ?></th><th scope="col"><?cs var:Lang.inboxpay.reason ?></th><th scope="col"><?cs var:Lang.inboxpay.by ?></th></tr></thead>
<tbody><?cs each:f = Refunds ?><tr><td><?cs var:f.at ?></td><td><?cs var:f.reference ?></td><td><?cs if:f.dossier_id ?><a href="/inbox/dossiers/<?cs var:f.dossier_id ?>#payments"><?cs var:f.dossier ?></a><?cs elif:f.cert_id ?><a href="/inbox/certificates/<?cs var:f.cert_id ?>#payments"><?cs var:f.dossier ?></a><?cs /if ?></td><td><?cs var:f.amount ?></td><td><?cs var:Lang.inboxpay.refund_state[f.status] ?></td><td><?cs var:f.reason ?></td><td><?cs if:f.by ?><?cs var:f.by ?><?cs else ?><?cs var:Lang.inboxpay.by_guichet ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
