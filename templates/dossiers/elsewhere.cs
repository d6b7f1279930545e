<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.dossiers.elsewhere_title) ?>
<h1><?cs var:Lang.dossiers.elsewhere_title ?></h1>
<p><?cs var:Lang.dossiers.elsewhere_text ?> <strong class="reference"><?cs var:Elsewhere.reference ?></strong>
<?cs if:Elsewhere.org == "self" ?><?cs var:Lang.dossiers.elsewhere_self ?><?cs else ?><?cs var:Lang.dossiers.elsewhere_org ?> <strong><?cs var:Elsewhere.name ?></strong>.<?cs /if ?></p>
<p><?cs if:Session.acting ?><?cs var:Lang.dossiers.elsewhere_now_org ?> <strong><?cs var:Session.acting ?></strong>.<?cs else ?><?cs var:Lang.dossiers.elsewhere_now_self ?><?cs /if ?></p>
<form method="post" action="/login/acting">
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<input type="hidden" name="org" value="<?cs var:Elsewhere.org ?>">
<input type="hidden" name="return" value="/dossiers/<?cs var:Elsewhere.reference ?>">
<button type="submit"><?cs if:Elsewhere.org == "self" ?><?cs var:Lang.dossiers.elsewhere_switch_self ?><?cs else ?><?cs var:Lang.dossiers.elsewhere_switch_org ?> <?cs var:Elsewhere.name ?><?cs /if ?></button>
</form>
<p><a href="/dossiers"><?cs var:Lang.dossiers.elsewhere_back ?></a></p>
<?cs call:page_end() ?>
