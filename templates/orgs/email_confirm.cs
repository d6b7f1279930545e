<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.orgs.email_title) ?>
<h1><?cs var:Lang.orgs.email_title ?></h1>
<p><?cs var:Lang.orgs.email_confirm_intro ?></p>
<form method="post" action="/org/email/confirm">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="token" value="<?cs var:Email.token ?>">
<input type="hidden" name="return" value="<?cs var:Email.return ?>">
<button type="submit"><?cs var:Lang.orgs.email_confirm_button ?></button>
</form>
<?cs call:page_end() ?>
