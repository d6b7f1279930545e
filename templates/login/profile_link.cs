<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.account.link_title) ?>
<h1><?cs var:Lang.account.link_title ?></h1>
<?cs if:Profile.confirm ?>
<p><?cs var:Lang.account.link_intro ?></p>
<form method="post" action="/account/email/confirm">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="token" value="<?cs var:Profile.token ?>">
<button type="submit"><?cs var:Lang.account.link_button ?></button>
</form>
<?cs else ?>
<p role="alert"><?cs var:Lang.account.link_spent ?></p>
<p><a href="/account"><?cs var:Lang.account.link_again ?></a></p>
<?cs /if ?>
<?cs call:page_end() ?>
