<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.login.conflict_title) ?>
<h1><?cs var:Lang.login.conflict_title ?></h1>
<p><?cs var:Lang.login.conflict_text ?> <strong><?cs var:Session.name ?></strong>.</p>
<p><?cs var:Lang.login.conflict_then ?></p>
<form method="post" action="/logout">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="return" value="<?cs var:Login.return ?>">
<button type="submit"><?cs var:Lang.login.conflict_logout ?></button>
</form>
<?cs call:page_end() ?>
