<?cs include:"layout.cs" ?>
<?cs # A dossier's payment, as read from the provider: the form engine's
     (a fee due at submission, cgi-bin/forms/payment.c), a granted
     dossier's (due after acceptance, cgi-bin/dossiers/pay.c) and a
     certificate's order (Payment.order, cgi-bin/certs/pay.c; Dossier.title
     is then the certificate's).
     Payment.base: the payment's page; Payment.back: where to try again. ?>
<?cs if:Payment.status == "unavailable" ?><?cs set:title = Lang.payment.down_title ?>
<?cs elif:Payment.pending ?><?cs set:title = Lang.payment.pending_title ?>
<?cs elif:Payment.status == "success" ?><?cs set:title = Lang.payment.paid_title ?>
<?cs elif:Payment.status == "failed" ?><?cs set:title = Lang.payment.failed_title ?>
<?cs elif:Payment.status == "expired" ?><?cs set:title = Lang.payment.expired_title ?>
<?cs elif:Payment.status == "error" ?><?cs set:title = Lang.payment.error_title ?>
<?cs else ?><?cs set:title = Lang.payment.cancelled_title ?><?cs /if ?>
<?cs call:page_start(title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<div class="panel" role="status">
<h1><?cs var:title ?></h1>
<?cs if:Payment.status == "unavailable" ?>
<p><?cs if:Payment.order ?><?cs var:Lang.certs.order_down_text ?><?cs else ?><?cs var:Lang.payment.down_text ?><?cs /if ?></p>
<?cs elif:Payment.pending ?>
<p><?cs var:Lang.payment.pending_text ?></p>
<?cs if:Payment.unreachable ?><p class="notice"><?cs var:Lang.payment.unreachable_text ?></p><?cs /if ?>
<?cs elif:Payment.status == "success" ?>
<p><?cs var:Lang.payment.paid_text ?></p>
<?cs elif:Payment.order ?>
<p><?cs var:Lang.certs.not_paid_text ?></p>
<?cs elif:Payment.status == "failed" ?>
<p><?cs var:Lang.payment.failed_text ?></p>
<?cs elif:Payment.status == "expired" ?>
<p><?cs var:Lang.payment.expired_text ?></p>
<?cs elif:Payment.status == "error" ?>
<p><?cs var:Lang.payment.error_text ?></p>
<?cs else ?>
<p><?cs var:Lang.payment.cancelled_text ?></p>
<?cs /if ?>
</div>
<?cs if:Payment.reference ?>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.payment.reference ?></dt><dd class="payment-reference"><?cs var:Payment.reference ?></dd></div>
<div class="row"><dt><?cs var:Lang.payment.amount ?></dt><dd class="payment-amount"><?cs var:Payment.amount ?></dd></div>
</dl>
<?cs /if ?>
<?cs if:Payment.pending ?>
<?cs if:Payment.next_url ?><p><a class="button" href="<?cs var:Payment.next_url ?>"><?cs var:Lang.payment.go_on ?></a></p><?cs /if ?>
<p><a href="<?cs var:Payment.base ?>"><?cs var:Lang.payment.check_again ?></a></p>
<form method="post" action="<?cs var:Payment.base ?>/cancel">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<button type="submit" class="secondary"><?cs if:Payment.order ?><?cs var:Lang.certs.cancel_payment ?><?cs else ?><?cs var:Lang.payment.cancel_button ?><?cs /if ?></button>
</form>
<?cs else ?>
<p><a class="button" href="<?cs var:Payment.back ?>"><?cs if:Payment.order ?><?cs var:Lang.certs.back_to_order ?><?cs elif:Payment.status == "success" ?><?cs var:Lang.payment.to_dossier ?><?cs else ?><?cs var:Lang.payment.try_again ?><?cs /if ?></a></p>
<?cs /if ?>
<?cs call:page_end() ?>
