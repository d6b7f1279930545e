<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.login.acting_title) ?>
<h1><?cs var:Lang.login.acting_title ?></h1>
<form method="post" action="/login/acting">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="return" value="<?cs var:Login.return ?>">
<fieldset>
<legend><?cs var:Lang.login.acting_legend ?></legend>
<div class="field"><input type="radio" id="org-self" name="org" value="self"<?cs if:!Session.acting ?> checked<?cs /if ?>>
<label for="org-self"><?cs var:Lang.login.acting_self ?> (<?cs var:Session.name ?>)</label></div>
<?cs each:o = Orgs ?><div class="field"><input type="radio" id="org-<?cs var:o.id ?>" name="org" value="<?cs var:o.id ?>"<?cs if:o.current ?> checked<?cs /if ?>>
<label for="org-<?cs var:o.id ?>"><?cs var:o.name ?> (<?cs var:Lang.login.bce ?> <?cs var:o.bce ?>)</label></div>
<?cs /each ?><?cs each:m = Mandates ?><div class="field"><input type="radio" id="mandate-<?cs var:m.id ?>" name="org" value="m<?cs var:m.id ?>"<?cs if:m.current ?> checked<?cs /if ?>>
<label for="mandate-<?cs var:m.id ?>"><?cs var:m.name ?> (<?cs var:Lang.login.bce ?> <?cs var:m.bce ?>), <?cs var:Lang.orgs.through_mandate ?><?cs if:m.via ?> <?cs var:Lang.orgs.of ?> <?cs var:m.via ?><?cs /if ?></label></div>
<?cs /each ?></fieldset>
<p><a href="/org/represent"><?cs var:Lang.orgs.represent_link ?></a></p>
<button type="submit"><?cs var:Lang.login.acting_submit ?></button>
</form>
<?cs call:page_end() ?>
