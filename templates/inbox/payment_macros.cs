<?cs # The dossier page's payments section, as a macro: state, amount, history, refunds, the refund form (cgi-bin/inbox/payments.c). ?>
<?cs def:payments_section() ?>
<?cs if:Payments.0.id ?><h2 id="payments"><?cs var:Lang.inboxpay.title ?></h2>
<?cs each:p = Payments ?><section class="payment" aria-labelledby="payment-<?cs var:p.id ?>">
<h3 id="payment-<?cs var:p.id ?>"><span class="reference"><?cs var:p.reference ?></span> — <span class="tag pay-<?cs var:p.status ?>"><?cs var:Lang.inboxpay.status[p.status] ?></span></h3>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.inboxpay.amount ?></dt><dd><strong><?cs var:p.amount ?></strong> (<?cs var:Lang.inboxpay.due[p.due] ?>)</dd></div>
<div class="row"><dt><?cs var:Lang.inboxpay.created ?></dt><dd><?cs var:p.created ?></dd></div>
<?cs if:p.method ?><div class="row"><dt><?cs var:Lang.inboxpay.method ?></dt><dd><?cs var:p.method ?></dd></div><?cs /if ?>
<?cs if:p.failure ?><div class="row"><dt><?cs var:Lang.inboxpay.failure ?></dt><dd><?cs var:p.failure ?></dd></div><?cs /if ?>
<div class="row"><dt><?cs var:Lang.inboxpay.provider_id ?></dt><dd><?cs if:p.provider_id ?><span class="reference"><?cs var:p.provider_id ?></span><?cs else ?><?cs var:Lang.inboxpay.no_provider_id ?><?cs /if ?></dd></div>
<?cs if:p.status == "success" ?><div class="row"><dt><?cs var:Lang.inboxpay.refunded ?></dt><dd><?cs var:p.refunded ?></dd></div>
<div class="row"><dt><?cs var:Lang.inboxpay.left ?></dt><dd id="left-<?cs var:p.id ?>"><?cs var:p.left ?></dd></div><?cs /if ?>
</dl>
<?cs if:p.refunds.0.at ?><table class="refunds"><caption><?cs var:Lang.inboxpay.refunds ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.inboxpay.when ?></th><th scope="col"><?cs var:Lang.inboxpay.amount ?></th><th scope="col"><?cs var:Lang.inboxpay.refund_status ?></th><th scope="col"><?cs var:Lang.inboxpay.reason ?></th><th scope="col"><?cs var:Lang.inboxpay.by ?></th></tr></thead>
<tbody><?cs each:f = p.refunds ?><tr><td><?cs var:f.at ?></td><td><?cs var:f.amount ?></td><td><?cs var:Lang.inboxpay.refund_state[f.status] ?></td><td><?cs var:f.reason ?></td><td><?cs if:f.by ?><?cs var:f.by ?><?cs else ?><?cs var:Lang.inboxpay.by_guichet ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table><?cs /if ?>
<h4><?cs var:Lang.inboxpay.history ?></h4>
<ol class="timeline"><?cs each:e = p.events ?><li><span class="when"><?cs var:e.at ?></span> —
<?cs if:e.kind == "status" ?><?cs var:Lang.inboxpay.event.status ?> <strong><?cs var:Lang.inboxpay.status[e.to] ?></strong><?cs elif:e.kind == "refund" ?><?cs var:Lang.inboxpay.event.refund ?> <?cs var:e.amount ?> — <?cs var:Lang.inboxpay.refund_state[e.status] ?><?cs else ?><?cs var:Lang.inboxpay.event[e.kind] ?><?cs /if ?>
<?cs if:e.by ?>— <?cs var:e.by ?><?cs /if ?></li>
<?cs /each ?></ol>
<?cs if:p.can_refund == "1" && Work.can_act == "1" ?><?cs call:action_start("refund") ?><h4><?cs var:Lang.inboxpay.refund ?></h4>
<p class="hint"><?cs var:Lang.inboxpay.refund_hint ?></p>
<input type="hidden" name="payment" value="<?cs var:p.id ?>"><input type="hidden" name="key" value="<?cs var:p.key ?>">
<?cs if:Kept.refund_payment == p.id ?><?cs set:amt = Kept.refund_amount ?><?cs else ?><?cs set:amt = p.left_input ?><?cs /if ?>
<div class="field<?cs if:Form.refund_amount.error && Kept.refund_payment == p.id ?> has-error<?cs /if ?>">
<label for="refund_amount_<?cs var:p.id ?>"><?cs var:Lang.inboxpay.refund_amount ?></label>
<p class="hint" id="refund_amount_hint_<?cs var:p.id ?>"><?cs var:Lang.inboxpay.refund_amount_hint ?> <?cs var:p.left ?></p>
<?cs if:Form.refund_amount.error && Kept.refund_payment == p.id ?><p class="field-error" id="refund_amount_error"><span class="visually-hidden"><?cs var:Lang.form.error_prefix ?></span> <?cs var:Form.refund_amount.error ?></p><?cs /if ?>
<input type="text" inputmode="decimal" id="refund_amount_<?cs var:p.id ?>" name="amount" value="<?cs var:amt ?>" size="10" aria-describedby="refund_amount_hint_<?cs var:p.id ?>">
</div>
<?cs if:Kept.refund_payment == p.id ?><?cs call:text_box("refund", Lang.inboxpay.reason_hint) ?><?cs else ?><div class="field"><label for="refund_body_<?cs var:p.id ?>"><?cs var:Lang.inbox.text ?></label>
<p class="hint"><?cs var:Lang.inboxpay.reason_hint ?></p>
<textarea id="refund_body_<?cs var:p.id ?>" name="body" rows="3" maxlength="2000"></textarea></div><?cs /if ?>
<button type="submit"><?cs var:Lang.inboxpay.refund ?></button></form><?cs /if ?>
</section>
<?cs /each ?><?cs /if ?>
<?cs /def ?>
