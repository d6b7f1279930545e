<?cs include:"layout.cs" ?>
<?cs with:q = Request.0 ?>
<?cs call:page_start(q.title) ?>
<p><a href="/certificates"><?cs var:Lang.certs.title ?></a></p>
<h1><?cs var:q.title ?></h1>
<dl class="facts">
<dt><?cs var:Lang.certs.reference ?></dt><dd class="reference"><?cs var:q.reference ?></dd>
<dt><?cs var:Lang.certs.asked ?></dt><dd><?cs var:q.created ?></dd>
<dt><?cs var:Lang.certs.status_col ?></dt><dd id="status" data-status="<?cs var:q.status ?>"><?cs if:q.revoked == "t" ?><?cs var:Lang.certs.status.revoked ?><?cs else ?><?cs var:Lang.certs.status[q.status] ?><?cs /if ?></dd>
<dt><?cs var:Lang.certs.field.delivery ?></dt><dd><?cs var:Lang.certs.delivery[q.delivery] ?></dd>
</dl>
<?cs if:Fee.total ?><?cs # an order with a fee (cgi-bin/certs/pay.c) ?>
<h2><?cs var:Lang.certs.fee_title ?></h2>
<table class="fee">
<thead><tr><th scope="col"><?cs var:Lang.payment.line ?></th><th scope="col"><?cs var:Lang.payment.quantity ?></th><th scope="col"><?cs var:Lang.payment.line_amount ?></th></tr></thead>
<tbody><?cs each:l = Fee.lines ?><tr><td><?cs var:l.label ?></td><td><?cs var:l.quantity ?></td><td><?cs var:l.amount ?></td></tr>
<?cs /each ?></tbody>
<tfoot><tr><th scope="row" colspan="2"><?cs var:Lang.payment.total ?></th><td class="fee-total"><?cs var:Fee.total ?></td></tr></tfoot>
</table>
<?cs if:Paid.reference ?><dl class="facts">
<dt><?cs var:Lang.payment.reference ?></dt><dd class="payment-reference"><?cs var:Paid.reference ?></dd>
<dt><?cs var:Lang.payment.amount_paid ?></dt><dd class="payment-amount"><?cs var:Paid.amount ?></dd>
<?cs if:Refunded.amount ?><dt><?cs var:Lang.certs.refunded ?></dt><dd id="refunded" data-done="<?cs var:Refunded.done ?>"><?cs var:Refunded.amount ?> (<?cs if:Refunded.done == "t" ?><?cs var:Lang.certs.refund_done ?><?cs else ?><?cs var:Lang.certs.refund_pending ?><?cs /if ?>)</dd><?cs /if ?>
</dl><?cs /if ?>
<?cs /if ?>
<div role="status">
<?cs if:q.revoked == "t" ?><p><?cs var:Lang.certs.revoked_text ?> <?cs var:q.revoked_reason ?></p>
<?cs elif:q.status == "issued" ?><p><?cs var:Lang.certs.issued_text ?> <?cs var:q.issued ?>.</p>
<?cs if:Kiosk ?><p><?cs var:Lang.certs.kiosk_vault ?></p><p><a class="button" href="/certificates/requests/<?cs var:q.reference ?>/print" id="print"><?cs var:Lang.certs.print.button ?></a></p><?cs else ?><p><a href="/documents/<?cs var:q.document ?>" download><?cs var:Lang.certs.download ?></a> · <a href="/certificates/requests/<?cs var:q.reference ?>/print" id="print"><?cs var:Lang.certs.print.link ?></a> · <a href="/documents"><?cs var:Lang.nav.documents ?></a></p><?cs /if ?>
<?cs if:q.delivery == "email" ?><p id="emailed"><?cs if:q.emailed ?><?cs var:Lang.certs.emailed_text ?> <?cs var:q.emailed ?>.<?cs else ?><?cs var:Lang.certs.email_text ?><?cs /if ?></p><?cs /if ?>
<?cs if:q.delivery == "post" ?><?cs if:q.posted_on ?><p id="posted"><?cs var:Lang.certs.posted_text ?> <?cs var:q.posted_on ?>.</p><?cs else ?><p><?cs var:Lang.certs.post_text ?></p><?cs /if ?><?cs /if ?>
<?cs elif:q.status == "queued" ?><p><?cs var:Lang.certs.queued_text ?></p>
<p><a href="/certificates/requests/<?cs var:q.reference ?>"><?cs var:Lang.certs.refresh ?></a></p>
<?cs elif:q.status == "unpaid" ?><p><?cs var:Lang.certs.unpaid_text ?></p>
<?cs if:Paying.last == "failed" || Paying.last == "cancelled" || Paying.last == "expired" || Paying.last == "error" ?><p class="notice" id="not-paid"><?cs var:Lang.certs.not_paid_text ?></p><?cs /if ?>
<?cs if:Paying.next_url ?><p><?cs var:Lang.payment.paying ?> <a href="<?cs var:Paying.next_url ?>"><?cs var:Lang.payment.go_on ?></a></p><?cs /if ?>
<form method="post" action="/certificates/requests/<?cs var:q.reference ?>/pay">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit" id="pay"><?cs var:Lang.certs.pay_button ?></button>
</form>
<?cs elif:q.status == "checking" ?><p><?cs var:Lang.certs.checking_text ?></p>
<?cs elif:q.status == "refused" ?><p><?cs var:Lang.certs.refused_text ?></p><blockquote><p><?cs var:q.refused_reason ?></p></blockquote>
<?cs else ?><p><?cs var:Lang.certs.unknown_text ?></p>
<?cs if:Refunded.amount ?><p id="refund-text"><?cs var:Lang.certs.unknown_refund_text ?></p><?cs /if ?><?cs /if ?>
</div>
<?cs /with ?>
<?cs call:page_end() ?>
