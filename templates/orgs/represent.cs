<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(Lang.orgs.represent_title) ?>
<h1><?cs var:Lang.orgs.represent_title ?></h1>
<?cs call:error_summary() ?>
<p><?cs var:Lang.orgs.represent_intro ?></p>
<form method="post" action="/org/represent" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs call:org_input("bce", Lang.orgs.bce, "text", Lang.orgs.bce_hint, "number", 1) ?>
<button type="submit"><?cs var:Lang.orgs.check ?></button>
</form>
<?cs call:page_end() ?>
