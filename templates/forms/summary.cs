<?cs include:"layout.cs" ?>
<?cs include:"forms/fields.cs" ?>
<?cs call:page_start(Lang.form.summary_title + " — " + Dossier.title) ?>
<p class="small"><?cs var:Dossier.title ?></p>
<?cs call:steps() ?>
<h1><?cs var:Lang.form.summary_title ?></h1>
<?cs if:Submit.expired ?><div class="error-summary" role="alert"><p><?cs var:Submit.expired ?></p></div><?cs /if ?>
<?cs if:Problems.count > 0 ?><div class="error-summary" role="alert"><p><?cs var:Problems.count ?> <?cs var:Lang.form.problems ?></p></div><?cs /if ?>
<?cs call:answers(1) ?>
<?cs if:Fee.total ?>
<h2><?cs var:Lang.payment.due_title ?></h2>
<?cs call:fee_table() ?>
<?cs if:Fee.due == "acceptance" ?><p><?cs var:Lang.payment.due_acceptance ?></p><?cs /if ?>
<?cs /if ?>
<?cs if:Fee.invalid ?><div class="error-summary" role="alert"><p><?cs var:Lang.payment.invalid_quantity ?></p></div><?cs /if ?>
<?cs if:Problems.count == 0 && !Fee.invalid ?>
<?cs if:Fee.due == "submission" ?>
<?cs call:send_form("/forms/", Lang.payment.pay_text, "", "") ?>
<?cs else ?>
<?cs call:send_form("/forms/", Lang.form.sign_text, "", "") ?>
<?cs /if ?>
<?cs /if ?>
<?cs call:delete_form() ?>
<?cs call:page_end() ?>
