<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(Lang.orgs.email_title) ?>
<h1><?cs var:Lang.orgs.email_title ?></h1>
<?cs call:error_summary() ?>
<?cs if:Email.sent ?><p class="notice" role="status"><?cs var:Lang.orgs.email_sent ?> <strong><?cs var:Email.sent ?></strong>.</p><?cs /if ?>
<p><?cs var:Lang.orgs.email_intro ?> <strong><?cs var:Org.name ?></strong>.</p>
<?cs if:Org.pro_email ?><p><?cs var:Lang.orgs.email_current ?> <strong><?cs var:Org.pro_email ?></strong></p><?cs /if ?>
<form method="post" action="/org/email" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="return" value="<?cs var:Email.return ?>">
<?cs call:org_input("email", Lang.orgs.pro_email, "email", Email.hint, "email", 1) ?>
<button type="submit"><?cs var:Lang.orgs.email_send ?></button>
</form>
<?cs call:page_end() ?>
